// The database as a whole: its schema version, its default language, and
// where it lives.
#pragma once

#include <xapian.h>

#include <optional>
#include <stdexcept>
#include <string>

namespace newsindex::schema {

// Bump whenever a prefix, slot, stored field or the id scheme changes
// meaning. Databases of another version are refused, not misread.
inline constexpr int kSchemaVersion = 9;

// User-metadata keys.
inline constexpr const char* kMetaSchemaVersion = "newsindex.schema_version";
// The language unlabelled records were stemmed in, and the default stemming
// language of queries (ISO 639-1, e.g. "en").
inline constexpr const char* kMetaLanguage = "newsindex.language";
// In a recent shard only (storage/database_directory.h): the revisions its
// last commit made to versions of its generation, which the generation
// commits just after; the next writer completes them if a run was killed
// in between (storage/generation_revisions.h).
inline constexpr const char* kMetaGenerationRevisions = "newsindex.generation_revisions";
// In the plain database or the generation only, never a recent shard: one
// key per input, this prefix and a digest of the input's identity (its
// canonical path); the value is where the last completed run stopped
// reading it (storage/input_cursors.h).
inline constexpr const char* kMetaInputCursorPrefix = "newsindex.cursor.";

inline constexpr const char* kDefaultLanguage = "en";

// Environment variable naming the database when no --db flag is given.
inline constexpr const char* kDatabaseEnv = "NEWSINDEX_DB";

class SchemaError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Throws SchemaError (message names `path`, the version found and the
// version expected) unless `db` was written with kSchemaVersion. An empty
// database without the key is accepted only when `allow_empty`.
void check_schema(const Xapian::Database& db, const std::string& path,
                  bool allow_empty = false);

// Records kSchemaVersion and, if none is recorded yet, `language`.
void stamp_schema(Xapian::WritableDatabase& db, const std::string& language);

// The database's default language (kDefaultLanguage if unrecorded).
std::string database_language(const Xapian::Database& db);

// The database path: `flag` if given, else $NEWSINDEX_DB, else
// $XDG_DATA_HOME/newsindex/db, else $HOME/.local/share/newsindex/db.
std::string resolve_database_path(const std::optional<std::string>& flag);

}  // namespace newsindex::schema
