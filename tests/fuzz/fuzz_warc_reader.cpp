// A whole WARC file -> captures, rejections and skips, through
// open_warc_archive drained batch by batch with parse_batch: gzip members,
// record framing, HTTP decoding (chunked, gzip, deflate), charsets and
// article extraction. Every problem must come back as a Rejection with a
// reason, never as an exception or a crash; the reader always ends.
#include "indexer/archive_reader.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <variant>

namespace indexer = newsindex::indexer;

namespace {

int input_fd = -1;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    input_fd = memfd_create("fuzz-warc", MFD_CLOEXEC);
    return input_fd < 0 ? 1 : 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (ftruncate(input_fd, 0) != 0 || pwrite(input_fd, data, size, 0) != static_cast<ssize_t>(size))
        std::abort();
    std::string path = "/proc/self/fd/" + std::to_string(input_fd);

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
