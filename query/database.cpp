#include "query/database.h"

#include "schema/database_format.h"

#include <fmt/format.h>

#include <filesystem>
#include <string_view>

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
        throw QueryError(fmt::format("newsquery: database {} changed {} times while being read "
                                     "(a newsindex run is committing); try again",
                                     path_, kMaxAttempts),
                         kExitSoftware);
    }
    throw QueryError(fmt::format("newsquery: {}: {}", path_, e.get_description()),
                     kExitSoftware);
}

}  // namespace newsindex::query
