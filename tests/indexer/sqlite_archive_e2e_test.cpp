// End-to-end: the built `newsindex` fed a diffengine database finds the same
// answers as fed the same captures written by hand as JSON Lines: versions,
// revision numbers, `newsquery history`, `timeline` and `search`.
#include "tests/indexer/ingest_e2e_support.h"
#include "tests/indexer/sqlite_archive_fixture.h"
#include "tests/support/test_support.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace newsindex::indexer {
namespace {

namespace fs = std::filesystem;
using newsindex::testing::run_newsindex;
using newsindex::testing::run_newsquery;
using newsindex::testing::ScratchDir;
using newsindex::testing::write_file;
using sqlite_fixture::DiffengineDb;
using namespace e2e;

const std::string kBridge = "https://ledger.example/2024/05/bridge";
const std::string kStorm = "https://courier.example/news/storm?utm_source=rss";
const std::string kCouncil = "https://www.gazette.example/council";

// Two feeds, three entries: a bridge story changed, captured again
// unchanged (other markup, same text) and reverted; a storm story changed
// within one second; a council story in no feed.
void write_diffengine(const fs::path& file) {
    DiffengineDb db(file);
    db.feed("https://ledger.example/rss", "Daily Ledger");
    db.feed("https://courier.example/rss", "Northern Courier");
    std::int64_t bridge = db.entry(kBridge, "https://ledger.example/rss");
    std::int64_t storm = db.entry(kStorm, "https://courier.example/rss");
    std::int64_t council = db.entry(kCouncil, "");
    const std::string closed = "<p>The Mill Street bridge is closed.</p>\n<p>Engineers found cracks &amp; rust.</p>";
    db.version(bridge, "2024-05-02 09:00:00.250000", "Bridge closed", closed, kBridge);
    db.version(bridge, "2024-05-02 11:30:00", "Bridge closed for three weeks",
               "<p>The Mill Street bridge will stay closed for three weeks.</p><p>Engineers found cracks &amp; rust.</p>",
               kBridge);
    db.version(bridge, "2024-05-02 14:00:00.999999", "Bridge closed for three weeks",
               "<p>The Mill Street bridge will stay\n  closed for three weeks.</p>\n\n<p>Engineers found cracks &#38; "
               "<b>rust</b>.</p>",
               kBridge);
    db.version(bridge, "2024-05-03 08:00:00", "Bridge closed", closed, kBridge);
    db.version(storm, "2024-05-02 10:00:00", "Storm warning",
               "<p>A storm warning was issued for the <em>valley</em> &mdash; residents should stay indoors.</p>",
               "https://courier.example/news/storm");
    db.version(storm, "2024-05-02 10:00:00", "Storm warning upgraded",
               "<p>A storm warning was upgraded to red for the valley.</p>", "https://courier.example/news/storm");
    db.version(council, "2024-05-04 12:00:00", "Council budget",
               "<p>The council approved its budget.<br>Taxes rise by 2%.</p>", kCouncil);
}

// The same captures, written independently: the feed's name lower-cased as
// source (the host without a feed), the entry's URL, the row id as
// version, the paragraphs as a reader sees them.
const char* const kSameAsJsonLines = R"({"source": "daily ledger", "url": "https://ledger.example/2024/05/bridge", "timestamp": "2024-05-02T09:00:00Z", "version": 1, "title": "Bridge closed", "text": "The Mill Street bridge is closed.\n\nEngineers found cracks & rust."}
{"source": "daily ledger", "url": "https://ledger.example/2024/05/bridge", "timestamp": "2024-05-02T11:30:00Z", "version": 2, "title": "Bridge closed for three weeks", "text": "The Mill Street bridge will stay closed for three weeks.\n\nEngineers found cracks & rust."}
{"source": "daily ledger", "url": "https://ledger.example/2024/05/bridge", "timestamp": "2024-05-02T14:00:00Z", "version": 3, "title": "Bridge closed for three weeks", "text": "The Mill Street bridge will stay closed for three weeks.\n\nEngineers found cracks & rust."}
{"source": "daily ledger", "url": "https://ledger.example/2024/05/bridge", "timestamp": "2024-05-03T08:00:00Z", "version": 4, "title": "Bridge closed", "text": "The Mill Street bridge is closed.\n\nEngineers found cracks & rust."}
{"source": "northern courier", "url": "https://courier.example/news/storm?utm_source=rss", "timestamp": "2024-05-02T10:00:00Z", "version": 5, "title": "Storm warning", "text": "A storm warning was issued for the valley \u2014 residents should stay indoors."}
{"source": "northern courier", "url": "https://courier.example/news/storm?utm_source=rss", "timestamp": "2024-05-02T10:00:00Z", "version": 6, "title": "Storm warning upgraded", "text": "A storm warning was upgraded to red for the valley."}
{"source": "gazette.example", "url": "https://www.gazette.example/council", "timestamp": "2024-05-04T12:00:00Z", "version": 7, "title": "Council budget", "text": "The council approved its budget.\n\nTaxes rise by 2%."}
)";

