// What a database holds, read back independently of the code under test's
// own reports, so that databases built in different ways (killed and re-run,
// overlapped, interrupted by a full disk) can be compared version by version
// with one built in a single quiet run.
#pragma once

#include "schema/stored_version.h"
#include "schema/values.h"
#include "schema/version_record.h"
#include "tests/support/test_support.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

namespace newsindex::testing {

// One version as the value slots record it: what a reader relies on.
struct StoredVersion {
    std::uint64_t article = 0;  // the article digest (collapse key)
    std::uint32_t revision = 0;
    schema::CaptureTime captured_at = 0;
    std::int64_t sequence = 0;
    schema::CaptureTime last_seen = 0;
    std::optional<schema::CaptureTime> superseded_at;
    std::uint64_t content_hash = 0;

    auto operator<=>(const StoredVersion&) const = default;
};

inline std::string describe(const StoredVersion& v) {
    return fmt::format("article {} r{} captured {} seq {} last_seen {} superseded {} hash {}",
                       schema::digest_hex(v.article), v.revision, v.captured_at, v.sequence, v.last_seen,
                       v.superseded_at ? std::to_string(*v.superseded_at) : "never",
                       schema::digest_hex(v.content_hash));
}

// Every version in the database, sorted by article then revision.
inline std::vector<StoredVersion> stored_versions(const std::filesystem::path& db_path) {
    Xapian::Database db(db_path.string());
    std::vector<StoredVersion> versions;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        Xapian::Document doc = db.get_document(*it);
        StoredVersion v;
        v.article = schema::decode_digest(doc.get_value(schema::slot::kArticle));
        v.revision = schema::read_revision(doc);
        v.captured_at = schema::read_captured_at(doc);
        v.sequence = schema::read_sequence(doc);
        v.last_seen = schema::read_last_seen(doc);
        v.superseded_at = schema::read_superseded_at(doc);
        v.content_hash = schema::read_content_hash(doc);
        versions.push_back(v);
    }
    std::sort(versions.begin(), versions.end());
    return versions;
}

// The first way `versions` (sorted) breaks the revision rules, or "": each
// article's revisions are 1..n in capture order, each superseded exactly
// when the next was captured, the latest never, and no text is repeated by
// two consecutive revisions. A database left by a killed or failed run must
// still pass this: it is at the end of some completed batch.
inline std::string revision_violation(const std::vector<StoredVersion>& versions) {
    for (std::size_t i = 0; i < versions.size(); ++i) {
        const StoredVersion& v = versions[i];
        bool first = i == 0 || versions[i - 1].article != v.article;
        bool last = i + 1 == versions.size() || versions[i + 1].article != v.article;
        std::uint32_t expected = first ? 1 : versions[i - 1].revision + 1;
        if (v.revision != expected)
            return fmt::format("expected revision {}: {}", expected, describe(v));
        if (v.last_seen < v.captured_at) return "last seen before captured: " + describe(v);
        if (last) {
            if (v.superseded_at) return "latest revision is superseded: " + describe(v);
            continue;
        }
        const StoredVersion& next = versions[i + 1];
        if (std::tie(next.captured_at, next.sequence) <= std::tie(v.captured_at, v.sequence))
            return "revisions out of capture order: " + describe(v) + " / " + describe(next);
        if (v.superseded_at != next.captured_at)
            return "superseded_at is not the next capture: " + describe(v) + " / " + describe(next);
        if (v.content_hash == next.content_hash)
            return "two consecutive revisions with one text: " + describe(v) + " / " + describe(next);
    }
    return "";
}

// The versions with their sequence (the same-second tie-break) set to 0.
// Where runs apply captures in different orders (overlapping runs), a revert
// that a late capture splits off an older version takes that version's
// sequence, not that of its own first capture: the database keeps no
// sequence for a version's last capture (see indexer/article_history.h,
// "id: that time, P's sequence"). Everything else must still agree.
inline std::vector<StoredVersion> without_sequence(std::vector<StoredVersion> versions) {
    for (StoredVersion& v : versions) v.sequence = 0;
    std::sort(versions.begin(), versions.end());
    return versions;
}

