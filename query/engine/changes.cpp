#include "query/engine/changes.h"

#include "query/engine/timeline.h"

#include <algorithm>
#include <tuple>

namespace newsindex::query {

std::vector<ChangeEvent> build_changes(NewsDatabase& db, const ChangesRequest& request) {
    if (!request.filters.since) {
        throw QueryError("newsquery: changes needs --since (the start of the window)",
                         kExitBadQuery);
    }
    TimelineRequest timeline_request;
    timeline_request.query = request.query;
    timeline_request.filters = request.filters;
    timeline_request.births = false;
    timeline_request.version_ids = true;
    timeline_request.time_budget = request.time_budget;
    timeline_request.limit = 0;  // every article: the feed is bounded by its window

    std::vector<ChangeEvent> out;
    for (ArticleTimeline& article : build_timeline(db, timeline_request).articles) {
        for (TimelineEvent& event : article.events) {
            if (request.only && event.type != *request.only) continue;
            out.push_back({article.article_id, article.digest, article.source, article.url,
                           article.title, std::move(event)});
        }
    }
    std::sort(out.begin(), out.end(), [](const ChangeEvent& a, const ChangeEvent& b) {
        if (a.event.captured_at != b.event.captured_at) {
            return a.event.captured_at > b.event.captured_at;
        }
        return std::tie(a.article_id, a.article_key, b.event.revision) <
               std::tie(b.article_id, b.article_key, a.event.revision);
    });
    return out;
}

}  // namespace newsindex::query
