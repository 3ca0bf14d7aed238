// What the query scanner refuses before Xapian's lenient parser could take
// it silently: stray brackets, unclosed quotes, unknown fields, blank text.
#include "query/database.h"
#include "query/text/query_syntax.h"

#include <gtest/gtest.h>

using namespace newsindex::query;

namespace {

// The message check_query_syntax fails with, "" when it accepts `text`.
std::string problem(const std::string& text) {
    try {
        check_query_syntax(text);
    } catch (const QueryError& e) {
        EXPECT_EQ(e.exit_code(), kExitBadQuery) << text;
        return e.what();
    }
    return "";
}

}  // namespace

TEST(QuerySyntax, AStrayBracketIsNamedWithItsCharacter) {
    EXPECT_EQ(problem("ceasefire)"),
              "newsquery: bad query 'ceasefire)': ')' at character 10 closes no '('");
    EXPECT_EQ(problem("(gaza OR (ceasefire)"),
              "newsquery: bad query '(gaza OR (ceasefire)': unclosed '(' at character 1");
    EXPECT_EQ(problem("(a) b)"), "newsquery: bad query '(a) b)': ')' at character 6 closes no '('");
    // A query typed over two lines is shown on one.
    EXPECT_EQ(problem("gaza\n)"), "newsquery: bad query 'gaza\\n)': ')' at character 6 closes no '('");
}

TEST(QuerySyntax, AnUnclosedQuoteIsNamedWithItsCharacter) {
    EXPECT_EQ(problem("kerry \"no appetite"),
              "newsquery: bad query 'kerry \"no appetite': unclosed quote at character 7");
    // Curly quotes are quotes, as for Xapian; characters are counted, not bytes.
    EXPECT_EQ(problem("Überfall \u201Cno appetite\u201D \u201Cx"),
              "newsquery: bad query 'Überfall \u201Cno appetite\u201D \u201Cx': unclosed quote "
              "at character 24");
}

TEST(QuerySyntax, AnUnknownFieldIsNamedWithTheFieldsThereAre) {
    EXPECT_EQ(problem("titel:ceasefire"),
              "newsquery: bad query 'titel:ceasefire': unknown field \"titel:\" at character 1 "
              "(fields: title, author, source, site, url, lang, date)");
    EXPECT_EQ(problem("section:world ceasefire"),
              "newsquery: bad query 'section:world ceasefire': unknown field \"section:\" at "
              "character 1 (fields: title, author, source, site, url, lang, date)");
    EXPECT_NE(problem("gaza (-Title:x)"), "");
}

TEST(QuerySyntax, WellFormedQueriesPass) {
    for (const char* text :
         {"kerry isis", "\"no appetite for\"", "(a OR b) AND c", "title:(kerry OR isis)",
          "title:\"coalition will\"", "author:wei source:xinhua lang:en", "caliph*",
          "(site:bbc.co.uk OR site:cnn.com) gaza", "url:https://en.wikipedia.org/wiki/A_(b)",
          "date:2016-02-01..2016-02-03", "note: kerry", "at 10:30 today", "-gaza +ceasefire",
          "\u201Cno appetite\u201D", "a \"(\" b"}) {
        EXPECT_EQ(problem(text), "") << text;
    }
}

TEST(QuerySyntax, BlankIsOnlyWhiteSpace) {
    for (const char* text : {"", " ", "\n", " \t\r\n\f\v "}) EXPECT_TRUE(is_blank_query(text));
    for (const char* text : {"a", " . ", "\n)"}) EXPECT_FALSE(is_blank_query(text));
    try {
        refuse_blank_query("\n");
        ADD_FAILURE() << "a blank query was taken";
    } catch (const QueryError& e) {
        EXPECT_EQ(e.exit_code(), kExitBadQuery);
    }
}

TEST(QuerySyntax, ATimeWindowThatEndsBeforeItStartsIsRefused) {
    EXPECT_NO_THROW(check_time_window(100, 100));
    EXPECT_NO_THROW(check_time_window(std::nullopt, 5));
    try {
        check_time_window(86400, 0);
        ADD_FAILURE() << "a window ending before it starts was taken";
    } catch (const QueryError& e) {
        EXPECT_EQ(e.exit_code(), kExitBadQuery);
        EXPECT_STREQ(e.what(), "newsquery: --until 1970-01-01T00:00:00Z is before --since "
                               "1970-01-02T00:00:00Z: the time window ends before it starts");
    }
}

TEST(QuerySyntax, WordsAreLowerCasedButOperatorsAndFilterValuesKeptAsTyped) {
    EXPECT_EQ(lower_case_words("Kanzler Merz"), "kanzler merz");
    EXPECT_EQ(lower_case_words("ÜBERFLUTUNG Straße"), "überflutung straße");
    EXPECT_EQ(lower_case_words("Kanzler AND Merz OR NOT Scholz XOR Habeck"),
              "kanzler AND merz OR NOT scholz XOR habeck");
    EXPECT_EQ(lower_case_words("Kanzler NEAR/3 Merz ADJ Bund"), "kanzler NEAR/3 merz ADJ bund");
    EXPECT_EQ(lower_case_words("(Kanzler OR Minister) -Merz +Bund"),
              "(kanzler OR minister) -merz +bund");
    // Operators only where QueryParser reads them: standing alone.
    EXPECT_EQ(lower_case_words("ANDERS Nordsee"), "anders nordsee");
    // Free fields take words; filter values keep their case (a URL's path).
    EXPECT_EQ(lower_case_words("title:Kanzler author:Merz"), "title:kanzler author:merz");
    EXPECT_EQ(lower_case_words("Kanzler url:https://example.de/A/B site:Bild.de source:FAZ"),
              "kanzler url:https://example.de/A/B site:Bild.de source:FAZ");
    EXPECT_EQ(lower_case_words("date:2025-12-29T14:00:00Z..2025-12-30 Kanzler"),
              "date:2025-12-29T14:00:00Z..2025-12-30 kanzler");
    // Inside a phrase every word is a word, an "AND" too (its term is the
    // same in either case).
    EXPECT_EQ(lower_case_words("\"Olaf AND Scholz\" Kanzler"), "\"olaf and scholz\" kanzler");
}
