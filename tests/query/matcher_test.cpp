// What a query and its filters match: build_match_query over the fixture
// history (tests/query/search_fixture.h), checked as exact sets of
// versions named article+revision ("A2").
#include "query/cli/command_options.h"
#include "query/engine/matcher.h"
#include "tests/query/search_fixture.h"

#include <gtest/gtest.h>

#include <set>

using namespace newsindex;
using namespace newsindex::query;
using newsindex::testing::at;
using Names = std::set<std::string>;

namespace {

class Matcher : public ::testing::Test {
  protected:
    Names matches(const std::string& text, const Filters& filters = {}) {
        MatchQuery match = build_match_query(db_, text, filters);
        Xapian::Enquire enquire(db_.xapian());
        enquire.set_query(match.query);
        Xapian::MSet mset = enquire.get_mset(0, db_.xapian().get_doccount());
        Names names;
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            schema::VersionRecord v = schema::read_stored_version(it.get_document());
            names.insert(v.article_id + std::to_string(v.revision));
        }
        return names;
    }

    // The exit code and message build_match_query fails with.
    std::pair<int, std::string> failure(const std::string& text, const Filters& filters = {}) {
        try {
            build_match_query(db_, text, filters);
        } catch (const QueryError& e) {
            return {e.exit_code(), e.what()};
        }
        return {0, ""};
    }

    newsindex::testing::FixtureDatabase fixture_;
    NewsDatabase db_ = fixture_.open();
};

Filters no_stem() {
    Filters f;
    f.stem = false;
    return f;
}

}  // namespace

TEST_F(Matcher, WordsAreStemmedButPhrasesMatchExactly) {
    EXPECT_EQ(matches("threat"), (Names{"A1", "B1"}));  // "threats" and "threat"
    EXPECT_EQ(matches("\"threats are\""), (Names{"A1"}));
    EXPECT_EQ(matches("\"threat are\""), Names{});
    EXPECT_EQ(matches("\"false caliphate\""), (Names{"A1", "A2", "B1"}));
}

TEST_F(Matcher, AStemIsTheSynonymOfTheIndexsWordsInTheQueryAndOneTermInTheText) {
    // The index holds no stem terms (schema/terms.h): the query runs the
    // words the database lists under the stem; the text part, for sentences
    // and snippets, keeps the stem.
    MatchQuery match = build_match_query(db_, "threat", {});
    const Xapian::Query& text = match.reading_of("en").text;
    Names query_terms(match.query.get_unique_terms_begin(), match.query.get_unique_terms_end());
    Names text_terms(text.get_unique_terms_begin(), text.get_unique_terms_end());
    EXPECT_TRUE(query_terms.contains("threat"));
    EXPECT_TRUE(query_terms.contains("threats"));
    EXPECT_TRUE(text_terms.contains("Zen:threat"));
    EXPECT_FALSE(text_terms.contains("threats"));
}

TEST_F(Matcher, AWordFindsItsInflectionsInEachVersionsOwnLanguage) {
    // C1 is German: "Bedrohungen", "Diplomaten"; B1 English: "Diplomats".
    EXPECT_EQ(matches("bedrohung"), (Names{"C1"}));
    EXPECT_EQ(matches("diplomat"), (Names{"B1", "C1"}));
    // German capitalises nouns: a capital is stemmed there, and marks a
    // name, which stays exact, in English.
    EXPECT_EQ(matches("Bedrohung"), (Names{"C1"}));
    EXPECT_EQ(matches("Diplomat"), (Names{"C1"}));
    EXPECT_EQ(matches("Diplomats"), (Names{"B1", "C1"}));
    EXPECT_EQ(matches("Diplomats", no_stem()), (Names{"B1"}));
    // --lang reads the query in that language alone, for every version.
    Filters german;
    german.language = "de";
    EXPECT_EQ(matches("Bedrohung", german), (Names{"C1"}));
    Filters english;
    english.language = "en";
    EXPECT_EQ(matches("Bedrohung", english), Names{});
    EXPECT_EQ(matches("bedrohung", no_stem()), Names{});
    // Phrases stay exact, operators and filter values as typed.
    EXPECT_EQ(matches("\"die bedrohung\""), Names{});
    EXPECT_EQ(matches("Bedrohung OR Markets"), (Names{"C1", "D1", "D2", "D3"}));
    EXPECT_EQ(matches("Bedrohung AND source:Spiegel"), (Names{"C1"}));
}

