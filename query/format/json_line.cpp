#include "query/format/json_line.h"

#include <fmt/format.h>

namespace newsindex::query {

namespace {

// `dumped`, a JSON text nlohmann wrote, with its DEL and C1 controls escaped
// and a newline at its end.
std::string line_of(const std::string& dumped) {
    // nlohmann escapes C0 controls (ESC as \u001b) but writes DEL and the C1
    // controls raw. The dump is valid UTF-8 whose only such bytes are inside
    // strings, so they are escaped here.
    std::string line;
    line.reserve(dumped.size() + 1);
    for (std::size_t i = 0; i < dumped.size(); ++i) {
        const auto byte = static_cast<unsigned char>(dumped[i]);
        const auto next =
            i + 1 < dumped.size() ? static_cast<unsigned char>(dumped[i + 1]) : 0u;
        if (byte == 0x7F) {
            line += "\\u007f";
        } else if (byte == 0xC2 && next >= 0x80 && next <= 0x9F) {
            line += fmt::format("\\u{:04x}", next);
            ++i;
        } else {
            line += dumped[i];
        }
    }
    line += '\n';
    return line;
}

}  // namespace

std::string json_line(const nlohmann::json& object) {
    return line_of(object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::string ordered_json_line(const nlohmann::ordered_json& object) {
    return line_of(object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace newsindex::query