// Each version's article, revision, title and text as stored.
std::set<std::tuple<std::string, std::uint32_t, std::string, std::string>> texts_in(const std::string& db_path) {
    Xapian::Database db(db_path);
    std::set<std::tuple<std::string, std::uint32_t, std::string, std::string>> texts;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        schema::VersionRecord r = schema::read_stored_version(db.get_document(*it));
        texts.insert({r.article.source + "/" + r.article.identity, r.revision, r.title, r.text});
    }
    return texts;
}

class DiffengineIngest : public ::testing::Test {
  protected:
    void SetUp() override {
        write_diffengine(dir_ / "diffengine.db");
        write_file(dir_ / "same.jsonl", kSameAsJsonLines);
        archive_run_ = run_newsindex({"--db", archive_db(), "--json-summary", (dir_ / "diffengine.db").string()});
        json_run_ = run_newsindex({"--db", json_db(), "--json-summary", (dir_ / "same.jsonl").string()});
        ASSERT_EQ(archive_run_.exit_code, 0) << archive_run_.err;
        ASSERT_EQ(json_run_.exit_code, 0) << json_run_.err;
    }
    std::string archive_db() const { return (dir_ / "from-archive").string(); }
    std::string json_db() const { return (dir_ / "from-jsonl").string(); }

    // The command's output on each database: the archive's, then JSON's.
    std::pair<std::string, std::string> both(std::vector<std::string> args) {
        std::vector<std::string> on_archive = args, on_json = args;
        on_archive.insert(on_archive.end(), {"--db", archive_db()});
        on_json.insert(on_json.end(), {"--db", json_db()});
        CommandResult a = run_newsquery(on_archive), j = run_newsquery(on_json);
        EXPECT_EQ(a.exit_code, 0) << a.err;
        EXPECT_EQ(j.exit_code, 0) << j.err;
        return {a.out, j.out};
    }

    ScratchDir dir_;
    CommandResult archive_run_, json_run_;
};

TEST_F(DiffengineIngest, GivesTheVersionsOfTheSameRecordsAsJsonLines) {
    nlohmann::json summary = summary_of(archive_run_);
    EXPECT_EQ(summary.at("records"), 7);
    EXPECT_EQ(summary.at("added"), 6);  // bridge 3 (one revert), storm 2, council 1
    EXPECT_EQ(summary.at("unchanged"), 1);
    EXPECT_EQ(summary.at("rejected"), 0);
    std::set<StoredVersion> versions = versions_in(archive_db());
    EXPECT_EQ(versions.size(), 6u);
    EXPECT_EQ(versions, versions_in(json_db()));
    auto texts = texts_in(archive_db());
    EXPECT_EQ(texts, texts_in(json_db()));
    EXPECT_TRUE(texts.contains({"gazette.example/https://www.gazette.example/council", 1, "Council budget",
                                "The council approved its budget.\n\nTaxes rise by 2%."}));
}

TEST_F(DiffengineIngest, HistoryShowsTheSameRevisions) {
    for (const std::string& article : {kBridge, kStorm, kCouncil}) {
        SCOPED_TRACE(article);
        auto [archive, json] = both({"history", article, "--format", "json"});
        EXPECT_EQ(archive, json);
        EXPECT_FALSE(archive.empty());
    }
    auto bridge = lines_of(both({"history", kBridge, "--format", "json"}).first);
    ASSERT_EQ(bridge.size(), 3u);
    EXPECT_EQ(nlohmann::json::parse(bridge[2]).at("revision"), 3);
    EXPECT_EQ(nlohmann::json::parse(bridge[1]).at("last_seen"), "2024-05-02T14:00:00Z");
}

TEST_F(DiffengineIngest, TimelineAndSearchFindTheSame) {
    for (const std::vector<std::string>& command :
         {std::vector<std::string>{"timeline", "--format", "json", "\"three weeks\""},
          std::vector<std::string>{"timeline", "--format", "json", "rust"},
          std::vector<std::string>{"search", "--format", "json", "storm"},
          std::vector<std::string>{"search", "--format", "json", "--all-versions", "bridge"},
          std::vector<std::string>{"search", "--format", "json", "taxes"}}) {
        SCOPED_TRACE(command[0] + " " + command.back());
        auto [archive, json] = both(command);
        EXPECT_EQ(archive, json);
        EXPECT_FALSE(archive.empty());
    }
}

