// The change stream: every appearance and vanishing of a query's match,
// corpus-wide, inside a time window, newest first. Births (an article whose
// first capture already matches) are not changes and are left out.
#pragma once

#include "query/database.h"
#include "query/engine/matcher.h"
#include "query/engine/query_limits.h"
#include "query/engine/timeline_events.h"

#include <optional>
#include <string>
#include <vector>

namespace newsindex::query {

struct ChangesRequest {
    std::string query;
    // since is required (the window's start); until, as_of, sources, stem
    // and language as for timeline (timeline.h).
    Filters filters;
    std::optional<EventType> only;  // keep only events of this type
    std::chrono::duration<double> time_budget = kDefaultTimeBudget;  // as timeline's
};

// One event with its article's identity. title and url are the article's
// latest (as of) version's.
struct ChangeEvent {
    std::string article_id;
    std::string article_key;
    std::string source;
    std::string url;
    std::string title;
    TimelineEvent event;  // version_id filled in
};

// Newest first; ties by article id, then revision. Throws
// QueryError(kExitBadQuery) without filters.since, and as timeline does.
std::vector<ChangeEvent> build_changes(NewsDatabase& db, const ChangesRequest& request);

}  // namespace newsindex::query
