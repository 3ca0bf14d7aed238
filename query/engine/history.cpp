#include "query/engine/history.h"

#include "query/engine/article_versions.h"

#include <algorithm>

namespace newsindex::query {

std::vector<RevisionSummary> summarise_revisions(const std::vector<schema::VersionRecord>& versions,
                                                 std::optional<schema::CaptureTime> as_of) {
    std::vector<RevisionSummary> out;
    // Each version is split into sentences once, as the new text of one diff
    // and the old text of the next.
    VersionText previous = version_text(schema::VersionRecord{});
    for (const schema::VersionRecord& version : versions) {
        VersionText text = version_text(version);
        RevisionSummary summary;
        summary.revision = version.revision;
        summary.captured_at = version.captured_at;
        summary.last_seen = as_of ? std::min(version.last_seen, *as_of) : version.last_seen;
        summary.title = version.title;
        summary.length = version_length(version);
        summary.change = change_size(diff_versions(previous, text));
        previous = std::move(text);
        out.push_back(std::move(summary));
    }
    return out;
}

ArticleHistory article_history(NewsDatabase& db, const std::string& name,
                               std::optional<schema::CaptureTime> as_of) {
    std::vector<schema::VersionRecord> versions = db.with_retry([&](const Xapian::Database& x) {
        std::vector<schema::VersionRecord> loaded;
        for (const VersionRef& ref : resolve_versions(x, name, as_of)) {
            loaded.push_back(load_version(x, ref.docid));
        }
        return loaded;
    });
    ArticleHistory history;
    history.revisions = summarise_revisions(versions, as_of);
    history.latest = std::move(versions.back());
    return history;
}

}  // namespace newsindex::query
