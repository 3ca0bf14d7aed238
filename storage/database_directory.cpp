#include "storage/database_directory.h"

#include "schema/database_format.h"
#include "schema/database_layout.h"
#include "storage/error.h"
#include "storage/interruption.h"

#include <fmt/format.h>
#include <xapian.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <system_error>
#include <vector>

namespace newsindex::storage {

namespace fs = std::filesystem;
using schema::kGenerationPrefix;
using schema::kGlassVersionFile;
using schema::kMarkerFile;
using schema::kRecentPrefix;
using schema::kShardListFile;

namespace {

// Whether `name` is a file of a plain glass database but its version file:
// removed once a generation replaced it.
bool plain_database_file(const std::string& name) {
    return name == schema::kGlassLockFile ||
           std::find(std::begin(schema::kGlassTables), std::end(schema::kGlassTables), name) !=
               std::end(schema::kGlassTables);
}

[[noreturn]] void fail(const std::string& what, const fs::path& path) {
    throw fs::filesystem_error(what, path, std::error_code(errno, std::generic_category()));
}

// fsync of a file or directory: what makes a rename or a file's contents
// survive a crash of the machine.
void sync_path(const fs::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) fail("cannot open to sync", path);
    int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) fail("cannot sync", path);
}

void sync_tree(const fs::path& directory) {
    for (const fs::directory_entry& entry : fs::directory_iterator(directory)) {
        if (entry.is_regular_file()) sync_path(entry.path());
    }
    sync_path(directory);
}

// Writes `text` to `temporary`, durably, and renames it to `file`.
void replace_file(const fs::path& temporary, const fs::path& file, const std::string& text) {
    {
        std::ofstream out(temporary, std::ios::trunc);
        out << text;
        out.flush();
        if (!out) {
            int reason = errno;
            std::error_code ignored;
            fs::remove(temporary, ignored);  // a new directory stays empty
            errno = reason;
            fail("cannot write", temporary);
        }
    }
    sync_path(temporary);
    fs::rename(temporary, file);
    sync_path(file.parent_path());
}

unsigned generation_number(const std::string& name) {
    return schema::shard_number(name, kGenerationPrefix).value_or(0);
}

// The shard names, for a message: "gen-000002+recent-000002".
std::string joined(const std::vector<std::string>& shards) {
    return to_text(Generations{0, shards});
}

// Whether `shard` is a glass database of our schema version.
bool opens_as_ours(const fs::path& shard) {
    try {
        Xapian::Database db(shard.string());
        schema::check_schema(db, shard.string());
        return true;
    } catch (const Xapian::Error&) {
    } catch (const schema::SchemaError&) {
    }
    return false;
}

// The shard list copied in the marker (after its heading line).
std::optional<std::vector<std::string>> list_in_marker(const fs::path& marker) {
    std::ifstream in(marker);
    std::string heading, rest, line;
    if (!std::getline(in, heading) || heading != schema::kMarkerHeading) return std::nullopt;
    while (std::getline(in, line)) rest += line + "\n";
    return schema::parse_shard_list(rest);
}

}  // namespace

DatabaseState DatabaseDirectory::state() const {
    std::error_code ec;
    if (!fs::exists(path_, ec)) return Empty{};
    if (!fs::is_directory(path_, ec)) return Foreign{Foreign::Kind::kNotADirectory};
    if (fs::exists(path_ / kGlassVersionFile, ec)) return Plain{};
    const fs::path list = path_ / kShardListFile;
    if (fs::exists(list, ec)) {
        std::optional<std::vector<std::string>> listed = schema::read_shard_list(list);
        if (!listed) {
            if (!marked() && !has_generation_directory()) {
                return Foreign{Foreign::Kind::kOtherShardList};
            }
            return LostList{.unreadable = true};
        }
        Generations generations{generation_number(listed->front()), *listed};
        for (const std::string& shard : *listed) {
            if (!fs::exists(path_ / shard / kGlassVersionFile, ec)) {
                return MissingShard{generations, shard};
            }
        }
        return generations;
    }
    if (has_generation_directory()) return LostList{.unreadable = false};
    if (marked() || empty_but_for_a_marker_being_written()) return Empty{};
    return Foreign{Foreign::Kind::kOtherFiles};
}

std::vector<std::string> DatabaseDirectory::shards() const {
    DatabaseState now = state();
    if (const auto* generations = std::get_if<Generations>(&now)) return generations->shards;
    if (const auto* missing = std::get_if<MissingShard>(&now)) return missing->listed.shards;
    return {};
}

bool DatabaseDirectory::has_generations() const { return !shards().empty(); }

fs::path DatabaseDirectory::current() const {
    std::vector<std::string> listed = shards();
    return listed.empty() ? path_ : path_ / listed.front();
}

