// Finding damage before writing to a database, and naming the damaged file
// when Xapian meets it mid-run. A run that finds damage stops with 74
// (storage/error.h) and writes nothing: adding to a damaged database hides
// the damage until a reader trips on it.
#pragma once

#include "storage/error.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace newsindex::storage {

// Checks the B-tree of the tables of the glass databases `shards` of the
// database directory `database` (Xapian::Database::check on each table
// file), smallest first, and returns a sentence naming the first damaged
// file and what is wrong with it, or nullopt. A check reads every block of
// its table (seconds on a generation of a few hundred MB: doc/storage.md,
// section 6), so only tables whose size or modification time
// differ from what record_checked() last wrote are checked: those changed
// by something other than newsindex, or by a run that did not finish
// (every table unless `changed_only`).
std::optional<std::string> find_damage(const std::filesystem::path& database,
                                       const std::vector<std::filesystem::path>& shards,
                                       bool changed_only);

// Records the size and modification time of every table of `shards`, as
// known good (schema::kCheckedFile in `database`): after a check found no
// damage, and after a run's last commit. Never throws: a record lost only
// costs the next run a check.
void record_checked(const std::filesystem::path& database,
                    const std::vector<std::filesystem::path>& shards);

// The StorageError(kIoError) for the database at `path`, damaged as `what`
// says: what to do about it.
StorageError damaged_database(const std::string& path, const std::string& what);

}  // namespace newsindex::storage
