// `newsquery search --facet`: exact counts of matching articles and versions
// per source, language and period, on hand-made histories (answers written
// out here) and on the sample corpus (answers counted from its records).
#include "query/format/facet_format.h"
#include "tests/query/revision_fixture.h"

#include <map>
#include <set>

namespace newsindex::testing {
namespace {

using query::Facet;
using query::FacetKind;

TEST(FacetChart, OneBlockAPeriodFromFirstToLastEmptyOnesBlank) {
    Facet months{FacetKind::Month, {{"2025-11", 1, 8}, {"2026-01", 1, 4}, {"2026-02", 1, 1}}};
    // 8 is the most: a full block; 4 of 8 the fourth block; 1 of 8 the first;
    // 2025-12 matched nothing.
    EXPECT_EQ(query::period_chart(months), "2025-11 █ ▄▁ 2026-02");
    Facet days{FacetKind::Day, {{"2024-02-28", 1, 2}, {"2024-03-01", 1, 2}}};
    EXPECT_EQ(query::period_chart(days), "2024-02-28 █ █ 2024-03-01");  // 2024-02-29 between
    Facet years{FacetKind::Year, {{"2020", 1, 3}}};
    EXPECT_EQ(query::period_chart(years), "2020 █ 2020");
    Facet long_span{FacetKind::Day, {{"2020-01-01", 1, 1}, {"2026-01-01", 1, 1}}};
    EXPECT_EQ(query::period_chart(long_span), "(2020-01-01 to 2026-01-01: over 200 days; --facet month for a chart)");
}

TEST(FacetPeriods, CaptureTimesFallInUtcDaysMonthsAndYears) {
    EXPECT_EQ(query::period_of(FacetKind::Day, 1'704'067'199), "2023-12-31");  // 23:59:59
    EXPECT_EQ(query::period_of(FacetKind::Day, 1'704'067'200), "2024-01-01");
    EXPECT_EQ(query::period_of(FacetKind::Month, 1'704'067'200), "2024-01");
    EXPECT_EQ(query::period_of(FacetKind::Year, 1'704'067'199), "2023");
}

class FacetsE2E : public RevisionHistory {
  protected:
    void SetUp() override {
        nlohmann::json german = capture("https://de.example/flut", "2024-06-03T08:00:00Z", "Flut im Süden",
                                        "Die Flut trifft Bayern.", "zeitung");
        german["language"] = "de";
        nlohmann::json german2 = german;
        german2["timestamp"] = "2024-07-01T08:00:00Z";
        german2["text"] = "Die Flut trifft Bayern und Baden.";
        ingest({capture("https://a.example/1", "2024-05-30T10:00:00Z", "Flood warning", "A flood is coming.", "alpha"),
                capture("https://a.example/1", "2024-06-02T10:00:00Z", "Flood warning", "The flood came.", "alpha"),
                capture("https://a.example/1", "2024-06-05T10:00:00Z", "Flood over", "The water went.", "alpha"),
                capture("https://b.example/2", "2024-06-04T09:00:00Z", "Flood in town", "Streets under water.", "beta"),
                capture("https://b.example/3", "2024-06-04T09:30:00Z", "Drought", "No rain at all.", "beta"),
                german, german2});
    }

    // facet/value -> "articles versions", from the JSON lines.
    std::map<std::string, std::string> facets(std::vector<std::string> args) {
        args.insert(args.begin(), "search");
        args.push_back("--format=json");
        CommandResult r = query(args);
        EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
        std::map<std::string, std::string> out;
        for (const auto& line : json_lines(r.out)) {
            out[line.at("facet").get<std::string>() + "/" + line.at("value").get<std::string>()] =
                std::to_string(line.at("articles").get<int>()) + " " + std::to_string(line.at("versions").get<int>());
        }
        return out;
    }
};

TEST_F(FacetsE2E, CountsArticlesAndVersionsPerValue) {
    using M = std::map<std::string, std::string>;
    // "flood" matches alpha's r1, r2 and r3 (title) and beta's article 2;
    // the German versions (flut) and the drought do not.
    EXPECT_EQ(facets({"flood", "--facet", "source"}), (M{{"source/alpha", "1 3"}, {"source/beta", "1 1"}}));
    EXPECT_EQ(facets({"--facet=month", "flood"}), (M{{"month/2024-05", "1 1"}, {"month/2024-06", "2 3"}}));
    EXPECT_EQ(facets({"flood", "--facet", "day,year"}),
              (M{{"day/2024-05-30", "1 1"},
                 {"day/2024-06-02", "1 1"},
                 {"day/2024-06-04", "1 1"},
                 {"day/2024-06-05", "1 1"},
                 {"year/2024", "2 4"}}));
    // Filters narrow what is counted, as they narrow the rows.
    EXPECT_EQ(facets({"flood", "--facet", "month", "--since", "2024-06-01"}), (M{{"month/2024-06", "2 3"}}));
    EXPECT_EQ(facets({"flood", "--facet", "month", "--latest"}), (M{{"month/2024-06", "2 2"}}));
    // German stems: Flut matches both German versions.
    EXPECT_EQ(facets({"flut", "--facet", "lang,source"}), (M{{"lang/de", "1 2"}, {"source/zeitung", "1 2"}}));
}

TEST_F(FacetsE2E, TableCsvAndMistakes) {
    CommandResult table = query({"search", "flood", "--facet", "month,source"});
    ASSERT_EQ(table.exit_code, 0) << table.err;
    EXPECT_TRUE(table.out.starts_with("2 articles, 4 versions match\n\nby month\n  2024-05 ▃█ 2024-06\n")) << table.out;
    EXPECT_NE(table.out.find("\nby source\n  alpha        1 article        3 versions  "), std::string::npos)
        << table.out;
    CommandResult csv = query({"search", "flood", "--facet", "source", "--format", "csv"});
    EXPECT_EQ(csv.out, "facet,value,articles,versions\nsource,alpha,1,3\nsource,beta,1,1\n");
    EXPECT_EQ(query({"search", "flood", "--facet", "week"}).exit_code, 2);
    CommandResult none = query({"search", "tsunami", "--facet", "month"});
    EXPECT_EQ(none.exit_code, 1);
    EXPECT_TRUE(none.out.starts_with("0 articles, 0 versions match\n")) << none.out;
}

TEST(FacetsSample, PerMonthAndYearCountsAgreeWithTheRecords) {
    IndexedSample indexed;
    if (!indexed.indexed()) GTEST_SKIP() << "no " << IndexedSample::path();
    const std::string db = indexed.db();
    const auto sample = IndexedSample::path();

    // Every BBC record is a version (the sample's consecutive captures of
    // one text are collapsed already).
    std::map<std::string, std::set<std::string>> articles;
    std::map<std::string, int> versions;
    for (const auto& record : read_jsonl(sample)) {
        if (record.at("source") != "bbc") continue;
        const std::string timestamp = record.at("timestamp");
        for (const std::string& key : {"month/" + timestamp.substr(0, 7), "year/" + timestamp.substr(0, 4)}) {
            articles[key].insert(record.at("article_id").get<std::string>());
            ++versions[key];
        }
    }
    ASSERT_GT(versions.size(), 3u);
    CommandResult r = run_newsquery({"search", "source:bbc", "--facet", "month,year", "--format", "json", "--db", db});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::size_t lines = 0;
    for (const auto& line : json_lines(r.out)) {
        std::string key = line.at("facet").get<std::string>() + "/" + line.at("value").get<std::string>();
        SCOPED_TRACE(key);
        ++lines;
        EXPECT_EQ(line.at("versions").get<int>(), versions[key]);
        EXPECT_EQ(line.at("articles").get<std::size_t>(), articles[key].size());
    }
    EXPECT_EQ(lines, versions.size());
}

}  // namespace
}  // namespace newsindex::testing