std::vector<fs::path> DatabaseDirectory::shards_in_use() const {
    std::vector<std::string> listed = shards();
    if (listed.empty()) return {path_};
    std::vector<fs::path> out;
    for (const std::string& shard : listed) out.push_back(path_ / shard);
    return out;
}

std::optional<fs::path> DatabaseDirectory::recent() const {
    std::vector<std::string> listed = shards();
    if (listed.size() < 2) return std::nullopt;
    return path_ / listed[1];
}

fs::path DatabaseDirectory::next_generation() const {
    std::vector<std::string> listed = shards();
    return path_ / schema::generation_name(
                       (listed.empty() ? 0 : generation_number(listed.front())) + 1);
}

fs::path DatabaseDirectory::next_recent() const {
    return path_ / schema::recent_name(generation_number(current().filename().string()));
}

bool DatabaseDirectory::marked() const {
    std::error_code ec;
    return fs::exists(path_ / kMarkerFile, ec);
}

void DatabaseDirectory::mark() const {
    fs::create_directories(path_);
    try {
        replace_file(path_ / schema::kMarkerTemporary, path_ / kMarkerFile,
                     fmt::format("{}\n{}", schema::kMarkerHeading,
                                 schema::shard_list_text(shards())));
    } catch (const fs::filesystem_error& error) {
        // Two runs that meet a new database both mark it before either holds
        // the lock, writing the same text: the one whose temporary file the
        // other renamed first finds the directory marked, as it wanted.
        if (error.code() != std::errc::no_such_file_or_directory || !marked()) throw;
    }
}

void DatabaseDirectory::write_shard_list(const std::vector<std::string>& shards) const {
    // The marker's copy first: a run killed in between leaves a list that
    // repair would also have written.
    replace_file(path_ / schema::kMarkerTemporary, path_ / kMarkerFile,
                 fmt::format("{}\n{}", schema::kMarkerHeading, schema::shard_list_text(shards)));
    pause_point("shard-list");
    replace_file(path_ / schema::kShardListTemporary, path_ / kShardListFile,
                 schema::shard_list_text(shards));
}

void DatabaseDirectory::publish(const fs::path& generation) const {
    sync_tree(generation);
    write_shard_list({generation.filename().string()});
    pause_point("published");
    // A plain database stays the one in use while its version file exists.
    if (fs::remove(path_ / kGlassVersionFile)) sync_path(path_);
}

void DatabaseDirectory::publish_recent(const fs::path& shard) const {
    sync_tree(shard);
    write_shard_list({current().filename().string(), shard.filename().string()});
}

bool DatabaseDirectory::has_generation_directory() const {
    std::error_code ec;
    for (fs::directory_iterator it(path_, ec), end; !ec && it != end; it.increment(ec)) {
        if (generation_number(it->path().filename().string()) > 0) return true;
    }
    return false;
}

bool DatabaseDirectory::empty_but_for_a_marker_being_written() const {
    // Another run creating the database at this moment may have written the
    // marker's temporary file, not yet the marker.
    std::error_code ec;
    for (fs::directory_iterator it(path_, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->path().filename() != schema::kMarkerTemporary) return false;
    }
    return !ec;
}

bool DatabaseDirectory::check_for_writing() const {
    DatabaseState now = state();
    refuse_writing(now);
    return std::holds_alternative<Empty>(now);
}

void DatabaseDirectory::refuse_writing(const DatabaseState& state) const {
    const std::string path = path_.string();
    const fs::path list = path_ / kShardListFile;
    if (const auto* foreign = std::get_if<Foreign>(&state)) {
        switch (foreign->kind) {
            case Foreign::Kind::kNotADirectory:
                throw StorageError(fmt::format("{} is not a directory: a newsindex database is a "
                                               "directory of its own (give --db a new path)",
                                               path),
                                   exit_code::kCantCreate);
            case Foreign::Kind::kOtherShardList:
                throw StorageError(fmt::format("{} holds a Xapian shard list (XAPIANDB) newsindex "
                                               "did not write; it is not a newsindex database "
                                               "(give --db a new path)",
                                               path),
                                   exit_code::kCantCreate);
            case Foreign::Kind::kOtherFiles:
                throw StorageError(fmt::format("{} is a directory holding other files, not a "
                                               "newsindex database; newsindex creates a database "
                                               "only in a missing or empty directory (give --db "
                                               "a new path)",
                                               path),
                                   exit_code::kCantCreate);
        }
    }
    if (const auto* lost = std::get_if<LostList>(&state)) {
        if (lost->unreadable) {
            throw StorageError(fmt::format("database {} is damaged: its shard list {} cannot be "
                                           "read; nothing was written. Run newsindex --repair "
                                           "--db {} to rebuild it from the generations on disk",
                                           path, list.string(), path),
                               exit_code::kCantCreate);
        }
        throw StorageError(fmt::format("database {} has lost its shard list {} (its generations "
                                       "are there); nothing was written. Run newsindex --repair "
                                       "--db {} to rebuild it",
                                       path, list.string(), path),
                           exit_code::kCantCreate);
    }
    if (const auto* missing = std::get_if<MissingShard>(&state)) {
        throw StorageError(
            fmt::format("database {} is damaged: the shard {} its list names is "
                        "missing; nothing was written. Run newsindex --repair --db {} "
                        "to search what is left (versions held only by the missing "
                        "shard are lost: feed their captures again)",
                        path, (path_ / missing->shard).string(), path),
            exit_code::kIoError);
    }
}

