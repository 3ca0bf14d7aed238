// The search library over the fixture history (tests/query/search_fixture.h):
// one row per article, matching revisions, orders, paging, snippets; the
// formats of its rows; and opening databases.
#include "query/engine/search.h"
#include "query/format/output.h"
#include "query/format/search_format.h"
#include "tests/query/search_fixture.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>

using namespace newsindex;
using namespace newsindex::query;
using Revisions = std::vector<std::uint32_t>;

namespace {

// (article_id, revision) of each row, in order.
std::vector<std::pair<std::string, std::uint32_t>> versions_of(const SearchResult& result) {
    std::vector<std::pair<std::string, std::uint32_t>> versions;
    for (const auto& row : result.rows) versions.emplace_back(row.article_id, row.revision);
    return versions;
}

class Search : public ::testing::Test {
  protected:
    SearchResult run(SearchRequest request) { return search(db_, request); }
    SearchRequest request(const std::string& text) {
        SearchRequest r;
        r.text = text;
        return r;
    }

    newsindex::testing::FixtureDatabase fixture_;
    NewsDatabase db_ = fixture_.open();
};

using V = std::vector<std::pair<std::string, std::uint32_t>>;

}  // namespace

TEST_F(Search, ShowsOneRowPerArticleWithTheRevisionsThatMatch) {
    SearchResult result = run(request("caliphate"));
    ASSERT_EQ(result.rows.size(), 2u);
    EXPECT_EQ(result.articles.value, 2u);
    EXPECT_TRUE(result.articles.exact);
    EXPECT_EQ(result.versions.value, 3u);  // A1, A2, B1
    EXPECT_TRUE(result.versions.exact);
    for (const auto& row : result.rows) {
        if (row.article_id == "A") {
            EXPECT_EQ(row.revisions, 2u);
            EXPECT_EQ(row.matching_revisions, (Revisions{1, 2}));
            EXPECT_EQ(row.source, "nytimes");
            EXPECT_EQ(row.url, "http://www.nytimes.com/2016/02/03/kerry.html");
            EXPECT_EQ(row.article_key, (schema::ArticleKey{"nytimes", "A"}.digest_hex()));
        } else {
            EXPECT_EQ(row.article_id, "B");
            EXPECT_EQ(row.revisions, 1u);
            EXPECT_EQ(row.matching_revisions, (Revisions{1}));
            EXPECT_EQ(row.title, "Talks \"Open\", Diplomats Say");
            EXPECT_EQ(row.captured_at, newsindex::testing::at("2016-02-03T08:00:00Z"));
        }
    }
}

TEST_F(Search, ARowIsTheVersionThatMatches) {
    SearchResult result = run(request("\"no appetite for sending\""));
    EXPECT_EQ(versions_of(result), (V{{"A", 2}}));
    EXPECT_EQ(result.rows[0].matching_revisions, (Revisions{2}));
    EXPECT_EQ(result.rows[0].revisions, 2u);
}

TEST_F(Search, AllVersionsGroupsByArticleWithRevisionsInOrder) {
    SearchRequest r = request("caliphate");
    r.all_versions = true;
    r.order = SearchOrder::Article;
    SearchResult result = run(r);
    V versions = versions_of(result);
    EXPECT_TRUE(versions == (V{{"A", 1}, {"A", 2}, {"B", 1}}) ||
                versions == (V{{"B", 1}, {"A", 1}, {"A", 2}}))
        << ::testing::PrintToString(versions);
    EXPECT_EQ(result.versions.value, 3u);
    EXPECT_TRUE(result.versions.exact);
    for (const auto& row : result.rows) {
        EXPECT_EQ(row.matching_revisions, (row.article_id == "A" ? Revisions{1, 2} : Revisions{1}));
    }
}

TEST(SearchOrder, ArticleOrderFollowsRevisionNumbersNotStorageOrder) {
    // One article of 300 revisions stored newest first: its rows must come
    // in revision order, 255 before 256 before 300, whatever the docids.
    std::vector<newsindex::testing::FixtureVersion> versions;
    for (std::uint32_t revision = 300; revision >= 1; --revision) {
        std::string captured = fmt::format("2016-03-{:02d}T{:02d}:{:02d}:00Z", 1 + revision / 60,
                                           (revision / 3) % 20, revision % 60);
        versions.push_back({"E", "nytimes", "https://www.nytimes.com/e.html", "en", "", captured,
                            "", revision, "Budget",
                            fmt::format("The budget, draft {}.", revision)});
    }
    newsindex::testing::ScratchDir dir;
    newsindex::testing::write_versions(dir.path() / "db", versions);
    NewsDatabase db((dir.path() / "db").string());
    SearchRequest r;
    r.text = "budget";
    r.all_versions = true;
    r.order = SearchOrder::Article;
    r.limit = 0;
    SearchResult result = search(db, r);
    ASSERT_EQ(result.rows.size(), 300u);
    for (std::uint32_t i = 0; i < 300; ++i) EXPECT_EQ(result.rows[i].revision, i + 1);
}