TEST(NewsEditsIngest, GivesTheVersionsOfTheSameRecordsAsJsonLines) {
    ScratchDir dir;
    {
        sqlite_fixture::NewsEditsDb db(dir / "ap.db");
        db.version(11, 0, 3, "2017-03-24 10:00:00", "Laptop ban eased", "https://apnews.com/a1",
                   "<p>LONDON (AP) &#8212; Britain eased a ban on laptops.</p><p>Officials said more later.</p>");
        db.version(11, 1, 3, "2017-03-24 10:00:00", "Laptop ban eased on Turkey flights", "https://apnews.com/a1",
                   "<p>LONDON (AP) &#8212; Britain eased a ban on laptops on flights from Turkey.</p>");
        db.version(11, 2, 3, "2017-03-24 13:15:00", "Laptop ban eased on Turkey flights", "https://apnews.com/a1", "");
        db.sentence(11, 2, 1, "Airlines welcomed it.</p>");
        db.sentence(11, 2, 0, "<p>LONDON (AP) &#8212; Britain eased a ban on laptops on flights from Turkey.");
        db.version(12, 0, 1, "2017-03-25 08:00:00", "Storm nears coast", "https://apnews.com/b2",
                   "<p>A storm neared the coast.</p>");
    }
    write_file(dir / "same.jsonl", R"({"source": "ap", "url": "https://apnews.com/a1", "timestamp": "2017-03-24T10:00:00Z", "version": 0, "title": "Laptop ban eased", "text": "LONDON (AP) \u2014 Britain eased a ban on laptops.\n\nOfficials said more later."}
{"source": "ap", "url": "https://apnews.com/a1", "timestamp": "2017-03-24T10:00:00Z", "version": 1, "title": "Laptop ban eased on Turkey flights", "text": "LONDON (AP) \u2014 Britain eased a ban on laptops on flights from Turkey."}
{"source": "ap", "url": "https://apnews.com/a1", "timestamp": "2017-03-24T13:15:00Z", "version": 2, "title": "Laptop ban eased on Turkey flights", "text": "LONDON (AP) \u2014 Britain eased a ban on laptops on flights from Turkey. Airlines welcomed it."}
{"source": "ap", "url": "https://apnews.com/b2", "timestamp": "2017-03-25T08:00:00Z", "version": 0, "title": "Storm nears coast", "text": "A storm neared the coast."}
)");
    const std::string from_archive = (dir / "from-archive").string(), from_json = (dir / "from-jsonl").string();
    CommandResult archive = run_newsindex({"--db", from_archive, "--quiet", (dir / "ap.db").string()});
    CommandResult json = run_newsindex({"--db", from_json, "--quiet", (dir / "same.jsonl").string()});
    ASSERT_EQ(archive.exit_code, 0) << archive.err;
    ASSERT_EQ(json.exit_code, 0) << json.err;
    EXPECT_EQ(versions_in(from_archive).size(), 4u);
    EXPECT_EQ(versions_in(from_archive), versions_in(from_json));
    EXPECT_EQ(texts_in(from_archive), texts_in(from_json));
    CommandResult history = run_newsquery({"history", "https://apnews.com/a1", "--format", "json", "--db", from_archive});
    EXPECT_EQ(history.out,
              run_newsquery({"history", "https://apnews.com/a1", "--format", "json", "--db", from_json}).out);
    EXPECT_EQ(lines_of(history.out).size(), 3u);
}

TEST(DiffengineIngestErrors, ACorruptDatabaseIsOneLineExit65AndTheOtherInputIsIndexed) {
    ScratchDir dir;
    const fs::path broken = dir / "broken.db";
    write_diffengine(broken);
    sqlite_fixture::overwrite_from(broken, sqlite_fixture::kHeaderBytes);
    write_file(dir / "other.jsonl", R"({"source": "x", "url": "https://x.example/1", "timestamp": "2024-05-02T09:00:00Z", "title": "Fine"})"
                                    "\n");
    const std::string db = (dir / "db").string();
    CommandResult r = run_newsindex({"--db", db, "--quiet", broken.string(), (dir / "other.jsonl").string()});
    EXPECT_EQ(r.exit_code, 65) << r.err;
    EXPECT_EQ(lines_of(r.err).size(), 1u) << r.err;
    EXPECT_TRUE(has_line_starting(r.err, "newsindex: " + broken.string() + ": ")) << r.err;
    EXPECT_EQ(doc_count(db), 1u);
}

}  // namespace
}  // namespace newsindex::indexer
