// Printing search results: a table for people, JSON Lines and CSV for
// programs. The machine formats are stable; their fields are:
//   article_id, article_key, source, url, title, revision, revisions,
//   captured_at (ISO 8601 UTC), matching_revisions, snippet
// JSON: one object per row, matching_revisions a list of numbers.
// CSV: a header row, then one row per result; matching_revisions is the
// numbers separated by spaces ("1 2").
#pragma once

#include "query/engine/search.h"
#include "query/format/output.h"

#include <cstdio>
#include <string>

namespace newsindex::query {

// What a table's snippet is asked to mark its matches with (SearchRequest's
// highlight_start and highlight_end): two private-use characters, which the
// table turns into the highlight colour after making the text safe for a
// terminal (terminal_text).
inline constexpr std::string_view kMatchStart = "\uE000";
inline constexpr std::string_view kMatchEnd = "\uE001";

// The table's first line (without newline): how many articles and versions
// match ("353 articles, 439 versions match"; with all_versions only the
// versions), "at least N" where the count is a lower bound, and which rows
// are shown.
std::string search_summary_line(const SearchResult& result, const SearchRequest& request);
// One result as a table entry: a heading line (source, revision/of,
// capture time, title), the URL, the snippet (its kMatchStart/kMatchEnd
// marks highlighted), and which revisions match. Stored text is passed
// through terminal_text.
std::string search_table_entry(const SearchRow& row, const Style& style);
std::string search_json_line(const SearchRow& row);
std::string search_csv_header();
std::string search_csv_line(const SearchRow& row);

// Writes the whole result in `format` (Table, Json or Csv) to `out`.
void write_search_result(std::FILE* out, const SearchResult& result,
                         const SearchRequest& request, OutputFormat format,
                         const Style& style);

}  // namespace newsindex::query
