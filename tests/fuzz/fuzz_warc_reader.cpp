// A whole WARC file -> captures, rejections and skips, through
// open_warc_archive drained batch by batch with parse_batch: gzip members,
// record framing, HTTP decoding (chunked, gzip, deflate), charsets and
// article extraction. Every problem must come back as a Rejection with a
// reason, never as an exception or a crash; the reader always ends.
#include "indexer/archive_reader.h"
#include "tests/fuzz/fuzz_input_file.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <variant>

namespace indexer = newsindex::indexer;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string path = newsindex::fuzz::input_file(data, size);

    indexer::ReadOptions options;
    options.max_record_bytes = 1u << 16;  // reached by the fuzzer's inputs
    indexer::ArchiveInput input{path, path, std::nullopt, &options};
    std::unique_ptr<indexer::ArchiveReader> reader = indexer::open_warc_archive(input);
    std::uint64_t results = 0;
    while (std::optional<indexer::CaptureBatch> batch = reader->next()) {
        indexer::parse_batch(*batch);
        for (const auto& result : batch->results) {
            ++results;
            if (const auto* capture = std::get_if<indexer::Capture>(&result)) {
                if (capture->record.article.identity.empty() || capture->record.article.source.empty()) std::abort();
            } else if (const auto* rejection = std::get_if<indexer::Rejection>(&result)) {
                if (rejection->reason.empty()) std::abort();
            } else if (std::get<indexer::Skip>(result).reason.empty()) {
                std::abort();
            }
        }
    }
    if (results != reader->records() || !reader->cursor()) std::abort();
    return 0;
}
