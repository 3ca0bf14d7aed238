#include "indexer/ingest_summary.h"

#include "indexer/exit_codes.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace newsindex::indexer {

std::uint64_t IngestSummary::skipped_total() const {
    std::uint64_t total = 0;
    for (const auto& [reason, count] : skipped) total += count;
    return total;
}

std::string IngestSummary::line() const {
    std::string skips;
    if (std::uint64_t total = skipped_total(); total > 0) {
        std::vector<std::pair<std::string, std::uint64_t>> reasons(skipped.begin(), skipped.end());
        std::stable_sort(reasons.begin(), reasons.end(),
                         [](const auto& a, const auto& b) { return a.second > b.second; });
        std::vector<std::string> parts;
        for (const auto& [reason, count] : reasons) parts.push_back(fmt::format("{} {}", reason, count));
        skips = fmt::format(", {} skipped ({})", total, fmt::join(parts, ", "));
    }
    return fmt::format(
        "newsindex: {} files, {} records: {} versions added, {} unchanged, {} duplicates, "
        "{} rejected{} in {:.2f} s",
        files, records, added, unchanged, duplicates, rejected, skips, elapsed_seconds);
}

std::string IngestSummary::json() const {
    nlohmann::ordered_json summary;
    summary["files"] = files;
    summary["records"] = records;
    summary["added"] = added;
    summary["unchanged"] = unchanged;
    summary["duplicates"] = duplicates;
    summary["rejected"] = rejected;
    summary["skipped"] = nlohmann::ordered_json::object();
    for (const auto& [reason, count] : skipped) summary["skipped"][reason] = count;
    // Centiseconds, as in line(): no spurious 17-digit fractions.
    summary["elapsed_seconds"] = std::round(elapsed_seconds * 100) / 100;
    summary["database"] = database;
    return summary.dump();
}

int IngestSummary::exit_code() const {
    if (missing_inputs > 0) return exit_code::kNoInput;
    if (rejected > 0) return exit_code::kDataError;
    return exit_code::kOk;
}

}  // namespace newsindex::indexer
