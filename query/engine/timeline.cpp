#include "query/engine/timeline.h"

#include "query/engine/article_versions.h"
#include "query/matching_keys.h"
#include "query/text/query_syntax.h"
#include "query/text/sentence_match.h"
#include "schema/stored_version.h"
#include "schema/values.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <map>
#include <numeric>
#include <span>

namespace newsindex::query {

namespace {

// Matching is on text and article-level filters only; time is applied
// per article below, where the versions before and after are known.
Filters matching_filters(const Filters& filters) {
    Filters matching;
    matching.sources = filters.sources;
    matching.stem = filters.stem;
    matching.language = filters.language;
    return matching;
}

// Every matching version, grouped by article (articles in digest order),
// each group in revision order: one flat array, so a query matching most of
// the database costs one sort and no allocation per article.
struct MatchedVersions {
    struct Article {
        std::uint64_t digest = 0;
        std::size_t first = 0, end = 0;  // its versions in `versions`
    };
    std::vector<MatchedRevision> versions;
    std::vector<Article> articles;

    std::span<const MatchedRevision> of(const Article& article) const {
        return std::span(versions).subspan(article.first, article.end - article.first);
    }
};

// Reads the postlists of the query and the timeline value stream at the
// matching documents, nothing else.
//
// The grouping is a bucket sort: article digests are hashes, spread evenly
// over 64 bits, so one counting pass on their top bits leaves a few versions
// in each bucket, and only the buckets are sorted. std::sort over a common
// word's tens of thousands of matches, whose comparisons the CPU cannot
// predict, took a sixth of a timeline.
MatchedVersions matching_versions(const Xapian::Database& db, const Xapian::Query& query,
                                  const QueryDeadline& deadline) {
    const std::vector<MatchingKey> matches =
        matching_keys(db, query, db.get_doccount(), deadline);
    const int bits = std::clamp(static_cast<int>(std::bit_width(matches.size())) - 2, 1, 18);
    auto bucket = [bits](std::uint64_t article) { return article >> (64 - bits); };
    std::vector<std::uint32_t> starts((std::size_t{1} << bits) + 1, 0);
    for (const MatchingKey& match : matches) ++starts[bucket(match.key.article) + 1];
    std::partial_sum(starts.begin(), starts.end(), starts.begin());

    struct Keyed {
        std::uint64_t article;
        MatchedRevision version;
    };
    std::vector<Keyed> sorted(matches.size());
    std::vector<std::uint32_t> next(starts.begin(), starts.end() - 1);
    for (const auto& [docid, key] : matches) {
        MatchedRevision version{key.revision, key.captured_at, key.superseded_at.value_or(kNever),
                                docid};
        sorted[next[bucket(key.article)]++] = {key.article, version};
    }
    for (std::size_t b = 0; b + 1 < starts.size(); ++b) {
        std::sort(sorted.begin() + static_cast<std::ptrdiff_t>(starts[b]),
                  sorted.begin() + static_cast<std::ptrdiff_t>(starts[b + 1]),
                  [](const Keyed& x, const Keyed& y) {
                      return x.article != y.article ? x.article < y.article
                                                    : x.version.revision < y.version.revision;
                  });
    }

    MatchedVersions out;
    out.versions.reserve(sorted.size());
    for (const auto& [article, version] : sorted) {
        if (out.articles.empty() || out.articles.back().digest != article) {
            out.articles.push_back({article, out.versions.size(), out.versions.size()});
        }
        out.versions.push_back(version);
        ++out.articles.back().end;
    }
    return out;
}

bool inside_window(const Filters& filters, schema::CaptureTime t) {
    return (!filters.since || t >= *filters.since) && (!filters.until || t <= *filters.until);
}

// An article in the answer, before anything is read for its output: where
// its versions are in the MatchedVersions, and the capture time of its first
// kept event, by which the answer is ordered.
struct Candidate {
    std::uint64_t digest = 0;
    schema::CaptureTime first_event = 0;
    std::size_t article = 0;  // index in MatchedVersions::articles
};

// Derives the article's events into `derived` and keeps those the
// request's rules keep; false when the article is not part of the answer.
bool kept_events(std::span<const MatchedRevision> matched, const TimelineRequest& request,
                 ArticleEvents& derived) {
    const Filters& filters = request.filters;
    derive_events(matched, filters.as_of.value_or(kNever), derived);
    if (derived.events.empty()) return false;
    if (filters.first_only && !derived.events.front().from_first_capture) return false;
    if (filters.latest_only && !derived.present_in_latest) return false;

    // --only keeps the changes of its kind after the first revision, as
    // changes does.
    std::erase_if(derived.events, [&](const TimelineEvent& e) {
        return (!request.births && e.from_first_capture) ||
               !inside_window(filters, e.captured_at) ||
               (request.only && (e.type != *request.only || e.from_first_capture));
    });
    return !derived.events.empty();
}

std::string version_id(const Xapian::Database& db, std::string_view digest_hex,
                       Xapian::docid docid) {
    return schema::version_id_text(
        digest_hex,
        schema::read_version_id(db.get_document(docid, Xapian::DOC_ASSUME_VALID)));
}

// An article on the page before any text is read: its versions as of the
// request (for the revision count and each vanishing's version), its
// events, each naming the version it happened in and the one its sentence
// is quoted from, and its latest version.
struct PageArticle {
    ArticleTimeline timeline;
    Xapian::docid latest = 0;
};

PageArticle page_article(std::uint64_t digest, ArticleEvents derived,
                         std::vector<VersionRef> all_versions, const TimelineRequest& request) {
    std::vector<VersionRef> versions = captured_by(std::move(all_versions), request.filters.as_of);
    if (versions.empty()) {
        throw QueryError(fmt::format("newsquery: article {} has a matching version but no "
                                     "versions; the database is damaged (rebuild it with "
                                     "newsindex)",
                                     schema::digest_hex(digest)),
                         kExitSoftware);
    }
    PageArticle article;
    ArticleTimeline& timeline = article.timeline;
    timeline.digest = schema::digest_hex(digest);
    timeline.revisions = static_cast<std::uint32_t>(versions.size());
    timeline.present_in_latest = derived.present_in_latest;
    timeline.events = std::move(derived.events);
    for (TimelineEvent& event : timeline.events) {
        if (event.docid == 0) event.docid = find_revision(versions, event.revision).docid;
    }
    article.latest = versions.back().docid;
    return article;
}

// The article in full, from the texts of its versions in `texts`: the
// latest's identity, URL and title, and each event's sentence.
void complete(const Xapian::Database& db, const QuerySentences& finder,
              const std::map<Xapian::docid, schema::VersionRecord>& texts,
              const TimelineRequest& request, PageArticle& article) {
    ArticleTimeline& timeline = article.timeline;
    const schema::VersionRecord& latest = texts.at(article.latest);
    timeline.article_id = latest.article.identity;
    timeline.source = latest.article.source;
    timeline.url = latest.url;
    timeline.title = latest.title;
    // A match that vanishes in the revision after it appeared quotes the
    // same version twice.
    std::map<Xapian::docid, std::string> sentences;
    for (TimelineEvent& event : timeline.events) {
        auto it = sentences.find(event.sentence_docid);
        if (it == sentences.end()) {
            Xapian::docid docid = event.sentence_docid;
            it = sentences.emplace(docid, finder.find(texts.at(docid), db)).first;
        }
        event.sentence = it->second;
        if (request.version_ids) event.version_id = version_id(db, timeline.digest, event.docid);
    }
}

// How many articles of a page are completed together: their versions' texts
// are read in one pass in document order (load_versions_data), and a page of
// every matching article holds the texts of one batch, not of all.
constexpr std::size_t kArticleBatch = 256;

}  // namespace

TimelinePage build_timeline(NewsDatabase& db, const TimelineRequest& request) {
    const QueryDeadline deadline(request.time_budget);
    refuse_blank_query(request.query);
    check_time_window(request.filters.since, request.filters.until);
    return db.with_retry([&](const Xapian::Database& xapian) {
        // Parsing reads the database (synonyms, wildcards, spellings): a
        // commit under it is retried like the match.
        MatchQuery match = build_match_query(db, request.query, matching_filters(request.filters));
        QuerySentences finder(match);
        MatchedVersions matched = matching_versions(xapian, match.query, deadline);
        std::vector<Candidate> candidates;
        ArticleEvents derived;
        for (std::size_t i = 0; i < matched.articles.size(); ++i) {
            deadline.check();
            const MatchedVersions::Article& article = matched.articles[i];
            if (kept_events(matched.of(article), request, derived)) {
                candidates.push_back({article.digest, derived.events.front().captured_at, i});
            }
        }
        std::size_t first = std::min(request.offset, candidates.size());
        std::size_t last = request.limit == 0 ? candidates.size()
                                              : std::min(candidates.size(), first + request.limit);
        // Only the page needs its order.
        std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(last),
                          candidates.end(), [](const Candidate& a, const Candidate& b) {
                              return a.first_event != b.first_event ? a.first_event < b.first_event
                                                                    : a.digest < b.digest;
                          });

        TimelinePage page;
        page.total = candidates.size();
        std::vector<std::uint64_t> digests;
        for (std::size_t i = first; i < last; ++i) digests.push_back(candidates[i].digest);
        std::vector<std::vector<VersionRef>> versions = list_versions(xapian, digests, &deadline);
        for (std::size_t batch = first; batch < last; batch += kArticleBatch) {
            std::vector<PageArticle> articles;
            std::vector<Xapian::docid> wanted;
            for (std::size_t i = batch; i < std::min(last, batch + kArticleBatch); ++i) {
                deadline.check();
                // The page's articles only: their events derived again, to keep.
                ArticleEvents events;
                kept_events(matched.of(matched.articles[candidates[i].article]), request, events);
                articles.push_back(page_article(candidates[i].digest, std::move(events),
                                                std::move(versions[i - first]), request));
                wanted.push_back(articles.back().latest);
                for (const TimelineEvent& event : articles.back().timeline.events) {
                    wanted.push_back(event.sentence_docid);
                }
            }
            auto texts = load_versions_data(xapian, std::move(wanted));
            for (PageArticle& article : articles) {
                deadline.check();
                complete(xapian, finder, texts, request, article);
                page.articles.push_back(std::move(article.timeline));
            }
        }
        return page;
    });
}

}  // namespace newsindex::query