std::string DatabaseDirectory::repair_shard_list() const {
    const std::string path = path_.string();
    std::error_code ec;
    if (fs::exists(path_ / kGlassVersionFile, ec)) {
        return fmt::format("{} is a single glass database: it has no shard list to repair", path);
    }
    auto all_ours = [&](const std::vector<std::string>& shards) {
        return std::all_of(shards.begin(), shards.end(),
                           [&](const std::string& shard) { return opens_as_ours(path_ / shard); });
    };
    std::optional<std::vector<std::string>> listed =
        schema::read_shard_list(path_ / kShardListFile);
    if (listed && all_ours(*listed)) {
        return fmt::format("the shard list of {} names {}, which open: nothing to repair", path,
                           joined(*listed));
    }
    std::vector<std::string> chosen;
    std::string source;
    if (auto copied = list_in_marker(path_ / kMarkerFile); copied && all_ours(*copied)) {
        chosen = *copied;
        source = fmt::format("from the copy in {}", (path_ / kMarkerFile).string());
    } else {
        std::vector<unsigned> generations;
        for (fs::directory_iterator it(path_, ec), end; !ec && it != end; it.increment(ec)) {
            if (unsigned number = generation_number(it->path().filename().string())) {
                generations.push_back(number);
            }
        }
        std::sort(generations.rbegin(), generations.rend());
        for (unsigned number : generations) {
            if (!opens_as_ours(path_ / schema::generation_name(number))) continue;
            chosen = {schema::generation_name(number)};
            if (opens_as_ours(path_ / schema::recent_name(number))) {
                chosen.push_back(schema::recent_name(number));
            }
            source = "from the newest generation on disk that opens";
            break;
        }
    }
    if (chosen.empty()) {
        throw StorageError(fmt::format("cannot repair {}: no generation on disk opens as a "
                                       "newsindex database of schema {}; rebuild it from your "
                                       "inputs in a new directory",
                                       path, schema::kSchemaVersion),
                           exit_code::kIoError);
    }
    try {
        write_shard_list(chosen);
    } catch (const fs::filesystem_error& error) {
        throw StorageError(fmt::format("cannot repair {}: {} ({})", path, error.path1().string(),
                                       error.code().message()),
                           exit_code::kIoError);
    }
    return fmt::format("rebuilt the shard list of {} {}: {}", path, source, joined(chosen));
}

void DatabaseDirectory::remove_leftovers() const {
    // Only in a directory we made or adopted: anything else is the user's.
    if (!marked()) return;
    std::error_code ec;
    const DatabaseState now = state();
    // Shards are told leftovers only against a list that is whole: a lost
    // list or a missing shard is --repair's to settle.
    const bool plain = std::holds_alternative<Plain>(now);
    const Generations* generations = std::get_if<Generations>(&now);
    auto used = [&](const std::string& name) {
        return generations && std::find(generations->shards.begin(), generations->shards.end(),
                                        name) != generations->shards.end();
    };
    fs::remove_all(staging(), ec);
    fs::remove(path_ / schema::kShardListTemporary, ec);
    fs::remove(path_ / schema::kMarkerTemporary, ec);
    fs::remove(path_ / schema::kCheckedTemporary, ec);
    if (plain) fs::remove(path_ / kShardListFile, ec);
    std::vector<fs::path> unused;
    for (fs::directory_iterator it(path_, ec), end; !ec && it != end; it.increment(ec)) {
        std::string name = it->path().filename().string();
        bool shard = schema::shard_number(name, kGenerationPrefix) ||
                     schema::shard_number(name, kRecentPrefix);
        if (shard && !used(name) && (plain || generations)) {
            unused.push_back(it->path());
        } else if (generations && plain_database_file(name)) {
            // The files of a plain database a generation replaced.
            unused.push_back(it->path());
        }
    }
    for (const fs::path& path : unused) fs::remove_all(path, ec);
}

}  // namespace newsindex::storage