TEST_F(Matcher, EachVersionIsReadInTheLanguageItWasFiledUnder) {
    MatchQuery match = build_match_query(db_, "threat", {});
    ASSERT_EQ(match.readings.size(), 2u);
    EXPECT_EQ(match.reading_of("de").language, "de");
    EXPECT_EQ(match.reading_of("de-AT").language, "de");
    EXPECT_EQ(match.reading_of("en-GB").language, "en");
    // A language without a stemmer was filed under the database's.
    EXPECT_EQ(match.reading_of("xx").language, "en");
    EXPECT_EQ(match.reading_of("").language, "en");
    EXPECT_EQ(build_match_query(db_, "threat", no_stem()).readings.size(), 1u);
}

TEST_F(Matcher, NoStemMatchesExactWordsOnly) {
    EXPECT_EQ(matches("threat", no_stem()), (Names{"B1"}));
    EXPECT_EQ(matches("threats", no_stem()), (Names{"A1"}));
}

TEST_F(Matcher, LangChoosesTheStemmer) {
    // C is German, indexed with the German stemmer; the database is English.
    Filters german;
    german.language = "de";
    EXPECT_EQ(matches("bedrohung", german), (Names{"C1"}));
    // Versions of the other languages find the words as typed.
    EXPECT_EQ(matches("threats", german), (Names{"A1"}));
    EXPECT_EQ(matches("threat", german), (Names{"B1"}));
    german.language = "DE-at";
    EXPECT_EQ(matches("bedrohung", german), (Names{"C1"}));
    german.language = "xx";
    EXPECT_EQ(failure("bedrohung", german).first, kExitBadQuery);
}

TEST_F(Matcher, AllWordsAreRequiredByDefault) {
    EXPECT_EQ(matches("kerry troops"), (Names{"A2"}));
    EXPECT_EQ(matches("oil money"), (Names{"A1"}));
}

TEST_F(Matcher, BooleanOperators) {
    EXPECT_EQ(matches("kerry NOT appetite"), (Names{"A1"}));
    EXPECT_EQ(matches("kerry -appetite"), (Names{"A1"}));
    EXPECT_EQ(matches("appetite OR recover"), (Names{"A2", "D3"}));
    EXPECT_EQ(matches("+oil -again", no_stem()), (Names{"A1", "D1", "D3"}));
    EXPECT_EQ(matches("(appetite OR rose) AND oil", no_stem()), (Names{"D3"}));
    EXPECT_EQ(matches("NOT oil", no_stem()), (Names{"A2", "B1", "C1"}));
}

TEST_F(Matcher, NearNeedsTheWordsCloseTogetherInOneField) {
    EXPECT_EQ(matches("growing NEAR caliphate"), (Names{"A1"}));
    // Both match, but "kerry" is in the title and "caliphate" in the body.
    EXPECT_EQ(matches("kerry caliphate"), (Names{"A1", "A2"}));
    EXPECT_EQ(matches("kerry NEAR caliphate"), Names{});
}

TEST_F(Matcher, TrailingWildcardsExpand) {
    EXPECT_EQ(matches("calip*"), (Names{"A1", "A2", "B1"}));
    EXPECT_EQ(matches("intensif*"), (Names{"A2"}));
    EXPECT_EQ(matches("title:mark*"), (Names{"D1", "D2", "D3"}));
}

TEST_F(Matcher, TitleAndAuthorPrefixesSearchThatFieldOnly) {
    EXPECT_EQ(matches("coalition"), (Names{"A1", "A2", "B1"}));
    EXPECT_EQ(matches("title:coalition"), (Names{"A1", "A2"}));
    EXPECT_EQ(matches("title:\"coalition will\""), (Names{"A2"}));
    EXPECT_EQ(matches("author:wei"), (Names{"B1"}));
    EXPECT_EQ(matches("wei"), Names{});
}

TEST_F(Matcher, SourceAndLanguageFiltersIgnoreCase) {
    EXPECT_EQ(matches("source:NYTimes"), (Names{"A1", "A2", "D1", "D2", "D3"}));
    EXPECT_EQ(matches("oil source:nytimes"), (Names{"A1", "D1", "D2", "D3"}));
    // Two values of one filter field mean either, as in Xapian's own parser.
    EXPECT_EQ(matches("source:xinhua source:Spiegel"), (Names{"B1", "C1"}));
    EXPECT_EQ(matches("lang:DE"), (Names{"C1"}));
    EXPECT_EQ(matches("diplomats lang:en"), (Names{"B1"}));
}

