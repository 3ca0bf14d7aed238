// Which sentence of a version holds a query's match: the line a timeline or
// a change feed quotes so a reader sees the words in context.
#pragma once

#include "query/sentences.h"
#include "schema/version_record.h"

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

namespace newsindex::query {

class SentenceFinder {
  public:
    // `text` is the text part of a MatchQuery (no filters), `stemmer` the
    // stemmer it was parsed with; sentences are indexed the way the indexer
    // indexes versions (TermGenerator, STEM_SOME, title also under the title
    // prefix) so the query means the same thing here as in the index.
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
    // indexing only as far as needed: the first sentence that holds every
    // query term and matches ends the search. "" when the version has no
    // text at all.
    std::string find(const schema::VersionRecord& version) const;

  private:
    friend class SentenceSearch;
    Xapian::Query text_;
    Xapian::Stem stemmer_;
    // The terms of the query's boolean filters (source:, lang:, site:):
    // facts about the whole version, true of every sentence of a version
    // that matched; and its other distinct terms. Both sorted.
    std::vector<std::string> filter_terms_;
    std::vector<std::string> terms_;
    // What sentences need: only stems ("Z" terms) when every word term is
    // one and no wildcard expands, no stems when none is, else both (the
    // indexer's STEM_SOME).
    Xapian::TermGenerator::stem_strategy strategy_;
    bool positional_;             // a phrase or NEAR needs positions
    bool matches_without_terms_;  // a wildcard or match-all leaf
};

}  // namespace newsindex::query
