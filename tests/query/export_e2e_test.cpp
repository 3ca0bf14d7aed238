// newsquery export end to end: what it writes, indexed again by the built
// newsindex, is a database with the same versions and the same answers.
// The sample (SHARED_DATA_DIR/sample.jsonl.gz, read at test time) is
// indexed, exported and re-indexed; the two databases are compared article
// by article (revisions, captures, last seen, version ids, stored fields)
// and by the commands' answers, and the number of versions is computed
// here again from the sample's records. Small hand-made histories cover
// what the sample lacks: captures of one version seen again, a revert,
// captures of one second, a late capture.
#include "query/database.h"
#include "query/engine/article_versions.h"
#include "schema/stored_version.h"
#include "schema/terms.h"
#include "tests/query/revision_fixture.h"
#include "tests/support/test_support.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

namespace {

namespace fs = std::filesystem;
using namespace newsindex::testing;

fs::path sample_path() { return shared_data_dir() / "sample.jsonl.gz"; }

// Whitespace runs to one space, trimmed: written here again, on purpose,
// rather than borrowed from the code under test.
std::string collapse_whitespace(const std::string& text) {
    std::istringstream words(text);
    std::string word, out;
    while (words >> word) out += (out.empty() ? "" : " ") + word;
    return out;
}

// How many versions `records` make: per article (source, article_id or
// URL), captures in (timestamp, version) order, a capture whose title,
// summary and text equal the one before it adding none. Only records of
// `source` when it is not empty. (The sample's timestamps are all written
// alike, "2020-04-21T00:43:01Z", so their text order is their time order.)
std::size_t count_versions(const std::vector<nlohmann::json>& records,
                           const std::string& source = "") {
    using Capture = std::tuple<std::string, std::int64_t, std::string>;
    std::map<std::string, std::vector<Capture>> articles;
    for (const auto& r : records) {
        if (!source.empty() && r.at("source") != source) continue;
        std::string text = collapse_whitespace(r.value("title", "")) + '\x1f' +
                           collapse_whitespace(r.value("summary", "")) + '\x1f' +
                           collapse_whitespace(r.value("text", ""));
        std::string article = r.at("source").get<std::string>() + ' ' +
                              r.value("article_id", r.value("url", ""));
        articles[article].emplace_back(r.at("timestamp"), r.value("version", 0), text);
    }
    std::size_t versions = 0;
    for (auto& [article, captures] : articles) {
        std::sort(captures.begin(), captures.end());
        for (std::size_t i = 0; i < captures.size(); ++i) {
            if (i == 0 || std::get<2>(captures[i]) != std::get<2>(captures[i - 1])) ++versions;
        }
    }
    return versions;
}

// Everything a database holds of each version, one line per version,
// by article digest, revision order: what re-indexing must give back.
std::map<std::string, std::vector<std::string>> versions_by_article(const std::string& db_path) {
    newsindex::query::NewsDatabase db(db_path);
    const Xapian::Database& x = db.xapian();
    std::map<std::string, std::vector<std::string>> out;
    const std::string prefix(newsindex::schema::prefix::kArticle);
    for (auto term = x.allterms_begin(prefix); term != x.allterms_end(prefix); ++term) {
        const std::string digest = (*term).substr(prefix.size());
        for (const auto& ref : newsindex::query::list_versions(x, digest)) {
            const Xapian::Document doc = x.get_document(ref.docid);
            const auto v = newsindex::schema::read_stored_version(doc);
            std::string captures;
            for (const auto& c : v.captures) captures += fmt::format(" {}.{}", c.time, c.sequence);
            out[digest].push_back(fmt::format(
                "r{} {} last {} next {} id {} captures{} | {} | {} | {} | {} | {} | {} | {} | "
                "{} | {} | {} | {}",
                v.revision, v.captured_at, v.last_seen, v.superseded_at.value_or(-1),
                newsindex::schema::version_id_text(digest,
                                                   newsindex::schema::read_version_id(doc)),
                captures, v.article.source, v.article.identity, v.article_id, v.url, v.title,
                v.summary, v.text, v.author, v.language, v.section, v.published.value_or(-1)));
        }
    }
    return out;
}

std::size_t version_count(const std::string& db_path) {
    return newsindex::query::NewsDatabase(db_path).xapian().get_doccount();
}

// newsquery ARGS... --db DB, which must exit 0.
std::string query_output(std::vector<std::string> args, const std::string& db) {
    args.push_back("--db");
    args.push_back(db);
    CommandResult r = run_newsquery(args);
    EXPECT_EQ(r.exit_code, 0) << fmt::format("{}", fmt::join(args, " ")) << ": " << r.err;
    EXPECT_EQ(r.err, "");
    return r.out;
}

// Indexes `file` into a new database `db`.
void index_into(const std::string& db, const fs::path& file) {
    CommandResult r = run_newsindex({"--db", db, "--quiet", file.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
}

// Writes `text` to `file`, indexes it into a new database `db`.
void index_text_into(const std::string& db, const fs::path& file, const std::string& text) {
    write_file(file, text);
    index_into(db, file);
}

class SampleExport : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        if (!fs::exists(sample_path())) return;
        dir_ = new ScratchDir;
        records_ = new std::vector<nlohmann::json>(read_jsonl(sample_path()));
        index_into(original(), sample_path());
        export_ = new std::string(query_output({"export"}, original()));
        index_text_into(copy(), *dir_ / "all.jsonl", *export_);
    }
    static void TearDownTestSuite() {
        delete dir_;
        delete records_;
        delete export_;
        dir_ = nullptr;
        records_ = nullptr;
        export_ = nullptr;
    }
    void SetUp() override {
        if (!dir_) GTEST_SKIP() << "no sample.jsonl.gz in " << shared_data_dir();
    }
    static std::string original() { return (*dir_ / "original").string(); }
    static std::string copy() { return (*dir_ / "copy").string(); }
    static fs::path path(const std::string& name) { return *dir_ / name; }

    static ScratchDir* dir_;
    static std::vector<nlohmann::json>* records_;
    static std::string* export_;  // newsquery export of the original
};
ScratchDir* SampleExport::dir_ = nullptr;
std::vector<nlohmann::json>* SampleExport::records_ = nullptr;
std::string* SampleExport::export_ = nullptr;

}  // namespace