TEST_F(Matcher, SiteAndUrlMatchTheHostHoweverWritten) {
    Names nytimes{"A1", "A2", "D1", "D2", "D3"};
    EXPECT_EQ(matches("site:www.NYTimes.com"), nytimes);
    EXPECT_EQ(matches("site:nytimes.com"), nytimes);
    EXPECT_EQ(matches("site:https://www.nytimes.com/2016/"), nytimes);
    EXPECT_EQ(matches("url:spiegel.de"), (Names{"C1"}));
    EXPECT_EQ(matches("url:https://www.spiegel.de/"), (Names{"C1"}));
}

// Hosts: www.nytimes.com (A, D), news.xinhuanet.com (B), www.spiegel.de (C).
TEST_F(Matcher, SiteMatchesAHostAndTheHostsUnderItOnLabelBoundaries) {
    EXPECT_EQ(matches("site:xinhuanet.com"), (Names{"B1"}));
    EXPECT_EQ(matches("site:news.xinhuanet.com"), (Names{"B1"}));
    EXPECT_EQ(matches("site:com"), (Names{"A1", "A2", "B1", "D1", "D2", "D3"}));
    EXPECT_EQ(matches("site:DE"), (Names{"C1"}));
    EXPECT_EQ(matches("site:inhuanet.com"), Names{});
    EXPECT_EQ(matches("site:ytimes.com"), Names{});
    EXPECT_EQ(matches("site:other.xinhuanet.com"), Names{});
    EXPECT_EQ(matches("oil (site:spiegel.de OR site:nytimes.com)"), (Names{"A1", "D1", "D2", "D3"}));
}

TEST_F(Matcher, UrlWithAPathFindsThatArticleNormalisedAsTheIndexerDoes) {
    Names a{"A1", "A2"};
    EXPECT_EQ(matches("url:http://www.nytimes.com/2016/02/03/kerry.html"), a);
    EXPECT_EQ(matches("url:https://WWW.nytimes.com:443/2016/02/03/kerry.html?utm_source=x#top"), a);
    EXPECT_EQ(matches("url:www.nytimes.com/2016/02/03/kerry.html/"), a);
    EXPECT_EQ(matches("url:nytimes.com/2016/02/03/kerry.html"), a);  // www. or not
    EXPECT_EQ(matches("url:https://www.nytimes.com/2016/02/03/Kerry.html"), Names{});
    EXPECT_EQ(matches("url:https://news.xinhuanet.com/english/other.htm"), Names{});
    EXPECT_EQ(matches("url:news.xinhuanet.com/english/b.htm"), (Names{"B1"}));
}

TEST_F(Matcher, UnknownFieldsStrayBracketsAndOpenQuotesAreBadQueries) {
    for (const char* text : {"nope:word", "titel:kerry", "kerry)", "(kerry", "\"kerry"}) {
        auto [code, message] = failure(text);
        EXPECT_EQ(code, kExitBadQuery) << text;
        EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    }
    EXPECT_NE(failure("titel:kerry").second.find("unknown field \"titel:\""), std::string::npos);
}

TEST_F(Matcher, ATimeRangeThatEndsBeforeItStartsIsABadQuery) {
    auto [code, message] = failure("date:2016-02-03..2016-02-01");
    EXPECT_EQ(code, kExitBadQuery);
    EXPECT_NE(message.find("date:2016-02-03..2016-02-01 ends before it starts"), std::string::npos)
        << message;
    Filters f;
    f.since = at("2016-02-03T00:00:00Z");
    f.until = at("2016-02-01T00:00:00Z");
    EXPECT_EQ(failure("kerry", f).first, kExitBadQuery);
    f.until = f.since;
    EXPECT_EQ(failure("kerry", f).first, 0);
}

TEST_F(Matcher, DateRangesOnCaptureTimeIncludeTheWholeEndDay) {
    EXPECT_EQ(matches("date:2016-02-02..2016-02-02"), (Names{"A1", "A2", "D2"}));
    EXPECT_EQ(matches("date:2016-02-02"), (Names{"A1", "A2", "D2"}));
    EXPECT_EQ(matches("date:2016-02-01..2016-02-02T12:00:00Z"), (Names{"C1", "D1", "D2", "A1"}));
    EXPECT_EQ(matches("date:2016-02-01..2016-02-02T11:59:59Z"), (Names{"C1", "D1", "D2"}));
    EXPECT_EQ(matches("date:2016-02-03.."), (Names{"B1", "D3"}));
    EXPECT_EQ(matches("date:..2016-02-01"), (Names{"C1", "D1"}));
    EXPECT_EQ(matches("oil date:2016-02-02..2016-02-02"), (Names{"A1", "D2"}));
}

