// Reading diffengine databases and NewsEdits files (open_sqlite_archive,
// through read_captures): what each row becomes, what is rejected, the
// cursor, damaged files and a writer at work on the file.
#include "indexer/archive_reader.h"
#include "indexer/capture_reader.h"
#include "schema/url.h"
#include "tests/indexer/ingest_e2e_support.h"
#include "tests/indexer/sqlite_archive_fixture.h"
#include "tests/support/test_support.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace newsindex::indexer {
namespace {

namespace fs = std::filesystem;
using e2e::parse_utc;
using newsindex::testing::ScratchDir;
using newsindex::testing::write_file;
using sqlite_fixture::DiffengineDb;
using sqlite_fixture::NewsEditsDb;
using sqlite_fixture::SqliteFile;

struct ReadResult {
    std::vector<Capture> captures;
    std::vector<std::string> rejections;  // as printed
    ReadCounts counts;
};

ReadResult read_all(const std::vector<std::string>& paths, const InputCursors* cursors = nullptr,
                    InputFormat format = InputFormat::kAuto, std::size_t max_record_bytes = ReadOptions{}.max_record_bytes) {
    ReadOptions options;
    options.max_record_bytes = max_record_bytes;
    options.cursors = cursors;
    options.format = format;
    options.parse_threads = 2;
    ReadResult result;
    result.counts = read_captures(
        paths, options, [&](Capture&& c) { result.captures.push_back(std::move(c)); },
        [&](Rejection&& r) { result.rejections.push_back(r.message()); });
    return result;
}

// The cursors a run leaves, as the next run is given them.
InputCursors cursors_of(const ReadResult& result) {
    InputCursors cursors;
    for (const InputCursor& cursor : result.counts.cursors) cursors[cursor.input] = cursor.state;
    return cursors;
}

std::vector<std::string> titles(const ReadResult& result) {
    std::vector<std::string> out;
    for (const Capture& c : result.captures) out.push_back(c.record.title);
    return out;
}

// A live page captured `rows` times in one second, row i titled "Ti".
void write_live_page(const fs::path& file, int rows) {
    DiffengineDb db(file);
    db.exec("BEGIN");
    std::int64_t entry = db.entry("https://paper.example/live", "");
    for (int i = 1; i <= rows; ++i)
        db.version(entry, "2024-05-02 09:00:00", "T" + std::to_string(i),
                   "<p>version " + std::to_string(i) + " of a live page with some text in it</p>",
                   "https://paper.example/live");
    db.exec("COMMIT");
}

TEST(SqliteArchive, ADiffengineVersionIsACaptureOfItsEntryWithTheFeedsNameAsSource) {
    ScratchDir dir;
    const fs::path file = dir / "diffengine.db";
    {
        DiffengineDb db(file);
        db.feed("https://www.ledger.example/rss/world.xml", "  The Daily LEDGER ");
        std::int64_t entry = db.entry("https://www.ledger.example/world/2024/05/talks?utm_source=rss",
                                      "https://www.ledger.example/rss/world.xml");
        db.version(entry, "2024-05-02 09:00:00.123456", "Talks resume",
                   "<p>Talks resumed on <b>Thursday</b> &amp; went on.</p>\n<p>A second&nbsp;paragraph.</p>",
                   "https://www.ledger.example/world/2024/05/talks");
    }
    ReadResult result = read_all({file.string()});
    EXPECT_TRUE(result.rejections.empty()) << result.rejections.front();
    ASSERT_EQ(result.captures.size(), 1u);
    const schema::VersionRecord& r = result.captures[0].record;
    EXPECT_EQ(r.article.source, "the daily ledger");
    EXPECT_EQ(r.url, "https://www.ledger.example/world/2024/05/talks?utm_source=rss");
    EXPECT_EQ(r.article.identity, "https://www.ledger.example/world/2024/05/talks");
    EXPECT_EQ(r.captured_at, parse_utc("2024-05-02T09:00:00Z"));
    EXPECT_EQ(r.sequence, 1);  // the row id
    EXPECT_EQ(r.title, "Talks resume");
    EXPECT_EQ(r.summary, "");
    EXPECT_EQ(r.text, "Talks resumed on Thursday & went on.\n\nA second\u00a0paragraph.");
    EXPECT_EQ(r.content_hash, schema::content_hash(r.title, "", r.text));
    EXPECT_EQ(result.counts.records, 1u);
    EXPECT_EQ(result.counts.files, 1u);
}

TEST(SqliteArchive, WithoutAFeedTheSourceIsTheHostAndWithTwoFeedsTheFirst) {
    ScratchDir dir;
    const fs::path file = dir / "diffengine.db";
    {
        DiffengineDb db(file);
        db.feed("https://a.example/feed", "Feed A");
        db.feed("https://b.example/feed", "Feed B");
        std::int64_t lonely = db.entry("https://www.paper.example/x", "");
        std::int64_t shared = db.entry("https://a.example/y", "https://b.example/feed");
        db.also_in(shared, "https://a.example/feed");
        db.version(lonely, "2024-05-02 09:00:00", "X", "<p>x</p>", "https://www.paper.example/x");
        db.version(shared, "2024-05-02 09:00:00", "Y", "<p>y</p>", "https://a.example/y");
    }
    ReadResult result = read_all({file.string()});
    ASSERT_EQ(result.captures.size(), 2u);
    EXPECT_EQ(result.captures[0].record.article.source, schema::url_host("https://www.paper.example/x"));
    EXPECT_EQ(result.captures[0].record.article.source, "paper.example");
    EXPECT_EQ(result.captures[1].record.article.source, "feed b");
}

TEST(SqliteArchive, AnEntryWithoutUrlTakesTheVersionsUrl) {
    ScratchDir dir;
    const fs::path file = dir / "diffengine.db";
    {
        DiffengineDb db(file);
        std::int64_t entry = db.entry("", "");
        db.version(entry, "2024-05-02 09:00:00", "X", "<p>x</p>", "https://paper.example/canonical");
    }
    ReadResult result = read_all({file.string()});
    ASSERT_EQ(result.captures.size(), 1u);
    EXPECT_EQ(result.captures[0].record.url, "https://paper.example/canonical");
}

TEST(SqliteArchive, EachUnusableRowIsOneLineNamingItsIdAndTheOthersAreRead) {
    ScratchDir dir;
    const fs::path file = dir / "diffengine.db";
    {
        DiffengineDb db(file);
        std::int64_t good = db.entry("https://paper.example/good", "");
        std::int64_t nowhere = db.entry("", "");
        db.version(good, "2024-05-02 09:00:00", "First", "<p>one</p>", "https://paper.example/good");
        db.version(nowhere, "2024-05-02 09:00:00", "No URL", "<p>text</p>", "");
        db.version(good, "last Tuesday", "Bad time", "<p>two</p>", "https://paper.example/good");
        db.version(good, "2024-05-02 10:00:00", "Empty", "<p> </p><script>x()</script>", "https://paper.example/good");
        db.version(good, "2024-05-02 10:30:00", "", "<p> </p>", "https://paper.example/good");
        db.version(good, "2024-05-02 11:00:00", "Bad \xff byte", "<p>three</p>", "https://paper.example/good");
        db.version(good, "2024-05-02 12:00:00", "Last", "<p>four</p>", "https://paper.example/good");
    }
    ReadResult result = read_all({file.string()});
    // "Empty": its summary holds no paragraph, its title is the version.
    EXPECT_EQ(titles(result), (std::vector<std::string>{"First", "Empty", "Last"}));
    const std::string prefix = "newsindex: " + file.string() + ": entryversion ";
    EXPECT_EQ(result.rejections,
              (std::vector<std::string>{prefix + "2: no URL", prefix + "3: unparseable time created \"last Tuesday\"",
                                        prefix + "5: empty document (no visible title, summary or text)",
                                        prefix + "6: title is not UTF-8 text (bad byte or NUL)"}));
    EXPECT_EQ(result.counts.records, 7u);
    EXPECT_TRUE(result.counts.skipped.empty());
}

TEST(SqliteArchive, ARowOverTheRecordSizeLimitIsRejectedUnread) {
    ScratchDir dir;
    const fs::path file = dir / "diffengine.db";
    {
        DiffengineDb db(file);
        std::int64_t entry = db.article("https://paper.example/a", {{"2024-05-02 09:00:00", "Short", "<p>short</p>"}});
        db.version(entry, "2024-05-02 10:00:00", "Long", "<p>" + std::string(5000, 'x') + "</p>",
                   "https://paper.example/a");
    }
    ReadResult result = read_all({file.string()}, nullptr, InputFormat::kAuto, 1000);
    EXPECT_EQ(titles(result), std::vector<std::string>{"Short"});
    EXPECT_EQ(result.rejections,
              std::vector<std::string>{"newsindex: " + file.string() + ": entryversion 2: record too large: 5011 bytes"});
}

TEST(SqliteArchive, ARunReadsOnlyRowsAfterTheCursorAndABadRowIsReportedOnce) {
    ScratchDir dir;
    const fs::path file = dir / "diffengine.db";
    DiffengineDb db(file);
    std::int64_t entry = db.article("https://paper.example/a", {
                                        {"2024-05-02 09:00:00", "One", "<p>one</p>"},
                                        {"never", "Bad", "<p>bad</p>"}});

    ReadResult first = read_all({file.string()});
    EXPECT_EQ(titles(first), std::vector<std::string>{"One"});
    EXPECT_EQ(first.rejections.size(), 1u);
    ASSERT_EQ(first.counts.cursors.size(), 1u);
    EXPECT_EQ(first.counts.cursors[0].input, fs::weakly_canonical(file).string());

    InputCursors cursors = cursors_of(first);
    ReadResult again = read_all({file.string()}, &cursors);
    EXPECT_TRUE(again.captures.empty());
    EXPECT_TRUE(again.rejections.empty());
    EXPECT_EQ(again.counts.records, 0u);

    db.versions(entry, "https://paper.example/a",
                {{"2024-05-02 10:00:00", "Two", "<p>two</p>"}, {"2024-05-02 11:00:00", "Three", "<p>three</p>"}});
    ReadResult next = read_all({file.string()}, &cursors);
    EXPECT_EQ(titles(next), (std::vector<std::string>{"Two", "Three"}));
    EXPECT_TRUE(next.rejections.empty());
    EXPECT_EQ(next.counts.records, 2u);
    InputCursors after = cursors_of(next);
    EXPECT_TRUE(read_all({file.string()}, &after).captures.empty());
}

TEST(SqliteArchive, AnotherDatabaseAtTheSamePathIsReadWhole) {
    ScratchDir dir;
    const fs::path file = dir / "diffengine.db";
    InputCursors cursors;
    {
        DiffengineDb db(file);
        db.article("https://paper.example/a", {
                       {"2024-05-02 09:00:00", "Old one", "<p>one</p>"},
                       {"2024-05-02 10:00:00", "Old two", "<p>two</p>"}});
        cursors = cursors_of(read_all({file.string()}));
    }
    fs::remove(file);
    {
        DiffengineDb db(file);
        db.article("https://paper.example/b", {
                       {"2024-06-01 09:00:00", "New one", "<p>one</p>"},
                       {"2024-06-01 10:00:00", "New two", "<p>two</p>"},
                       {"2024-06-01 11:00:00", "New three", "<p>three</p>"}});
    }
    ReadResult result = read_all({file.string()}, &cursors);
    EXPECT_EQ(titles(result), (std::vector<std::string>{"New one", "New two", "New three"}));
}

TEST(SqliteArchive, ManyRowsAreReadInOrderAcrossBatches) {
    ScratchDir dir;
    const fs::path file = dir / "diffengine.db";
    constexpr int kRows = 4500;
    write_live_page(file, kRows);
    ReadResult result = read_all({file.string()});
    ASSERT_EQ(result.captures.size(), static_cast<std::size_t>(kRows));
    for (int i = 0; i < kRows; ++i) EXPECT_EQ(result.captures[i].record.sequence, i + 1);
    EXPECT_EQ(result.counts.records, static_cast<std::uint64_t>(kRows));
}

TEST(SqliteArchive, ACorruptFileIsOneLineAndTheOtherInputsAreStillRead) {
    ScratchDir dir;
    const fs::path file = dir / "broken.db";
    {
        DiffengineDb db(file);
        db.article("https://paper.example/a", {{"2024-05-02 09:00:00", "One", "<p>one</p>"}});
    }
    sqlite_fixture::overwrite_from(file, sqlite_fixture::kHeaderBytes);
    const fs::path jsonl = dir / "other.jsonl";
    write_file(jsonl, R"({"source": "x", "url": "https://x.example/1", "timestamp": "2024-05-02T09:00:00Z", "title": "Fine"})"
                      "\n");
    ReadResult result = read_all({file.string(), jsonl.string()});
    ASSERT_EQ(result.rejections.size(), 1u);
    EXPECT_TRUE(result.rejections[0].starts_with("newsindex: " + file.string() + ": ")) << result.rejections[0];
    EXPECT_EQ(titles(result), std::vector<std::string>{"Fine"});
    for (const InputCursor& cursor : result.counts.cursors) EXPECT_NE(cursor.input, fs::weakly_canonical(file).string());
}

TEST(SqliteArchive, AFileThatCannotBeOpenedKeepsItsCursor) {
    ScratchDir dir;
    const fs::path file = dir / "diffengine.db";
    write_live_page(file, 3);
    InputCursors cursors = cursors_of(read_all({file.string()}));
    ASSERT_EQ(cursors.size(), 1u);
    sqlite_fixture::overwrite_from(file, sqlite_fixture::kHeaderBytes);
    ReadResult damaged = read_all({file.string()}, &cursors);
    EXPECT_EQ(damaged.rejections.size(), 1u);
    EXPECT_EQ(cursors_of(damaged), cursors);
}

TEST(SqliteArchive, AFileDamagedPartWayKeepsTheRowsBeforeTheDamageAndSaysWhere) {
    ScratchDir dir;
    const fs::path file = dir / "diffengine.db";
    constexpr int kRows = 6000;
    write_live_page(file, kRows);
    // The last quarter of the file overwritten: the rows written last.
    sqlite_fixture::overwrite_from(file, fs::file_size(file) * 3 / 4);

    ReadResult result = read_all({file.string()});
    ASSERT_EQ(result.rejections.size(), 1u);
    EXPECT_TRUE(result.rejections[0].starts_with("newsindex: " + file.string() + ": ")) << result.rejections[0];
    ASSERT_FALSE(result.captures.empty());
    EXPECT_LT(result.captures.size(), static_cast<std::size_t>(kRows));
    for (std::size_t i = 0; i < result.captures.size(); ++i)
        EXPECT_EQ(result.captures[i].record.sequence, static_cast<std::int64_t>(i + 1));
    // The cursor covers the rows read: the next run starts after them, at
    // the damage, which it reports again.
    InputCursors cursors = cursors_of(result);
    ReadResult again = read_all({file.string()}, &cursors);
    EXPECT_TRUE(again.captures.empty());
    EXPECT_EQ(again.rejections, result.rejections);
}

TEST(SqliteArchive, ASqliteFileOfAnotherApplicationIsOneLine) {
    ScratchDir dir;
    const fs::path file = dir / "places.sqlite";
    {
        SqliteFile db(file);
        db.exec("CREATE TABLE bookmarks (id INTEGER PRIMARY KEY, url TEXT)");
    }
    ReadResult result = read_all({file.string()});
    EXPECT_EQ(result.rejections, std::vector<std::string>{"newsindex: " + file.string() +
                                                          ": not a diffengine or NewsEdits database (no table entryversion)"});
    EXPECT_TRUE(result.counts.cursors.empty());
}

TEST(SqliteArchive, AFormatForcedOnTheWrongSchemaIsOneLine) {
    ScratchDir dir;
    const fs::path file = dir / "diffengine.db";
    {
        DiffengineDb db(file);
        db.article("https://paper.example/a", {{"2024-05-02 09:00:00", "One", "<p>one</p>"}});
    }
    ReadResult result = read_all({file.string()}, nullptr, InputFormat::kNewsEdits);
    EXPECT_EQ(result.rejections,
              std::vector<std::string>{"newsindex: " + file.string() +
                                       ": not a NewsEdits database (table entryversion has no column version)"});
    EXPECT_TRUE(result.captures.empty());
}

TEST(SqliteArchive, AWriterHoldingAWriteTransactionNeitherBlocksNorLeaksItsRows) {
    ScratchDir dir;
    const fs::path file = dir / "diffengine.db";
    DiffengineDb db(file);
    std::int64_t entry = db.article("https://paper.example/a", {{"2024-05-02 09:00:00", "Committed", "<p>one</p>"}});

    // diffengine in the middle of a check: a write transaction open, a row
    // written, not committed.
    db.exec("BEGIN IMMEDIATE");
    db.version(entry, "2024-05-02 10:00:00", "Uncommitted", "<p>two</p>", "https://paper.example/a");
    ReadResult during = read_all({file.string()});
    EXPECT_TRUE(during.rejections.empty()) << during.rejections.front();
    EXPECT_EQ(titles(during), std::vector<std::string>{"Committed"});
    db.exec("COMMIT");

    InputCursors cursors = cursors_of(during);
    EXPECT_EQ(titles(read_all({file.string()}, &cursors)), std::vector<std::string>{"Uncommitted"});
}

TEST(SqliteArchive, ANewsEditsFileIsItsOutletAndItsVersionsOrderCapturesOfOneSecond) {
    ScratchDir dir;
    const fs::path file = dir / "ap.db";
    {
        NewsEditsDb db(file);
        db.version(7, 0, 2, "2019-03-01 12:00:00", "Quake hits", "https://apnews.com/abc",
                   "<p>A quake hit on Friday.</p><p>No damage was reported.</p>");
        db.version(7, 1, 2, "2019-03-01 12:00:00", "Quake hits, damage reported", "https://apnews.com/abc",
                   "<p>A quake hit on Friday.</p><p>Damage was reported.</p>");
    }
    ReadResult result = read_all({file.string()});
    EXPECT_TRUE(result.rejections.empty()) << result.rejections.front();
    ASSERT_EQ(result.captures.size(), 2u);
    EXPECT_EQ(result.captures[0].record.article.source, "ap");
    EXPECT_EQ(result.captures[0].record.sequence, 0);
    EXPECT_EQ(result.captures[1].record.sequence, 1);
    EXPECT_EQ(result.captures[1].record.text, "A quake hit on Friday.\n\nDamage was reported.");
    EXPECT_EQ(result.captures[0].record.article.identity, result.captures[1].record.article.identity);
}

TEST(SqliteArchive, ANewsEditsVersionWithoutSummaryIsItsSentencesInOrder) {
    ScratchDir dir;
    const fs::path file = dir / "nyt.db";
    {
        NewsEditsDb db(file);
        db.version(3, 0, 1, "2016-02-02 16:00:00", "Kerry speaks", "https://www.nytimes.com/k.html", "");
        // Sentences as the release holds them: out of order in the table,
        // paragraph tags cut between sentences.
        db.sentence(3, 0, 2, "He spoke in Rome.</p>");
        db.sentence(3, 0, 0, "<p>ROME &#8212; John Kerry spoke.");
        db.sentence(3, 0, 1, "The talks went on.</p>");
        db.sentence(3, 1, 0, "<p>Another version's sentence.</p>");
    }
    ReadResult result = read_all({file.string()});
    ASSERT_EQ(result.captures.size(), 1u);
    EXPECT_EQ(result.captures[0].record.text, "ROME \u2014 John Kerry spoke. The talks went on.\n\nHe spoke in Rome.");
    EXPECT_EQ(result.captures[0].record.article.source, "nyt");
}

TEST(SqliteArchive, ASourceColumnNamesTheOutletOfANewsEditsRow) {
    ScratchDir dir;
    const fs::path file = dir / "all-outlets.db";
    {
        NewsEditsDb db(file);
        db.exec("ALTER TABLE entryversion ADD COLUMN source TEXT");
        db.insert("INSERT INTO entryversion (entry_id, version, title, created, url, num_versions, summary, source) "
                  "VALUES (1, 0, 'T', '2020-01-01 00:00:00', 'https://bbc.co.uk/n/1', 1, '<p>x</p>', 'BBC')",
                  {});
    }
    ReadResult result = read_all({file.string()}, nullptr, InputFormat::kNewsEdits);
    ASSERT_EQ(result.captures.size(), 1u);
    EXPECT_EQ(result.captures[0].record.article.source, "bbc");
}

}  // namespace
}  // namespace newsindex::indexer
