// The bounds of query/engine/query_limits.h in the library: the wildcard cap of a
// whole query counted in wildcards, the term and length caps, and a time
// budget already spent ending search, timeline and changes with a
// QueryError (exit 2) from inside their match. No time is measured.
#include "query/engine/changes.h"
#include "query/engine/matcher.h"
#include "query/engine/query_limits.h"
#include "query/engine/search.h"
#include "query/engine/timeline.h"
#include "tests/query/search_fixture.h"

#include <gtest/gtest.h>

using namespace newsindex;
using namespace newsindex::query;

namespace {

class QueryLimits : public ::testing::Test {
  protected:
    // The exit code and message `work` fails with (0, "" when it does not).
    template <typename Work>
    static std::pair<int, std::string> failure(Work&& work) {
        try {
            work();
        } catch (const QueryError& e) {
            return {e.exit_code(), e.what()};
        }
        return {0, ""};
    }

    std::pair<int, std::string> parse_failure(const std::string& text) {
        return failure([&] { build_match_query(db_, text, Filters{}); });
    }

    newsindex::testing::FixtureDatabase fixture_;
    NewsDatabase db_ = fixture_.open();
};

std::string repeated(const std::string& word, std::size_t times) {
    std::string out;
    for (std::size_t i = 0; i < times; ++i) out += word + " ";
    return out;
}

// A plain wildcard counts once per field it searches (text and title).
constexpr std::size_t kPlainWildcards = kMaxWildcardTerms / kMaxWildcardExpansion / 2;

}  // namespace

TEST_F(QueryLimits, AWholeQueryHoldsAtMostItsShareOfWildcards) {
    EXPECT_EQ(parse_failure(repeated("k*", kPlainWildcards)).first, 0);
    auto [code, message] = parse_failure(repeated("k*", kPlainWildcards + 1));
    EXPECT_EQ(code, kExitBadQuery);
    EXPECT_NE(message.find("too many wildcards"), std::string::npos) << message;
    // title: searches one field, so twice as many fit.
    EXPECT_EQ(parse_failure(repeated("title:k*", 2 * kPlainWildcards)).first, 0);
    EXPECT_EQ(parse_failure(repeated("title:k*", 2 * kPlainWildcards + 1)).first, kExitBadQuery);
    // Wildcards count wherever they are: under OR, NOT, brackets.
    std::string nested = "(k* OR a*) AND NOT (" + repeated("c* OR", kPlainWildcards) + " d*)";
    EXPECT_EQ(parse_failure(nested).first, kExitBadQuery);
}

TEST_F(QueryLimits, TheTermsAndBytesOfAQueryAreCapped) {
    std::string words;
    for (std::size_t i = 0; i < kMaxQueryTerms / 2; ++i) words += "w" + std::to_string(i) + " ";
    EXPECT_EQ(parse_failure(words).first, 0);
    auto [code, message] = parse_failure(words + "one more");
    EXPECT_EQ(code, kExitBadQuery);
    EXPECT_NE(message.find("too many words"), std::string::npos) << message;

    std::string longest(kMaxQueryBytes, 'k');
    EXPECT_EQ(parse_failure(longest).first, 0);
    auto [long_code, long_message] = parse_failure(longest + "k");
    EXPECT_EQ(long_code, kExitBadQuery);
    EXPECT_NE(long_message.find("too long"), std::string::npos) << long_message;
    // The message quotes the start of the query only.
    EXPECT_LT(long_message.size(), 300u) << long_message;
}

TEST_F(QueryLimits, ASpentBudgetEndsASearchFromInsideItsMatch) {
    SearchRequest request;
    request.text = "kerry";
    EXPECT_EQ(failure([&] { search(db_, request); }).first, 0);
    request.time_budget = std::chrono::seconds(0);
    auto [code, message] = failure([&] { search(db_, request); });
    EXPECT_EQ(code, kExitBadQuery);
    EXPECT_NE(message.find("time budget of 0 s"), std::string::npos) << message;
    request.all_versions = true;
    request.limit = 0;
    EXPECT_EQ(failure([&] { search(db_, request); }).first, kExitBadQuery);
}

TEST_F(QueryLimits, ASpentBudgetEndsATimelineAndAChangeFeed) {
    TimelineRequest timeline;
    timeline.query = "kerry";
    EXPECT_EQ(failure([&] { build_timeline(db_, timeline); }).first, 0);
    timeline.time_budget = std::chrono::seconds(0);
    EXPECT_EQ(failure([&] { build_timeline(db_, timeline); }).first, kExitBadQuery);

    ChangesRequest changes;
    changes.query = "kerry";
    changes.filters.since = newsindex::testing::at("2016-01-01");
    EXPECT_EQ(failure([&] { build_changes(db_, changes); }).first, 0);
    changes.time_budget = std::chrono::seconds(0);
    EXPECT_EQ(failure([&] { build_changes(db_, changes); }).first, kExitBadQuery);
}

TEST_F(QueryLimits, AMatchCutShortByXapiansTimeLimitIsReportedNotAnsweredInPart) {
    // The deadline passed: bound() gives Xapian its shortest time limit and
    // the spy ends the match at its first document; nothing partial returns.
    const QueryDeadline spent(std::chrono::seconds(0));
    Xapian::Enquire enquire(db_.xapian());
    enquire.set_query(Xapian::Query::MatchAll);
    spent.bound(enquire);
    EXPECT_EQ(failure([&] { enquire.get_mset(0, 0, db_.xapian().get_doccount()); }).first,
              kExitBadQuery);
    EXPECT_EQ(failure([&] { spent.check(); }).first, kExitBadQuery);
    EXPECT_EQ(failure([] { QueryDeadline(std::chrono::seconds(60)).check(); }).first, 0);
}
