// Snippets (query/text/snippets.h) as search rows carry them: read from the first
// line that holds a query word, from the summary and body, on long articles
// whose match is many paragraphs in.
#include "query/engine/search.h"
#include "tests/query/search_fixture.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

using namespace newsindex;
using namespace newsindex::query;

namespace {

// 200 paragraphs that hold no query word below, then `rest`.
std::string deep(const std::string& rest) {
    std::string text;
    for (int i = 0; i < 200; ++i) text += fmt::format("Paragraph {} tells of the weather.\n", i);
    return text + rest;
}

class Snippets : public ::testing::Test {
  protected:
    // A new database holding one version of one article with `title` and
    // `text`; snippet() searches the last one written.
    void write(const std::string& title, const std::string& text) {
        db_ = dir_.path() / fmt::format("db-{}", ++written_);
        newsindex::testing::write_versions(
            db_, {{"L", "nytimes", "http://x/l", "en", "", "2016-02-02T12:00:00Z", "", 1, title,
                   text}});
    }

    // The one row's snippet for `query`, matches in brackets.
    std::string snippet(const std::string& query) {
        NewsDatabase db(db_.string());
        SearchRequest r;
        r.text = query;
        r.highlight_start = "[";
        r.highlight_end = "]";
        SearchResult result = search(db, r);
        EXPECT_EQ(result.rows.size(), 1u) << query;
        return result.rows.empty() ? "" : result.rows[0].snippet;
    }

    newsindex::testing::ScratchDir dir_;
    std::filesystem::path db_;
    int written_ = 0;
};

}  // namespace

TEST_F(Snippets, StartAtTheFirstLineHoldingAQueryWordMarkedAsCut) {
    write("Prices and Inflation", deep("Officials met late. Inflation rose again, they said.\n"
                                       "The end."));
    EXPECT_EQ(snippet("\"rose again\""),
              "…Officials met late. Inflation [rose again], they said. The end.");
    // A stem, found through its written form ("inflat" in "Inflation"); the
    // title, shown by the row, is not read although it holds the word too.
    EXPECT_EQ(snippet("inflation"),
              "…Officials met late. [Inflation] rose again, they said. The end.");
}

TEST_F(Snippets, AMatchInTheFirstLineIsShownWithoutAMark) {
    write("Talks", "Kerry arrived in Rome on Tuesday.\nThe talks went on.");
    EXPECT_EQ(snippet("kerry"), "[Kerry] arrived in Rome on Tuesday. The talks went on.");
}

TEST_F(Snippets, AWordSeenOnlyThroughTheStemmerLeavesTheWholeTextToXapian) {
    // "happy" gives the stem of "happiness" but does not contain it: no line
    // is known to hold the query, so the whole text is read and the match
    // found by Xapian's own stemming.
    write("Storm", deep("The crowd was happy.\nThe end."));
    EXPECT_NE(snippet("happiness").find("[happy]"), std::string::npos) << snippet("happiness");
    // With a written form further on, that line is where reading starts.
    write("Storm", deep("The crowd was happy.\nHappiness returned.\nThe end."));
    EXPECT_EQ(snippet("happiness"), "…[Happiness] returned. The end.");
}

TEST_F(Snippets, WhenNothingFromThatLineOnMatchesTheWholeTextIsRead) {
    // "happiest" holds the letters of the stem "happi" but is not a form of
    // "happiness"; the one match before it is found by reading everything.
    write("Storm", deep("The crowd was happy.\nThe happiest day.\n"));
    EXPECT_NE(snippet("happiness").find("[happy]"), std::string::npos) << snippet("happiness");
}

TEST_F(Snippets, TheFirstLineWithAWordNeedNotHoldTheMatch) {
    // The first line with "rose" holds no "rose again": reading from it finds
    // the phrase further on.
    write("Garden", deep("A rose grew.\n") + deep("Prices rose again.\n"));
    std::string found = snippet("\"rose again\"");
    EXPECT_TRUE(found.starts_with("…")) << found;
    EXPECT_NE(found.find("Prices [rose again]."), std::string::npos) << found;
}
