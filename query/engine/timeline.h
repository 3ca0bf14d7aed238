// The timeline of a query: for every article with a matching version, when
// the match appeared in it and when it vanished, in revision order.
//
// Cost: matching reads postlists only (Enquire with BoolWeight, unranked);
// every article's events come from one value stream read at the matching
// documents (the timeline key: article, revision, capture and supersession
// times), nothing per article, and only the page (offset, limit) is put in
// order. Only the articles on the page are looked at further: their version lists (article term and two value slots), and the
// stored text of the versions the output quotes (each event's sentence, the
// latest version's title and URL).
#pragma once

#include "query/database.h"
#include "query/engine/matcher.h"
#include "query/engine/query_limits.h"
#include "query/engine/timeline_events.h"

#include <optional>
#include <string>
#include <vector>

namespace newsindex::query {

struct TimelineRequest {
    std::string query;
    // Matching uses the query text and sources, stem and language. The time
    // filters mean, here:
    //   as_of       the corpus as it stood then: only versions captured at or
    //               before it exist; the latest of those is "latest";
    //   since/until keep the events captured inside [since, until]; articles
    //               left without events are dropped;
    //   first_only  only articles whose first revision matches;
    //   latest_only only articles whose latest revision matches.
    Filters filters;
    // Keep only the events of this type after an article's first revision
    // (edits, not births), and the articles that have one.
    std::optional<EventType> only;
    // false: drop "appeared from the first capture" events (changes feeds
    // report edits, not births).
    bool births = true;
    // true: fill in each event's version_id (one value read per event).
    bool version_ids = false;
    // The page of articles, in the order below: skip `offset`, then at most
    // `limit` (0: all).
    std::size_t offset = 0;
    std::size_t limit = 20;
    // Past it, the timeline ends with QueryError(kExitBadQuery)
    // (query_limits.h).
    std::chrono::duration<double> time_budget = kDefaultTimeBudget;
};

struct ArticleTimeline {
    std::string digest;  // article digest, 16 hex
    // Of the article's latest version (as of the request's as_of); article_id
    // is the article identity: its article_id as given, else its normalised URL.
    std::string article_id;
    std::string source;
    std::string url;
    std::string title;
    std::uint32_t revisions = 0;        // versions that exist (as of)
    bool present_in_latest = false;     // the latest version matches
    std::vector<TimelineEvent> events;  // revision order, sentences filled in
};

struct TimelinePage {
    std::vector<ArticleTimeline> articles;  // the page asked for
    std::size_t total = 0;                  // articles in the whole answer
};

// Articles ordered by the capture time of their first (kept) event, then by
// article digest. Throws QueryError as build_match_query does, and once
// request.time_budget is spent.
TimelinePage build_timeline(NewsDatabase& db, const TimelineRequest& request);

}  // namespace newsindex::query
