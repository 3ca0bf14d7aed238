// newsindex --repair: makes a database that a lost file or a failed run
// left unusable usable again, and says what it did.
#pragma once

#include "indexer/index_writer.h"

#include <string>
#include <vector>

namespace newsindex::indexer {

// Rebuilds the shard list of the database at `options.database` if it is
// missing, unreadable or names a shard that is gone
// (storage::DatabaseDirectory::repair_shard_list), then opens it as a run does:
// taking the lock, refusing damage, completing a half-committed batch.
// Returns one line per thing done or found. Throws IndexError: kCantCreate
// only when nothing exists at the path; kIoError when it is damaged beyond
// what this can do, and for an empty directory or one holding only the
// marker (no shard to rebuild the list from); kLocked as a run would.
std::vector<std::string> repair_database(const WriterOptions& options);

}  // namespace newsindex::indexer
