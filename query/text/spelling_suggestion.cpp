#include "query/text/spelling_suggestion.h"

#include "query/engine/query_limits.h"
#include "query/text/query_syntax.h"

#include <cctype>
#include <cstdio>

#include <fmt/format.h>

namespace newsindex::query {

namespace {

// A byte of a word as QueryParser reads one: a letter or digit, ASCII or
// any byte of a UTF-8 sequence.
bool is_word_byte(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || std::isalnum(u) != 0;
}

// Whether `word` is in the database's spelling data, the words corrections
// are drawn from.
bool is_spelling(const Xapian::Database& db, const std::string& word) {
    Xapian::TermIterator it = db.spellings_begin();
    it.skip_to(word);
    return it != db.spellings_end() && *it == word;
}

std::size_t word_end(const std::string& text, std::size_t at) {
    while (at < text.size() && is_word_byte(text[at])) ++at;
    return at;
}

// `corrected` (QueryParser's corrected query string: `text` with some words
// replaced) with every word of the spelling data put back as typed. Xapian
// offers a more frequent word within two edits for any word, held or not
// ("threats" -> "threat"); only a word the database does not hold is a
// misspelling.
std::string keep_held_words(const Xapian::Database& db, const std::string& text,
                            const std::string& corrected) {
    std::string out;
    std::size_t i = 0, j = 0;
    while (i < text.size() || j < corrected.size()) {
        if (i < text.size() && j < corrected.size() && text[i] == corrected[j]) {
            out += text[i++];
            ++j;
            continue;
        }
        // The words differ: from their common start to the end of each.
        std::size_t start = i;
        while (start > 0 && is_word_byte(text[start - 1])) --start;
        const std::size_t typed_end = word_end(text, i);
        const std::size_t offered_end = word_end(corrected, j);
        if (typed_end == i && offered_end == j) return corrected;  // no word differs here
        const std::size_t offered_start = j - (i - start);
        const std::string typed = text.substr(start, typed_end - start);
        const std::string offered = corrected.substr(offered_start, offered_end - offered_start);
        out.resize(out.size() - (i - start));
        out += is_spelling(db, Xapian::Unicode::tolower(typed)) ? typed : offered;
        i = typed_end;
        j = offered_end;
    }
    return out;
}

}  // namespace

std::optional<std::string> corrected_query(const Xapian::Database& db, const std::string& text) {
    Xapian::QueryParser parser;
    parser.set_database(db);
    parser.set_max_expansion(kMaxWildcardExpansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                             Xapian::QueryParser::FLAG_WILDCARD);
    // The fields as the matcher has them, so that no field name or filter
    // value is taken for a misspelt word. Xapian corrects only words
    // searched without a term prefix, as the spelling data holds them.
    parser.add_prefix("", "");
    for (const QueryField& field : kQueryFields) {
        std::string name(field.name), prefix = "X" + name;
        if (field.free) {
            parser.add_prefix(name, prefix);
        } else {
            parser.add_boolean_prefix(name, prefix);
        }
    }
    parser.parse_query(text, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                                 Xapian::QueryParser::FLAG_PURE_NOT |
                                 Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
    std::string corrected = parser.get_corrected_query_string();
    if (corrected.empty()) return std::nullopt;
    corrected = keep_held_words(db, text, corrected);
    if (corrected == text) return std::nullopt;
    return corrected;
}

void print_did_you_mean(NewsDatabase& db, const std::string& text) {
    std::optional<std::string> corrected =
        db.with_retry([&](const Xapian::Database& xapian) { return corrected_query(xapian, text); });
    if (corrected) fmt::print(stderr, "newsquery: did you mean: {}\n", *corrected);
}

}  // namespace newsindex::query
