#include "query/term_text.h"

#include "schema/terms.h"

#include <xapian.h>

#include <algorithm>

namespace newsindex::query {

bool is_stem(std::string_view term) { return term.starts_with('Z'); }

std::string_view field_prefix(std::string_view term) {
    if (term.starts_with('Z')) term.remove_prefix(1);
    std::size_t n = 0;
    while (n < term.size() && term[n] >= 'A' && term[n] <= 'Z') ++n;
    return term.substr(0, n);
}

std::optional<FieldWord> field_word(std::string_view term) {
    bool stem = is_stem(term);
    if (stem) term.remove_prefix(1);
    std::string_view prefix = field_prefix(term);
    if (!(prefix.empty() || prefix == schema::prefix::kTitle)) return std::nullopt;
    return FieldWord{term.substr(prefix.size()), stem};
}

std::string squash(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x80) {  // ASCII: Xapian's word characters are letters, digits and "_"
            if (byte >= 'A' && byte <= 'Z') {
                out += static_cast<char>(byte - 'A' + 'a');
            } else if ((byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9') ||
                       byte == '_') {
                out += static_cast<char>(byte);
            }
            ++i;
            continue;
        }
        std::size_t end = i + 1;
        while (end < text.size() && static_cast<unsigned char>(text[end]) >= 0x80) ++end;
        for (Xapian::Utf8Iterator it(text.data() + i, end - i); it != Xapian::Utf8Iterator();
             ++it) {
            if (Xapian::Unicode::is_wordchar(*it)) {
                Xapian::Unicode::append_utf8(out, Xapian::Unicode::tolower(*it));
            }
        }
        i = end;
    }
    return out;
}

bool holds_any(std::string_view text, const std::vector<std::string>& words) {
    std::string squashed = squash(text);
    return std::any_of(words.begin(), words.end(), [&](const std::string& w) {
        return squashed.find(w) != std::string::npos;
    });
}

}  // namespace newsindex::query
