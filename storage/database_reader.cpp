#include "storage/database_reader.h"

#include "schema/database_layout.h"
#include "storage/database_directory.h"
#include "storage/generation_revisions.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <thread>
#include <variant>
#include <vector>

namespace newsindex::storage {

namespace {

namespace fs = std::filesystem;

StorageError no_database(const fs::path& path) {
    return StorageError(fmt::format("no database at {} (create one with newsindex, or set --db / "
                                    "NEWSINDEX_DB)",
                                    path.string()),
                        exit_code::kNoInput);
}

StorageError damaged(const fs::path& path, const std::string& what, const std::string& remedy) {
    return StorageError(fmt::format("database {} is damaged: {}; {}", path.string(), what, remedy),
                        exit_code::kIoError);
}

// The shards `listed` names, each opened; nullopt if one does not open
// because a bulk load replaced the list meanwhile.
std::optional<std::vector<Xapian::Database>> open_shards(const fs::path& path,
                                                         const Generations& listed) {
    const fs::path list = path / schema::kShardListFile;
    std::vector<Xapian::Database> shards;
    for (const std::string& name : listed.shards) {
        try {
            shards.emplace_back((path / name).string());
        } catch (const Xapian::DatabaseOpeningError&) {
            // Replaced by a bulk load since we read the list: read it again.
            if (schema::read_shard_list(list) != listed.shards) return std::nullopt;
            const bool recent = schema::shard_number(name, schema::kRecentPrefix).has_value();
            throw damaged(
                path,
                fmt::format("the shard {} its list names is missing or unreadable",
                            (path / name).string()),
                recent ? fmt::format("run newsindex --repair --db {} to search its generation "
                                     "alone (the versions added since the last bulk load are "
                                     "lost: feed their captures again)",
                                     path.string())
                       : "restore it from a backup, or build it again from your inputs in a new "
                         "directory");
        }
    }
    return shards;
}

}  // namespace

std::optional<Xapian::Database> open_for_reading_once(const fs::path& path) {
    const DatabaseDirectory directory(path);
    const DatabaseState state = directory.state();
    if (std::holds_alternative<Plain>(state)) {
        try {
            return Xapian::Database(path.string());
        } catch (const Xapian::DatabaseOpeningError&) {
            // A bulk load replacing the plain database as we opened it, or damage.
            if (!std::holds_alternative<Plain>(directory.state())) return std::nullopt;
            throw;
        }
    }
    if (const auto* lost = std::get_if<LostList>(&state)) {
        const fs::path list = path / schema::kShardListFile;
        throw damaged(path,
                      fmt::format("its shard list {} {}", list.string(),
                                  lost->unreadable ? "cannot be read" : "is missing"),
                      fmt::format("run newsindex --repair --db {} to rebuild it from the "
                                  "generations on disk",
                                  path.string()));
    }
    if (const auto* foreign = std::get_if<Foreign>(&state);
        foreign && foreign->kind == Foreign::Kind::kOtherShardList) {
        try {
            return Xapian::Database(path.string());  // another program's: its schema will say
        } catch (const Xapian::DatabaseOpeningError&) {
            throw no_database(path);
        }
    }
    const Generations* listed = std::get_if<Generations>(&state);
    if (const auto* missing = std::get_if<MissingShard>(&state)) listed = &missing->listed;
    // An empty directory, a stray file: no database to the user.
    if (!listed) throw no_database(path);
    std::optional<std::vector<Xapian::Database>> shards = open_shards(path, *listed);
    if (!shards) return std::nullopt;
    if (shards->size() > 1 && half_committed(shards->front(), shards->back())) {
        return std::nullopt;
    }
    Xapian::Database combined;
    for (const Xapian::Database& shard : *shards) combined.add_database(shard);
    return combined;
}

Xapian::Database open_for_reading(const fs::path& path,
                                  std::chrono::milliseconds half_commit_budget) {
    const auto deadline = std::chrono::steady_clock::now() + half_commit_budget;
    for (int attempt = 1;; ++attempt) {
        try {
            if (std::optional<Xapian::Database> db = open_for_reading_once(path)) return *db;
        } catch (const Xapian::DatabaseModifiedError&) {
            // Changed while we read its metadata: open again.
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            throw StorageError(
                fmt::format("database {} holds a batch committed to its recent shard but not to "
                            "its generation for {} s (the newsindex run writing it failed or was "
                            "killed between the two); run newsindex --repair --db {} to "
                            "complete it",
                            path.string(),
                            std::chrono::duration<double>(half_commit_budget).count(),
                            path.string()),
                exit_code::kLocked);
        }
        back_off(attempt, deadline);
    }
}

void back_off(int attempt, std::chrono::steady_clock::time_point deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    auto pause = std::chrono::milliseconds(10) * (1 << std::min(attempt - 1, 6));
    std::this_thread::sleep_for(std::max(std::chrono::milliseconds(0),
                                         std::min({pause, std::chrono::milliseconds(500), left})));
}

}  // namespace newsindex::storage
