// One JSON Lines record -> VersionRecord or BadRecord. Nothing else may
// escape, and an accepted record must satisfy complete_record's promises.
#include "indexer/record_fields.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace indexer = newsindex::indexer;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view line(reinterpret_cast<const char*>(data), size);
    try {
        newsindex::schema::VersionRecord record = indexer::record_from_json(line);
        if (record.article.source.empty() || record.article.identity.empty()) std::abort();
        if (record.content_hash !=
            newsindex::schema::content_hash(record.title, record.summary, record.text))
            std::abort();
    } catch (const indexer::BadRecord&) {
        // A rejection: what bad input is supposed to produce.
    }
    return 0;
}
