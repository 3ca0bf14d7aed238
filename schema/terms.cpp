#include "schema/terms.h"

#include "schema/version_record.h"

#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>
#include <cctype>
#include <utility>
#include <vector>

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
    term += "#" + digest_hex(XXH3_64bits(value.data(), value.size()));
    return term;
}

namespace {

std::string digest_term(std::string_view prefix, std::string_view value) {
    return std::string(prefix) + digest_hex(XXH3_64bits(value.data(), value.size()));
}

}  // namespace

std::string url_term(std::string_view normalised_url) {
    return digest_term(prefix::kUrl, normalised_url);
}

std::string article_term(std::string_view article_digest_hex) {
    return fmt::format("{}{}", prefix::kArticle, article_digest_hex);
}

std::string language_stem(std::string_view language, std::string_view stem) {
    std::string out(language);
    out += kStemLanguageEnd;
    out.append(stem);
    return out;
}

std::string_view bare_stem(std::string_view language_stem) {
    std::size_t end = language_stem.find(kStemLanguageEnd);
    return end == std::string_view::npos ? language_stem : language_stem.substr(end + 1);
}

std::string stem_key(std::string_view field_prefix, std::string_view stem) {
    std::string key(kStemMarker);
    key.append(field_prefix);
    key.append(stem);
    return key;
}

namespace {

// The word of a term of a free-text field, after its field prefix; nullopt
// for a term of another field. Xapian's convention: a prefix is upper-case
// ASCII, and the word after it starts otherwise (a ':' between them when it
// would not).
std::optional<std::pair<std::string_view, std::string_view>> free_text_word(
    std::string_view term) {
    std::size_t n = 0;
    while (n < term.size() && term[n] >= 'A' && term[n] <= 'Z') ++n;
    std::string_view field = term.substr(0, n);
    std::string_view word = term.substr(n);
    if (word.empty() || (field != "" && field != prefix::kTitle && field != prefix::kAuthor)) {
        return std::nullopt;
    }
    return std::make_pair(field, word);
}

}  // namespace

void add_possessive_bases(Xapian::Document& doc) {
    struct Base {
        std::string term;
        Xapian::termcount wdf = 0;
        std::vector<Xapian::termpos> positions;
    };
    std::vector<Base> bases;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
        const std::string term = *it;
        auto word = free_text_word(term);
        if (!word || word->second.size() < 3 || !word->second.ends_with("'s")) continue;
        Base base{term.substr(0, term.size() - 2), it.get_wdf(), {}};
        for (auto p = it.positionlist_begin(); p != it.positionlist_end(); ++p) {
            base.positions.push_back(*p);
        }
        bases.push_back(std::move(base));
    }
    for (const Base& base : bases) {
        if (base.positions.empty()) {
            doc.add_term(base.term, base.wdf);
        } else {
            for (Xapian::termpos position : base.positions) doc.add_posting(base.term, position);
        }
    }
}

std::optional<std::string> stem_key(std::string_view term, const Xapian::Stem& stemmer) {
    auto split = free_text_word(term);
    if (!split || stemmer.is_none()) return std::nullopt;
    auto [field, word] = *split;
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
