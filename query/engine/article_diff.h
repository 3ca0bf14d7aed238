// Comparing two revisions of one article, picked the way `newsquery diff`
// takes them.
#pragma once

#include "query/database.h"
#include "query/text/text_diff.h"
#include "schema/version_record.h"

#include <optional>
#include <string>

namespace newsindex::query {

struct ArticleDiff {
    schema::VersionRecord from;   // the older revision
    schema::VersionRecord to;     // the newer revision
    std::uint32_t revisions = 0;  // how many the article had (as of)
    VersionDiff diff;
};

// Which revisions to compare: none given — the last two; only `a` — the
// change made in revision a (a−1 against a); both — a against b.
// Among the versions captured at or before `as_of` (all when nullopt).
// Throws QueryError(kExitNothingFound) when the article has one revision
// only, QueryError(kExitBadQuery) for a revision it does not have, or when
// a is the first revision and no b is given.
ArticleDiff diff_article(NewsDatabase& db, const std::string& name, std::optional<std::uint32_t> a,
                         std::optional<std::uint32_t> b, std::optional<schema::CaptureTime> as_of);

}  // namespace newsindex::query
