#include "query/sentence_match.h"

#include "query/stem_cache.h"
#include "schema/terms.h"

#include <algorithm>
#include <utility>

namespace newsindex::query {

namespace {

// Whether any node of `query` is one of `ops`.
bool has_node(const Xapian::Query& query, std::initializer_list<Xapian::Query::op> ops) {
    if (std::find(ops.begin(), ops.end(), query.get_type()) != ops.end()) return true;
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
        if (has_node(query.get_subquery(i), ops)) return true;
    }
    return false;
}

// The terms under the filter side of every OP_FILTER in `query`.
void collect_filter_terms(const Xapian::Query& query, std::vector<std::string>& out) {
    std::size_t n = query.get_num_subqueries();
    bool filter = query.get_type() == Xapian::Query::OP_FILTER;
    for (std::size_t i = 0; i < n; ++i) {
        Xapian::Query sub = query.get_subquery(i);
        if (filter && i > 0) {
            out.insert(out.end(), sub.get_unique_terms_begin(), sub.get_unique_terms_end());
        } else {
            collect_filter_terms(sub, out);
        }
    }
}

std::vector<std::string> sorted_unique(std::vector<std::string> terms) {
    std::sort(terms.begin(), terms.end());
    terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
    return terms;
}

std::vector<std::string> filter_terms(const Xapian::Query& query) {
    std::vector<std::string> out;
    collect_filter_terms(query, out);
    return sorted_unique(std::move(out));
}

// The query's terms that are not filter terms.
std::vector<std::string> word_terms(const Xapian::Query& query,
                                    const std::vector<std::string>& filters) {
    std::vector<std::string> out;
    for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
        if (!std::binary_search(filters.begin(), filters.end(), *it)) out.push_back(*it);
    }
    return sorted_unique(std::move(out));
}

bool is_stem(const std::string& term) { return term.starts_with('Z'); }

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

}  // namespace

// One search through a version's sentences: each sentence indexed as it
// comes, then judged by Xapian's own matcher on an in-memory database.
class SentenceSearch {
  public:
    explicit SentenceSearch(const SentenceFinder& finder) : finder_(finder) {
        generator_.set_stemmer(finder.stemmer_);
        generator_.set_stemming_strategy(finder.strategy_);
    }

    // Indexes the next sentence; true when it is certainly the answer: it
    // holds every query term (no later sentence can hold more) and matches.
    bool add(const Sentence& sentence) {
        std::size_t i = docs_.size();
        docs_.emplace_back();
        generator_.set_document(docs_[i]);
        index(sentence.text, "");
        if (sentence.part == SentencePart::Title) {
            generator_.increase_termpos();
            index(sentence.text, std::string(schema::prefix::kTitle));
        }
        for (const std::string& t : finder_.filter_terms_) docs_[i].add_boolean_term(t);
        unsigned held = 0;
        auto term = docs_[i].termlist_begin();
        for (const std::string& t : finder_.terms_) {
            term.skip_to(t);
            if (term == docs_[i].termlist_end()) break;
            if (*term == t) ++held;
        }
        held_.push_back(held);
        if (held > 0) candidates_.push_back(i);
        return held == finder_.terms_.size() && first_match({i});
    }

    // The answer by the full rule (see SentenceFinder::find).
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
    void index(const std::string& text, const std::string& prefix) {
        if (finder_.positional_) {
            generator_.index_text(text, 1, prefix);
        } else {
            generator_.index_text_without_positions(text, 1, prefix);
        }
    }

    // The first of `which` that matches the query by itself.
    std::optional<std::size_t> first_match(const std::vector<std::size_t>& which) const {
        Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
        for (std::size_t i : which) db.add_document(docs_[i]);
        Xapian::Enquire enquire(db);
        enquire.set_query(finder_.text_);
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        enquire.set_docid_order(Xapian::Enquire::ASCENDING);
        Xapian::MSet mset = enquire.get_mset(0, 1);
        if (mset.empty()) return std::nullopt;
        return which[*mset.begin() - 1];
    }

    const SentenceFinder& finder_;
    Xapian::TermGenerator generator_;
    std::vector<Xapian::Document> docs_;
    std::vector<unsigned> held_;           // distinct query terms per sentence
    std::vector<std::size_t> candidates_;  // sentences holding any
};

SentenceFinder::SentenceFinder(Xapian::Query text, Xapian::Stem stemmer)
    : text_(std::move(text)),
      stemmer_(caching_stemmer(stemmer)),
      filter_terms_(filter_terms(text_)),
      terms_(word_terms(text_, filter_terms_)),
      strategy_(stem_strategy(terms_, has_node(text_, {Xapian::Query::OP_WILDCARD}))),
      positional_(has_node(text_, {Xapian::Query::OP_PHRASE, Xapian::Query::OP_NEAR})),
      matches_without_terms_(
          has_node(text_, {Xapian::Query::OP_WILDCARD, Xapian::Query::LEAF_MATCH_ALL,
                           Xapian::Query::LEAF_POSTING_SOURCE})) {}

std::optional<std::size_t> SentenceFinder::find(const std::vector<Sentence>& sentences) const {
    SentenceSearch search(*this);
    for (std::size_t i = 0; i < sentences.size(); ++i) {
        if (search.add(sentences[i])) return i;
    }
    return search.finish();
}

std::string SentenceFinder::find(const schema::VersionRecord& version) const {
    SentenceSearch search(*this);
    std::vector<std::string> seen;
    std::optional<std::size_t> answer;
    bool stopped = !for_each_sentence(version, [&](Sentence&& sentence) {
        seen.push_back(sentence.text);
        return !search.add(sentence);
    });
    answer = stopped ? seen.size() - 1 : search.finish();
    return answer ? std::move(seen[*answer]) : std::string();
}

}  // namespace newsindex::query
