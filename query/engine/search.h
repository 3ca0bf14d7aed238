// newsquery search: the versions that match a query, one row per article by
// default. Returns plain rows; search_format.h prints them.
#pragma once

#include "query/database.h"
#include "query/engine/matcher.h"
#include "query/engine/query_limits.h"
#include "schema/version_record.h"

#include <xapian.h>

#include <cstdint>
#include <string>
#include <vector>

namespace newsindex::query {

enum class SearchOrder {
    Relevance,  // best match first
    Date,       // newest capture first
    Article,    // grouped by article (a stable, arbitrary article order),
                // revisions ascending within it
};

struct SearchRequest {
    std::string text;            // the query (must not be blank)
    Filters filters;
    // false: one row per article, its best-matching version (by `order`).
    // true: every matching version.
    bool all_versions = false;
    SearchOrder order = SearchOrder::Relevance;
    Xapian::doccount offset = 0;
    Xapian::doccount limit = 20;  // 0: no limit
    // Put around matched words in snippets ("" for plain text).
    std::string highlight_start, highlight_end;
    std::size_t snippet_length = 200;  // bytes of text in a snippet
    // Past it, search ends with QueryError(kExitBadQuery) (query_limits.h).
    std::chrono::duration<double> time_budget = kDefaultTimeBudget;
};

// One result row: an article's version. The data is decoded only for the
// rows returned.
struct SearchRow {
    std::string article_id;        // the article identity: article_id as given, else the normalised URL
    std::string article_key;       // the article's digest, 16 hex digits
    std::string source;
    std::string url;
    std::string title;
    std::uint32_t revision = 0;    // this version's revision number
    std::uint32_t revisions = 0;   // how many versions the article has
    schema::CaptureTime captured_at = 0;
    std::string snippet;           // one line of text around the matches (snippets.h)
    // Revisions of this article that match the whole query (text and
    // filters), ascending. Always contains `revision`.
    std::vector<std::uint32_t> matching_revisions;
};

// Counting every match costs a look at each matching version (its weight,
// its phrase positions, its article), where a page of rows by relevance
// needs only the best. So that counting costs a search no more than a tenth
// of its time, a search looks at no more than this many matching versions
// to count them; past it (or past the time budget) its counts are lower
// bounds, said "at least N". A search that asks for more rows (limit 0:
// all) counts as many; count_matches (--count) has no such bound.
// Measured in the commit that set it.
constexpr Xapian::doccount kExactCountBound = 100;

// How many match: `value` exactly when `exact`, else at least `value`.
struct MatchCount {
    Xapian::doccount value = 0;
    bool exact = true;
};

struct SearchResult {
    std::vector<SearchRow> rows;
    // How many versions match, and how many articles have a matching
    // version, in all.
    MatchCount articles;
    MatchCount versions;
};

// Runs `request` against `db` (with its retry on concurrent writes).
// Throws QueryError(kExitBadQuery) for a blank or unparsable query, one past
// the bounds of query_limits.h, and once request.time_budget is spent.
SearchResult search(NewsDatabase& db, const SearchRequest& request);

// The exact number of articles that match `request` (of versions, with
// all_versions): every match is counted, whatever kExactCountBound, within
// request.time_budget. Order, offset and limit do not matter. Throws as
// search does.
Xapian::doccount count_matches(NewsDatabase& db, const SearchRequest& request);

// Shows every version of `xapian` that matches `request` (its text and
// filters) to `spy`, with no rows and no weights: the way count_matches and
// the facets (facets.h) count. Call inside NewsDatabase::with_retry, with a
// spy made afresh for each try; throws QueryError once `deadline` passes.
void show_every_match(const Xapian::Database& xapian, const NewsDatabase& db, const SearchRequest& request,
                      Xapian::MatchSpy& spy, const QueryDeadline& deadline);

}  // namespace newsindex::query
