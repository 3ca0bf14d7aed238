// Opening the database for reading: the reader's view of the layout
// (doc/storage.md, section 4). A reader takes no lock and never uses
// Xapian's reopen(), which would keep a generation a bulk load has replaced
// and miss a recent shard created since: each opening reads the state
// afresh (DatabaseDirectory::state) and opens the shards XAPIANDB names
// itself, and takes them for one state only if the recent shard is not
// ahead of the generation (half_committed, generation_revisions.h).
#pragma once

#include "storage/error.h"

#include <xapian.h>

#include <chrono>
#include <filesystem>
#include <optional>

namespace newsindex::storage {

// One attempt at opening the database at `path`: the plain database, or the
// shards XAPIANDB names as one database. nullopt when what it opened is not
// one state (a batch half committed, the list replaced or the plain
// database published over while opening): try again. Throws
// StorageError(kNoInput) when there is no database at `path`,
// StorageError(kIoError) naming the file and what to do when the shard list
// is lost or a shard it names is missing or unreadable, and Xapian::Error
// for anything else (another program's database: its schema will say).
std::optional<Xapian::Database> open_for_reading_once(const std::filesystem::path& path);

// Opens the database at `path`, trying again (back_off) while what it opens
// is not one state, for up to `half_commit_budget`; then
// StorageError(kLocked): a batch stays half committed (the writer failed or
// was killed between its two commits), which newsindex --repair completes.
// Otherwise throws as open_for_reading_once.
Xapian::Database open_for_reading(const std::filesystem::path& path,
                                  std::chrono::milliseconds half_commit_budget);

// The pause before attempt `attempt` + 1 of something a writer is changing:
// 10 ms, 20 ms, 40 ms, ... up to half a second, and never past `deadline`.
void back_off(int attempt, std::chrono::steady_clock::time_point deadline);

}  // namespace newsindex::storage
