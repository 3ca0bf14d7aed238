// The timeline of a query: for every article with a matching version, when
// the match appeared in it and when it vanished, in revision order.
//
// Cost: matching reads postlists only (Enquire with BoolWeight, unsorted);
// each matching article's versions come from its article term and two value
// slots; stored text is decoded only for the events that are output (their
// sentence) and each output article's latest version (its title and URL).
#pragma once

#include "query/database.h"
#include "query/matcher.h"
#include "query/timeline_events.h"

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
    // Keep only articles with an event of this type after their first
    // revision (an edit, not a birth).
    std::optional<EventType> only;
    // false: drop "appeared from the first capture" events (changes feeds
    // report edits, not births).
    bool births = true;
    // true: fill in each event's version_id (one termlist read per event).
    bool version_ids = false;
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

// Articles ordered by the capture time of their first (kept) event, then by
// article id. Throws QueryError as build_match_query does.
std::vector<ArticleTimeline> build_timeline(NewsDatabase& db, const TimelineRequest& request);

}  // namespace newsindex::query
