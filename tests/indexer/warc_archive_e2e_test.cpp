// End-to-end: WARC files (plain WARC/1.0 and per-record gzip WARC/1.1)
// of news pages among their sites' furniture, ingested by the built
// `newsindex`, answer every query as the same captures written as JSON
// Lines do; a truncated WARC is named by offset and exits 65.
#include "indexer/exit_codes.h"
#include "tests/indexer/ingest_e2e_support.h"
#include "tests/indexer/warc_test_support.h"
#include "tests/support/test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace newsindex::indexer {
namespace {

namespace fs = std::filesystem;
using namespace e2e;
using namespace warc_test;
using newsindex::testing::CommandResult;
using newsindex::testing::run_newsindex;
using newsindex::testing::run_newsquery;
using newsindex::testing::ScratchDir;

constexpr const char* kBudgetUrl = "https://www.examplenews.com/politics/budget-vote";
constexpr const char* kFloodUrl = "https://www.dailypaper.co.uk/news/flood-warning/";
constexpr const char* kLettersUrl = "https://examplenews.com/opinion/letters";

PageParts budget(bool revised) {
    PageParts p;
    p.title = "Council passes budget after late-night vote";
    p.description = "Councillors approved the spending plan.";
    p.json_ld = R"({"@context":"https://schema.org","@type":"NewsArticle","author":{"@type":"Person","name":"Ana Ruiz"},)"
                R"("datePublished":"2024-05-01T07:30:00Z"})";
    p.paragraphs = {"The council approved the budget at 1 a.m. after six hours of debate.",
                    "Opponents said the plan cuts library hours and bus routes."};
    if (revised) {
        p.paragraphs[1] = "Opponents said the plan cuts library hours, bus routes and park budgets.";
        p.paragraphs.push_back("A second vote on the parks is due in June.");
    }
    return p;
}

// The flood page in a single-byte charset: 0xE9 é, 0x92 ’ (windows-1252).
PageParts flood(bool revised) {
    PageParts p;
    p.site = "The Daily Paper";
    p.title = "Flood warning for the river valley";
    p.og_description = "Residents are told to move valuables upstairs.";
    p.author_meta = "Tom Hale";
    p.published_meta = "2024-05-01T11:00:00Z";
    p.paragraphs = {"The Environment Agency issued a flood warning for the valley\x92s villages.",
                    "The caf\xE9 on the quay has closed."};
    if (revised) {
        p.charset_meta = "<meta charset=\"windows-1252\">";
        p.paragraphs.push_back("Sandbags are available at the caf\xE9\x92s door.");
    }
    return p;
}

PageParts letters() {
    PageParts p;
    p.title = "Letters: the bridge";
    p.paragraphs = {"Readers write about the bridge closure."};
    p.use_article = false;
    return p;
}

// The captures as JSON Lines, written here by hand from the same parts.
std::string expected_jsonl() {
    auto line = [](const char* url, const char* source, const char* time, const PageParts& p, const std::string& text,
                   const std::string& summary, const std::string& author, const char* published) {
        nlohmann::json j{{"source", source}, {"url", url}, {"timestamp", time}, {"title", p.title},
                         {"summary", summary}, {"text", text}, {"language", "en"}};
        if (!author.empty()) j["author"] = author;
        if (published != nullptr) j["published"] = published;
        return j.dump() + "\n";
    };
    std::string budget1 = "The council approved the budget at 1 a.m. after six hours of debate.\n\n"
                          "Opponents said the plan cuts library hours and bus routes.";
    std::string budget3 = "The council approved the budget at 1 a.m. after six hours of debate.\n\n"
                          "Opponents said the plan cuts library hours, bus routes and park budgets.\n\n"
                          "A second vote on the parks is due in June.";
    std::string flood1 = "The Environment Agency issued a flood warning for the valley\u2019s villages.\n\n"
                         "The caf\u00e9 on the quay has closed.";
    std::string flood2 = flood1 + "\n\nSandbags are available at the caf\u00e9\u2019s door.";
    PageParts b = budget(false), f = flood(false);
    return line(kBudgetUrl, "examplenews.com", "2024-05-01T08:00:00Z", b, budget1, b.description, "Ana Ruiz",
                "2024-05-01T07:30:00Z") +
           line(kBudgetUrl, "examplenews.com", "2024-05-01T09:00:00Z", b, budget1, b.description, "Ana Ruiz",
                "2024-05-01T07:30:00Z") +
           line(kBudgetUrl, "examplenews.com", "2024-05-01T20:00:00Z", b, budget1, b.description, "Ana Ruiz",
                "2024-05-01T07:30:00Z") +
           line(kBudgetUrl, "examplenews.com", "2024-05-02T10:00:00Z", b, budget3, b.description, "Ana Ruiz",
                "2024-05-01T07:30:00Z") +
           line(kFloodUrl, "dailypaper.co.uk", "2024-05-01T12:00:00Z", f, flood1, f.og_description, "Tom Hale",
                "2024-05-01T11:00:00Z") +
           line(kFloodUrl, "dailypaper.co.uk", "2024-05-02T12:00:00Z", f, flood2, f.og_description, "Tom Hale",
                "2024-05-01T11:00:00Z") +
           line(kLettersUrl, "examplenews.com", "2024-05-02T13:00:00Z", letters(), "Readers write about the bridge closure.",
                "", "", nullptr);
}

// Day one: a plain WARC/1.0 file. Day two: WARC/1.1, a gzip member per
// record, a WARC-Date with a fraction of a second; it begins with revisits
// of day one's budget page (seen again at 20:00: the JSON Lines hold a
// capture of the same text then), of its logo, and of a page never
// captured (nothing to extend).
void write_warcs(const fs::path& dir) {
    std::string day1 =
        warc_record("1.0", "warcinfo", "", "2024-05-01T07:59:00Z", "application/warc-fields", "software: test\r\n") +
        response_record("1.0", kBudgetUrl, "2024-05-01T08:00:00Z",
                        http_response(200, {"Content-Type: text/html; charset=utf-8"}, news_page(budget(false)))) +
        response_record("1.0", "https://www.examplenews.com/logo.png", "2024-05-01T08:00:01Z",
                        http_response(200, {"Content-Type: image/png"}, "\x89PNG\r\n\x1A\n")) +
        response_record("1.0", kBudgetUrl, "2024-05-01T09:00:00Z",
                        http_response(200, {"Content-Type: text/html; charset=utf-8"}, news_page(budget(false)), true)) +
        response_record("1.0", kFloodUrl, "2024-05-01T12:00:00Z",
                        http_response(200, {"Content-Type: text/html; charset=ISO-8859-1"}, news_page(flood(false)))) +
        response_record("1.0", "http://dailypaper.co.uk/flood", "2024-05-01T12:00:05Z",
                        http_response(301, {"Location: https://www.dailypaper.co.uk/news/flood-warning/"}, ""));
    std::ofstream(dir / "day1.warc", std::ios::binary) << day1;

    std::vector<std::string> day2{
        revisit_record("1.1", kBudgetUrl, "2024-05-01T20:00:00Z",
                       "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n", "2024-05-01T09:00:00Z"),
        revisit_record("1.1", "https://www.examplenews.com/logo.png", "2024-05-01T20:00:01Z",
                       "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n", "2024-05-01T08:00:01Z"),
        revisit_record("1.1", "https://www.examplenews.com/politics/never-seen", "2024-05-01T20:00:02Z",
                       "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n", "2024-04-01T09:00:00Z"),
        response_record("1.1", kBudgetUrl, "2024-05-02T10:00:00.250Z",
                        http_response(200, {"Content-Type: text/html; charset=utf-8", "Content-Encoding: gzip"},
                                      gzip_member(news_page(budget(true))), true)),
        response_record("1.1", "https://www.examplenews.com/politics/missing", "2024-05-02T10:00:01Z",
                        http_response(404, {"Content-Type: text/html"}, "<html><body><p>Page not found</p></body></html>")),
        response_record("1.1", kFloodUrl, "2024-05-02T12:00:00Z",
                        http_response(200, {"Content-Type: text/html"}, news_page(flood(true)))),
        response_record("1.1", "https://www.examplenews.com/", "2024-05-02T12:30:00Z",
                        http_response(200, {"Content-Type: text/html; charset=utf-8"},
                                      "<html><head><title>Example News</title></head><body><nav><ul><li>"
                                      "<a href=\"/politics\">Politics</a></li></ul></nav></body></html>")),
        warc_record("1.1", "resource", kLettersUrl, "2024-05-02T13:00:00Z", "text/html; charset=utf-8",
                    news_page(letters()))};
    std::ofstream out(dir / "day2.warc.gz", std::ios::binary);
    for (const std::string& record : day2) out << gzip_member(record);
}

class WarcIngest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new ScratchDir;
        fs::create_directories(*dir_ / "crawl");
        write_warcs(*dir_ / "crawl");
        newsindex::testing::write_file(*dir_ / "same.jsonl", expected_jsonl());
        warc_run_ = new CommandResult(
            run_newsindex({"--db", warc_db().string(), "--json-summary", (*dir_ / "crawl").string()}));
        json_run_ = new CommandResult(run_newsindex({"--db", json_db().string(), (*dir_ / "same.jsonl").string()}));
    }
    static void TearDownTestSuite() {
        delete warc_run_;
        delete json_run_;
        delete dir_;
    }
    static fs::path warc_db() { return *dir_ / "warc-db"; }
    static fs::path json_db() { return *dir_ / "json-db"; }
    static std::string query(const fs::path& db, std::vector<std::string> args) {
        args.insert(args.begin(), {"--db", db.string()});
        CommandResult r = run_newsquery(args);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return r.out;
    }
    // The same command against both databases gives the same output.
    static void expect_same(const std::vector<std::string>& args) {
        std::string from_warc = query(warc_db(), args);
        EXPECT_FALSE(from_warc.empty());
        EXPECT_EQ(from_warc, query(json_db(), args)) << args[0] << " " << args[1];
    }

    static ScratchDir* dir_;
    static CommandResult* warc_run_;
    static CommandResult* json_run_;
};

