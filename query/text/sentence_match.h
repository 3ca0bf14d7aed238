// Which sentence of a version holds a query's match: the line a timeline or
// a change feed quotes so a reader sees the words in context.
#pragma once

#include "query/engine/matcher.h"
#include "query/text/sentences.h"
#include "query/text/spellings.h"
#include "schema/version_record.h"

#include <xapian.h>

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace newsindex::query {

// Not thread-safe: it remembers the sentences it has indexed (one finder
// per thread).
class SentenceFinder {
  public:
    // `text` and `stemmer` are one reading of a MatchQuery (its text part:
    // no filters, stems as stem terms), the reading of the language of the
    // versions the finder is asked about; sentences are indexed as the
    // indexer indexes versions (TermGenerator, title also under the title
    // prefix), with each word's stem as a term where the index lists the
    // word under its stem (STEM_SOME), so the query means the same thing
    // here as in the index.
    SentenceFinder(Xapian::Query text, Xapian::Stem stemmer);

    // The index in `sentences` of the sentence that holds the match: of the
    // sentences that match the whole query by themselves (so phrases and
    // NEAR keep their positions, NOT excludes), the one with the most
    // distinct query terms, the first in reading order among equals; when
    // none does (the match spans sentences, or needs a filter no sentence
    // carries), the first with the most distinct query terms (0 if none has
    // any). nullopt only when `sentences` is empty.
    std::optional<std::size_t> find(const std::vector<Sentence>& sentences) const;

    // The same choice among version_sentences(version), splitting and
    // indexing only as far as needed: the first sentence that holds as many
    // query terms as a sentence of its part can, and matches, ends the
    // search. "" when the version has no text at all.
    std::string find(const schema::VersionRecord& version) const;

    // The same answer for `version` as stored in `db`: the database tells
    // in which spellings its sentences can hold a query term
    // (Spellings::of), and a line that holds none of them is passed over
    // without being split or indexed. In a long text the match is often
    // many sentences in; this is most of what a timeline spends.
    std::string find(const schema::VersionRecord& version, const Xapian::Database& db) const;

  private:
    friend class SentenceSearch;
    // A sentence as indexed, and whether it matches the query by itself
    // (known once asked). The versions of one article repeat most of their
    // sentences, and a timeline reads many versions of each article: each
    // distinct sentence is indexed once.
    struct IndexedSentence {
        Xapian::Document doc;
        unsigned held = 0;  // distinct query terms it holds
        std::optional<bool> matches;
    };
    IndexedSentence& indexed(const Sentence& sentence) const;
    // find(version), and with `db` its spellings (Spellings::of).
    std::string find(const schema::VersionRecord& version, const Xapian::Database* db) const;

    Xapian::Query text_;
    Xapian::Stem stemmer_;
    // The terms of the query's boolean filters (source:, lang:, site:):
    // facts about the whole version, true of every sentence of a version
    // that matched; and its other distinct terms. Both sorted.
    std::vector<std::string> filter_terms_;
    std::vector<std::string> terms_;
    // How many of terms_ the title, and any other sentence, can hold.
    unsigned most_in_title_;
    unsigned most_in_body_;
    // What sentences need: only stems ("Z" terms) when every word term is
    // one and no wildcard expands, no stems when none is, else both (the
    // indexer's STEM_SOME).
    Xapian::TermGenerator::stem_strategy strategy_;
    bool positional_;             // a phrase or NEAR needs positions
    // Which of its terms a sentence holds decides whether it matches (no
    // phrase, NOT, wildcard...): its answer needs no matcher.
    bool decided_by_terms_;
    bool matches_without_terms_;  // a wildcard or match-all leaf
    // Leaves out of the index the words that give no query term, where
    // that cannot change a sentence's answer (sentence_match.cpp); null
    // where it can. Outlives generator_, which points to it.
    std::unique_ptr<Xapian::Stopper> stopper_;
    mutable Xapian::TermGenerator generator_;
    mutable Spellings spellings_;
    // Keyed by part (the title is indexed twice) and text.
    mutable std::unordered_map<std::string, IndexedSentence> indexed_;
};

// The sentence finders of one MatchQuery: each version's sentence is found
// by the reading of the query in the version's language
// (MatchQuery::reading_of). Not thread-safe, as SentenceFinder.
class QuerySentences {
  public:
    // `match` must outlive this.
    explicit QuerySentences(const MatchQuery& match);

    // SentenceFinder::find(version, db) with the finder of the reading that
    // matched `version`, made when first needed.
    std::string find(const schema::VersionRecord& version, const Xapian::Database& db) const;

  private:
    const MatchQuery& match_;
    mutable std::vector<std::unique_ptr<SentenceFinder>> finders_;  // as match_.readings
};

}  // namespace newsindex::query
