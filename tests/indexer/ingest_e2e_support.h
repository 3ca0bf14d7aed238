// Helpers shared by the end-to-end tests of newsindex: reading back what a
// database holds and what the command printed.
#pragma once

#include "schema/stored_version.h"
#include "tests/support/test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <compare>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace newsindex::indexer::e2e {

namespace fs = std::filesystem;
using newsindex::testing::CommandResult;

// "2016-02-02T12:00:00Z" as UTC seconds, parsed here independently of the
// code under test.
inline schema::CaptureTime parse_utc(const std::string& iso) {
    std::tm tm{};
    std::istringstream in(iso);
    in >> std::get_time(&tm, "%Y-%m-%dT%H:%M:%SZ");
    EXPECT_FALSE(in.fail()) << iso;
    return timegm(&tm);
}

// A version as the database holds it, for comparing whole databases.
struct StoredVersion {
    std::string article;
    std::uint32_t revision;
    schema::CaptureTime captured_at;
    std::uint64_t content_hash;
    schema::CaptureTime last_seen;
    std::optional<schema::CaptureTime> superseded_at;
    auto operator<=>(const StoredVersion&) const = default;
};

// Every version in the database; fails the test if one appears twice.
inline std::set<StoredVersion> versions_in(const fs::path& db_path) {
    Xapian::Database db(db_path.string());
    std::set<StoredVersion> versions;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        schema::VersionRecord r = schema::read_stored_version(db.get_document(*it));
        bool fresh = versions.insert({r.article.source + "\x1F" + r.article.identity, r.revision,
                                      r.captured_at, r.content_hash, r.last_seen, r.superseded_at})
                         .second;
        EXPECT_TRUE(fresh) << "version twice: " << r.article.identity << " revision " << r.revision;
    }
    return versions;
}

inline Xapian::doccount doc_count(const fs::path& db_path) {
    return Xapian::Database(db_path.string()).get_doccount();
}

inline nlohmann::json summary_of(const CommandResult& result) {
    return nlohmann::json::parse(result.out);
}

inline std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

// True when some line of `err` starts with `prefix`.
inline bool has_line_starting(const std::string& err, const std::string& prefix) {
    for (const std::string& line : lines_of(err)) {
        if (line.starts_with(prefix)) return true;
    }
    return false;
}

inline std::string read_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace newsindex::indexer::e2e
