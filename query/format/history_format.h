// Printing an article's history. Machine formats are stable:
// JSON Lines, one object per revision: article_id, article_key, revision,
//   captured_at, last_seen (ISO 8601 UTC), title, length, added, removed
//   (characters, see text_diff.h).
// CSV: a header row with the same fields, one row per revision.
// Table: a heading (title, source, URL, revisions), then one line per
// revision.
#pragma once

#include "query/engine/history.h"
#include "query/format/output.h"

#include <cstdio>

namespace newsindex::query {

void write_history(std::FILE* out, const ArticleHistory& history, OutputFormat format,
                   const Style& style);

}  // namespace newsindex::query
