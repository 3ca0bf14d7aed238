// What query_shape.h reads off a query: operators, filter terms, word terms,
// and whether (and how) the terms a document holds decide a match.
#include "query/text/query_shape.h"
#include "schema/terms.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace newsindex;
using namespace newsindex::query;
using Terms = std::vector<std::string>;
using Q = Xapian::Query;

namespace {

std::string source(const std::string& key) { return std::string(schema::prefix::kSource) + key; }

// "Zgovern AND (Zcity OR Ztown)", filtered to two sources.
Q filtered_query() {
    Q words(Q::OP_AND, Q("Zgovern"), Q(Q::OP_OR, Q("Zcity"), Q("Ztown")));
    Q sources(Q::OP_OR, Q(source("bbc")), Q(source("apnews")));
    return Q(Q::OP_FILTER, words, sources);
}

// A document's terms as matches_terms wants them: sorted.
Terms held(Terms terms) {
    std::sort(terms.begin(), terms.end());
    return terms;
}

TEST(QueryShape, SortedUniqueKeepsEachTermOnceInOrder) {
    EXPECT_EQ(sorted_unique({"Ztown", "Zcity", "Ztown", "Zcity"}), (Terms{"Zcity", "Ztown"}));
    EXPECT_TRUE(sorted_unique({}).empty());
}

TEST(QueryShape, HasNodeFindsAnOperatorAtAnyDepth) {
    Q phrase(Q::OP_PHRASE, Q("the"), Q("mayor"));
    Q query(Q::OP_FILTER, Q(Q::OP_AND, Q("Zcity"), phrase), Q(source("bbc")));
    EXPECT_TRUE(has_node(query, {Q::OP_PHRASE}));
    EXPECT_TRUE(has_node(query, {Q::OP_NEAR, Q::OP_PHRASE}));
    EXPECT_FALSE(has_node(query, {Q::OP_NEAR}));
    EXPECT_FALSE(has_node(filtered_query(), {Q::OP_PHRASE, Q::OP_NEAR}));
    EXPECT_TRUE(has_node(Q::MatchAll, {Q::LEAF_MATCH_ALL}));
}

TEST(QueryShape, FilterTermsAreThoseOnTheFilterSideOnly) {
    Q query = filtered_query();
    Terms filters = filter_terms(query);
    EXPECT_EQ(filters, (Terms{source("apnews"), source("bbc")}));
    EXPECT_EQ(word_terms(query, filters), (Terms{"Zcity", "Zgovern", "Ztown"}));
    // A term on the left of a filter is a word even if it names a source.
    Q left(Q::OP_FILTER, Q(source("bbc")), Q(source("cnn")));
    EXPECT_EQ(filter_terms(left), (Terms{source("cnn")}));
    EXPECT_EQ(word_terms(left, filter_terms(left)), (Terms{source("bbc")}));
    EXPECT_TRUE(filter_terms(Q("Zcity")).empty());
}

TEST(QueryShape, OnlyQueriesOverPlainTermsAreDecidedByTerms) {
    EXPECT_TRUE(decided_by_terms(Q("Zcity")));
    EXPECT_TRUE(decided_by_terms(filtered_query()));
    EXPECT_TRUE(decided_by_terms(Q(Q::OP_AND_MAYBE, Q("Zcity"), Q("Ztown"))));
    EXPECT_TRUE(decided_by_terms(Q(Q::OP_SYNONYM, Q("Zcity"), Q("Ztown"))));
    EXPECT_TRUE(decided_by_terms(Q(Q::OP_SCALE_WEIGHT, Q("Zcity"), 2.0)));
    // Where the terms are, what is absent, anything but terms: not decided.
    EXPECT_FALSE(decided_by_terms(Q(Q::OP_PHRASE, Q("the"), Q("mayor"))));
    EXPECT_FALSE(decided_by_terms(Q(Q::OP_NEAR, Q("city"), Q("mayor"))));
    EXPECT_FALSE(decided_by_terms(Q(Q::OP_AND_NOT, Q("Zcity"), Q("Ztown"))));
    EXPECT_FALSE(decided_by_terms(Q(Q::OP_XOR, Q("Zcity"), Q("Ztown"))));
    EXPECT_FALSE(decided_by_terms(Q(Q::OP_AND, Q("Zcity"), Q(Q::OP_WILDCARD, "gov"))));
    EXPECT_FALSE(decided_by_terms(Q::MatchAll));
    EXPECT_FALSE(decided_by_terms(Q()));
    EXPECT_FALSE(decided_by_terms(Q(Q::OP_ELITE_SET, Q("Zcity"), Q("Ztown"))));
}

TEST(QueryShape, MatchesTermsFollowsEachOperator) {
    Q query = filtered_query();
    EXPECT_TRUE(matches_terms(query, held({"Zcity", "Zgovern", source("bbc")})));
    EXPECT_TRUE(matches_terms(query, held({"Zgovern", source("apnews"), "Ztown"})));
    EXPECT_FALSE(matches_terms(query, held({"Zcity", "Zgovern"})));  // no source
    EXPECT_FALSE(matches_terms(query, held({"Zgovern", source("bbc")})));  // no city/town
    EXPECT_FALSE(matches_terms(query, held({"Zcity", "Ztown", source("bbc")})));  // no govern
    // AND_MAYBE and SCALE_WEIGHT need only their first subquery.
    Q maybe(Q::OP_AND_MAYBE, Q("Zcity"), Q("Ztown"));
    EXPECT_TRUE(matches_terms(maybe, held({"Zcity"})));
    EXPECT_FALSE(matches_terms(maybe, held({"Ztown"})));
    EXPECT_TRUE(matches_terms(Q(Q::OP_SCALE_WEIGHT, Q("Zcity"), 0.5), held({"Zcity"})));
    // SYNONYM and MAX: any one.
    EXPECT_TRUE(matches_terms(Q(Q::OP_SYNONYM, Q("Zcity"), Q("Ztown")), held({"Ztown"})));
    EXPECT_FALSE(matches_terms(Q(Q::OP_MAX, Q("Zcity"), Q("Ztown")), held({"Zgovern"})));
}

}  // namespace
