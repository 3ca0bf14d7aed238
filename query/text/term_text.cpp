#include "query/text/term_text.h"

#include "schema/terms.h"

#include <xapian.h>

#include <algorithm>
#include <array>

namespace newsindex::query {

bool is_stem(std::string_view term) { return term.starts_with(schema::kStemMarker); }

std::string_view field_prefix(std::string_view term) {
    if (is_stem(term)) term.remove_prefix(schema::kStemMarker.size());
    std::size_t n = 0;
    while (n < term.size() && term[n] >= 'A' && term[n] <= 'Z') ++n;
    return term.substr(0, n);
}

std::optional<FieldWord> field_word(std::string_view term) {
    bool stem = is_stem(term);
    if (stem) term.remove_prefix(schema::kStemMarker.size());
    std::string_view prefix = field_prefix(term);
    if (!(prefix.empty() || prefix == schema::prefix::kTitle)) return std::nullopt;
    return FieldWord{term.substr(prefix.size()), stem};
}

namespace {

// Each ASCII byte as squash() keeps it: letters lower-cased, digits and "_"
// as they are (Xapian's ASCII word characters), 0 for the rest.
constexpr std::array<char, 128> kAsciiWordBytes = [] {
    std::array<char, 128> out{};
    for (char c = 'a'; c <= 'z'; ++c) out[static_cast<unsigned char>(c)] = c;
    for (char c = 'A'; c <= 'Z'; ++c) {
        out[static_cast<unsigned char>(c)] = static_cast<char>(c - 'A' + 'a');
    }
    for (char c = '0'; c <= '9'; ++c) out[static_cast<unsigned char>(c)] = c;
    out['_'] = '_';
    return out;
}();

// squash(text) into `out`, whose buffer is reused.
void squash_into(std::string_view text, std::string& out) {
    // ASCII never grows; a run of other bytes is appended, then room made
    // again for what is left.
    out.resize(text.size());
    std::size_t n = 0;
    for (std::size_t i = 0; i < text.size();) {
        auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x80) {
            if (char c = kAsciiWordBytes[byte]) out[n++] = c;
            ++i;
            continue;
        }
        std::size_t end = i + 1;
        while (end < text.size() && static_cast<unsigned char>(text[end]) >= 0x80) ++end;
        out.resize(n);
        for (Xapian::Utf8Iterator it(text.data() + i, end - i); it != Xapian::Utf8Iterator();
             ++it) {
            if (Xapian::Unicode::is_wordchar(*it)) {
                Xapian::Unicode::append_utf8(out, Xapian::Unicode::tolower(*it));
            }
        }
        n = out.size();
        out.resize(n + (text.size() - end));
        i = end;
    }
    out.resize(n);
}

}  // namespace

std::string squash(std::string_view text) {
    std::string out;
    squash_into(text, out);
    return out;
}

bool holds_any(std::string_view text, const std::vector<std::string>& words) {
    thread_local std::string squashed;
    squash_into(text, squashed);
    return std::any_of(words.begin(), words.end(), [&](const std::string& w) {
        return squashed.find(w) != std::string::npos;
    });
}

}  // namespace newsindex::query