ScratchDir* WarcIngest::dir_ = nullptr;
CommandResult* WarcIngest::warc_run_ = nullptr;
CommandResult* WarcIngest::json_run_ = nullptr;

TEST_F(WarcIngest, TheArchiveIsIndexedWithoutComplaint) {
    EXPECT_EQ(warc_run_->exit_code, 0) << warc_run_->err;
    // Skips are quiet: no line names a file of the crawl.
    EXPECT_FALSE(has_line_starting(warc_run_->err, "newsindex: " + (*dir_ / "crawl").string())) << warc_run_->err;
    ASSERT_EQ(json_run_->exit_code, 0) << json_run_->err;
}

TEST_F(WarcIngest, RevisitsExtendTheVersionTheySawAgainOrAreCounted) {
    nlohmann::json summary = nlohmann::json::parse(warc_run_->out);
    EXPECT_EQ(summary.at("added"), 5);
    EXPECT_EQ(summary.at("unchanged"), 2);  // the budget page's second response and its revisit
    EXPECT_EQ(summary.at("skipped"), nlohmann::json::parse(R"({"HTTP 404": 1, "no article text": 1, "not HTML": 2,
                                                               "redirect": 1, "revisit of no version": 1})"));
    std::vector<std::string> history = lines_of(query(warc_db(), {"history", kBudgetUrl, "--format", "json"}));
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(nlohmann::json::parse(history[0]).at("last_seen"), "2024-05-01T20:00:00Z");
}

