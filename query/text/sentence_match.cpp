#include "query/text/sentence_match.h"

#include "query/text/query_shape.h"
#include "query/text/stem_cache.h"
#include "query/text/term_text.h"
#include "schema/terms.h"

#include <algorithm>
#include <string_view>
#include <utility>

namespace newsindex::query {

namespace {

// How many of `terms` a sentence of `part` can hold at most: every sentence
// is indexed without a prefix, the title also under the title prefix;
// terms of other fields (author:) are in no sentence.
unsigned most_held(const std::vector<std::string>& terms, SentencePart part) {
    return static_cast<unsigned>(std::count_if(terms.begin(), terms.end(), [&](const auto& t) {
        std::string_view prefix = field_prefix(t);
        return prefix.empty() || (part == SentencePart::Title && prefix == schema::prefix::kTitle);
    }));
}

// Wildcards expand to unstemmed words, so they need those indexed too.
Xapian::TermGenerator::stem_strategy stem_strategy(const std::vector<std::string>& terms,
                                                   bool wildcards) {
    if (std::none_of(terms.begin(), terms.end(), is_stem)) {
        return Xapian::TermGenerator::STEM_NONE;
    }
    if (!wildcards && std::all_of(terms.begin(), terms.end(), is_stem)) {
        return Xapian::TermGenerator::STEM_ALL_Z;
    }
    return Xapian::TermGenerator::STEM_SOME;
}

// Leaves every word unindexed that gives none of the query's terms, as
// written or as a stem. Which terms a sentence holds, and so whether it
// matches, depends on those words alone, unless the match needs positions
// (a word left out takes none, so the words around it would become
// neighbours) or expands (a wildcard): TermGenerator's STOP_ALL then spares
// adding every other word of every sentence, and its stem, to a Document.
class OnlyQueryWords : public Xapian::Stopper {
  public:
    OnlyQueryWords(const std::vector<std::string>& terms, Xapian::Stem stemmer)
        : stemmer_(std::move(stemmer)) {
        for (const std::string& term : terms) {
            if (auto field = field_word(term)) {
                (field->stem ? stems_ : words_).emplace_back(field->word);
            }
        }
        words_ = sorted_unique(std::move(words_));
        stems_ = sorted_unique(std::move(stems_));
    }

    bool operator()(const std::string& word) const override {
        if (std::binary_search(words_.begin(), words_.end(), word)) return false;
        return stems_.empty() || !std::binary_search(stems_.begin(), stems_.end(), stemmer_(word));
    }

  private:
    Xapian::Stem stemmer_;
    std::vector<std::string> words_, stems_;
};

}  // namespace

// One search through a version's sentences: each sentence indexed as it
// comes (or found among those indexed before), then judged by Xapian's own
// matcher on an in-memory database.
class SentenceSearch {
  public:
    explicit SentenceSearch(const SentenceFinder& finder) : finder_(finder) {}

    // Takes the next sentence; true when no later sentence can change the
    // answer, so finish() gives it now: this one holds as many query terms
    // as a sentence of its part can (the title comes first, and can hold
    // at least as many as any other) and matches by itself. A plain word
    // thus ends the search at the first body sentence that has it, although
    // only the title can also hold its title-prefixed term.
    bool add(const Sentence& sentence) {
        SentenceFinder::IndexedSentence& indexed = finder_.indexed(sentence);
        std::size_t i = docs_.size();
        docs_.push_back(indexed.doc);
        held_.push_back(indexed.held);
        matches_.push_back(indexed.matches);
        if (indexed.held > 0) candidates_.push_back(i);
        unsigned most = sentence.part == SentencePart::Title ? finder_.most_in_title_
                                                             : finder_.most_in_body_;
        // With no terms to hold (a bare wildcard) every sentence may end it.
        bool fullest = most > 0 ? indexed.held == most : finder_.terms_.empty();
        if (!fullest) return false;
        bool matches = first_match({i}).has_value();
        indexed.matches = matches;
        return matches;
    }

    // Takes the next sentence, known to hold no query term: it is neither a
    // candidate nor can it end the search, so it is not indexed.
    void pass_over() {
        docs_.emplace_back();
        held_.push_back(0);
        matches_.push_back(false);
    }

