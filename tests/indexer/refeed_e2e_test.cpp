// End-to-end: the built `newsindex` fed the same captures again, and in
// other orders. A history depends on the set of captures alone: feeding an
// input again is a no-op, and versions, revisions and version ids come out
// the same whatever order the captures arrived in (issue 38, points 4, 5).
#include "schema/stored_version.h"
#include "tests/indexer/ingest_e2e_support.h"
#include "tests/support/test_support.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace newsindex::indexer {
namespace {

namespace fs = std::filesystem;
using newsindex::testing::run_newsindex;
using newsindex::testing::ScratchDir;
using newsindex::testing::write_file;
using namespace e2e;

// Everything a version's state holds, its id included.
using VersionRow = std::tuple<std::string, std::uint32_t, schema::CaptureTime, std::int64_t,
                              schema::CaptureTime, std::optional<schema::CaptureTime>,
                              std::uint64_t, schema::CaptureTime, std::int64_t>;

std::set<VersionRow> rows_in(const fs::path& db_path) {
    Xapian::Database db(db_path.string());
    std::set<VersionRow> rows;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        Xapian::Document doc = db.get_document(*it);
        schema::VersionRecord r = schema::read_stored_version(doc);
        schema::VersionId id = schema::read_version_id(doc);
        rows.insert({r.article.identity, r.revision, r.captured_at, r.sequence, r.last_seen,
                     r.superseded_at, r.content_hash, id.created_at, id.sequence});
    }
    EXPECT_EQ(rows.size(), db.get_doccount()) << "two versions with the same state";
    return rows;
}

std::string record(const std::string& time, const std::string& text) {
    return R"({"source": "test", "url": "https://example.com/a", "timestamp": ")" + time +
           R"(", "title": "Headline", "text": ")" + text + "\"}\n";
}

int index(const std::string& db, const std::vector<fs::path>& inputs) {
    std::vector<std::string> args{"--db", db, "--quiet", "--bulk", "never"};
    for (const fs::path& input : inputs) args.push_back(input.string());
    return run_newsindex(args).exit_code;
}

TEST(Refeed, TwoCapturesOfOneSecondWithoutVersionAreTwoRevisionsInEveryOrder) {
    ScratchDir dir;
    const fs::path x1 = dir / "x1.jsonl", x2 = dir / "x2.jsonl";
    write_file(x1, record("2024-01-01T00:00:00Z", "First wording."));
    write_file(x2, record("2024-01-01T00:00:00Z", "Second wording."));
    const std::string db = (dir / "db").string();
    ASSERT_EQ(index(db, {x1, x2}), 0);
    const std::set<VersionRow> first = rows_in(db);
    ASSERT_EQ(first.size(), 2u);
    for (const auto& order : {std::vector{x2, x1}, std::vector{x1, x2}, std::vector{x2}}) {
        ASSERT_EQ(index(db, order), 0);
        EXPECT_EQ(rows_in(db), first);
    }
    const std::string other = (dir / "other").string();
    ASSERT_EQ(index(other, {x2}), 0);
    ASSERT_EQ(index(other, {x1}), 0);
    EXPECT_EQ(rows_in(other), first);
}

TEST(Refeed, ASnapshotTreeWhoseFilesShareAModificationTimeIsANoOpFedAgain) {
    ScratchDir dir;
    const fs::path article = dir / "tree" / "gazette" / "bridge";
    // Six captures of three texts, written in one second (a checkout, an
    // rsync): their file names hold no time, so all have the same one.
    const std::vector<std::string> texts{"Bridge closes", "Bridge reopens", "Bridge closes",
                                         "Bridge to be rebuilt", "Bridge reopens",
                                         "Bridge closes"};
    const auto when = fs::file_time_type::clock::now() - std::chrono::hours(1);
    for (std::size_t i = 0; i < texts.size(); ++i) {
        fs::path file = article / ("capture-" + std::to_string(i) + ".txt");
        write_file(file, texts[i] + "\n\nThe council met about the bridge (" + texts[i] + ").\n");
        fs::last_write_time(file, when);
    }
    const std::size_t distinct = std::set<std::string>(texts.begin(), texts.end()).size();
    const std::string db = (dir / "db").string();
    ASSERT_EQ(index(db, {dir / "tree"}), 0);
    const std::set<VersionRow> first = rows_in(db);
    EXPECT_EQ(first.size(), distinct);
    for (int again = 0; again < 2; ++again) {
        ASSERT_EQ(index(db, {dir / "tree"}), 0);
        EXPECT_EQ(rows_in(db), first) << "feed " << again + 2;
    }
}

TEST(Refeed, VersionIdsAndRevisionsDoNotDependOnTheOrderOfArrival) {
    ScratchDir dir;
    // A at 01:00, B at 03:00, A again at 04:00 and 05:00, C at 06:00 (twice
    // in that second, with B: the tie is broken by the text).
    const std::vector<std::pair<std::string, std::string>> captures{
        {"2024-01-01T01:00:00Z", "Text A."}, {"2024-01-01T03:00:00Z", "Text B."},
        {"2024-01-01T04:00:00Z", "Text A."}, {"2024-01-01T05:00:00Z", "Text A."},
        {"2024-01-01T06:00:00Z", "Text C."}, {"2024-01-01T06:00:00Z", "Text B."}};
    std::vector<fs::path> files;
    for (std::size_t i = 0; i < captures.size(); ++i) {
        files.push_back(dir / ("capture-" + std::to_string(i) + ".jsonl"));
        write_file(files.back(), record(captures[i].first, captures[i].second));
    }
    const std::string in_order = (dir / "in-order").string();
    ASSERT_EQ(index(in_order, files), 0);
    const std::set<VersionRow> expected = rows_in(in_order);
    ASSERT_EQ(expected.size(), 5u);  // A, B, A, then B and C at 06:00
    // Revision 3 is the revert to A: first captured, and named, at 04:00.
    const schema::CaptureTime four = parse_utc("2024-01-01T04:00:00Z");
    auto revert = std::find_if(expected.begin(), expected.end(),
                               [](const VersionRow& row) { return std::get<1>(row) == 3; });
    ASSERT_NE(revert, expected.end());
    EXPECT_EQ(std::get<2>(*revert), four);
    EXPECT_EQ(std::get<7>(*revert), four);

    // The same captures, one run each, late ones first, in several orders.
    for (const std::vector<std::size_t>& order :
         {std::vector<std::size_t>{3, 2, 0, 5, 4, 1}, {2, 3, 1, 0, 4, 5}, {5, 4, 3, 2, 1, 0}}) {
        const std::string db = (dir / "runs").string();
        fs::remove_all(db);
        for (std::size_t i : order) ASSERT_EQ(index(db, {files[i]}), 0);
        EXPECT_EQ(rows_in(db), expected);
        // Fed again, all at once: nothing changes.
        ASSERT_EQ(index(db, files), 0);
        EXPECT_EQ(rows_in(db), expected);
    }
}

}  // namespace
}  // namespace newsindex::indexer
