// Printing the change stream. Machine formats are stable:
// JSON Lines, one object per change: type ("appeared"/"vanished"),
//   captured_at (ISO 8601 UTC), revision, article_id, article_key, source,
//   url, title, sentence, version_id.
// CSV: a header row with the same fields, one row per change.
// Table: a first line counting the changes ("3 changes", also "0 changes";
// "100 of 340 changes, the newest (--limit)" when `total` is more),
// then one entry per change: title, source and URL, then the event line.
// Atom: see atom_feed.h.
#pragma once

#include "query/engine/changes.h"
#include "query/format/atom_feed.h"
#include "query/format/output.h"

#include <cstdio>
#include <vector>

namespace newsindex::query {

void write_changes(std::FILE* out, const std::vector<ChangeEvent>& changes, std::size_t total,
                   const FeedDescription& feed, OutputFormat format, const Style& style);

}  // namespace newsindex::query
