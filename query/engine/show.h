// One version of an article, whole: what a reader saw at that revision.
//
// Formats: table — a header (source, URL, revision r/n, captured, last seen,
// title), then the summary and the text; JSON — one object with
// article_id, article_key, source, url, revision, revisions, captured_at,
// last_seen, title, summary, text, and author, language, section, published
// where known.
#pragma once

#include "query/database.h"
#include "query/format/output.h"
#include "schema/version_record.h"

#include <cstdio>
#include <optional>
#include <string>

namespace newsindex::query {

struct ShownVersion {
    schema::VersionRecord version;
    std::uint32_t revisions = 0;  // how many the article had (as of)
};

// The version of article `name` (see resolve_article) with revision
// `revision`, else the latest captured at or before `as_of`, else the
// latest. Throws QueryError as resolve_versions / find_revision do.
ShownVersion show_version(NewsDatabase& db, const std::string& name,
                          std::optional<std::uint32_t> revision,
                          std::optional<schema::CaptureTime> as_of);

void write_shown_version(std::FILE* out, const ShownVersion& shown, OutputFormat format,
                         const Style& style);

}  // namespace newsindex::query