TEST(WarcCron, ARevisitInALaterRunExtendsTheVersionOfAnEarlierOne) {
    ScratchDir dir;
    std::ofstream(dir / "day1.warc", std::ios::binary)
        << response_record("1.0", kFloodUrl, "2024-05-01T12:00:00Z",
                           http_response(200, {"Content-Type: text/html; charset=ISO-8859-1"}, news_page(flood(false))));
    fs::path db = dir / "db";
    CommandResult first = run_newsindex({"--db", db.string(), (dir / "day1.warc").string()});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    std::ofstream(dir / "day2.warc", std::ios::binary)
        << revisit_record("1.0", kFloodUrl, "2024-05-01T15:30:00Z", "HTTP/1.1 200 OK\r\n\r\n", "2024-05-01T12:00:00Z");
    // The whole folder, the database inside it (never read as input), from
    // cron: the second run reads nothing new.
    for (int run = 0; run < 2; ++run) {
        CommandResult next = run_newsindex({"--db", db.string(), "--json-summary", dir.path().string()});
        ASSERT_EQ(next.exit_code, 0) << next.err;
        nlohmann::json summary = nlohmann::json::parse(next.out);
        EXPECT_EQ(summary.at("records"), run == 0 ? 1 : 0) << run;
        EXPECT_EQ(summary.at("unchanged"), run == 0 ? 1 : 0) << run;
        EXPECT_EQ(summary.at("added"), 0) << run;
        EXPECT_EQ(summary.at("skipped"), nlohmann::json::parse(R"({"the database itself": 1})")) << run;
    }
    EXPECT_EQ(doc_count(db), 1u);
    CommandResult history = run_newsquery({"--db", db.string(), "history", kFloodUrl, "--format", "json"});
    ASSERT_EQ(history.exit_code, 0) << history.err;
    std::vector<std::string> revisions = lines_of(history.out);
    ASSERT_EQ(revisions.size(), 1u);
    nlohmann::json revision = nlohmann::json::parse(revisions[0]);
    EXPECT_EQ(revision.at("captured_at"), "2024-05-01T12:00:00Z");
    EXPECT_EQ(revision.at("last_seen"), "2024-05-01T15:30:00Z");
}

