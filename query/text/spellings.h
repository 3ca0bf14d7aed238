// Which words give a query's word terms in a stored version: the forms a
// sentence of that version must contain to hold one of them. The sentence
// finder (sentence_match.h) passes over every line that contains none.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

namespace newsindex::query {

// Not thread-safe: it keeps what it read of the database (one per finder,
// one finder per thread).
class Spellings {
  public:
    // `terms`: the distinct word terms of one reading of the query, stems
    // as stem terms ("Z"+language stem, MatchQuery::Reading::text).
    explicit Spellings(const std::vector<std::string>& terms);

    // The forms, lower case and of word characters only (squash()), sorted
    // and distinct, that a sentence of a version of `db` must contain to
    // hold one of the query's word terms: an unstemmed term as itself, a
    // stem as each word the database lists under it, in the body or the
    // title (schema::stem_key). TermGenerator makes a term only of a word
    // whose word characters, lower-cased, are the term's, so a sentence
    // holds a query term only if its squashed text contains one of these.
    //
    // The lists are the whole database's, read once per database revision:
    // more words than one version holds, which costs the sentence finder
    // nothing but a longer list to look for. A stem lists only the words of
    // versions stemmed in its language (schema::stem_key), the language of
    // the reading the terms come from. The list is valid until the next
    // call.
    const std::vector<std::string>& of(const Xapian::Database& db);

  private:
    // What was read of a database, at one of its revisions.
    struct Read {
        std::string uuid;
        Xapian::rev revision = 0;
        std::vector<std::string> forms;  // see of()
    };

    std::vector<std::string> plain_;  // the unstemmed words of the query
    std::vector<std::string> stems_;  // its stems, without "Z" or field prefix
    std::optional<Read> read_;
};

}  // namespace newsindex::query
