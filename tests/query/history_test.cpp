// `newsquery history` and `newsquery show` on a three-revision article whose
// lengths and changes are counted by hand (characters, not bytes).
#include "query/engine/history.h"
#include "tests/query/revision_fixture.h"

#include <gtest/gtest.h>

using namespace newsindex::query;
using namespace newsindex::testing;

TEST(SummariseRevisions, FirstRevisionIsAllAddedAndLaterOnesAgainstThePrevious) {
    newsindex::schema::VersionRecord r1, r2;
    r1.revision = 1;
    r1.captured_at = 100;
    r1.last_seen = 150;
    r1.title = "Zürich";
    r1.text = "Prices rose.";
    r2.revision = 2;
    r2.captured_at = 200;
    r2.last_seen = 300;
    r2.title = "Zürich";
    r2.text = "Prices fell.";
    auto s = summarise_revisions({r1, r2}, std::nullopt);
    ASSERT_EQ(s.size(), 2u);
    EXPECT_EQ(s[0].length, 6u + 12u);
    EXPECT_EQ(s[0].change.added, 6u + 11u);  // "Zürich" + "Prices" "rose" "."
    EXPECT_EQ(s[0].change.removed, 0u);
    EXPECT_EQ(s[1].change.added, 4u);
    EXPECT_EQ(s[1].change.removed, 4u);
    EXPECT_EQ(s[1].last_seen, 300);
    // As of 250, revision 2's last sighting is not known beyond 250.
    EXPECT_EQ(summarise_revisions({r1, r2}, 250)[1].last_seen, 250);
}

namespace {

const std::string kUrl = "https://example.com/markets";

class History : public RevisionHistory {
  protected:
    void SetUp() override {
        ingest({
            capture(kUrl, "2016-02-02T10:00:00Z", "Zürich talks", "Prices rose 5%."),
            capture(kUrl, "2016-02-02T10:30:00Z", "Zürich talks", "Prices rose 5%."),
            capture(kUrl, "2016-02-02T11:00:00Z", "Zürich talks", "Prices fell 5% on Monday."),
            capture(kUrl, "2016-02-02T12:00:00Z", "Genève talks", "Prices fell 5% on Monday."),
            capture(kUrl, "2016-02-02T13:00:00Z", "Genève talks", "Prices fell 5% on Monday."),
        });
    }
};

}  // namespace

TEST_F(History, ListsEveryRevisionWithLengthAndCharactersChanged) {
    CommandResult r = query({"history", kUrl, "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto rows = json_lines(r.out);
    ASSERT_EQ(rows.size(), 3u);
    // r1: "Zürich talks" (12) + "Prices rose 5%." (15); everything added:
    // Zürich talks (6+5) + Prices rose 5% . (6+4+2+1).
    EXPECT_EQ(rows[0].at("revision"), 1);
    EXPECT_EQ(rows[0].at("captured_at"), "2016-02-02T10:00:00Z");
    EXPECT_EQ(rows[0].at("last_seen"), "2016-02-02T10:30:00Z");
    EXPECT_EQ(rows[0].at("title"), "Zürich talks");
    EXPECT_EQ(rows[0].at("length"), 27);
    EXPECT_EQ(rows[0].at("added"), 24);
    EXPECT_EQ(rows[0].at("removed"), 0);
    // r2: "rose" out; "fell", "on", "Monday" in. 12 + 25 characters.
    EXPECT_EQ(rows[1].at("length"), 37);
    EXPECT_EQ(rows[1].at("added"), 12);
    EXPECT_EQ(rows[1].at("removed"), 4);
    EXPECT_EQ(rows[1].at("last_seen"), "2016-02-02T11:00:00Z");
    // r3: the title's "Zürich" became "Genève": 6 characters each (7 bytes).
    EXPECT_EQ(rows[2].at("title"), "Genève talks");
    EXPECT_EQ(rows[2].at("length"), 37);
    EXPECT_EQ(rows[2].at("added"), 6);
    EXPECT_EQ(rows[2].at("removed"), 6);
    EXPECT_EQ(rows[2].at("last_seen"), "2016-02-02T13:00:00Z");
    EXPECT_EQ(rows[2].at("article_key"), rows[0].at("article_key"));
}

TEST_F(History, AsOfShowsTheRevisionsKnownThen) {
    auto rows = json_lines(
        query({"history", kUrl, "--format", "json", "--as-of", "2016-02-02T11:00:00Z"}).out);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[1].at("last_seen"), "2016-02-02T11:00:00Z");
    EXPECT_EQ(query({"history", kUrl, "--as-of", "2016-02-02T09:59:59Z"}).exit_code, 1);
}

TEST_F(History, TableAndCsv) {
    CommandResult table = query({"history", kUrl});
    ASSERT_EQ(table.exit_code, 0);
    EXPECT_NE(table.out.find("Genève talks\n"), std::string::npos);
    EXPECT_NE(
        table.out.find("  2  2016-02-02T11:00:00Z  2016-02-02T11:00:00Z      37      +12       -4  "
                       "Zürich talks\n"),
        std::string::npos)
        << table.out;
    CommandResult csv = query({"history", kUrl, "--format", "csv"});
    EXPECT_EQ(csv.out.substr(0, csv.out.find('\n')),
              "article_id,article_key,revision,captured_at,last_seen,title,length,added,removed");
    EXPECT_NE(csv.out.find(",3,2016-02-02T12:00:00Z,2016-02-02T13:00:00Z,Genève talks,37,6,6\n"),
              std::string::npos);
}

TEST_F(History, ShowPrintsOneRevisionWholeLatestByDefault) {
    auto latest = nlohmann::json::parse(query({"show", kUrl, "--format", "json"}).out);
    EXPECT_EQ(latest.at("revision"), 3);
    EXPECT_EQ(latest.at("revisions"), 3);
    EXPECT_EQ(latest.at("title"), "Genève talks");
    EXPECT_EQ(latest.at("text"), "Prices fell 5% on Monday.");
    EXPECT_EQ(latest.at("url"), kUrl);

    auto first =
        nlohmann::json::parse(query({"show", kUrl, "--revision", "1", "--format", "json"}).out);
    EXPECT_EQ(first.at("text"), "Prices rose 5%.");
    EXPECT_EQ(first.at("captured_at"), "2016-02-02T10:00:00Z");

    auto then = nlohmann::json::parse(
        query({"show", kUrl, "--as-of", "2016-02-02T11:59:59Z", "--format", "json"}).out);
    EXPECT_EQ(then.at("revision"), 2);
    EXPECT_EQ(then.at("revisions"), 2);

    CommandResult table = query({"show", kUrl, "--revision", "2"});
    ASSERT_EQ(table.exit_code, 0);
    EXPECT_EQ(table.out, "example  " + kUrl +
                             "\nrevision 2/3  captured 2016-02-02T11:00:00Z  last seen "
                             "2016-02-02T11:00:00Z\n\nZürich talks\n\nPrices fell 5% on Monday.\n");
    EXPECT_EQ(query({"show", kUrl, "--revision", "4"}).exit_code, 2);
    EXPECT_EQ(query({"show", "https://example.com/other"}).exit_code, 1);
}