TEST_F(WarcIngest, VersionsAndRevisionsAreThoseOfTheSameRecordsAsJsonLines) {
    std::set<StoredVersion> versions = versions_in(warc_db());
    EXPECT_EQ(versions.size(), 5u);  // budget 2, flood 2, letters 1
    EXPECT_EQ(versions, versions_in(json_db()));
}

TEST_F(WarcIngest, HistoryTimelineAndSearchAnswerAsForJsonLines) {
    expect_same({"history", kBudgetUrl, "--format", "json"});
    expect_same({"history", kFloodUrl, "--format", "json"});
    expect_same({"show", kFloodUrl, "--format", "json"});
    expect_same({"timeline", "parks", "--format", "json"});
    expect_same({"timeline", "sandbags", "--format", "json"});
    expect_same({"search", "budget", "--format", "json"});
    expect_same({"search", "café", "--all-versions", "--format", "json"});
    expect_same({"search", "author:hale", "--format", "json"});
    expect_same({"search", "bridge", "--format", "json"});
}

TEST_F(WarcIngest, NoFurnitureReachesTheIndex) {
    for (const std::string& word : furniture_words()) {
        CommandResult r = run_newsquery({"--db", warc_db().string(), "search", "--count", "--all-versions", word});
        EXPECT_EQ(r.out, "0\n") << word << ": " << r.err;
    }
}

TEST(WarcBadInput, ATruncatedWarcNamesTheRecordOffsetIndexesTheOthersAndExits65) {
    ScratchDir dir;
    std::string one = response_record("1.0", kBudgetUrl, "2024-05-01T08:00:00Z",
                                      http_response(200, {"Content-Type: text/html"}, news_page(budget(false))));
    std::string two = response_record("1.0", kLettersUrl, "2024-05-01T09:00:00Z",
                                      http_response(200, {"Content-Type: text/html"}, news_page(letters())));
    std::string three = response_record("1.0", kFloodUrl, "2024-05-01T12:00:00Z",
                                        http_response(200, {"Content-Type: text/html"}, news_page(flood(false))));
    fs::path file = dir / "cut.warc";
    std::ofstream(file, std::ios::binary) << one << two << three.substr(0, three.size() - 700);
    CommandResult r = run_newsindex({"--db", (dir / "db").string(), "--json-summary", file.string()});
    EXPECT_EQ(r.exit_code, exit_code::kDataError) << r.err;
    std::vector<std::string> lines;
    for (const std::string& line : lines_of(r.err)) {
        if (line.starts_with("newsindex: " + file.string())) lines.push_back(line);
    }
    EXPECT_EQ(lines, (std::vector<std::string>{fmt::format("newsindex: {}: record at offset {}: truncated record (the file ends inside it)",
                                                            file.string(), one.size() + two.size())}));
    EXPECT_EQ(doc_count(dir / "db"), 2u);
}

}  // namespace
}  // namespace newsindex::indexer
