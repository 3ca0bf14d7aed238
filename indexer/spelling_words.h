// The database's spelling data (Xapian's spelling table), from which
// newsquery offers "did you mean …" for a query that finds nothing
// (query/text/spelling_suggestion.h): the words of the versions' titles, summaries
// and bodies, each with the number of versions that hold it. Xapian picks,
// among the spellings closest to a query word, the one of highest count.
//
// Only words are kept that a person would type and mistype: starting with a
// letter, without digits, of at least kShortestSpellingWord characters and
// at most kLongestSpellingWord bytes. Xapian's compaction adds up the
// counts of the bulk loader's parts, and its multi-shard database those of
// a generation and its recent shard.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace newsindex::indexer {

inline constexpr std::size_t kShortestSpellingWord = 3;
inline constexpr std::size_t kLongestSpellingWord = 32;

// The word a document term contributes to the spelling data: a summary or
// body term (no prefix) or a title term (schema::prefix::kTitle) whose word
// passes the rules above; nullopt for any other term.
std::optional<std::string_view> spelling_word(std::string_view term);

// Counts spelling words over documents, and adds them to a database.
class SpellingCounts {
  public:
    // Counts each spelling word of `document` once.
    void count(const Xapian::Document& document);
    // Adds the counts to `db`'s spelling data and forgets them.
    void write(Xapian::WritableDatabase& db);
    void clear() { counts_.clear(); }

  private:
    std::unordered_map<std::string, Xapian::termcount> counts_;
};

}  // namespace newsindex::indexer