    // The answer by the full rule (see SentenceFinder::find), among the
    // sentences taken so far. The matcher is asked only about sentences
    // whose answer add() did not already learn.
    std::optional<std::size_t> finish() {
        if (docs_.empty()) return std::nullopt;
        // Candidates with more query terms first, reading order among equals;
        // each group is tried as a whole.
        std::stable_sort(candidates_.begin(), candidates_.end(),
                         [&](std::size_t a, std::size_t b) { return held_[a] > held_[b]; });
        for (auto group = candidates_.begin(); group != candidates_.end();) {
            auto end = std::find_if(group, candidates_.end(),
                                    [&](std::size_t i) { return held_[i] != held_[*group]; });
            std::vector<std::size_t> which(group, end);
            std::sort(which.begin(), which.end());
            if (auto found = first_match(which)) return found;
            group = end;
        }
        // A sentence that matches the whole query holds one of its terms,
        // unless part of the query matches without terms.
        if (finder_.matches_without_terms_ && candidates_.size() < docs_.size()) {
            std::vector<std::size_t> all(docs_.size());
            for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
            if (auto found = first_match(all)) return found;
        }
        return static_cast<std::size_t>(std::max_element(held_.begin(), held_.end()) -
                                        held_.begin());
    }

  private:
    // The first of `which` (reading order) that matches the query by
    // itself. Sentences whose answer is not known yet are put to Xapian's
    // matcher together, on one in-memory database, and their answers kept.
    std::optional<std::size_t> first_match(const std::vector<std::size_t>& which) {
        std::vector<std::size_t> unknown;
        for (std::size_t i : which) {
            if (!matches_[i]) unknown.push_back(i);
        }
        if (!unknown.empty()) {
            Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
            for (std::size_t i : unknown) db.add_document(docs_[i]);
            Xapian::Enquire enquire(db);
            enquire.set_query(finder_.text_);
            enquire.set_weighting_scheme(Xapian::BoolWeight());
            for (std::size_t i : unknown) matches_[i] = false;
            Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
            for (auto it = mset.begin(); it != mset.end(); ++it) matches_[unknown[*it - 1]] = true;
        }
        for (std::size_t i : which) {
            if (*matches_[i]) return i;
        }
        return std::nullopt;
    }