TEST_F(Matcher, BadDatesAndBadSyntaxAreBadQueries) {
    auto [code, message] = failure("kerry AND");
    EXPECT_EQ(code, kExitBadQuery);
    EXPECT_EQ(message.rfind("newsquery: bad query 'kerry AND': ", 0), 0u) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos);
    EXPECT_EQ(failure("date:2016-02-30..2016-03-01").first, kExitBadQuery);
    EXPECT_NE(failure("date:yesterday..").second.find("'yesterday'"), std::string::npos);
}

TEST_F(Matcher, BlankTextMatchesEveryVersionForFilterListings) {
    EXPECT_EQ(matches("  ").size(), newsindex::testing::fixture_versions().size());
    Filters f;
    f.sources = {"XINHUA", "spiegel"};
    EXPECT_EQ(matches("", f), (Names{"B1", "C1"}));
}

TEST_F(Matcher, SinceAndUntilBoundCaptureTimeInclusively) {
    Filters f;
    f.since = at("2016-02-02T16:00:00Z");
    EXPECT_EQ(matches("", f), (Names{"A2", "B1", "D3"}));
    f = {};
    f.until = at("2016-02-02T16:00:00Z");
    EXPECT_EQ(matches("", f), (Names{"A1", "A2", "C1", "D1", "D2"}));
    f.until = at("2016-02-02T15:59:59Z");
    EXPECT_EQ(matches("", f), (Names{"A1", "C1", "D1", "D2"}));
}

TEST_F(Matcher, FirstAndLatestPickRevisions) {
    Filters f;
    f.first_only = true;
    EXPECT_EQ(matches("", f), (Names{"A1", "B1", "C1", "D1"}));
    f.latest_only = true;
    EXPECT_EQ(matches("", f), (Names{"B1", "C1"}));
    f.first_only = false;
    EXPECT_EQ(matches("", f), (Names{"A2", "B1", "C1", "D3"}));
    EXPECT_EQ(matches("caliphate", f), (Names{"A2", "B1"}));
}

TEST_F(Matcher, AsOfIsTheCorpusAsItStoodThen) {
    auto as_of = [&](const std::string& t) {
        Filters f;
        f.as_of = at(t);
        return matches("", f);
    };
    // Exactly at A2's capture A2 is current and A1 is not.
    EXPECT_EQ(as_of("2016-02-02T16:00:00Z"), (Names{"A2", "C1", "D2"}));
    EXPECT_EQ(as_of("2016-02-02T15:59:59Z"), (Names{"A1", "C1", "D2"}));
    EXPECT_EQ(as_of("2016-02-02T09:00:00Z"), (Names{"C1", "D2"}));
    EXPECT_EQ(as_of("2016-02-02T08:59:59Z"), (Names{"C1", "D1"}));
    EXPECT_EQ(as_of("2016-02-05T00:00:00Z"), (Names{"A2", "B1", "C1", "D3"}));
    EXPECT_EQ(as_of("2016-01-01T00:00:00Z"), Names{});
}

TEST(FiltersFromFlags, PlainDatesMeanMidnightForSinceAndEndOfDayForUntilAndAsOf) {
    CommonOptions options;
    options.since = "2016-02-02";
    options.until = "2016-02-03";
    options.as_of = "2016-02-04";
    options.sources = {"nytimes"};
    options.first = options.no_stem = true;
    Filters f = to_filters(options);
    EXPECT_EQ(f.since, at("2016-02-02T00:00:00Z"));
    EXPECT_EQ(f.until, at("2016-02-03T23:59:59Z"));
    EXPECT_EQ(f.as_of, at("2016-02-04T23:59:59Z"));
    EXPECT_EQ(f.sources, std::vector<std::string>{"nytimes"});
    EXPECT_TRUE(f.first_only);
    EXPECT_FALSE(f.latest_only);
    EXPECT_FALSE(f.stem);
    options.until = "2016-02-03T10:00:00+01:00";
    EXPECT_EQ(to_filters(options).until, at("2016-02-03T09:00:00Z"));
}

TEST(FiltersFromFlags, BadTimesNameTheFlag) {
    CommonOptions options;
    options.since = "someday";
    try {
        to_filters(options);
        FAIL() << "accepted --since someday";
    } catch (const QueryError& e) {
        EXPECT_EQ(e.exit_code(), kExitBadQuery);
        EXPECT_NE(std::string(e.what()).find("--since 'someday'"), std::string::npos);
    }
    options.since = "2016-02-05";
    options.until = "2016-02-04";
    EXPECT_THROW(to_filters(options), QueryError);
}
