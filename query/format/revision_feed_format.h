// Printing the revision feed (`newsquery changes` without a query). Machine
// formats are stable:
// JSON Lines, one object per new revision: captured_at, revision,
//   previous_captured_at (of revision − 1), article_id, article_key, source,
//   url, version_id, changed (the parts it changed: "title", "summary",
//   "text"), title (as diff's JSON: {op: "same", text} or {op: "edited",
//   old, new, words}), summary and text: {added, removed, edited,
//   unchanged, changes: [the changed sentences, as diff's JSON]}.
// CSV: a header row, then a row per revision: captured_at, revision,
//   article_id, article_key, source, url, version_id, changed ("title;text"),
//   old_title, new_title, then added/removed/edited sentences of the
//   summary and of the text.
// Table: a first line counting the changes ("3 changes", "0 changes"; with
//   the revisions the window holds when --what or --limit left some out),
//   then per revision the article's heading, a line with its time, its
//   revision and what it changed, the title's change, and at most
//   kTableSentences changed sentences of each part (diff shows them all).
// Atom: atom_feed.h.
#pragma once

#include "query/engine/revision_feed.h"
#include "query/format/atom_feed.h"
#include "query/format/output.h"

#include <cstdio>

namespace newsindex::query {

inline constexpr std::size_t kTableSentences = 5;

void write_revision_feed(std::FILE* out, const RevisionFeed& feed, const FeedDescription& description,
                         OutputFormat format, const Style& style);

}  // namespace newsindex::query
