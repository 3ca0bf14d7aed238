#include "query/timeline_events.h"

namespace newsindex::query {

std::string_view event_type_name(EventType type) {
    return type == EventType::Appeared ? "appeared" : "vanished";
}

ArticleEvents derive_events(const std::vector<RevisionMatch>& versions) {
    ArticleEvents out;
    for (std::size_t i = 0; i < versions.size(); ++i) {
        const RevisionMatch& now = versions[i];
        bool before = i > 0 && versions[i - 1].matches;
        if (now.matches && !before) {
            out.events.push_back({EventType::Appeared,
                                  now.revision,
                                  now.captured_at,
                                  i == 0,
                                  now.docid,
                                  now.docid,
                                  {},
                                  {}});
        } else if (!now.matches && before) {
            out.events.push_back({EventType::Vanished,
                                  now.revision,
                                  now.captured_at,
                                  false,
                                  now.docid,
                                  versions[i - 1].docid,
                                  {},
                                  {}});
        }
    }
    out.present_in_latest = !versions.empty() && versions.back().matches;
    return out;
}

}  // namespace newsindex::query
