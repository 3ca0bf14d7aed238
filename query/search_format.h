// Printing search results: a table for people, JSON Lines and CSV for
// programs. The machine formats are stable; their fields are:
//   article_id, article_key, source, url, title, revision, revisions,
//   captured_at (ISO 8601 UTC), matching_revisions, snippet
// JSON: one object per row, matching_revisions a list of numbers.
// CSV: a header row, then one row per result; matching_revisions is the
// numbers separated by spaces ("1 2").
#pragma once

#include "query/command_options.h"
#include "query/output.h"
#include "query/search.h"

#include <cstdio>
#include <string>

namespace newsindex::query {

// The table's first line (without newline): how many articles (or
// versions) match, and which are shown.
std::string search_summary_line(const SearchResult& result, const SearchRequest& request);
// One result as a table entry: a heading line (source, revision/of,
// capture time, title), the URL, the snippet, and which revisions match.
std::string search_table_entry(const SearchRow& row, const Style& style);
std::string search_json_line(const SearchRow& row);
std::string search_csv_header();
std::string search_csv_line(const SearchRow& row);

// Writes the whole result in `format` (Table, Json or Csv) to `out`.
void write_search_result(std::FILE* out, const SearchResult& result,
                         const SearchRequest& request, OutputFormat format,
                         const Style& style);

}  // namespace newsindex::query
