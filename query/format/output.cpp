#include "query/format/output.h"

#include "schema/time.h"

#include <fmt/format.h>

#include <cstdlib>

#include <unistd.h>

namespace newsindex::query {

bool use_colour(std::FILE* stream, bool forced) {
    if (forced) return true;
    // https://no-color.org: any non-empty NO_COLOR turns colour off.
    if (const char* no_colour = std::getenv("NO_COLOR"); no_colour && *no_colour) return false;
    return isatty(fileno(stream)) != 0;
}

namespace {

// The length of the UTF-8 sequence at the start of `text`, and its code
// point; 0 when it is not well-formed UTF-8.
std::size_t utf8_sequence(std::string_view text, char32_t& code_point) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(0);
    std::size_t length = lead < 0x80 ? 1 : lead >= 0xC2 && lead <= 0xDF ? 2
                                     : lead >= 0xE0 && lead <= 0xEF   ? 3
                                     : lead >= 0xF0 && lead <= 0xF4   ? 4
                                                                      : 0;
    if (length == 0 || length > text.size()) return 0;
    code_point = length == 1 ? lead : lead & (0x7F >> length);
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(i) & 0xC0) != 0x80) return 0;
        code_point = (code_point << 6) | (byte(i) & 0x3F);
    }
    // Overlong forms, surrogates and code points past U+10FFFF.
    const bool shortest = length < 3 || (length == 3 ? code_point >= 0x800 : code_point >= 0x10000);
    if (!shortest || (code_point >= 0xD800 && code_point <= 0xDFFF) || code_point > 0x10FFFF) {
        return 0;
    }
    return length;
}

bool is_control(char32_t c) {
    return (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7F && c <= 0x9F);
}

// Whether `text` holds a C0 control, DEL or a C1 control (U+0080-U+009F,
// in UTF-8 0xC2 0x80-0x9F).
bool has_control(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x20 || byte == 0x7F) return true;
        if (byte == 0xC2 && i + 1 < text.size() &&
            static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
            return true;
        }
    }
    return false;
}

}  // namespace

std::string terminal_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    while (!text.empty()) {
        char32_t c = 0;
        std::size_t length = utf8_sequence(text, c);
        if (length == 0) {
            out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text.front()));
            length = 1;
        } else if (is_control(c)) {
            out += c < 0x80 ? fmt::format("\\x{:02x}", static_cast<unsigned>(c))
                            : fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        } else {
            out += text.substr(0, length);
        }
        text.remove_prefix(length);
    }
    return out;
}

std::string csv_row(const std::vector<std::string>& fields) {
    std::string row;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) row += ',';
        const std::string& field = fields[i];
        if (field.find_first_of(",\"\r\n") == std::string::npos && !has_control(field)) {
            row += field;
            continue;
        }
        row += '"';
        for (char c : field) {
            if (c == '"') row += '"';
            row += c;
        }
        row += '"';
    }
    row += '\n';
    return row;
}

std::string iso_time(schema::CaptureTime t) { return schema::format_iso8601(t); }

}  // namespace newsindex::query