TEST(SearchRows, EveryRowShowsItsOwnVersionAcrossManyRows) {
    // 600 articles of 3 revisions each, stored revision by revision and
    // articles backwards, so no order a search shows follows the document
    // numbers; rows are read in document order a batch at a time (1,024),
    // and each must still show its own version's title, text and capture,
    // in the order asked for.
    constexpr std::uint32_t kArticles = 600;
    auto captured = [](std::uint32_t article, std::uint32_t revision) {
        return fmt::format("2016-03-{:02d}T{:02d}:{:02d}:00Z", 1 + revision, article / 60,
                           article % 60);
    };
    std::vector<newsindex::testing::FixtureVersion> versions;
    for (std::uint32_t revision = 1; revision <= 3; ++revision) {
        for (std::uint32_t article = kArticles; article-- > 0;) {
            versions.push_back({fmt::format("E{}", article), "nytimes",
                                fmt::format("https://www.nytimes.com/e{}.html", article), "en",
                                "", captured(article, revision),
                                revision < 3 ? captured(article, revision + 1) : "", revision,
                                fmt::format("Budget {}.{}", article, revision),
                                fmt::format("The budget, draft {}.{}.", article, revision)});
        }
    }
    newsindex::testing::ScratchDir dir;
    newsindex::testing::write_versions(dir.path() / "db", versions);
    NewsDatabase db((dir.path() / "db").string());
    for (SearchOrder order : {SearchOrder::Article, SearchOrder::Date, SearchOrder::Relevance}) {
        for (Xapian::doccount offset : {0u, 700u}) {
            SearchRequest r;
            r.text = "budget";
            r.all_versions = true;
            r.order = order;
            r.offset = offset;
            r.limit = 0;
            SearchResult result = search(db, r);
            ASSERT_EQ(result.rows.size(), 3 * kArticles - offset);
            std::set<std::string> seen;
            for (std::size_t k = 0; k < result.rows.size(); ++k) {
                const SearchRow& row = result.rows[k];
                // In the order asked for: by article, revisions ascending;
                // newest capture first; and no version twice.
                if (order == SearchOrder::Article) {
                    EXPECT_EQ(row.revision, (offset + k) % 3 + 1) << k;
                    if (row.revision > 1 && k > 0) {
                        EXPECT_EQ(row.article_id, result.rows[k - 1].article_id) << k;
                    }
                }
                if (order == SearchOrder::Date && k > 0) {
                    EXPECT_LE(row.captured_at, result.rows[k - 1].captured_at) << k;
                }
                EXPECT_TRUE(seen.insert(fmt::format("{}@{}", row.article_id, row.revision)).second);
                std::uint32_t article = std::stoul(row.article_id.substr(1));
                std::string version = fmt::format("{}.{}", article, row.revision);
                EXPECT_EQ(row.title, "Budget " + version);
                EXPECT_NE(row.snippet.find("draft " + version), std::string::npos) << row.snippet;
                EXPECT_EQ(row.captured_at, newsindex::testing::at(captured(article, row.revision)));
                EXPECT_EQ(row.revisions, 3u);
                EXPECT_EQ(row.matching_revisions, (Revisions{1, 2, 3}));
            }
        }
    }
}

TEST_F(Search, DateOrderIsNewestCaptureFirst) {
    SearchRequest r = request("oil");
    r.order = SearchOrder::Date;
    // Collapsed: each article's newest matching version.
    EXPECT_EQ(versions_of(run(r)), (V{{"D", 3}, {"A", 1}}));
    r.all_versions = true;
    EXPECT_EQ(versions_of(run(r)), (V{{"D", 3}, {"A", 1}, {"D", 2}, {"D", 1}}));
}

TEST_F(Search, EachArticleOfAPageGetsItsOwnMatchingRevisions) {
    // Both articles have several revisions and neither row holds all of
    // its article's matches: one match over both articles' versions must
    // give each only its own.
    SearchRequest r = request("oil");
    r.order = SearchOrder::Date;
    SearchResult result = run(r);
    ASSERT_EQ(versions_of(result), (V{{"D", 3}, {"A", 1}}));
    EXPECT_EQ(result.rows[0].matching_revisions, (Revisions{1, 2, 3}));
    EXPECT_EQ(result.rows[0].revisions, 3u);
    EXPECT_EQ(result.rows[1].matching_revisions, (Revisions{1}));
    EXPECT_EQ(result.rows[1].revisions, 2u);
}