TEST_F(SampleExport, ReindexedExportHoldsEveryVersionAsTheOriginalDoes) {
    const std::size_t expected = count_versions(*records_);
    ASSERT_GT(expected, 1000u);
    EXPECT_EQ(version_count(original()), expected);
    EXPECT_EQ(version_count(copy()), expected);
    const auto original_versions = versions_by_article(original());
    EXPECT_EQ(original_versions.size(), 2300u);
    EXPECT_TRUE(original_versions == versions_by_article(copy()));
}

TEST_F(SampleExport, WritesOneRecordPerCaptureGroupedByArticleInCaptureOrder) {
    const std::vector<nlohmann::json> lines = json_lines(*export_);
    // Every sample record is a capture of its own (none repeats another).
    EXPECT_EQ(lines.size(), records_->size());
    std::set<std::string> finished;
    std::string article;
    std::tuple<std::string, int> previous;
    for (const auto& line : lines) {
        const std::string id = line.at("article_id");
        const std::tuple<std::string, int> at{line.at("timestamp"), line.at("version")};
        if (id != article) {
            EXPECT_TRUE(finished.insert(id).second) << id << " comes in two places";
            article = id;
        } else {
            EXPECT_LT(previous, at) << id;
        }
        previous = at;
    }
    EXPECT_EQ(finished.size(), 2300u);
}

