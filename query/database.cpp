#include "query/database.h"

#include "indexer/database_damage.h"
#include "schema/database_format.h"
#include "schema/database_layout.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <optional>
#include <string_view>
#include <thread>
#include <vector>

namespace newsindex::query {

namespace {

namespace fs = std::filesystem;

QueryError no_database(const std::string& path) {
    return QueryError(fmt::format("newsquery: no database at {} (create one with newsindex, "
                                  "or set --db / NEWSINDEX_DB)",
                                  path),
                      kExitNoDatabase);
}

QueryError damaged(const std::string& path, const std::string& what, const std::string& remedy) {
    return QueryError(fmt::format("newsquery: database {} is damaged: {}; {}", path, what, remedy),
                      kExitDamaged);
}

// Whether `directory` holds a generation: a database of generations,
// whatever else is missing.
bool has_generations(const fs::path& directory) {
    std::error_code ec;
    for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
        if (schema::shard_number(it->path().filename().string(), schema::kGenerationPrefix)) {
            return true;
        }
    }
    return false;
}

// The generation revision a recent shard was last written ahead of
// (schema::kMetaGenerationBase), if any.
std::optional<Xapian::rev> generation_base(const Xapian::Database& recent) {
    std::string value = recent.get_metadata(schema::kMetaGenerationBase);
    Xapian::rev base = 0;
    auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), base);
    if (value.empty() || error != std::errc() || end != value.data() + value.size()) {
        return std::nullopt;
    }
    return base;
}

// 10 ms, 20 ms, 40 ms, ... up to half a second, and never past `deadline`.
void pause_before(int attempt, std::chrono::steady_clock::time_point deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    auto pause = std::chrono::milliseconds(10) * (1 << std::min(attempt - 1, 6));
    std::this_thread::sleep_for(std::max(std::chrono::milliseconds(0),
                                         std::min({pause, std::chrono::milliseconds(500), left})));
}

}  // namespace

NewsDatabase::NewsDatabase(std::string path, std::chrono::milliseconds half_commit_budget)
    : path_(std::move(path)), half_commit_budget_(half_commit_budget) {
    std::error_code ec;
    if (!fs::exists(path_, ec)) throw no_database(path_);
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

bool NewsDatabase::open_once() {
    const fs::path directory(path_);
    std::error_code ec;
    if (fs::exists(directory / schema::kGlassVersionFile, ec)) {
        try {
            db_ = Xapian::Database(path_);
            return true;
        } catch (const Xapian::DatabaseOpeningError&) {
            // A bulk load replacing the plain database as we opened it, or damage.
            if (!fs::exists(directory / schema::kGlassVersionFile, ec)) return false;
            throw;
        }
    }
    const fs::path list = directory / schema::kShardListFile;
    const std::optional<std::vector<std::string>> listed = schema::read_shard_list(list);
    if (!listed) {
        const std::string repair = fmt::format(
            "run newsindex --repair --db {} to rebuild it from the generations on disk", path_);
        if (!fs::exists(list, ec)) {
            if (has_generations(directory)) {
                throw damaged(path_, fmt::format("its shard list {} is missing", list.string()),
                              repair);
            }
            // An empty directory, a stray file: no database to the user.
            throw no_database(path_);
        }
        if (has_generations(directory)) {
            throw damaged(path_, fmt::format("its shard list {} cannot be read", list.string()),
                          repair);
        }
        try {
            db_ = Xapian::Database(path_);  // some other Xapian database: its schema will say
            return true;
        } catch (const Xapian::DatabaseOpeningError&) {
            throw no_database(path_);
        }
    }
    std::vector<Xapian::Database> shards;
    for (const std::string& name : *listed) {
        try {
            shards.emplace_back((directory / name).string());
        } catch (const Xapian::DatabaseOpeningError&) {
            // Replaced by a bulk load since we read the list: read it again.
            if (schema::read_shard_list(list) != listed) return false;
            const bool recent = schema::shard_number(name, schema::kRecentPrefix).has_value();
            throw damaged(
                path_,
                fmt::format("the shard {} its list names is missing or unreadable",
                            (directory / name).string()),
                recent ? fmt::format("run newsindex --repair --db {} to search its generation "
                                     "alone (the versions added since the last bulk load are "
                                     "lost: feed their captures again)",
                                     path_)
                       : "restore it from a backup, or build it again from your inputs in a new "
                         "directory");
        }
    }
    if (shards.size() == 2) {
        std::optional<Xapian::rev> base = generation_base(shards[1]);
        if (base && shards[0].get_revision() <= *base) return false;  // a batch half committed
    }
    Xapian::Database combined;
    for (const Xapian::Database& shard : shards) combined.add_database(shard);
    db_ = combined;
    return true;
}

void NewsDatabase::reopen() {
    const auto deadline = std::chrono::steady_clock::now() + half_commit_budget_;
    for (int attempt = 1;; ++attempt) {
        try {
            if (open_once()) return;
        } catch (const Xapian::DatabaseModifiedError&) {
            // Changed while we read its metadata: open again.
        } catch (const Xapian::Error& e) {
            fail(e);
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            throw QueryError(
                fmt::format("newsquery: database {} holds a batch committed to its recent shard "
                            "but not to its generation for {} s (the newsindex run writing it "
                            "failed or was killed between the two); run newsindex --repair --db "
                            "{} to complete it",
                            path_, std::chrono::duration<double>(half_commit_budget_).count(),
                            path_),
                kExitHalfCommitted);
        }
        pause_before(attempt, deadline);
    }
}

void NewsDatabase::before_retry(const Xapian::Error& error, int attempt,
                                std::chrono::steady_clock::time_point deadline) {
    if (std::chrono::steady_clock::now() >= deadline) fail(error);
    // A reader that keeps losing the race lets the writer get ahead (or
    // finish) before it starts again.
    pause_before(attempt, deadline);
    reopen();
}

void NewsDatabase::fail(const Xapian::Error& e) const {
    const std::string_view type = e.get_type();
    if (type == "DatabaseCorruptError" ||
        (type == "DatabaseError" && e.get_msg().find("read") != std::string::npos)) {
        // A block that cannot be read, or reads as nonsense: name the table.
        const fs::path directory(path_);
        std::vector<fs::path> shards{directory};
        if (auto listed = schema::read_shard_list(directory / schema::kShardListFile);
            listed && !fs::exists(directory / schema::kGlassVersionFile)) {
            shards.clear();
            for (const std::string& name : *listed) shards.push_back(directory / name);
        }
        std::optional<std::string> found =
            indexer::find_damage(directory, shards, /*changed_only=*/false);
        throw damaged(path_,
                      found.value_or(fmt::format("Xapian could not read it ({})", e.get_msg())),
                      "restore it from a backup, or build it again from your inputs in a new "
                      "directory");
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