TEST_F(Search, PagesKeepTheWholeMatchingRevisionList) {
    SearchRequest r = request("oil");
    r.order = SearchOrder::Date;
    r.all_versions = true;
    r.offset = 1;
    r.limit = 2;
    SearchResult result = run(r);
    EXPECT_EQ(versions_of(result), (V{{"A", 1}, {"D", 2}}));
    EXPECT_EQ(result.versions.value, 4u);
    EXPECT_TRUE(result.versions.exact);
    EXPECT_EQ(result.rows[1].matching_revisions, (Revisions{1, 2, 3}));
    EXPECT_EQ(result.rows[1].revisions, 3u);
}

TEST_F(Search, MatchingRevisionsObeyTheFilters) {
    SearchRequest r = request("oil");
    r.filters.since = newsindex::testing::at("2016-02-02T00:00:00Z");
    r.filters.sources = {"nytimes"};
    r.order = SearchOrder::Date;
    SearchResult result = run(r);
    EXPECT_EQ(versions_of(result), (V{{"D", 3}, {"A", 1}}));
    EXPECT_EQ(result.rows[0].matching_revisions, (Revisions{2, 3}));

    SearchRequest latest = request("caliphate");
    latest.filters.latest_only = true;
    result = run(latest);
    ASSERT_EQ(result.rows.size(), 2u);
    for (const auto& row : result.rows) {
        EXPECT_EQ(row.matching_revisions, (Revisions{row.revision}));
        EXPECT_EQ(row.revision, row.article_id == "A" ? 2u : 1u);
    }
}

TEST_F(Search, NoMatchIsAnEmptyResult) {
    SearchResult result = run(request("zeppelin"));
    EXPECT_TRUE(result.rows.empty());
    EXPECT_EQ(result.articles.value, 0u);
    EXPECT_EQ(result.versions.value, 0u);
    EXPECT_TRUE(result.articles.exact && result.versions.exact);
}

TEST_F(Search, BlankQueryIsAUsageError) {
    try {
        run(request("  "));
        FAIL() << "blank query accepted";
    } catch (const QueryError& e) {
        EXPECT_EQ(e.exit_code(), kExitBadQuery);
    }
}

TEST_F(Search, SnippetsHighlightMatchesAsAskedAndArePlainText) {
    SearchRequest r = request("caliphate source:xinhua");
    SearchResult plain = run(r);
    ASSERT_EQ(plain.rows.size(), 1u);
    // Taken from the body: the row shows the title anyway.
    EXPECT_EQ(plain.rows[0].snippet,
              "The coalition warned of the threat of a false caliphate & more.");
    r.highlight_start = "[";
    r.highlight_end = "]";
    EXPECT_NE(run(r).rows[0].snippet.find("false [caliphate] & more"), std::string::npos);
    // Stemmed matches are highlighted too.
    r.text = "threat";
    EXPECT_NE(run(r).rows[0].snippet.find("[threat]"), std::string::npos);
}

TEST(SearchFormat, JsonLinesHaveTheDocumentedFieldsAndTypes) {
    SearchRow row;
    row.article_id = "nytimes:1";
    row.article_key = "00000000000000ff";
    row.source = "nytimes";
    row.url = "http://x/1";
    row.title = "A \"quoted\", title";
    row.revision = 2;
    row.revisions = 3;
    row.captured_at = newsindex::testing::at("2016-02-02T16:00:00Z");
    row.snippet = "text";
    row.matching_revisions = {1, 2};
    std::string line = search_json_line(row);
    ASSERT_EQ(line.back(), '\n');
    ASSERT_EQ(line.find('\n'), line.size() - 1);
    nlohmann::json j = nlohmann::json::parse(line);
    EXPECT_EQ(j, (nlohmann::json{{"article_id", "nytimes:1"},
                                 {"article_key", "00000000000000ff"},
                                 {"source", "nytimes"},
                                 {"url", "http://x/1"},
                                 {"title", "A \"quoted\", title"},
                                 {"revision", 2},
                                 {"revisions", 3},
                                 {"captured_at", "2016-02-02T16:00:00Z"},
                                 {"matching_revisions", {1, 2}},
                                 {"snippet", "text"}}));

    EXPECT_EQ(search_csv_header(),
              "article_id,article_key,source,url,title,revision,revisions,captured_at,"
              "matching_revisions,snippet\n");
    EXPECT_EQ(search_csv_line(row),
              "nytimes:1,00000000000000ff,nytimes,http://x/1,\"A \"\"quoted\"\", title\",2,3,"
              "2016-02-02T16:00:00Z,1 2,text\n");

    EXPECT_EQ(search_table_entry(row, Style{}),
              "nytimes  rev 2/3  2016-02-02T16:00:00Z  A \"quoted\", title\n"
              "  http://x/1\n"
              "  text\n"
              "  matching revisions: 1, 2\n");
}

