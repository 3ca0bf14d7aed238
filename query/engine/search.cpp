#include "query/engine/search.h"

#include "query/engine/article_versions.h"
#include "query/matching_keys.h"
#include "query/text/query_syntax.h"
#include "query/text/snippets.h"
#include "schema/slot_stream.h"
#include "schema/stored_version.h"
#include "schema/terms.h"
#include "schema/values.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_set>

namespace newsindex::query {

namespace {

// Sorts by article, then revision (schema::article_order_key). Every match is
// keyed: one value stream, where reading the article and revision slots
// apart costs two.
class ArticleOrder : public Xapian::KeyMaker {
  public:
    std::string operator()(const Xapian::Document& doc) const override {
        std::string value = doc.get_value(schema::slot::kTimeline);
        if (value.empty()) throw schema::missing_value(doc.get_docid(), schema::slot::kTimeline);
        return schema::article_order_key(schema::decode_timeline_key(value));
    }
};

void configure_order(Xapian::Enquire& enquire, SearchOrder order) {
    switch (order) {
        case SearchOrder::Relevance:
            enquire.set_sort_by_relevance_then_value(schema::slot::kCapturedAt, true);
            return;
        case SearchOrder::Date:
            // Relevance would only break ties: not worth computing weights.
            enquire.set_weighting_scheme(Xapian::BoolWeight());
            enquire.set_sort_by_value(schema::slot::kCapturedAt, true);
            return;
        case SearchOrder::Article:
            enquire.set_weighting_scheme(Xapian::BoolWeight());
            enquire.set_sort_by_key((new ArticleOrder)->release(), false);
            return;
    }
}

// For each article term in `terms`, the revisions of that article that
// match `query`, ascending. One match over the versions of all of them
// (matching_keys): a page of rows costs one query, not one per article.
std::map<std::string, std::vector<std::uint32_t>> matching_revisions(
    const Xapian::Database& db, const Xapian::Query& query, const std::vector<std::string>& terms,
    const QueryDeadline& deadline) {
    std::map<std::string, std::vector<std::uint32_t>> out;
    if (terms.empty()) return out;
    Xapian::doccount versions = 0;
    for (const std::string& term : terms) versions += db.get_termfreq(term);
    Xapian::Query of_those(Xapian::Query::OP_FILTER, query,
                           Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
    for (const MatchingKey& match : matching_keys(db, of_those, versions, deadline)) {
        out[schema::article_term(schema::digest_hex(match.key.article))].push_back(
            match.key.revision);
    }
    for (auto& [term, revisions] : out) std::sort(revisions.begin(), revisions.end());
    return out;
}

// A row's version: its stored data, with the revision and first capture
// from its timeline key, and the article digest.
struct RowVersion {
    schema::VersionRecord version;
    std::uint64_t article = 0;
};

// How many rows read_rows reads at a time: a search printing every match
// holds the texts of one batch, not of all.
constexpr Xapian::doccount kRowBatch = 1024;

// The versions of `count` rows of `mset` from index `first`, in the MSet's
// order. Read in document order, which the MSet's (article, date or
// relevance) jumps about in: along the timeline slot's value stream, one
// seek per row where reading a row's article, revision and capture slots
// from its document (Document::get_value) seeks anew for each; and the
// texts by load_versions_data.
std::vector<RowVersion> read_rows(const Xapian::Database& db, const Xapian::MSet& mset,
                                  Xapian::doccount first, Xapian::doccount count) {
    std::vector<std::pair<Xapian::docid, Xapian::doccount>> by_docid;
    by_docid.reserve(count);
    for (Xapian::doccount i = 0; i < count; ++i) by_docid.emplace_back(*mset[first + i], i);
    std::sort(by_docid.begin(), by_docid.end());
    std::vector<Xapian::docid> docids;
    docids.reserve(count);
    for (const auto& [docid, i] : by_docid) docids.push_back(docid);
    std::map<Xapian::docid, schema::VersionRecord> texts = load_versions_data(db, docids);
    std::vector<RowVersion> rows(count);
    schema::SlotStream timeline(db, schema::slot::kTimeline);
    for (const auto& [docid, i] : by_docid) {
        schema::TimelineKey key = schema::decode_timeline_key(timeline.at(docid));
        rows[i].version = std::move(texts.at(docid));
        rows[i].version.revision = key.revision;
        rows[i].version.captured_at = key.captured_at;
        rows[i].article = key.article;
    }
    return rows;
}

// Counts the matches the matcher checks: every one, and the distinct
// articles of the first `articles_up_to` (reading a value costs each match a
// seek; counting costs nothing).
class MatchCounter : public Xapian::MatchSpy {
  public:
    explicit MatchCounter(Xapian::doccount articles_up_to) : articles_up_to_(articles_up_to) {}

    void operator()(const Xapian::Document& doc, double) override {
        if (++versions_ <= articles_up_to_) articles_.insert(doc.get_value(schema::slot::kArticle));
    }

    Xapian::doccount versions() const { return versions_; }
    Xapian::doccount articles() const { return static_cast<Xapian::doccount>(articles_.size()); }
    // Whether articles() counts the articles of every match seen.
    bool every_article() const { return versions_ <= articles_up_to_; }

  private:
    Xapian::doccount articles_up_to_;
    Xapian::doccount versions_ = 0;
    std::unordered_set<std::string> articles_;
};

// How many versions and articles match. Exact from what `counter` saw where
// it saw every match: the matcher was asked to check all, or more than it
// found (check_at_least `checked`), and the time limit did not stop it.
// Else a lower bound: what it saw, or Xapian's lower bound (with collapsing,
// the uncollapsed one counts versions) where that is more.
std::pair<MatchCount, MatchCount> match_counts(const Xapian::MSet& mset, bool collapsed,
                                               const MatchCounter& counter,
                                               Xapian::doccount checked,
                                               Xapian::doccount doccount,
                                               const QueryDeadline& deadline) {
    const bool all_seen =
        (checked == doccount || counter.versions() < checked) && !deadline.passed();
    MatchCount versions{counter.versions(), all_seen};
    MatchCount articles{counter.articles(), all_seen && counter.every_article()};
    if (!versions.exact) {
        versions.value = std::max(versions.value, collapsed
                                                      ? mset.get_uncollapsed_matches_lower_bound()
                                                      : mset.get_matches_lower_bound());
    }
    if (!articles.exact && collapsed) {
        articles.value = std::max(articles.value, mset.get_matches_lower_bound());
    }
    return {versions, articles};
}

SearchResult run(const Xapian::Database& db, const MatchQuery& match,
                 const SearchRequest& request, const QueryDeadline& deadline) {
    Xapian::Enquire enquire(db);
    enquire.set_query(match.query);
    if (!request.all_versions) enquire.set_collapse_key(schema::slot::kArticle);
    configure_order(enquire, request.order);
    deadline.bound(enquire);
    Xapian::doccount wanted = request.limit == 0 ? db.get_doccount() : request.limit;
    // Xapian's own counts are estimates once the MSet is full (and, with
    // collapsing, even when every match was checked): a spy counts instead
    // every match the matcher checks, which check_at_least makes up to
    // kExactCountBound, or as many as the rows asked for (limit 0: all).
    // Every version sorted by article (the default with all_versions), the
    // matcher keys every match anyway, so there it checks them all.
    const std::uint64_t rows_end = std::uint64_t{request.offset} + wanted;
    const Xapian::doccount checked =
        request.all_versions && request.order == SearchOrder::Article
            ? db.get_doccount()
            : static_cast<Xapian::doccount>(std::min<std::uint64_t>(
                  db.get_doccount(), std::max<std::uint64_t>(kExactCountBound, rows_end)));
    // Articles are counted in one row per article only: a value read for
    // each match.
    MatchCounter counter(request.all_versions ? 0 : checked);
    enquire.add_matchspy(&counter);
    Xapian::MSet mset = enquire.get_mset(request.offset, wanted, checked);

    SearchResult result;
    std::tie(result.versions, result.articles) = match_counts(
        mset, !request.all_versions, counter, checked, db.get_doccount(), deadline);
    // With every matching version in hand, each article's matching
    // revisions are among the rows; otherwise ask per article shown.
    bool rows_hold_all_matches = request.all_versions && request.offset == 0 &&
                                 mset.size() == mset.get_matches_upper_bound();

    std::map<std::string, std::vector<std::uint32_t>> revisions_by_article;
    std::vector<std::string> row_terms;
    const Snippets snippets(mset, match, request.snippet_length, request.highlight_start,
                            request.highlight_end);
    for (Xapian::doccount first = 0; first < mset.size(); first += kRowBatch) {
        deadline.check();
        Xapian::doccount count = std::min(kRowBatch, mset.size() - first);
        for (const RowVersion& read : read_rows(db, mset, first, count)) {
            const schema::VersionRecord& version = read.version;
            SearchRow row;
            row.article_id = version.article.identity;
            row.article_key = schema::digest_hex(read.article);
            std::string term = schema::article_term(row.article_key);
            row.source = version.article.source;
            row.url = version.url;
            row.title = version.title;
            row.revision = version.revision;
            row.revisions = db.get_termfreq(term);
            row.captured_at = version.captured_at;
            row.snippet = snippets.of(version);
            if (rows_hold_all_matches) revisions_by_article[term].push_back(row.revision);
            result.rows.push_back(std::move(row));
            row_terms.push_back(std::move(term));
        }
    }

    for (auto& [term, revisions] : revisions_by_article) {
        std::sort(revisions.begin(), revisions.end());
    }
    std::vector<std::string> unknown;
    for (std::size_t i = 0; i < result.rows.size(); ++i) {
        if (result.rows[i].revisions > 1 && !revisions_by_article.contains(row_terms[i])) {
            unknown.push_back(row_terms[i]);
        }
    }
    std::sort(unknown.begin(), unknown.end());
    unknown.erase(std::unique(unknown.begin(), unknown.end()), unknown.end());
    revisions_by_article.merge(matching_revisions(db, match.query, unknown, deadline));
    for (std::size_t i = 0; i < result.rows.size(); ++i) {
        SearchRow& row = result.rows[i];
        auto known = revisions_by_article.find(row_terms[i]);
        row.matching_revisions =
            known != revisions_by_article.end() ? known->second : std::vector{row.revision};
    }
    return result;
}

}  // namespace

SearchResult search(NewsDatabase& db, const SearchRequest& request) {
    refuse_blank_query(request.text);
    const QueryDeadline deadline(request.time_budget);
    return db.with_retry([&](const Xapian::Database& xapian) {
        return run(xapian, build_match_query(db, request.text, request.filters), request,
                   deadline);
    });
}

Xapian::doccount count_matches(NewsDatabase& db, const SearchRequest& request) {
    refuse_blank_query(request.text);
    const QueryDeadline deadline(request.time_budget);
    return db.with_retry([&](const Xapian::Database& xapian) {
        MatchCounter counter(request.all_versions ? 0 : xapian.get_doccount());
        show_every_match(xapian, db, request, counter, deadline);
        return request.all_versions ? counter.versions() : counter.articles();
    });
}

void show_every_match(const Xapian::Database& xapian, const NewsDatabase& db, const SearchRequest& request,
                      Xapian::MatchSpy& spy, const QueryDeadline& deadline) {
    Xapian::Enquire enquire(xapian);
    enquire.set_query(build_match_query(db, request.text, request.filters).query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.add_matchspy(&spy);
    deadline.bound(enquire);
    // No rows, every match checked and shown to the spy, unless the time
    // limit cut the match short, which check() reports.
    enquire.get_mset(0, 0, xapian.get_doccount());
    deadline.check();
}

}  // namespace newsindex::query