TEST_F(SampleExport, TheCopyAnswersQueriesAsTheOriginal) {
    for (const std::string q : {"coronavirus", "\"prime minister\"", "regierung", "title:trump",
                                "lockdown source:bbc"}) {
        SCOPED_TRACE(q);
        for (std::vector<std::string> command :
             {std::vector<std::string>{"search", "--format", "json"},
              {"search", "--all-versions", "--limit", "0", "--format", "json"},
              {"timeline", "--limit", "0", "--format", "json"}}) {
            command.push_back(q);
            const std::string answer = query_output(command, original());
            EXPECT_FALSE(answer.empty());
            EXPECT_EQ(query_output(command, copy()), answer);
        }
    }
    // Three articles' histories through the command: when each revision was
    // captured and last seen, and what changed.
    const std::vector<nlohmann::json> lines = json_lines(*export_);
    for (std::size_t i : {std::size_t{0}, lines.size() / 2, lines.size() - 1}) {
        const std::string id = lines[i].at("article_id");
        const std::vector<std::string> history{"history", "--format", "json", id};
        EXPECT_EQ(query_output(history, copy()), query_output(history, original())) << id;
    }
}

TEST_F(SampleExport, ExportingTheCopyWritesTheSameRecords) {
    EXPECT_EQ(query_output({"export"}, copy()), *export_);
}

TEST_F(SampleExport, ASourceFilterExportsExactlyThatSourcesVersions) {
    const std::string bbc = query_output({"export", "--source", "bbc"}, original());
    for (const auto& line : json_lines(bbc)) EXPECT_EQ(line.at("source"), "bbc");
    const std::string db = (*dir_ / "bbc").string();
    index_text_into(db, path("bbc.jsonl"), bbc);
    const std::size_t expected = count_versions(*records_, "bbc");
    ASSERT_GT(expected, 100u);
    ASSERT_LT(expected, count_versions(*records_));
    EXPECT_EQ(version_count(db), expected);
    const auto all = versions_by_article(original());
    for (const auto& [article, versions] : versions_by_article(db)) {
        EXPECT_EQ(versions, all.at(article));
    }
}

TEST_F(SampleExport, AQueryExportsEveryMatchingVersionNotOnePerArticle) {
    // The matching versions, each as (article, capture time).
    auto versions_in = [](const std::string& search_output) {
        std::set<std::pair<std::string, std::string>> versions;
        for (const auto& row : json_lines(search_output)) {
            versions.emplace(row.at("article_id"), row.at("captured_at"));
        }
        return versions;
    };
    const auto matching = versions_in(query_output(
        {"search", "--all-versions", "--limit", "0", "--format", "json", "--source", "nytimes",
         "coronavirus"},
        original()));
    ASSERT_GT(matching.size(), 10u);
    // Options and query words in any order.
    const std::string exported =
        query_output({"--source", "nytimes", "export", "coronavirus"}, original());
    EXPECT_EQ(json_lines(exported).size(), matching.size());
    const std::string db = (*dir_ / "coronavirus").string();
    index_text_into(db, path("coronavirus.jsonl"), exported);
    EXPECT_EQ(version_count(db), matching.size());
    EXPECT_EQ(versions_in(query_output(
                  {"search", "--all-versions", "--limit", "0", "--format", "json", "coronavirus"},
                  db)),
              matching);
}

// Versions seen more than once, whose captures must all come back.
class ExportedHistories : public ::testing::Test {
  protected:
    std::string db(const std::string& name) const { return (dir_ / name).string(); }
    fs::path path(const std::string& name) const { return dir_ / name; }
    ScratchDir dir_;
};

namespace {

nlohmann::json capture_of(const std::string& article_id, const std::string& timestamp,
                          int version, const std::string& text) {
    return {{"source", "example"}, {"article_id", article_id}, {"url", "https://example.org/a"},
            {"timestamp", timestamp}, {"version", version},    {"title", "Title"},
            {"summary", ""},          {"text", text},          {"language", "en"}};
}

std::string lines_of(const std::vector<nlohmann::json>& records) {
    std::string text;
    for (const auto& r : records) text += r.dump() + "\n";
    return text;
}

}  // namespace