TEST(SearchFormat, SummaryLineSaysWhatIsCountedAndShownAndAtLeastForABound) {
    SearchResult result;
    result.articles = {40, true};
    result.versions = {52, true};
    result.rows.resize(20);
    SearchRequest request;
    request.offset = 20;
    EXPECT_EQ(search_summary_line(result, request),
              "40 articles, 52 versions match; showing 21-40");
    request.all_versions = true;
    result.rows.resize(52);
    request.offset = 0;
    EXPECT_EQ(search_summary_line(result, request), "52 versions match");
    result.articles = {1, true};
    result.versions = {1, true};
    result.rows.resize(1);
    request.all_versions = false;
    EXPECT_EQ(search_summary_line(result, request), "1 article, 1 version matches");
    result.versions = {0, true};
    result.articles = {0, true};
    result.rows.clear();
    EXPECT_EQ(search_summary_line(result, request), "0 articles match");

    // A lower bound is said "at least", never "about".
    result.articles = {64, false};
    result.versions = {439, true};
    result.rows.resize(20);
    EXPECT_EQ(search_summary_line(result, request),
              "at least 64 articles, 439 versions match; showing 1-20");
    result.versions = {329, false};
    request.all_versions = true;
    EXPECT_EQ(search_summary_line(result, request), "at least 329 versions match; showing 1-20");
}

TEST(Output, CsvRowsQuoteOnlyWhatNeedsIt) {
    EXPECT_EQ(csv_row({"plain", "a,b", "say \"hi\"", "two\nlines", ""}),
              "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\n");
    EXPECT_EQ(iso_time(0), "1970-01-01T00:00:00Z");
    EXPECT_TRUE(use_colour(stdout, true));
}

namespace {
int exit_code_opening(const std::string& path, std::string* message = nullptr) {
    try {
        NewsDatabase db(path);
    } catch (const QueryError& e) {
        if (message) *message = e.what();
        return e.exit_code();
    }
    return 0;
}
}  // namespace

TEST(OpeningADatabase, MissingOrEmptyPathIsNoDatabase) {
    newsindex::testing::ScratchDir dir;
    std::string message;
    std::string missing = (dir / "nowhere").string();
    EXPECT_EQ(exit_code_opening(missing, &message), kExitNoDatabase);
    EXPECT_EQ(message, "newsquery: no database at " + missing +
                           " (create one with newsindex, or set --db / NEWSINDEX_DB)");
    EXPECT_EQ(exit_code_opening(dir.path().string()), kExitNoDatabase);
}

TEST(OpeningADatabase, AnotherSchemaVersionIsRefused) {
    newsindex::testing::ScratchDir dir;
    std::string path = (dir / "db").string();
    {
        Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
        db.set_metadata(schema::kMetaSchemaVersion, "999");
        db.add_document(Xapian::Document());
        db.commit();
    }
    std::string message;
    EXPECT_EQ(exit_code_opening(path, &message), kExitWrongSchema);
    EXPECT_NE(message.find("schema version 999"), std::string::npos) << message;
}

TEST(OpeningADatabase, RetriesWhenAWriterChangedTheDatabase) {
    newsindex::testing::FixtureDatabase fixture;
    NewsDatabase db = fixture.open();
    int attempts = 0;
    auto count = db.with_retry([&](const Xapian::Database& x) {
        if (++attempts < 3) throw Xapian::DatabaseModifiedError("changed under us");
        return x.get_doccount();
    });
    EXPECT_EQ(attempts, 3);
    EXPECT_EQ(count, newsindex::testing::fixture_versions().size());

    // A database that never stops changing: retried until the budget is
    // spent (10 + 20 + 40 + 80 ms of pauses fit in 200 ms), then one line.
    attempts = 0;
    db.set_retry_budget(std::chrono::milliseconds(200));
    try {
        db.with_retry([&](const Xapian::Database&) -> int {
            ++attempts;
            throw Xapian::DatabaseModifiedError("changed under us");
        });
        FAIL() << "kept retrying";
    } catch (const QueryError& e) {
        EXPECT_EQ(e.exit_code(), kExitSoftware);
        EXPECT_GE(attempts, 4);
        EXPECT_EQ(std::string(e.what()), "newsquery: database " + fixture.path().string() +
                                             " kept changing while being read for 0.2 s (a "
                                             "newsindex run is committing); try again");
    }
    try {
        db.with_retry([](const Xapian::Database&) -> int { throw Xapian::DatabaseCorruptError("bad block"); });
        FAIL() << "error not reported";
    } catch (const QueryError& e) {
        // Damage is 74, naming the database and Xapian's words where no
        // table is found damaged (this one is whole).
        EXPECT_EQ(e.exit_code(), kExitDamaged);
        EXPECT_EQ(std::string(e.what()).rfind("newsquery: ", 0), 0u);
        EXPECT_NE(std::string(e.what()).find(fixture.path().string()), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("bad block"), std::string::npos);
    }
}
