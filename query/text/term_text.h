// Terms as words in text: what TermGenerator makes of a word, asked the
// other way round. The sentence finder (sentence_match.h) and snippets
// (snippets.h) look for a query's terms in raw text without indexing it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsindex::query {

// Whether `term` is a stem ("Z" first: Xapian's convention).
bool is_stem(std::string_view term);

// The field prefix of a term: its leading capitals after the stem marker
// (Xapian's convention; schema/terms.h).
std::string_view field_prefix(std::string_view term);

// A term of the fields sentences come from (the body unprefixed, the title
// under the title prefix): its word, without "Z" or prefix (for a stem, the
// language stem: "de:kanzl", schema/terms.h), and whether it is a stem.
// nullopt for any other field's term and for boolean terms.
struct FieldWord {
    std::string_view word;
    bool stem = false;
};
std::optional<FieldWord> field_word(std::string_view term);

// `text` lower-cased with its non-word characters left out, code point by
// code point as TermGenerator lower-cases a word into a term. A text holds
// a term only if its squashed form contains the term's word, squashed.
std::string squash(std::string_view text);

// Whether `text`, squashed, contains any of `words` (squashed).
bool holds_any(std::string_view text, const std::vector<std::string>& words);

}  // namespace newsindex::query
