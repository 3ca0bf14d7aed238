#include "schema/terms.h"

#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>
#include <cctype>

namespace newsindex::schema {

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string bounded_term(std::string_view prefix, std::string_view value) {
    std::string term;
    term.reserve(prefix.size() + value.size());
    term.append(prefix);
    if (prefix.size() + value.size() <= kMaxTermBytes) {
        term.append(value);
        return term;
    }
    // "#" + 16 hex digits = 17 bytes of suffix.
    std::size_t keep = kMaxTermBytes - prefix.size() - 17;
    // Do not cut a UTF-8 sequence in half: back up to a lead byte.
    while (keep > 0 && (static_cast<unsigned char>(value[keep]) & 0xC0) == 0x80) --keep;
    term.append(value.substr(0, keep));
    term += fmt::format("#{:016x}", XXH3_64bits(value.data(), value.size()));
    return term;
}

namespace {

std::string digest_term(std::string_view prefix, std::string_view value) {
    return fmt::format("{}{:016x}", prefix, XXH3_64bits(value.data(), value.size()));
}

}  // namespace

std::string url_term(std::string_view normalised_url) {
    return digest_term(prefix::kUrl, normalised_url);
}

std::string article_term(std::string_view article_digest_hex) {
    return fmt::format("{}{}", prefix::kArticle, article_digest_hex);
}

std::string stem_key(std::string_view field_prefix, std::string_view stem) {
    std::string key(kStemMarker);
    key.append(field_prefix);
    key.append(stem);
    return key;
}

std::optional<std::string> stem_key(std::string_view term, const Xapian::Stem& stemmer) {
    // Xapian's convention: a prefix is upper-case ASCII, and the word after
    // it starts otherwise (a ':' between them when it would not).
    std::size_t n = 0;
    while (n < term.size() && term[n] >= 'A' && term[n] <= 'Z') ++n;
    std::string_view field = term.substr(0, n);
    std::string_view word = term.substr(n);
    if (word.empty() ||
        (field != "" && field != prefix::kTitle && field != prefix::kAuthor)) {
        return std::nullopt;
    }
    // TermGenerator's and QueryParser's rule for which words STEM_SOME stems.
    switch (Xapian::Unicode::get_category(*Xapian::Utf8Iterator(word.data(), word.size()))) {
        case Xapian::Unicode::LOWERCASE_LETTER:
        case Xapian::Unicode::TITLECASE_LETTER:
        case Xapian::Unicode::MODIFIER_LETTER:
        case Xapian::Unicode::OTHER_LETTER:
            break;
        default:
            return std::nullopt;
    }
    return stem_key(field, stemmer(std::string(word)));
}

}  // namespace newsindex::schema
