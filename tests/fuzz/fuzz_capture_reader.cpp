// A whole input file -> captures and rejections, through read_captures: gzip
// detection, line splitting, byte order marks, records over the size limit
// (set low here so the fuzzer reaches that path), JSON Lines versus snapshot.
// Every problem must come back as a Rejection, never as an exception.
#include "indexer/capture_reader.h"
#include "tests/fuzz/fuzz_input_file.h"

#include <cstdint>
#include <cstdlib>
#include <string>

namespace indexer = newsindex::indexer;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // Through /proc so each run opens the file afresh at offset 0; the
    // directory /proc/self/fd is the snapshot root.
    std::string path = newsindex::fuzz::input_file(data, size);

    indexer::ReadOptions options;
    options.max_record_bytes = 4096;
    std::uint64_t captures = 0;
    auto on_capture = [&](indexer::Capture&& capture) {
        if (capture.record.article.identity.empty()) std::abort();
        ++captures;
    };
    auto on_rejection = [&](indexer::Rejection&& rejection) {
        if (rejection.reason.empty()) std::abort();
    };
    indexer::ReadCounts counts = indexer::read_captures({path}, options, on_capture, on_rejection);
    if (captures > counts.records || counts.files != 1) std::abort();
    return 0;
}