    const SentenceFinder& finder_;
    std::vector<Xapian::Document> docs_;
    std::vector<unsigned> held_;                 // distinct query terms per sentence
    std::vector<std::optional<bool>> matches_;   // per sentence, once known
    std::vector<std::size_t> candidates_;        // sentences holding any
};

SentenceFinder::IndexedSentence& SentenceFinder::indexed(const Sentence& sentence) const {
    // Bounds the memory a long timeline can take; rebuilding is only slower.
    constexpr std::size_t kMaxRemembered = 20'000;
    bool title = sentence.part == SentencePart::Title;
    std::string key = (title ? "T" : "-") + sentence.text;
    if (auto it = indexed_.find(key); it != indexed_.end()) return it->second;
    if (indexed_.size() >= kMaxRemembered) indexed_.clear();

    IndexedSentence out;
    auto index = [&](const std::string& prefix) {
        if (positional_) {
            generator_.index_text(sentence.text, 1, prefix);
        } else {
            generator_.index_text_without_positions(sentence.text, 1, prefix);
        }
    };
    generator_.set_document(out.doc);
    index("");
    if (title) {
        generator_.increase_termpos();
        index(std::string(schema::prefix::kTitle));
    }
    schema::add_possessive_bases(out.doc);  // as the indexer does (schema/terms.h)
    for (const std::string& t : filter_terms_) out.doc.add_boolean_term(t);
    std::vector<std::string> held;
    auto term = out.doc.termlist_begin();
    for (const std::string& t : terms_) {
        term.skip_to(t);
        if (term == out.doc.termlist_end()) break;
        if (*term == t) held.push_back(t);
    }
    out.held = static_cast<unsigned>(held.size());
    if (decided_by_terms_) {
        // The filter terms are every sentence's (see above).
        held.insert(held.end(), filter_terms_.begin(), filter_terms_.end());
        std::sort(held.begin(), held.end());
        out.matches = matches_terms(text_, held);
    }
    return indexed_.emplace(std::move(key), std::move(out)).first->second;
}

SentenceFinder::SentenceFinder(Xapian::Query text, Xapian::Stem stemmer)
    : text_(std::move(text)),
      stemmer_(caching_stemmer(stemmer)),
      filter_terms_(filter_terms(text_)),
      terms_(word_terms(text_, filter_terms_)),
      most_in_title_(most_held(terms_, SentencePart::Title)),
      most_in_body_(most_held(terms_, SentencePart::Body)),
      strategy_(stem_strategy(terms_, has_node(text_, {Xapian::Query::OP_WILDCARD}))),
      positional_(has_node(text_, {Xapian::Query::OP_PHRASE, Xapian::Query::OP_NEAR})),
      decided_by_terms_(decided_by_terms(text_)),
      matches_without_terms_(
          has_node(text_, {Xapian::Query::OP_WILDCARD, Xapian::Query::LEAF_MATCH_ALL,
                           Xapian::Query::LEAF_POSTING_SOURCE})),
      spellings_(terms_) {
    generator_.set_stemmer(stemmer_);
    generator_.set_stemming_strategy(strategy_);
    if (!positional_ && !matches_without_terms_) {
        stopper_ = std::make_unique<OnlyQueryWords>(terms_, stemmer_);
        generator_.set_stopper(stopper_.get());
        generator_.set_stopper_strategy(Xapian::TermGenerator::STOP_ALL);
    }
}

std::optional<std::size_t> SentenceFinder::find(const std::vector<Sentence>& sentences) const {
    SentenceSearch search(*this);
    for (const Sentence& sentence : sentences) {
        if (search.add(sentence)) break;
    }
    return search.finish();
}

std::string SentenceFinder::find(const schema::VersionRecord& version) const {
    return find(version, nullptr);
}

std::string SentenceFinder::find(const schema::VersionRecord& version,
                                 const Xapian::Database& db) const {
    return find(version, &db);
}

std::string SentenceFinder::find(const schema::VersionRecord& version,
                                 const Xapian::Database* db) const {
    // The spellings a sentence must contain to hold a query term; nullptr
    // when any sentence may hold the match: without a database, or when a
    // wildcard or match-all can match without the terms.
    const std::vector<std::string>* words =
        db == nullptr || matches_without_terms_ || terms_.empty() ? nullptr
                                                                  : &spellings_.of(*db);
    auto may_hold = [&](std::string_view text) { return !words || holds_any(text, *words); };
    SentenceSearch search(*this);
    std::vector<std::string> seen;
    // A line's squashed text holds each of its sentences' (they differ from
    // it only in whitespace, which squash() drops), so a line that holds no
    // query term has no sentence that does: it is passed over unsplit, and
    // its sentences are never candidates. Only the first sentence is always
    // seen: it is the answer when no sentence holds a term.
    auto wanted = [&](std::string_view line) { return seen.empty() || may_hold(line); };
    for_each_sentence(version, wanted, [&](Sentence&& sentence) {
        seen.push_back(sentence.text);
        if (!may_hold(sentence.text)) {
            search.pass_over();
            return true;
        }
        return !search.add(sentence);
    });
    std::optional<std::size_t> answer = search.finish();
    return answer ? std::move(seen[*answer]) : std::string();
}

QuerySentences::QuerySentences(const MatchQuery& match)
    : match_(match), finders_(match.readings.size()) {}

std::string QuerySentences::find(const schema::VersionRecord& version,
                                 const Xapian::Database& db) const {
    const MatchQuery::Reading& reading = match_.reading_of(version.language);
    std::unique_ptr<SentenceFinder>& finder =
        finders_[static_cast<std::size_t>(&reading - match_.readings.data())];
    if (!finder) finder = std::make_unique<SentenceFinder>(reading.text, reading.stemmer);
    return finder->find(version, db);
}

}  // namespace newsindex::query
