#include "query/database.h"

#include "schema/database_format.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <string_view>
#include <thread>

namespace newsindex::query {

namespace {

QueryError no_database(const std::string& path) {
    return QueryError(fmt::format("newsquery: no database at {} (create one with newsindex, "
                                  "or set --db / NEWSINDEX_DB)",
                                  path),
                      kExitNoDatabase);
}

}  // namespace

NewsDatabase::NewsDatabase(std::string path) : path_(std::move(path)) {
    std::error_code ec;
    if (!std::filesystem::exists(path_, ec)) throw no_database(path_);
    try {
        db_ = Xapian::Database(path_);
        schema::check_schema(db_, path_);
        language_ = schema::database_language(db_);
    } catch (const Xapian::DatabaseOpeningError&) {
        // A path that exists but holds no Xapian database (an empty
        // directory, a stray file) is "no database" to the user too.
        throw no_database(path_);
    } catch (const schema::SchemaError& e) {
        throw QueryError(fmt::format("newsquery: {}", e.what()), kExitWrongSchema);
    } catch (const Xapian::Error& e) {
        fail(e);
    }
}

void NewsDatabase::before_retry(const Xapian::DatabaseModifiedError& error, int attempt,
                                std::chrono::steady_clock::time_point deadline) {
    auto now = std::chrono::steady_clock::now();
    if (now >= deadline) fail(error);
    // 10 ms, 20 ms, 40 ms, ... up to half a second: a reader that keeps
    // losing the race lets the writer get ahead (or finish) before it
    // starts again.
    auto pause = std::chrono::milliseconds(10) * (1 << std::min(attempt - 1, 6));
    pause = std::min({pause, std::chrono::milliseconds(500),
                      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now)});
    std::this_thread::sleep_for(pause);
    reopen();
}

void NewsDatabase::reopen() {
    try {
        db_.reopen();
    } catch (const Xapian::Error& e) {
        fail(e);
    }
}

void NewsDatabase::fail(const Xapian::Error& e) const {
    if (std::string_view(e.get_type()) == "DatabaseModifiedError") {
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
