#include "indexer/ingest.h"

#include "indexer/capture_log.h"
#include "indexer/capture_reader.h"
#include "indexer/exit_codes.h"
#include "indexer/progress.h"
#include "indexer/version_plan.h"
#include "storage/interruption.h"
#include "storage/write_failure.h"

#include <fmt/format.h>

#include <unistd.h>

#include <chrono>
#include <utility>
#include <filesystem>

namespace newsindex::indexer {

using storage::database_failure;
using storage::write_failure;

namespace {

// Thrown from the rejection callback to stop reading in a strict run.
struct StrictStop {};

std::uint64_t count_missing_inputs(const std::vector<std::string>& inputs) {
    std::uint64_t missing = 0;
    for (const std::string& input : inputs) {
        if (input != "-" && access(input.c_str(), R_OK) != 0) ++missing;
    }
    return missing;
}

// The spool of the run's captures, in the staging directory.
CaptureLog open_log(const IndexWriter& writer) {
    std::error_code ec;
    std::filesystem::create_directories(writer.directory().staging(), ec);
    if (ec) {
        throw write_failure(writer.database_path(),
                            fmt::format("cannot create {} ({})",
                                        writer.directory().staging().string(), ec.message()));
    }
    return CaptureLog(writer.directory().staging() / "captures.spool", writer.database_path());
}

}  // namespace

IngestSummary ingest(const IngestOptions& options) {
    auto start = std::chrono::steady_clock::now();
    IngestSummary summary;
    summary.database = options.writer.database;
    summary.missing_inputs = count_missing_inputs(options.inputs);

    IndexWriter writer(options.writer);
    CaptureLog log = open_log(writer);
    Progress progress(options.show_progress, options.inputs);
    auto on_capture = [&](Capture&& capture) {
        storage::interruption_point("read");
        progress.record(capture.where.file, log.size() + summary.rejected + 1, 0);
        log.append(capture.record);
    };
    auto on_rejection = [&](Rejection&& rejection) {
        ++summary.rejected;
        progress.print_line(rejection.message());
        if (options.writer.strict) throw StrictStop{};
    };
    auto on_skip = [&](Skip&& skip) {
        if (skip.reported) progress.print_line(skip.message());
    };

    std::vector<InputCursor> cursors;  // kept with the run's last commit
    try {
        ReadOptions read_options;
        read_options.parse_threads = options.writer.threads;
        read_options.format = options.format;
        read_options.cursors = &writer.cursors();
        read_options.excluded = {options.writer.database};
        ReadCounts counts =
            read_captures(options.inputs, read_options, on_capture, on_rejection, on_skip);
        summary.files = counts.files;
        summary.records = counts.records;
        summary.skipped = std::move(counts.skipped);
        cursors = std::move(counts.cursors);
        storage::interruption_point("read");
    } catch (const storage::Interrupted& stop) {
        throw storage::interrupted_run(stop, "nothing was written (stopped while reading the input)");
    } catch (const StrictStop&) {
        throw IndexError("--strict: stopped at the first rejected input; nothing of this run "
                         "was written to the database",
                         summary.missing_inputs > 0 ? exit_code::kNoInput
                                                    : exit_code::kDataError);
    }
    log.finish_appending();

    // A bulk load (which carries out the whole run's plan) when the run adds
    // at least the threshold; else batches written in place (each planned
    // as it is written). The whole run is planned only when its captures,
    // each at most one new version, could reach the threshold.
    MergeCounts counts;
    bool bulk = false;
    std::size_t batches = 0, committed_batches = 0, committed_captures = 0;
    try {
        VersionPlan plan;
        const std::uint64_t threshold = bulk_threshold(
            options.bulk, writer.packed_documents(), writer.unpacked_documents());
        if (log.size() >= threshold) {
            plan = plan_versions(writer.database(), log.keys());
            bulk = plan.counts.added >= threshold;
        }
        if (bulk) {
            writer.stage_cursors(std::exchange(cursors, {}));
            bulk_load(writer, plan, log);
            counts = plan.counts;
        } else {
            auto record = [&](std::size_t i) { return log.record(i); };
            std::size_t batch = std::max<std::size_t>(1, options.batch_size);
            batches = (log.size() + batch - 1) / batch;
            for (std::size_t first = 0; first < log.size(); first += batch) {
                storage::interruption_point("batch");
                std::size_t end = std::min(log.size(), first + batch);
                if (end == log.size()) writer.stage_cursors(std::exchange(cursors, {}));
                counts += writer.write_batch(log.keys(), first, end, record);
                ++committed_batches;
                committed_captures = end;
            }
        }
    } catch (const Xapian::Error& error) {
        throw database_failure(error, options.writer.database);
    } catch (const storage::Interrupted& stop) {
        // Unwinding removes the work files (~IndexWriter).
        if (bulk) {
            throw storage::interrupted_run(stop, "nothing was written (the bulk load was abandoned; the "
                                        "database is as before the run)");
        }
        if (options.writer.strict) {
            throw storage::interrupted_run(stop, "nothing was written (--strict keeps a run only whole)");
        }
        throw storage::interrupted_run(stop, fmt::format("{} of {} batches committed ({} captures); the "
                                                "rest was not written",
                                                committed_batches, batches, committed_captures));
    }
    // A run that wrote no batch still keeps its cursors (finish() commits
    // them): its records were all duplicates, rejected or skipped.
    if (!cursors.empty()) writer.stage_cursors(std::exchange(cursors, {}));
    writer.finish();
    progress.finish();

    summary.added = counts.added;
    summary.unchanged = counts.unchanged;
    summary.duplicates = counts.duplicates;
    if (counts.unmatched > 0) summary.skipped[std::string(kSeenAgainUnmatched)] += counts.unmatched;
    summary.elapsed_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return summary;
}

}  // namespace newsindex::indexer
