// Counts over a query's matches: how many matching articles and versions
// each source, language or period (day, month, year of capture) holds.
// `newsquery search --facet`. Every match is counted, by a Xapian match spy
// that reads each matching version's capture time and article (value slots)
// and, for source and language, its filter term: the counts are exact.
#pragma once

#include "query/database.h"
#include "query/engine/search.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsindex::query {

enum class FacetKind { Source, Language, Day, Month, Year };

// "source", "lang", "day", "month", "year"; and back (nullopt for others).
std::string_view facet_name(FacetKind kind);
std::optional<FacetKind> facet_kind(std::string_view name);
// Whether the values are periods of time (day, month, year).
bool is_period(FacetKind kind);

struct FacetValue {
    std::string value;  // "nytimes", "de", "2026-01-02", "2026-01", "2026"
    std::uint64_t articles = 0;  // distinct articles with a matching version here
    std::uint64_t versions = 0;  // matching versions here
};

struct Facet {
    FacetKind kind = FacetKind::Source;
    // Periods in time order; sources and languages by versions, most
    // first, then by value.
    std::vector<FacetValue> values;
};

struct FacetResult {
    std::uint64_t articles = 0;  // all matching articles
    std::uint64_t versions = 0;  // all matching versions
    std::vector<Facet> facets;   // in the order asked
};

// The facets `kinds` of every version matching `request` (its text and
// filters; rows, order and limit are not used). Throws QueryError as
// search does.
FacetResult count_facets(NewsDatabase& db, const SearchRequest& request, const std::vector<FacetKind>& kinds);

// The value of `kind` for a capture time (periods only): "2026-01-02",
// "2026-01", "2026" (UTC).
std::string period_of(FacetKind kind, schema::CaptureTime time);

}  // namespace newsindex::query
