// "did you mean": the indexer's spelling data (indexer/spelling_words.h) and
// the corrections the query side draws from it, over the fixture history
// (tests/query/search_fixture.h).
#include "indexer/spelling_words.h"
#include "query/text/spelling_suggestion.h"
#include "tests/query/search_fixture.h"

#include <gtest/gtest.h>

#include <map>

using namespace newsindex;
using newsindex::testing::fixture_versions;

namespace {

class Spelling : public ::testing::Test {
  protected:
    std::optional<std::string> corrected(const std::string& text) {
        return query::corrected_query(db_.xapian(), text);
    }

    newsindex::testing::FixtureDatabase fixture_;
    query::NewsDatabase db_ = fixture_.open();
};

}  // namespace

TEST(SpellingWords, AreLetterWordsOfTitleAndTextOfThreeCharactersOrMore) {
    EXPECT_EQ(indexer::spelling_word("caliphate"), "caliphate");
    EXPECT_EQ(indexer::spelling_word("Scoalition"), "coalition");  // a title word
    EXPECT_EQ(indexer::spelling_word("bedrohungen"), "bedrohungen");
    EXPECT_EQ(indexer::spelling_word("überfall"), "überfall");
    EXPECT_EQ(indexer::spelling_word("öl"), std::nullopt);  // two characters
    EXPECT_EQ(indexer::spelling_word("oil"), "oil");
    EXPECT_EQ(indexer::spelling_word("Awei"), std::nullopt);  // author
    EXPECT_EQ(indexer::spelling_word("XSnytimes"), std::nullopt);
    EXPECT_EQ(indexer::spelling_word("Hnytimes.com"), std::nullopt);
    EXPECT_EQ(indexer::spelling_word("2016"), std::nullopt);
    EXPECT_EQ(indexer::spelling_word("covid19"), std::nullopt);
    EXPECT_EQ(indexer::spelling_word(std::string(33, 'a')), std::nullopt);
}

TEST_F(Spelling, TheIndexerCountsTheVersionsThatHoldEachWord) {
    // Counted from the fixture's texts: "caliphate" in A1, A2, B1; "coalition"
    // in A1 (title), A2 (title), B1 (text); "oil" in A1, D1, D2, D3.
    std::map<std::string, Xapian::termcount> expected{
        {"caliphate", 3}, {"coalition", 3}, {"oil", 4}, {"markets", 3}, {"diplomaten", 1}};
    std::map<std::string, Xapian::termcount> held;
    for (auto it = db_.xapian().spellings_begin(); it != db_.xapian().spellings_end(); ++it) {
        held[*it] = it.get_termfreq();
    }
    for (const auto& [word, count] : expected) EXPECT_EQ(held[word], count) << word;
    EXPECT_FALSE(held.contains("li"));      // author, and short
    EXPECT_FALSE(held.contains("nytimes"));  // a source, not a word of the text
}

TEST_F(Spelling, AMisspeltWordIsCorrectedToTheClosestWordTheDatabaseHolds) {
    EXPECT_EQ(corrected("caliphte"), "caliphate");
    EXPECT_EQ(corrected("kerry coalitoin"), "kerry coalition");
    EXPECT_EQ(corrected("source:nytimes diplomts"), "source:nytimes diplomats");
    EXPECT_EQ(corrected("\"false caliphte\""), "\"false caliphate\"");
}

TEST_F(Spelling, WordsTheDatabaseHoldsAndFieldValuesAreLeftAlone) {
    EXPECT_EQ(corrected("caliphate"), std::nullopt);
    EXPECT_EQ(corrected("source:nytimez"), std::nullopt);
    EXPECT_EQ(corrected("site:nytimes.con"), std::nullopt);
    EXPECT_EQ(corrected("zzzzqqq"), std::nullopt);
}

TEST_F(Spelling, AWordTheDatabaseHoldsIsNeverCorrectedToAMoreFrequentOne) {
    // Xapian itself offers "said" (A1, A2) for "says" (A2's title), and
    // "threat" (B1) and "threats" (A1) for each other: within two edits.
    EXPECT_EQ(corrected("says"), std::nullopt);
    EXPECT_EQ(corrected("threats"), std::nullopt);
    EXPECT_EQ(corrected("Threat"), std::nullopt);
    // Beside a misspelt word, held words stay as typed.
    EXPECT_EQ(corrected("says caliphte"), "says caliphate");
    EXPECT_EQ(corrected("caliphte Says threats"), "caliphate Says threats");
}
