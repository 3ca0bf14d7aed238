// Opening the database for writing: the only way a writer takes the lock.
#pragma once

#include "storage/error.h"
#include "storage/write_failure.h"

#include <xapian.h>

#include <optional>
#include <string>

namespace newsindex::storage {

// Opens (creating it and its parent directories if needed) the database at
// `path` for writing — in the generations layout, the current generation
// (database_directory.h) — checks that it is a newsindex database of our
// schema version (or empty), and records the schema version and — for a new
// database — `language`. A path DatabaseDirectory::check_for_writing
// refuses is refused before anything is written; a new database directory
// is marked first, an existing database on its first write
// (DatabaseDirectory::mark). A database another process is writing is
// waited for, retrying every 200 ms, for up to `wait_seconds`; without it,
// or when it expires, StorageError(kLocked). Other failures: StorageError
// with kCantCreate, kWrongSchema or kIoError.
Xapian::WritableDatabase open_for_writing(const std::string& path, const std::string& language,
                                          std::optional<double> wait_seconds);

}  // namespace newsindex::storage
