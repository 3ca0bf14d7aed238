// One text snapshot -> VersionRecord or BadRecord. The first line of the
// input is the file's path below the snapshot root (so the header parser and
// the file-name and directory rules are fuzzed together), the rest is the
// file's text. Like the reader, only valid UTF-8 text reaches the parser.
#include "indexer/input_file.h"
#include "indexer/record_fields.h"
#include "indexer/snapshot_reader.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace indexer = newsindex::indexer;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    std::size_t newline = input.find('\n');
    if (newline == std::string_view::npos) return 0;
    std::string_view name = input.substr(0, newline);
    std::string_view text = input.substr(newline + 1);
    // A path component longer than NAME_MAX cannot exist on disk.
    if (name.size() > 255 || name.find('\0') != std::string_view::npos) return 0;
    if (!indexer::is_utf8_text(text)) return 0;

    indexer::SnapshotPlace place;
    place.root = "/snapshots";
    place.file = place.root / std::string(name);
    place.modified = 1700000000;
    try {
        newsindex::schema::VersionRecord record = indexer::record_from_snapshot(text, place);
        if (record.article.source.empty() || record.article.identity.empty()) std::abort();
    } catch (const indexer::BadRecord&) {
    }
    return 0;
}
