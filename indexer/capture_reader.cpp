#include "indexer/capture_reader.h"

#include "indexer/capture_walk.h"
#include "indexer/parallel.h"

#include <fmt/format.h>

#include <utility>
#include <variant>

namespace newsindex::indexer {

namespace {
// Batches in flight per thread: enough to keep every thread busy while the
// consumer is slow for a moment, few enough to bound memory.
constexpr std::size_t kBatchesPerThread = 4;
}  // namespace

std::string InputLocation::to_string() const {
    return line == 0 ? file : fmt::format("{}:{}", file, line);
}

std::string Rejection::message() const { return fmt::format("newsindex: {}: {}", where.to_string(), reason); }

std::string Skip::message() const {
    return fmt::format("newsindex: {}: skipped: {}", where.to_string(), reason);
}

ReadCounts read_captures(const std::vector<std::string>& paths, const ReadOptions& options,
                         const std::function<void(Capture&&)>& on_capture,
                         const std::function<void(Rejection&&)>& on_rejection,
                         const std::function<void(Skip&&)>& on_skip) {
    const unsigned threads = thread_count(options.parse_threads);
    CaptureWalk walk(options, paths);
    std::map<std::string, std::uint64_t> skipped;
    std::uint64_t parsed_records = 0;  // counted by the batches (CaptureBatch::records)
    ordered_parallel(
        threads, kBatchesPerThread * threads, [&] { return walk.next(); },
        [](unsigned, CaptureBatch&& batch) {
            parse_batch(batch);
            return std::move(batch);
        },
        [&](CaptureBatch&& batch) {
            parsed_records += batch.records;
            for (auto& result : batch.results) {
                if (auto* capture = std::get_if<Capture>(&result)) {
                    on_capture(std::move(*capture));
                } else if (auto* rejection = std::get_if<Rejection>(&result)) {
                    on_rejection(std::move(*rejection));
                } else {
                    Skip& skip = std::get<Skip>(result);
                    ++skipped[skip.reason];
                    if (on_skip) on_skip(std::move(skip));
                }
            }
        });
    ReadCounts counts = walk.counts();
    counts.records += parsed_records;
    counts.skipped = std::move(skipped);
    return counts;
}

}  // namespace newsindex::indexer
