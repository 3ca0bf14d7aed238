#include "query/engine/article_diff.h"

#include "query/engine/article_versions.h"

#include <fmt/format.h>

namespace newsindex::query {

ArticleDiff diff_article(NewsDatabase& db, const std::string& name, std::optional<std::uint32_t> a,
                         std::optional<std::uint32_t> b, std::optional<schema::CaptureTime> as_of) {
    ArticleDiff out = db.with_retry([&](const Xapian::Database& x) {
        std::vector<VersionRef> versions = resolve_versions(x, name, as_of);
        std::uint32_t latest = versions.back().revision;
        if (!a && versions.size() < 2) {
            throw QueryError(
                fmt::format("newsquery: {} has only one revision; nothing to compare", name),
                kExitNothingFound);
        }
        if (a && !b && *a <= versions.front().revision) {
            throw QueryError(fmt::format("newsquery: revision {} is the first; give a second "
                                         "revision to compare it with",
                                         *a),
                             kExitBadQuery);
        }
        std::uint32_t newer = b ? *b : a ? *a : latest;
        std::uint32_t older = b ? *a : newer - 1;
        ArticleDiff diff;
        diff.from = load_version(x, find_revision(versions, older).docid);
        diff.to = load_version(x, find_revision(versions, newer).docid);
        diff.revisions = static_cast<std::uint32_t>(versions.size());
        return diff;
    });
    out.diff = diff_versions(out.from, out.to);
    return out;
}

}  // namespace newsindex::query