// Compares two version sets; on a difference, fails the test naming the
// first few versions only one side has.
inline void expect_same_versions(const std::vector<StoredVersion>& expected,
                                 const std::vector<StoredVersion>& actual, const std::string& what) {
    if (expected == actual) return;
    std::vector<StoredVersion> missing, extra;
    std::set_difference(expected.begin(), expected.end(), actual.begin(), actual.end(),
                        std::back_inserter(missing));
    std::set_difference(actual.begin(), actual.end(), expected.begin(), expected.end(),
                        std::back_inserter(extra));
    std::ostringstream report;
    report << what << ": " << expected.size() << " versions expected, " << actual.size()
           << " found; " << missing.size() << " missing, " << extra.size() << " unexpected\n";
    for (std::size_t i = 0; i < std::min<std::size_t>(5, missing.size()); ++i)
        report << "  missing:    " << describe(missing[i]) << "\n";
    for (std::size_t i = 0; i < std::min<std::size_t>(5, extra.size()); ++i)
        report << "  unexpected: " << describe(extra[i]) << "\n";
    ADD_FAILURE() << report.str();
}

// The queries two databases must answer alike: words, a phrase, boolean
// operators, fields, wildcards and date ranges, common and rare.
inline const std::vector<std::string>& comparison_queries() {
    static const std::vector<std::string> queries = {
        "the", "interest rates", "\"civilian casualties\"", "climate OR election",
        "council AND NOT budget", "title:minister", "source:dailyledger", "report*",
        "date:2024-01-01..2024-01-03", "coronavirus", "site:bbc.co.uk", "lang:de",
    };
    return queries;
}

// `newsquery search --all-versions --format json --limit 0 FLAGS QUERY`: the exit
// code and the output lines, sorted (row order among equal scores is not
// part of the contract; every field of every row is).
inline std::pair<int, std::vector<std::string>> search_lines(const std::filesystem::path& db,
                                                              const std::string& query,
                                                              const std::vector<std::string>& flags = {}) {
    std::vector<std::string> args{"search", "--db", db.string(), "--all-versions", "--format", "json", "--limit", "0"};
    args.insert(args.end(), flags.begin(), flags.end());
    args.push_back(query);
    CommandResult result = run_newsquery(args);
    std::vector<std::string> lines;
    std::istringstream in(result.out);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    std::sort(lines.begin(), lines.end());
    return {result.exit_code, lines};
}

// The synonym table: each stem key with the words listed under it
// (schema/terms.h), one "key word" line each, sorted.
inline std::vector<std::string> stem_lists(const std::filesystem::path& db_path) {
    Xapian::Database db(db_path.string());
    std::vector<std::string> lines;
    for (auto key = db.synonym_keys_begin(); key != db.synonym_keys_end(); ++key) {
        for (auto word = db.synonyms_begin(*key); word != db.synonyms_end(*key); ++word) {
            lines.push_back(*key + " " + *word);
        }
    }
    return lines;
}

// Every comparison query run on both databases gives the same rows, and the
// databases list the same words under the same stems (a run that lost some
// would still find them as written, not by their stems).
inline void expect_same_search_results(const std::filesystem::path& expected_db,
                                       const std::filesystem::path& actual_db) {
    std::vector<std::string> expected_stems = stem_lists(expected_db);
    std::vector<std::string> actual_stems = stem_lists(actual_db);
    EXPECT_FALSE(expected_stems.empty());
    EXPECT_EQ(expected_stems.size(), actual_stems.size()) << "stem list entries";
    EXPECT_TRUE(expected_stems == actual_stems) << "stem lists differ";
    for (const std::string& query : comparison_queries()) {
        auto expected = search_lines(expected_db, query);
        auto actual = search_lines(actual_db, query);
        EXPECT_EQ(expected.first, actual.first) << "exit code of search " << query;
        EXPECT_EQ(expected.second.size(), actual.second.size()) << "rows of search " << query;
        EXPECT_TRUE(expected.second == actual.second) << "rows differ for search " << query;
    }
}

}  // namespace newsindex::testing
