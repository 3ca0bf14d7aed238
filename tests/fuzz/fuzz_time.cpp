// Time parsing: never crashes, and every time it accepts prints as ISO 8601
// and parses back to the same second.
#include "schema/time.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace schema = newsindex::schema;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    std::optional<newsindex::schema::CaptureTime> when = schema::parse_time(text);
    bool date_only = schema::is_date_only(text);
    if (date_only && !when) std::abort();
    if (!when) return 0;
    std::string printed = schema::format_iso8601(*when);
    std::optional<newsindex::schema::CaptureTime> again = schema::parse_time(printed);
    if (!again || *again != *when) {
        std::fprintf(stderr, "%s does not parse back to %lld\n", printed.c_str(),
                     static_cast<long long>(*when));
        std::abort();
    }
    return 0;
}
