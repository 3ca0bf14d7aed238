#include "storage/database_damage.h"

#include "schema/database_layout.h"

#include <fmt/format.h>
#include <xapian.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <system_error>

namespace newsindex::storage {

namespace fs = std::filesystem;

namespace {

// The first line of what Xapian's check reported, for the message.
std::string first_line(const std::string& text) {
    std::string line = text.substr(0, text.find('\n'));
    return line.empty() ? std::string("its blocks do not hold together") : line;
}

// Each table file of `shards`, as "path size mtime" relative to `database`.
std::map<std::string, std::string> table_stamps(const fs::path& database,
                                                const std::vector<fs::path>& shards) {
    std::map<std::string, std::string> stamps;
    std::error_code ec;
    for (const fs::path& shard : shards) {
        for (const char* table : schema::kGlassTables) {
            fs::path file = shard / table;
            std::uintmax_t size = fs::file_size(file, ec);
            if (ec) continue;
            auto modified = fs::last_write_time(file, ec);
            if (ec) continue;
            stamps[fs::relative(file, database, ec).string()] =
                fmt::format("{} {}", size, modified.time_since_epoch().count());
        }
    }
    return stamps;
}

}  // namespace

std::optional<std::string> find_damage(const fs::path& database,
                                       const std::vector<fs::path>& shards, bool changed_only) {
    std::map<std::string, std::string> recorded;
    {
        std::ifstream in(database / schema::kCheckedFile);
        for (std::string file, size, modified; in >> file >> size >> modified;) {
            recorded[file] = size + " " + modified;
        }
    }
    std::vector<std::pair<std::uintmax_t, fs::path>> tables;
    for (const auto& [file, stamp] : table_stamps(database, shards)) {
        auto known = recorded.find(file);
        if (changed_only && known != recorded.end() && known->second == stamp) continue;
        tables.emplace_back(std::stoull(stamp), database / file);
    }
    std::sort(tables.begin(), tables.end());
    for (const auto& [size, file] : tables) {
        std::ostringstream report;
        try {
            if (Xapian::Database::check(file.string(), 0, &report) == 0) continue;
            return fmt::format("{} is damaged ({})", file.string(), first_line(report.str()));
        } catch (const Xapian::Error& error) {
            return fmt::format("{} is damaged ({})", file.string(), error.get_msg());
        }
    }
    return std::nullopt;
}

void record_checked(const fs::path& database, const std::vector<fs::path>& shards) {
    std::error_code ec;
    fs::path temporary = database / schema::kCheckedTemporary;
    {
        std::ofstream out(temporary, std::ios::trunc);
        for (const auto& [file, stamp] : table_stamps(database, shards)) {
            out << file << ' ' << stamp << '\n';
        }
        out.flush();
        if (!out) return;
    }
    fs::rename(temporary, database / schema::kCheckedFile, ec);
}

StorageError damaged_database(const std::string& path, const std::string& what) {
    return StorageError(fmt::format("database {} is damaged: {}. newsindex will not write to it: "
                                    "restore it from a backup, or build it again from your inputs "
                                    "in a new directory (newsindex --db NEW INPUT...)",
                                    path, what),
                        exit_code::kIoError);
}

}  // namespace newsindex::storage