TEST_F(ExportedHistories, EveryCaptureOfAVersionComesBackAndMakesTheSameHistory) {
    // Article a: text one seen three times (the second with other spacing),
    // then two, then one again (a revert), then two captures of one second
    // ordered by their version. Article b (its URL its identity) gets a late
    // capture in a second run, which cuts its version in two.
    std::vector<nlohmann::json> first_run = {
        capture_of("a", "2024-01-01T10:00:00Z", 0, "One."),
        capture_of("a", "2024-01-01T11:00:00Z", 0, "One.  "),
        capture_of("a", "2024-01-01T12:00:00Z", 0, "One."),
        capture_of("a", "2024-01-01T13:00:00Z", 0, "Two."),
        capture_of("a", "2024-01-01T14:00:00Z", 0, "One."),
        capture_of("a", "2024-01-01T15:00:00Z", 1, "Four."),
        capture_of("a", "2024-01-01T15:00:00Z", 0, "Three."),
    };
    nlohmann::json b = {{"source", "example"}, {"url", "http://example.org/b?utm_source=x"},
                        {"timestamp", "2024-01-02T08:00:00Z"}, {"title", "B"}, {"text", "Bee."}};
    first_run.push_back(b);
    b["timestamp"] = "2024-01-02T10:00:00Z";
    first_run.push_back(b);
    index_text_into(db("original"), path("run1.jsonl"), lines_of(first_run));
    b["timestamp"] = "2024-01-02T09:00:00Z";
    b["text"] = "Bee, late.";
    index_text_into(db("original"), path("run2.jsonl"), lines_of({b}));

    const std::string exported = query_output({"export"}, db("original"));
    // a: 3 + 1 + 1 + 1 + 1 captures; b: 3.
    const std::vector<nlohmann::json> lines = json_lines(exported);
    ASSERT_EQ(lines.size(), 10u);
    index_text_into(db("copy"), path("export.jsonl"), exported);

    const auto original = versions_by_article(db("original"));
    ASSERT_EQ(original.size(), 2u);
    std::size_t versions = 0;
    for (const auto& [article, v] : original) versions += v.size();
    EXPECT_EQ(versions, 5u + 3u);  // a: one, two, one, three, four; b: bee, late, bee
    EXPECT_TRUE(original == versions_by_article(db("copy")));
    EXPECT_EQ(query_output({"export"}, db("copy")), exported);
    for (const char* article : {"a", "http://example.org/b"}) {
        const std::vector<std::string> history{"history", "--format", "json", article};
        EXPECT_EQ(query_output(history, db("copy")), query_output(history, db("original")));
    }
}

TEST_F(ExportedHistories, AsOfWritesTheVersionsCurrentThenWithTheirCapturesUpToThen) {
    index_text_into(db("original"), path("in.jsonl"),
                    lines_of({capture_of("a", "2024-01-01T10:00:00Z", 0, "One."),
                              capture_of("a", "2024-01-01T11:00:00Z", 0, "One."),
                              capture_of("a", "2024-01-01T12:00:00Z", 0, "One."),
                              capture_of("a", "2024-01-01T13:00:00Z", 0, "Two.")}));
    const std::vector<nlohmann::json> lines =
        json_lines(query_output({"export", "--as-of", "2024-01-01T11:30:00Z"}, db("original")));
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0].at("timestamp"), "2024-01-01T10:00:00Z");
    EXPECT_EQ(lines[1].at("timestamp"), "2024-01-01T11:00:00Z");
    EXPECT_EQ(lines[1].at("text"), "One.");
}

TEST_F(ExportedHistories, NothingMatchingWritesNothingAndExitsOne) {
    index_text_into(db("original"), path("in.jsonl"),
                    lines_of({capture_of("a", "2024-01-01T10:00:00Z", 0, "One.")}));
    CommandResult r = run_newsquery({"export", "--db", db("original"), "nowhere"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(r.out, "");
    r = run_newsquery({"export", "--db", db("original"), "--source", "elsewhere"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(r.out, "");
    r = run_newsquery({"export", "--db", db("missing")});
    EXPECT_EQ(r.exit_code, 66) << r.err;
    EXPECT_EQ(r.out, "");
    r = run_newsquery({"export", "--db", db("original"), "(unclosed"});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_EQ(r.out, "");
}
