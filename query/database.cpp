#include "query/database.h"

#include "schema/database_format.h"
#include "storage/database_damage.h"
#include "storage/database_directory.h"
#include "storage/database_reader.h"

#include <fmt/format.h>

#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

namespace newsindex::query {

namespace {

namespace fs = std::filesystem;

// The storage library's failure, said by newsquery, with the same exit code
// (kExitNoDatabase, kExitDamaged, kExitHalfCommitted).
QueryError said_by_newsquery(const storage::StorageError& error) {
    return QueryError(fmt::format("newsquery: {}", error.what()), error.exit_code());
}

}  // namespace

NewsDatabase::NewsDatabase(std::string path, std::chrono::milliseconds half_commit_budget)
    : path_(std::move(path)), half_commit_budget_(half_commit_budget) {
    reopen();
    try {
        schema::check_schema(db_, path_);
        language_ = schema::database_language(db_);
    } catch (const schema::SchemaError& e) {
        throw QueryError(fmt::format("newsquery: {}", e.what()), kExitWrongSchema);
    } catch (const Xapian::Error& e) {
        fail(e);
    }
}

void NewsDatabase::reopen() {
    try {
        db_ = storage::open_for_reading(path_, half_commit_budget_);
    } catch (const storage::StorageError& e) {
        throw said_by_newsquery(e);
    } catch (const Xapian::Error& e) {
        fail(e);
    }
}

void NewsDatabase::before_retry(const Xapian::Error& error, int attempt,
                                std::chrono::steady_clock::time_point deadline) {
    if (std::chrono::steady_clock::now() >= deadline) fail(error);
    // A reader that keeps losing the race lets the writer get ahead (or
    // finish) before it starts again.
    storage::back_off(attempt, deadline);
    reopen();
}

void NewsDatabase::fail(const Xapian::Error& e) const {
    const std::string_view type = e.get_type();
    if (type == "DatabaseCorruptError" ||
        (type == "DatabaseError" && e.get_msg().find("read") != std::string::npos)) {
        // A block that cannot be read, or reads as nonsense: name the table.
        const fs::path directory(path_);
        std::optional<std::string> found = storage::find_damage(
            directory, storage::DatabaseDirectory(directory).shards_in_use(),
            /*changed_only=*/false);
        throw QueryError(
            fmt::format("newsquery: database {} is damaged: {}; restore it from a backup, or "
                        "build it again from your inputs in a new directory",
                        path_,
                        found.value_or(fmt::format("Xapian could not read it ({})", e.get_msg()))),
            kExitDamaged);
    }
    if (type == "DatabaseModifiedError") {
        // with_retry gave up: say what happened, not Xapian's words.
        throw QueryError(fmt::format("newsquery: database {} kept changing while being read for "
                                     "{} s (a newsindex run is committing); try again",
                                     path_, std::chrono::duration<double>(retry_budget_).count()),
                         kExitSoftware);
    }
    throw QueryError(fmt::format("newsquery: {}: {}", path_, e.get_description()),
                     kExitSoftware);
}

}  // namespace newsindex::query
