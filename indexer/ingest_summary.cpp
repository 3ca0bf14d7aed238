#include "indexer/ingest_summary.h"

#include "indexer/exit_codes.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>

namespace newsindex::indexer {

std::string IngestSummary::line() const {
    return fmt::format(
        "newsindex: {} files, {} records: {} versions added, {} unchanged, {} duplicates, "
        "{} rejected in {:.2f} s",
        files, records, added, unchanged, duplicates, rejected, elapsed_seconds);
}

std::string IngestSummary::json() const {
    nlohmann::ordered_json summary;
    summary["files"] = files;
    summary["records"] = records;
    summary["added"] = added;
    summary["unchanged"] = unchanged;
    summary["duplicates"] = duplicates;
    summary["rejected"] = rejected;
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
