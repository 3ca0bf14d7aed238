// End-to-end: the built `newsindex` command on the bundled corpus,
// hand-written bad input and bad command lines.
#include "indexer/exit_codes.h"
#include "schema/database_format.h"
#include "schema/stored_version.h"
#include "schema/terms.h"
#include "tests/indexer/ingest_e2e_support.h"
#include "tests/support/test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace newsindex::indexer {
namespace {

namespace fs = std::filesystem;
using namespace e2e;
using newsindex::testing::CommandResult;
using newsindex::testing::run_newsindex;
using newsindex::testing::ScratchDir;

TEST(IngestCorpus, BundledSeedsIndexAsTwoArticlesWithThreeVersions) {
    fs::path seeds = fs::path(CORPUS_DIR) / "seeds.jsonl";
    ASSERT_TRUE(fs::exists(seeds)) << seeds;
    ScratchDir dir;
    fs::path db = dir / "db";
    CommandResult result = run_newsindex({"--db", db.string(), "--json-summary", seeds.string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    nlohmann::json summary = summary_of(result);
    EXPECT_EQ(summary["records"], 3);
    EXPECT_EQ(summary["added"], 3);

    Xapian::Database database(db.string());
    EXPECT_EQ(database.get_doccount(), 3u);
    std::size_t articles = 0;
    std::string prefix(schema::prefix::kArticle);
    for (auto it = database.allterms_begin(prefix); it != database.allterms_end(prefix); ++it) ++articles;
    EXPECT_EQ(articles, 2u);

    std::map<std::uint32_t, schema::VersionRecord> nyt;
    std::string nyt_term = std::string(schema::prefix::kSource) + "nytimes";
    for (auto it = database.postlist_begin(nyt_term); it != database.postlist_end(nyt_term); ++it) {
        schema::VersionRecord r = schema::read_stored_version(database.get_document(*it));
        nyt[r.revision] = r;
    }
    ASSERT_EQ(nyt.size(), 2u);
    EXPECT_EQ(nyt[1].captured_at, parse_utc("2016-02-02T12:00:00Z"));
    EXPECT_EQ(nyt[1].superseded_at, parse_utc("2016-02-02T16:00:00Z"));
    EXPECT_EQ(nyt[2].captured_at, parse_utc("2016-02-02T16:00:00Z"));
    EXPECT_EQ(nyt[2].superseded_at, std::nullopt);
}

// Three good records (two versions of one article, one of another) among
// two bad ones.
constexpr const char* kMixedInput =
    R"({"source":"test","url":"https://example.com/a","timestamp":"2021-03-01T10:00:00Z","title":"Alpha one"})" "\n"
    R"({"source":"test","url":"https://example.com/a",)" "\n"
    R"({"source":"test","url":"https://example.com/a","timestamp":"2021-03-01T11:00:00Z","title":"Alpha two"})" "\n"
    R"({"source":"test","url":"https://example.com/b","title":"No capture time"})" "\n"
    R"({"source":"test","url":"https://example.com/b","timestamp":"2021-03-01T10:00:00Z","title":"Beta"})" "\n";

std::vector<std::string> rejection_lines(const std::string& err, const std::string& file) {
    std::vector<std::string> found;
    for (const std::string& line : lines_of(err)) {
        if (line.starts_with("newsindex: " + file + ":")) found.push_back(line);
    }
    return found;
}

TEST(IngestBadInput, BadRecordsAreNamedAndSkippedAndTheGoodOnesIndexed) {
    ScratchDir dir;
    fs::path input = dir / "mixed.jsonl";
    newsindex::testing::write_file(input, kMixedInput);
    CommandResult result = run_newsindex({"--db", (dir / "db").string(), input.string()});
    EXPECT_EQ(result.exit_code, exit_code::kDataError) << result.err;
    std::vector<std::string> rejected = rejection_lines(result.err, input.string());
    ASSERT_EQ(rejected.size(), 2u) << result.err;
    EXPECT_TRUE(rejected[0].starts_with("newsindex: " + input.string() + ":2: ")) << rejected[0];
    EXPECT_TRUE(rejected[1].starts_with("newsindex: " + input.string() + ":4: ")) << rejected[1];
    EXPECT_NE(rejected[1].find("timestamp"), std::string::npos) << rejected[1];
    EXPECT_EQ(doc_count(dir / "db"), 3u);
    EXPECT_TRUE(has_line_starting(result.err, "newsindex: 1 files, 5 records: 3 versions added, "
                                              "0 unchanged, 0 duplicates, 2 rejected in "))
        << result.err;
}

TEST(IngestBadInput, StrictRunStopsAtTheFirstBadRecordAndKeepsNothing) {
    ScratchDir dir;
    fs::path db = dir / "db";
    fs::path seeds = fs::path(CORPUS_DIR) / "seeds.jsonl";
    ASSERT_EQ(run_newsindex({"--db", db.string(), "--quiet", seeds.string()}).exit_code, 0);
    std::set<StoredVersion> before = versions_in(db);

    fs::path input = dir / "mixed.jsonl";
    newsindex::testing::write_file(input, kMixedInput);
    CommandResult result = run_newsindex({"--db", db.string(), "--strict", "--batch-size", "1", input.string()});
    EXPECT_EQ(result.exit_code, exit_code::kDataError) << result.err;
    EXPECT_EQ(rejection_lines(result.err, input.string()).size(), 1u) << result.err;
    EXPECT_NE(result.err.find("--strict"), std::string::npos) << result.err;
    EXPECT_EQ(versions_in(db), before);
}

TEST(IngestBadInput, MissingInputIsReportedAndTheOthersAreStillIndexed) {
    ScratchDir dir;
    fs::path good = dir / "good.jsonl";
    newsindex::testing::write_file(
        good, R"({"source":"test","url":"https://example.com/a","timestamp":"2021-03-01T10:00:00Z","title":"A"})" "\n");
    std::string missing = (dir / "missing.jsonl").string();
    CommandResult result = run_newsindex({"--db", (dir / "db").string(), missing, good.string()});
    EXPECT_EQ(result.exit_code, exit_code::kNoInput) << result.err;
    EXPECT_NE(result.err.find("newsindex: " + missing + ": "), std::string::npos) << result.err;
    EXPECT_EQ(doc_count(dir / "db"), 1u);
}

TEST(IngestCommandLine, BadOptionsAreUsageErrors) {
    ScratchDir dir;
    std::string db = (dir / "db").string();
    EXPECT_EQ(run_newsindex({"--db", db}).exit_code, exit_code::kUsage);  // no INPUT
    EXPECT_EQ(run_newsindex({"--db", db, "--batch-size", "0", "x"}).exit_code, exit_code::kUsage);
    EXPECT_EQ(run_newsindex({"--db", db, "--no-such-option", "x"}).exit_code, exit_code::kUsage);
    EXPECT_EQ(run_newsindex({"--db", db, "--language", "xx", "x"}).exit_code, exit_code::kUsage);
    CommandResult help = run_newsindex({"--help"});
    EXPECT_EQ(help.exit_code, 0);
    for (const char* code : {" 0 ", "64", "65", "66", "73", "74", "75", "78", "NEWSINDEX_DB"}) {
        EXPECT_NE(help.out.find(code), std::string::npos) << code;
    }
}

TEST(IngestCommandLine, DatabaseOfAnotherSchemaVersionIsRefused) {
    ScratchDir dir;
    fs::path db = dir / "db";
    {
        Xapian::WritableDatabase old(db.string(), Xapian::DB_CREATE_OR_OPEN);
        old.set_metadata(schema::kMetaSchemaVersion, "0");
        old.add_document(Xapian::Document());
    }
    fs::path seeds = fs::path(CORPUS_DIR) / "seeds.jsonl";
    CommandResult result = run_newsindex({"--db", db.string(), seeds.string()});
    EXPECT_EQ(result.exit_code, exit_code::kWrongSchema) << result.err;
    EXPECT_EQ(lines_of(result.err).size(), 1u) << result.err;
    EXPECT_EQ(doc_count(db), 1u);
}

}  // namespace
}  // namespace newsindex::indexer
