// Printing facet counts (`newsquery search --facet`). Machine formats are
// stable:
// JSON Lines, one object per facet value: facet ("source", "lang", "day",
//   "month", "year"), value, articles, versions.
// CSV: a header row with the same fields, one row per facet value.
// Table: the first line as search's ("353 articles, 439 versions match"),
//   then per facet a heading ("by month"), for a period facet a one-line
//   chart of the matching versions per period from the first to the last
//   (Unicode blocks, an empty period a space; at most kChartPeriods
//   periods, else a note to ask for a longer period), then one line per
//   value: the value, a bar, its articles and versions.
#pragma once

#include "query/engine/facets.h"
#include "query/format/output.h"

#include <cstdio>
#include <string>

namespace newsindex::query {

inline constexpr std::size_t kChartPeriods = 200;

// The chart line of a period facet's values (in time order): one block a
// period from the first value's to the last's, its height the versions of
// that period against the most in any; a period without matches a space.
std::string period_chart(const Facet& facet);

void write_facets(std::FILE* out, const FacetResult& result, OutputFormat format, const Style& style);

}  // namespace newsindex::query
