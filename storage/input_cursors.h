// Where each input's reading stopped, kept in the database so that the next
// run reads only what is new (indexer/capture_reader.h: InputCursor).
//
// One Xapian user-metadata entry per input, in the database's primary shard
// (the plain database or the generation; never a recent shard): the key is
// schema::kMetaInputCursorPrefix and 32 hex digits of the XXH3-128 digest of
// the input's identity (metadata keys are limited to a few hundred bytes;
// identities are paths of any length); the value is the identity, a NUL
// byte, and the reader's state. The writer sets them in the same commit as
// the versions they cover (indexer/index_writer.h), so a run killed before
// that commit leaves the previous cursors and the next run reads again what
// it had read. Compaction copies user metadata, so a bulk load's new
// generation keeps them (its first source is the old generation).
#pragma once

#include <xapian.h>

#include <map>
#include <string>

namespace newsindex::storage {

// Identity -> state, as indexer::InputCursors.
using InputCursorStates = std::map<std::string, std::string>;

// The metadata key of `identity`'s cursor.
std::string input_cursor_key(const std::string& identity);

// Every cursor `db` holds (its first shard's: pass the primary shard).
// Throws Xapian::DatabaseCorruptError for a value without its separator.
InputCursorStates read_input_cursors(const Xapian::Database& db);

// Sets `identity`'s cursor to `state` in `db`'s pending changes; the
// caller commits.
void set_input_cursor(Xapian::WritableDatabase& db, const std::string& identity,
                      const std::string& state);

}  // namespace newsindex::storage
