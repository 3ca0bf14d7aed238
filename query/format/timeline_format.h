// Printing timelines. Machine formats are stable:
// JSON Lines, one object per article:
//   article_id, article_key (digest), source, url, title (of the latest
//   version), revisions, present_in_latest, events: [{type ("appeared" or
//   "vanished"), revision, captured_at (ISO 8601 UTC), from_first_capture
//   (appeared only), sentence}]
// CSV, a header row then one row per event:
//   article_id, article_key, source, url, title, revisions,
//   present_in_latest, type, revision, captured_at, from_first_capture,
//   sentence   (booleans as true/false)
// Table: a summary line ("N articles; showing A-B"), then per article a
// heading (title, source, revisions, present or gone in the latest), its URL,
// then one line per event.
#pragma once

#include "query/engine/timeline.h"
#include "query/format/output.h"

#include <cstdio>
#include <string>
#include <vector>

namespace newsindex::query {

std::string timeline_table_entry(const ArticleTimeline& article, const Style& style);
std::string timeline_json_line(const ArticleTimeline& article);
std::string timeline_csv_header();
std::string timeline_csv_rows(const ArticleTimeline& article);

// One event line of a table: "+ appeared  r2  2016-02-02T16:00:00Z  (added
// later)  sentence", coloured green/red when `style` is on. Shared with the
// changes feed.
std::string event_table_line(const TimelineEvent& event, const Style& style);

// "3 articles", or "120 articles; showing 21-40" for a page of them.
std::string timeline_summary_line(const TimelinePage& page, std::size_t offset);

void write_timeline(std::FILE* out, const TimelinePage& page, std::size_t offset,
                    OutputFormat format, const Style& style);

}  // namespace newsindex::query
