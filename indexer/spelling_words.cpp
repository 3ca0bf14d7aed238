#include "indexer/spelling_words.h"

#include "schema/terms.h"

#include <algorithm>
#include <vector>

namespace newsindex::indexer {

std::optional<std::string_view> spelling_word(std::string_view term) {
    if (term.starts_with(schema::prefix::kTitle)) term.remove_prefix(schema::prefix::kTitle.size());
    if (term.empty()) return std::nullopt;
    const auto first = static_cast<unsigned char>(term.front());
    // Lower-case ASCII, or the lead byte of a non-ASCII letter: an upper-case
    // first letter is another prefix (schema/terms.h), a digit no word.
    if (!((first >= 'a' && first <= 'z') || first >= 0xC0)) return std::nullopt;
    if (term.size() > kLongestSpellingWord) return std::nullopt;
    if (std::any_of(term.begin(), term.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return std::nullopt;
    }
    const auto characters = std::count_if(term.begin(), term.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    });
    if (static_cast<std::size_t>(characters) < kShortestSpellingWord) return std::nullopt;
    return term;
}

void SpellingCounts::count(const Xapian::Document& document) {
    std::vector<std::string_view> words;
    std::vector<std::string> terms(document.termlist_begin(), document.termlist_end());
    for (const std::string& term : terms) {
        if (auto word = spelling_word(term)) words.push_back(*word);
    }
    // A word of the title and the text counts once.
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    for (std::string_view word : words) ++counts_[std::string(word)];
}

void SpellingCounts::write(Xapian::WritableDatabase& db) {
    for (const auto& [word, count] : counts_) db.add_spelling(word, count);
    counts_.clear();
}

}  // namespace newsindex::indexer
