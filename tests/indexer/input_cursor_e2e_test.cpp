// End-to-end: re-runs read only what is new (issue 34, "Cron"). Each input's
// cursor is kept in the database with the versions it covers: an unchanged
// file is not read again, a file that grew is read from where it ended, a
// last line still being written waits, a rejected record is reported once.
// What the re-runs index is checked against the same records ingested in
// one run into a second database.
#include "storage/input_cursors.h"
#include "tests/indexer/ingest_e2e_support.h"
#include "tests/support/test_support.h"

#include <gtest/gtest.h>
#include <xapian.h>
#include <zlib.h>

#include <chrono>
#include <fstream>
#include <string>
#include <vector>

namespace newsindex::indexer {
namespace {

namespace fs = std::filesystem;
using newsindex::testing::CommandResult;
using newsindex::testing::run_newsindex;
using newsindex::testing::ScratchDir;
using newsindex::testing::write_file;
using namespace e2e;

std::string record(const std::string& article, const std::string& time, const std::string& text) {
    return R"({"source": "test", "url": "https://example.com/)" + article + R"(", "timestamp": ")" + time +
           R"(", "title": "Headline", "text": ")" + text + "\"}";
}

std::string lines(const std::vector<std::string>& records) {
    std::string text;
    for (const std::string& r : records) text += r + "\n";
    return text;
}

void append(const fs::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary | std::ios::app);
    out << text;
}

CommandResult index(const fs::path& db, const std::vector<fs::path>& inputs,
                    const std::vector<std::string>& flags = {}) {
    std::vector<std::string> args{"--db", db.string(), "--json-summary", "--bulk", "never"};
    args.insert(args.end(), flags.begin(), flags.end());
    for (const fs::path& input : inputs) args.push_back(input.string());
    return run_newsindex(args);
}

// The same records in one file, ingested at once into a fresh database.
std::set<StoredVersion> reference_versions(const fs::path& dir, const std::string& text) {
    const fs::path file = dir / "reference.jsonl";
    write_file(file, text);
    const fs::path db = dir / "reference-db";
    CommandResult result = index(db, {file});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return versions_in(db);
}

const std::vector<std::string> kFirst{record("a", "2024-01-01T00:00:00Z", "A one."),
                                      record("b", "2024-01-01T00:00:00Z", "B one.")};
const std::vector<std::string> kLater{record("a", "2024-01-02T00:00:00Z", "A two."),
                                      record("c", "2024-01-02T00:00:00Z", "C one.")};

TEST(InputCursor, AnUnchangedFileIsNotReadAgainAndItsRejectionIsReportedOnce) {
    ScratchDir dir;
    const fs::path file = dir / "in.jsonl", db = dir / "db";
    write_file(file, lines({kFirst[0], "{not json", kFirst[1]}));
    CommandResult first = index(db, {file});
    EXPECT_EQ(first.exit_code, 65);
    EXPECT_TRUE(has_line_starting(first.err, "newsindex: " + file.string() + ":2: ")) << first.err;
    const std::set<StoredVersion> versions = versions_in(db);
    const Xapian::rev revision = Xapian::Database(db.string()).get_revision();

    CommandResult again = index(db, {file});
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(summary_of(again)["records"], 0);
    EXPECT_EQ(summary_of(again)["files"], 1);
    EXPECT_EQ(summary_of(again)["rejected"], 0);
    EXPECT_EQ(again.err.find(file.string() + ":2"), std::string::npos) << again.err;
    EXPECT_EQ(versions_in(db), versions);
    EXPECT_EQ(Xapian::Database(db.string()).get_revision(), revision);  // nothing written
    EXPECT_EQ(storage::read_input_cursors(Xapian::Database(db.string())).size(), 1u);
}

TEST(InputCursor, OnlyTheLinesAppendedSinceAreRead) {
    ScratchDir dir;
    const fs::path file = dir / "in.jsonl", db = dir / "db";
    write_file(file, lines(kFirst));
    ASSERT_EQ(index(db, {file}).exit_code, 0);
    append(file, lines({kLater[0], "{\"source\": 7}", kLater[1]}));

    CommandResult again = index(db, {file});
    EXPECT_EQ(again.exit_code, 65);
    EXPECT_EQ(summary_of(again)["records"], 3);
    EXPECT_EQ(summary_of(again)["added"], 2);
    EXPECT_EQ(summary_of(again)["duplicates"], 0);
    // Lines keep their numbers in the whole file.
    EXPECT_TRUE(has_line_starting(again.err, "newsindex: " + file.string() + ":4: ")) << again.err;
    EXPECT_EQ(versions_in(db), reference_versions(dir.path(), lines({kFirst[0], kFirst[1], kLater[0], kLater[1]})));
    EXPECT_EQ(summary_of(index(db, {file}))["records"], 0);
}

TEST(InputCursor, ALastLineWithoutItsNewlineWaitsForTheNextRun) {
    ScratchDir dir;
    const fs::path file = dir / "in.jsonl", db = dir / "db";
    const std::string partial = kLater[0].substr(0, kLater[0].size() / 2);
    write_file(file, lines(kFirst) + partial);
    CommandResult first = index(db, {file});
    EXPECT_EQ(first.exit_code, 0) << first.err;  // not reported as bad JSON
    EXPECT_EQ(summary_of(first)["records"], 2);
    EXPECT_EQ(summary_of(first)["rejected"], 0);

    // Still being written: nothing to take yet, nothing reported.
    append(file, kLater[0].substr(partial.size(), 5));
    CommandResult waiting = index(db, {file});
    EXPECT_EQ(waiting.exit_code, 0) << waiting.err;
    EXPECT_EQ(summary_of(waiting)["records"], 0);

    append(file, kLater[0].substr(partial.size() + 5) + "\n");
    CommandResult completed = index(db, {file});
    EXPECT_EQ(completed.exit_code, 0) << completed.err;
    EXPECT_EQ(summary_of(completed)["records"], 1);
    EXPECT_EQ(summary_of(completed)["added"], 1);
    EXPECT_EQ(versions_in(db), reference_versions(dir.path(), lines({kFirst[0], kFirst[1], kLater[0]})));
}

TEST(InputCursor, AWholeRecordWithoutItsNewlineIsTakenAndNotReadAgain) {
    ScratchDir dir;
    const fs::path file = dir / "in.jsonl", db = dir / "db";
    write_file(file, kFirst[0] + "\n" + kFirst[1]);
    CommandResult first = index(db, {file});
    EXPECT_EQ(first.exit_code, 0) << first.err;
    EXPECT_EQ(summary_of(first)["added"], 2);

    // Its newline comes with the next record, then a bad one: line 4 (line 3
    // is the record, line 2 the rest of the line taken before: blank).
    append(file, "\n" + kLater[0] + "\n{bad\n");
    CommandResult again = index(db, {file});
    EXPECT_EQ(again.exit_code, 65);
    EXPECT_EQ(summary_of(again)["records"], 2);
    EXPECT_EQ(summary_of(again)["added"], 1);
    EXPECT_EQ(summary_of(again)["duplicates"], 0);
    EXPECT_TRUE(has_line_starting(again.err, "newsindex: " + file.string() + ":4: ")) << again.err;
}

TEST(InputCursor, AFileChangedInWhatWasReadIsReadWhole) {
    ScratchDir dir;
    const fs::path file = dir / "in.jsonl", db = dir / "db";
    write_file(file, lines(kFirst));
    ASSERT_EQ(index(db, {file}).exit_code, 0);
    // The same size, the first record's text changed ("one" -> "uno").
    std::string changed = lines(kFirst);
    changed.replace(changed.find("A one."), 6, "A uno.");
    const auto modified = fs::last_write_time(file);
    write_file(file, changed + lines({kLater[1]}));
    fs::last_write_time(file, modified + std::chrono::seconds(1));

    CommandResult again = index(db, {file});
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(summary_of(again)["records"], 3);
    EXPECT_EQ(summary_of(again)["duplicates"], 1);
    EXPECT_EQ(summary_of(again)["added"], 2);
}

TEST(InputCursor, AGzipFileThatGrewIsReadFromWhereItEnded) {
    ScratchDir dir;
    const fs::path file = dir / "in.jsonl.gz", db = dir / "db";
    auto write_member = [&](const std::string& text, const char* mode) {
        gzFile gz = gzopen(file.c_str(), mode);
        ASSERT_NE(gz, nullptr);
        ASSERT_EQ(gzwrite(gz, text.data(), static_cast<unsigned>(text.size())), static_cast<int>(text.size()));
        ASSERT_EQ(gzclose(gz), Z_OK);
    };
    write_member(lines(kFirst), "wb");
    ASSERT_EQ(index(db, {file}).exit_code, 0);
    write_member(lines(kLater), "ab");  // a second gzip member, as `gzip >>` appends
    CommandResult again = index(db, {file});
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(summary_of(again)["records"], 2);
    EXPECT_EQ(summary_of(again)["added"], 2);
    EXPECT_EQ(versions_in(db), reference_versions(dir.path(), lines({kFirst[0], kFirst[1], kLater[0], kLater[1]})));
}

TEST(InputCursor, StandardInputHasNoCursor) {
    ScratchDir dir;
    const fs::path db = dir / "db";
    for (int run = 0; run < 2; ++run) {
        CommandResult result = run_newsindex({"--db", db.string(), "--json-summary", "-"}, lines(kFirst));
        EXPECT_EQ(summary_of(result)["records"], 2);
    }
    EXPECT_TRUE(storage::read_input_cursors(Xapian::Database(db.string())).empty());
}

// Snapshot trees: unchanged snapshots are not read again, stray files are
// skipped and reported once, a time zone in a file name is honoured.
TEST(InputCursor, ASnapshotTreesStrayFilesAreSkippedAndItsSnapshotsReadOnce) {
    ScratchDir dir;
    const fs::path tree = dir / "tree", db = dir / "db";
    write_file(tree / "gazette" / "bridge" / "2024-05-02T09-00-00+02-00.txt", "Bridge closes\n\nShut.\n");
    write_file(tree / "gazette" / "bridge" / "20240502T120000+0200.txt", "Bridge reopens\n\nOpen.\n");
    write_file(tree / "gazette" / "harbour" / "2024-05-02T09:30:00Z.txt", "Harbour\n\nShips.\n");
    write_file(tree / "gazette" / "harbour" / "2024-05-02T10-30-00-0130", "Harbour again\n\nMore ships.\n");
    // A counter after the time, not a zone (no zone has minutes 34): UTC.
    write_file(tree / "gazette" / "harbour" / "2024-05-02T13-00-00-1234.txt", "Harbour late\n\nNight.\n");
    write_file(tree / "scrape.log", "fetched 3 pages\n");
    write_file(tree / "gazette" / "index.html", "<html></html>\n");
    write_file(tree / "export.csv", "a,b\n1,2\n");

    CommandResult first = index(db, {tree});
    EXPECT_EQ(first.exit_code, 0) << first.err;
    for (const fs::path& stray : {tree / "export.csv", tree / "gazette" / "index.html", tree / "scrape.log"})
        EXPECT_TRUE(has_line_starting(first.err, "newsindex: " + stray.string() + ": skipped: not a snapshot"))
            << first.err;
    EXPECT_EQ(summary_of(first)["skipped"], (nlohmann::json{{"not a snapshot", 3}}));
    EXPECT_EQ(summary_of(first)["added"], 5);
    std::set<schema::CaptureTime> times;
    for (const StoredVersion& version : versions_in(db)) times.insert(version.captured_at);
    EXPECT_EQ(times, (std::set<schema::CaptureTime>{
                         parse_utc("2024-05-02T07:00:00Z"), parse_utc("2024-05-02T10:00:00Z"),
                         parse_utc("2024-05-02T09:30:00Z"), parse_utc("2024-05-02T12:00:00Z"),
                         parse_utc("2024-05-02T13:00:00Z")}));

    CommandResult again = index(db, {tree});
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(summary_of(again)["records"], 0);
    EXPECT_EQ(summary_of(again)["skipped"], nlohmann::json::object());
    EXPECT_EQ(again.err.find("skipped"), std::string::npos) << again.err;

    // One snapshot rewritten: it alone is read.
    write_file(tree / "gazette" / "harbour" / "2024-05-02T09:30:00Z.txt", "Harbour\n\nShips, corrected.\n");
    CommandResult changed = index(db, {tree});
    EXPECT_EQ(summary_of(changed)["records"], 1);
    EXPECT_EQ(summary_of(changed)["added"], 1);
}

TEST(InputCursor, TheSummaryLineCountsSkippedFilesByReason) {
    ScratchDir dir;
    const fs::path tree = dir / "tree";
    write_file(tree / "wire" / "a" / "2024-05-02T09-00-00Z.txt", "Headline\n\nBody.\n");
    write_file(tree / "scrape.log", "fetched\n");
    write_file(tree / "wire" / "notes.md", "todo\n");
    CommandResult result = run_newsindex({"--db", (dir / "db").string(), tree.string()});
    EXPECT_EQ(result.exit_code, 0) << result.err;  // skipping is no error
    EXPECT_TRUE(has_line_starting(result.err, "newsindex: 3 files, 1 records: 1 versions added, 0 unchanged, "
                                              "0 duplicates, 0 rejected, 2 skipped (not a snapshot 2) in "))
        << result.err;
}

TEST(InputCursor, InputFormatForcesHowEveryInputIsRead) {
    ScratchDir dir;
    const fs::path file = dir / "tree" / "wire" / "a" / "2024-05-02T09-00-00Z.txt";
    write_file(file, "{Braces} in a headline\n\nBody.\n");
    EXPECT_EQ(index(dir / "auto", {dir / "tree"}).exit_code, 65);  // told by content: bad JSON
    CommandResult forced = index(dir / "forced", {dir / "tree"}, {"--input-format", "snapshot"});
    EXPECT_EQ(forced.exit_code, 0) << forced.err;
    EXPECT_EQ(summary_of(forced)["added"], 1);
    CommandResult bogus = index(dir / "bogus", {dir / "tree"}, {"--input-format", "csv"});
    EXPECT_EQ(bogus.exit_code, 64);
}

// A bulk load builds a new generation: the cursors of the old one, and the
// run's own, are in it; runs in place after it keep cursors in the
// generation, never in its recent shard.
TEST(InputCursor, ABulkLoadKeepsTheCursorsAndTheRecentShardHoldsNone) {
    ScratchDir dir;
    const fs::path a = dir / "a.jsonl", b = dir / "b.jsonl", c = dir / "c.jsonl", db = dir / "db";
    write_file(a, lines({kFirst[0]}));
    write_file(b, lines({kFirst[1]}));
    write_file(c, lines(kLater));
    ASSERT_EQ(index(db, {a}).exit_code, 0);
    ASSERT_EQ(run_newsindex({"--db", db.string(), "--quiet", "--bulk", "always", b.string()}).exit_code, 0);
    ASSERT_EQ(index(db, {c}).exit_code, 0);

    std::vector<fs::path> generations, recents;
    for (const auto& entry : fs::directory_iterator(db)) {
        const std::string name = entry.path().filename().string();
        if (name.starts_with("gen-")) generations.push_back(entry.path());
        if (name.starts_with("recent-")) recents.push_back(entry.path());
    }
    ASSERT_EQ(generations.size(), 1u);
    ASSERT_EQ(recents.size(), 1u);
    EXPECT_EQ(storage::read_input_cursors(Xapian::Database(generations[0].string())).size(), 3u);
    EXPECT_TRUE(storage::read_input_cursors(Xapian::Database(recents[0].string())).empty());

    CommandResult again = index(db, {a, b, c});
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(summary_of(again)["records"], 0);
}

}  // namespace
}  // namespace newsindex::indexer
