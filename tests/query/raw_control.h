// What the terminal-safety tests look for in output: a byte a terminal acts
// on.
#pragma once

#include <string>

namespace newsindex::testing {

// Whether `text` holds a C0 control but tab and newline, DEL, or a C1
// control (in UTF-8, 0xC2 0x80-0x9F).
inline bool has_raw_control(const std::string& text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) return true;
        if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
            return true;
        }
    }
    return false;
}

}  // namespace newsindex::testing
