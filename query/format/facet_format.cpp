#include "query/format/facet_format.h"

#include "query/format/json_line.h"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <map>

namespace newsindex::query {

namespace {

// The period after `period` ("2026-01-31" -> "2026-02-01", "2026-12" ->
// "2027-01", "2026" -> "2027").
std::string next_period(FacetKind kind, const std::string& period) {
    int year = 0, month = 1, day = 1;
    std::sscanf(period.c_str(), "%d-%d-%d", &year, &month, &day);
    std::tm utc{};
    utc.tm_year = year - 1900 + (kind == FacetKind::Year ? 1 : 0);
    utc.tm_mon = month - 1 + (kind == FacetKind::Month ? 1 : 0);
    utc.tm_mday = day + (kind == FacetKind::Day ? 1 : 0);
    utc.tm_hour = 12;  // timegm normalises the overflowing field
    return period_of(kind, static_cast<schema::CaptureTime>(timegm(&utc)));
}

constexpr std::string_view kBlocks[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};

// "█████▌" for `n` of `most`, `width` cells at the most.
std::string bar(std::uint64_t n, std::uint64_t most, std::size_t width) {
    if (most == 0 || n == 0) return {};
    std::uint64_t eighths = (n * width * 8 + most - 1) / most;  // at least one eighth for any n
    std::string out;
    for (std::uint64_t i = 0; i < eighths / 8; ++i) out += "█";
    static constexpr std::string_view kEighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
    out += kEighths[eighths % 8];
    return out;
}

std::string facet_table(const Facet& facet, const Style& style) {
    std::string out = fmt::format("\n{}by {}{}\n", style.bold(), facet_name(facet.kind), style.reset());
    if (is_period(facet.kind) && !facet.values.empty()) out += "  " + period_chart(facet) + "\n";
    std::uint64_t most = 0;
    std::size_t width = 0;
    for (const FacetValue& v : facet.values) {
        most = std::max(most, v.versions);
        width = std::max(width, v.value.size());
    }
    for (const FacetValue& v : facet.values) {
        out += fmt::format("  {:<{}}  {:>7} article{} {:>7} version{}  {}{}{}\n", terminal_text(v.value), width,
                           v.articles, v.articles == 1 ? " " : "s", v.versions, v.versions == 1 ? " " : "s",
                           style.dim(), bar(v.versions, most, 30), style.reset());
    }
    return out;
}

}  // namespace

std::string period_chart(const Facet& facet) {
    if (facet.values.empty()) return {};
    std::map<std::string, std::uint64_t> versions;
    std::uint64_t most = 0;
    for (const FacetValue& v : facet.values) {
        versions[v.value] = v.versions;
        most = std::max(most, v.versions);
    }
    const std::string first = versions.begin()->first, last = versions.rbegin()->first;
    std::string chart;
    std::size_t periods = 0;
    for (std::string period = first;; period = next_period(facet.kind, period)) {
        if (++periods > kChartPeriods) {
            return fmt::format("({} to {}: over {} {}s; --facet {} for a chart)", first, last, kChartPeriods,
                               facet_name(facet.kind), facet.kind == FacetKind::Day ? "month" : "year");
        }
        auto it = versions.find(period);
        chart += it == versions.end() || it->second == 0
                     ? std::string(" ")
                     : std::string(kBlocks[std::min<std::uint64_t>(7, (it->second * 8 - 1) / most)]);
        if (period >= last) break;
    }
    return fmt::format("{} {} {}", first, chart, last);
}

void write_facets(std::FILE* out, const FacetResult& result, OutputFormat format, const Style& style) {
    switch (format) {
        case OutputFormat::Json:
            for (const Facet& facet : result.facets) {
                for (const FacetValue& v : facet.values) {
                    fmt::print(out, "{}",
                               json_line({{"facet", std::string(facet_name(facet.kind))},
                                          {"value", v.value},
                                          {"articles", v.articles},
                                          {"versions", v.versions}}));
                }
            }
            return;
        case OutputFormat::Csv:
            fmt::print(out, "{}", csv_row({"facet", "value", "articles", "versions"}));
            for (const Facet& facet : result.facets) {
                for (const FacetValue& v : facet.values) {
                    fmt::print(out, "{}",
                               csv_row({std::string(facet_name(facet.kind)), v.value, std::to_string(v.articles),
                                        std::to_string(v.versions)}));
                }
            }
            return;
        case OutputFormat::Table:
        case OutputFormat::Atom:
            fmt::print(out, "{}{} article{}, {} version{} match{}\n", style.dim(), result.articles,
                       result.articles == 1 ? "" : "s", result.versions, result.versions == 1 ? "" : "s",
                       style.reset());
            for (const Facet& facet : result.facets) fmt::print(out, "{}", facet_table(facet, style));
            return;
    }
}

}  // namespace newsindex::query
