#include "indexer/database_directory.h"

#include <fmt/format.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <sstream>
#include <system_error>
#include <vector>

namespace newsindex::indexer {

namespace fs = std::filesystem;

namespace {

constexpr const char* kShardList = "XAPIANDB";
constexpr const char* kShardListTemporary = "XAPIANDB.tmp";
constexpr const char* kGlassVersionFile = "iamglass";
constexpr const char* kGenerationPrefix = "gen-";
constexpr const char* kRecentPrefix = "recent-";

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

// "gen-000012" -> 12 (with `prefix` "gen-"); 0 for anything else.
unsigned long shard_number(const std::string& name, const std::string& prefix) {
    if (!name.starts_with(prefix)) return 0;
    try {
        return std::stoul(name.substr(prefix.size()));
    } catch (const std::exception&) {
        return 0;
    }
}

unsigned long generation_number(const std::string& name) {
    return shard_number(name, kGenerationPrefix);
}

// The shards Xapian's XAPIANDB file at `path` names, one line each
// ("glass gen-NNNNNN", then perhaps "glass recent-NNNNNN"); empty if none.
std::vector<std::string> shards_listed_in(const fs::path& path) {
    std::ifstream in(path);
    std::vector<std::string> shards;
    for (std::string backend, name; in >> backend >> name;) shards.push_back(name);
    return shards;
}

std::string joined(const std::vector<std::string>& shards) {
    std::string out;
    for (const std::string& shard : shards) out += (out.empty() ? "" : "+") + shard;
    return out;
}

}  // namespace

std::vector<std::string> DatabaseDirectory::shards() const {
    std::error_code ec;
    if (fs::exists(path_ / kGlassVersionFile, ec)) return {};
    return shards_listed_in(path_ / kShardList);
}

std::string DatabaseDirectory::state() const {
    std::error_code ec;
    if (fs::exists(path_ / kGlassVersionFile, ec)) return "plain";
    std::vector<std::string> listed = shards();
    return listed.empty() ? "none" : joined(listed);
}

bool DatabaseDirectory::has_generations() const { return !shards().empty(); }

fs::path DatabaseDirectory::current() const {
    std::vector<std::string> listed = shards();
    return listed.empty() ? path_ : path_ / listed.front();
}

std::optional<fs::path> DatabaseDirectory::recent() const {
    std::vector<std::string> listed = shards();
    if (listed.size() < 2) return std::nullopt;
    return path_ / listed[1];
}

fs::path DatabaseDirectory::next_generation() const {
    return path_ / fmt::format("{}{:06d}", kGenerationPrefix,
                               generation_number(current().filename().string()) + 1);
}

fs::path DatabaseDirectory::next_recent() const {
    return path_ / fmt::format("{}{:06d}", kRecentPrefix,
                               generation_number(current().filename().string()));
}

void DatabaseDirectory::write_shard_list(const std::vector<std::string>& shards) const {
    fs::path temporary = path_ / kShardListTemporary;
    {
        std::ofstream out(temporary, std::ios::trunc);
        for (const std::string& shard : shards) out << "glass " << shard << "\n";
        out.flush();
        if (!out) fail("cannot write", temporary);
    }
    sync_path(temporary);
    fs::rename(temporary, path_ / kShardList);
    sync_path(path_);
}

void DatabaseDirectory::publish(const fs::path& generation) const {
    sync_tree(generation);
    write_shard_list({generation.filename().string()});
    // A plain database stays the one in use while its version file exists.
    if (fs::remove(path_ / kGlassVersionFile)) sync_path(path_);
}

void DatabaseDirectory::publish_recent(const fs::path& shard) const {
    sync_tree(shard);
    write_shard_list({current().filename().string(), shard.filename().string()});
}

void DatabaseDirectory::remove_leftovers() const {
    std::error_code ec;
    const std::string now = state();
    const std::vector<std::string> in_use = shards();
    const bool generations = !in_use.empty();
    auto used = [&](const std::string& name) {
        return std::find(in_use.begin(), in_use.end(), name) != in_use.end();
    };
    fs::remove_all(staging(), ec);
    fs::remove(path_ / kShardListTemporary, ec);
    if (now == "plain") fs::remove(path_ / kShardList, ec);
    std::vector<fs::path> unused;
    for (fs::directory_iterator it(path_, ec), end; !ec && it != end; it.increment(ec)) {
        std::string name = it->path().filename().string();
        bool shard = generation_number(name) > 0 || shard_number(name, kRecentPrefix) > 0;
        if (shard && !used(name)) {
            unused.push_back(it->path());
        } else if (generations && it->path().extension() == ".glass") {
            // The tables of a plain database a generation replaced.
            unused.push_back(it->path());
        }
    }
    for (const fs::path& path : unused) fs::remove_all(path, ec);
}

}  // namespace newsindex::indexer
