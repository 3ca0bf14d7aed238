// The one place that turns a user's query text and filters into a
// Xapian::Query. search, timeline and changes all match through here, so
// they always agree on what matches.
#pragma once

#include "query/database.h"
#include "schema/version_record.h"

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

namespace newsindex::query {

struct Filters {
    std::vector<std::string> sources;              // any of these (OR)
    std::optional<schema::CaptureTime> since;      // captured_at >= since
    std::optional<schema::CaptureTime> until;      // captured_at <= until
    std::optional<schema::CaptureTime> as_of;      // version current at as_of
    bool first_only = false;                       // revision 1 only
    bool latest_only = false;                      // each article's latest only
    bool stem = true;                              // false: --no-stem
    std::string language;                          // "" = database's language
};

struct MatchQuery {
    Xapian::Query query;      // text AND filters: what to run
    Xapian::Query text;       // the text part alone (for snippets and sentences)
    Xapian::Stem stemmer;     // the stemmer the text part was parsed with
};

// Parses `text` with Xapian::QueryParser (phrases, AND/OR/NOT, +/-, NEAR,
// wildcards, brackets; prefixes title:, source:, url:, site:, author:,
// lang:; date:A..B ranges on capture time) and adds `filters`.
// Throws QueryError(kExitBadQuery) naming the problem when it does not parse.
MatchQuery build_match_query(const NewsDatabase& db, const std::string& text,
                             const Filters& filters);

}  // namespace newsindex::query
