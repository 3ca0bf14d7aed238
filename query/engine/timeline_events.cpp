#include "query/engine/timeline_events.h"

namespace newsindex::query {

std::string_view event_type_name(EventType type) {
    return type == EventType::Appeared ? "appeared" : "vanished";
}

namespace {

// Whether the revision after `version` had been captured by `as_of`.
bool superseded_by(const MatchedRevision& version, schema::CaptureTime as_of) {
    return version.superseded_at != kNever && version.superseded_at <= as_of;
}

}  // namespace

ArticleEvents derive_events(std::span<const MatchedRevision> matched,
                            schema::CaptureTime as_of) {
    ArticleEvents out;
    derive_events(matched, as_of, out);
    return out;
}

void derive_events(std::span<const MatchedRevision> matched, schema::CaptureTime as_of,
                   ArticleEvents& out) {
    out.events.clear();
    std::size_t existing = 0;  // the matches captured by as_of: a prefix
    while (existing < matched.size() && matched[existing].captured_at <= as_of) ++existing;
    for (std::size_t i = 0; i < existing; ++i) {
        const MatchedRevision& now = matched[i];
        bool before_matches = i > 0 && matched[i - 1].revision + 1 == now.revision;
        bool next_matches = i + 1 < existing && matched[i + 1].revision == now.revision + 1;
        if (!before_matches) {
            out.events.push_back({EventType::Appeared, now.revision, now.captured_at,
                                  now.revision == 1, now.docid, now.docid, {}, {}});
        }
        // The next revision exists by as_of and does not hold the match.
        if (!next_matches && superseded_by(now, as_of)) {
            out.events.push_back({EventType::Vanished, now.revision + 1, now.superseded_at, false,
                                  0, now.docid, {}, {}});
        }
    }
    out.present_in_latest = existing > 0 && !superseded_by(matched[existing - 1], as_of);
}

}  // namespace newsindex::query
