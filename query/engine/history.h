// The history of one article: every revision, when it was captured and last
// seen, how long it was and how much each revision changed.
#pragma once

#include "query/database.h"
#include "query/text/text_diff.h"
#include "schema/version_record.h"

#include <optional>
#include <string>
#include <vector>

namespace newsindex::query {

struct RevisionSummary {
    std::uint32_t revision = 0;
    schema::CaptureTime captured_at = 0;
    // The last capture that saw this text; with as_of, at most as_of (what
    // was known then).
    schema::CaptureTime last_seen = 0;
    std::string title;
    std::size_t length = 0;  // characters of title + summary + text
    ChangeSize change;       // against the previous revision (all added for the first)
};

struct ArticleHistory {
    schema::VersionRecord latest;            // identity, URL, title of the latest revision
    std::vector<RevisionSummary> revisions;  // revision order
};

// Summaries of every revision of the article `name` (see resolve_article)
// captured at or before `as_of` (all when nullopt); the diff is
// diff_versions (text_diff.h). Throws QueryError as resolve_versions does.
ArticleHistory article_history(NewsDatabase& db, const std::string& name,
                               std::optional<schema::CaptureTime> as_of);

// From stored versions in revision order (the database-free part).
std::vector<RevisionSummary> summarise_revisions(const std::vector<schema::VersionRecord>& versions,
                                                 std::optional<schema::CaptureTime> as_of);

}  // namespace newsindex::query
