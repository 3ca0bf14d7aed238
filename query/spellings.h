// Which words of a stored version give a query's word terms: the forms a
// sentence of that version must contain to hold one of them. The sentence
// finder (sentence_match.h) passes over every line that contains none.
#pragma once

#include <xapian.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace newsindex::query {

// Not thread-safe: it remembers what earlier versions taught it (one per
// finder, one finder per thread).
class Spellings {
  public:
    // `terms`: the query's distinct word terms; `stemmer` stems as the query
    // was parsed (a caching stemmer will do), `unwrapped` is that stemmer as
    // given, to compare with the stemmer each version was indexed with.
    Spellings(const std::vector<std::string>& terms, Xapian::Stem stemmer,
              Xapian::Stem unwrapped);

    // The forms, lower case and of word characters only (squash()), sorted
    // and distinct, of the words that give the query's word terms in
    // document `docid` of `db`: an unstemmed term as itself, a stem as each
    // of the document's unstemmed words with that stem. TermGenerator makes
    // a term only of a word whose word characters, lower-cased, are the
    // term's, so a sentence holds a query term only if its squashed text
    // contains one of these.
    //
    // A stem's words are read from the document's termlist the first time,
    // and remembered. The next documents are asked, through the postlists of
    // the stem and of the words remembered, how often they hold each: a
    // document indexed with the same stemmer holds as many words with a stem
    // as its stem term counts, so when the words remembered add up to that
    // count they are all there are, and its termlist (a long version's costs
    // ten to twenty postlist reads) is not read. Otherwise it is, and its
    // words are remembered too; so it is when the query has so many stems,
    // or they so many words, that their postlists would cost more.
    std::vector<std::string> of(const Xapian::Database& db, Xapian::docid docid);

  private:
    // The stems' words in `docid` found from the words remembered; nullopt
    // when they may not be all.
    std::optional<std::vector<std::string>> remembered(const Xapian::Database& db,
                                                       Xapian::docid docid);
    // The stems' words in `docid` read from its termlist, and remembered.
    std::vector<std::string> read(const Xapian::Database& db, Xapian::docid docid);
    // Whether `docid` was indexed with a stemmer like the query's.
    bool stemmed_alike(const Xapian::Database& db, Xapian::docid docid);

    std::vector<std::string> plain_;  // the unstemmed words of the query
    Xapian::Stem stemmer_;
    Xapian::Stem unwrapped_;
    // Each stem of the query and the words seen giving it.
    std::map<std::string, std::vector<std::string>, std::less<>> words_of_stem_;
    bool read_any_ = false;  // whether a termlist has been read
    // The database's language terms, split by whether their stemmer is the
    // query's; read again when the database (UUID) or its revision changes.
    struct Languages {
        std::string uuid;
        Xapian::rev revision = 0;
        std::vector<std::string> alike, other;
    };
    std::optional<Languages> languages_;
};

}  // namespace newsindex::query
