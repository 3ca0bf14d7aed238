#include "indexer/capture_reader.h"

#include "indexer/capture_pipeline.h"
#include "indexer/capture_walk.h"

#include <fmt/format.h>

#include <algorithm>
#include <thread>

namespace newsindex::indexer {

std::string InputLocation::to_string() const {
    return line == 0 ? file : fmt::format("{}:{}", file, line);
}

std::string Rejection::message() const { return fmt::format("newsindex: {}: {}", where.to_string(), reason); }

ReadCounts read_captures(const std::vector<std::string>& paths, const ReadOptions& options,
                         const std::function<void(Capture&&)>& on_capture,
                         const std::function<void(Rejection&&)>& on_rejection) {
    unsigned threads = options.parse_threads != 0 ? options.parse_threads
                                                  : std::max(1u, std::thread::hardware_concurrency());
    CapturePipeline pipeline(threads);
    CaptureWalk walk(options, pipeline);
    std::thread reader([&] {
        try {
            for (const std::string& path : paths) walk.read_path(path);
            pipeline.finish();
        } catch (const ReadingStopped&) {
            // The consumer stopped; it is not waiting for anything more.
        } catch (...) {
            pipeline.fail(std::current_exception());
        }
    });
    try {
        pipeline.deliver(on_capture, on_rejection);
    } catch (...) {
        pipeline.stop();
        reader.join();
        throw;
    }
    reader.join();
    return walk.counts();
}

}  // namespace newsindex::indexer
