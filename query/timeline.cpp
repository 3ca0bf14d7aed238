#include "query/timeline.h"

#include "query/article_versions.h"
#include "query/sentence_match.h"
#include "schema/slot_stream.h"
#include "schema/terms.h"
#include "schema/values.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
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
MatchedVersions matching_versions(const Xapian::Database& db, const Xapian::Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
    std::vector<Xapian::docid> docids(mset.begin(), mset.end());
    // BoolWeight ranks every match equal, which Xapian returns in docid
    // order, the order the value stream is read in.
    if (!std::is_sorted(docids.begin(), docids.end())) std::sort(docids.begin(), docids.end());

    struct Keyed {
        std::uint64_t article;
        MatchedRevision version;
    };
    std::vector<Keyed> keyed;
    keyed.reserve(docids.size());
    schema::SlotStream timeline(db, schema::slot::kTimeline);
    for (Xapian::docid docid : docids) {
        schema::TimelineKey key = schema::decode_timeline_key(timeline.at(docid));
        keyed.push_back({key.article,
                         {key.revision, key.captured_at, key.superseded_at.value_or(kNever), docid}});
    }
    std::sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) {
        return a.article != b.article ? a.article < b.article
                                      : a.version.revision < b.version.revision;
    });

    MatchedVersions out;
    out.versions.reserve(keyed.size());
    for (const Keyed& k : keyed) {
        if (out.articles.empty() || out.articles.back().digest != k.article) {
            out.articles.push_back({k.article, out.versions.size(), out.versions.size()});
        }
        out.versions.push_back(k.version);
        ++out.articles.back().end;
    }
    return out;
}

bool inside_window(const Filters& filters, schema::CaptureTime t) {
    return (!filters.since || t >= *filters.since) && (!filters.until || t <= *filters.until);
}

// An article in the answer, before anything is read for its output.
struct Candidate {
    std::uint64_t digest = 0;
    ArticleEvents derived;
};

// The article's events under the request's rules, without text; nullopt
// when the article is not part of the answer.
std::optional<Candidate> article_events(std::uint64_t digest,
                                        std::span<const MatchedRevision> matched,
                                        const TimelineRequest& request) {
    const Filters& filters = request.filters;
    ArticleEvents derived = derive_events(matched, filters.as_of.value_or(kNever));
    if (derived.events.empty()) return std::nullopt;
    if (filters.first_only && !derived.events.front().from_first_capture) return std::nullopt;
    if (filters.latest_only && !derived.present_in_latest) return std::nullopt;

    std::erase_if(derived.events, [&](const TimelineEvent& e) {
        return (!request.births && e.from_first_capture) || !inside_window(filters, e.captured_at);
    });
    if (derived.events.empty()) return std::nullopt;
    if (request.only &&
        std::none_of(derived.events.begin(), derived.events.end(), [&](const TimelineEvent& e) {
            return e.type == *request.only && !e.from_first_capture;
        })) {
        return std::nullopt;
    }
    return Candidate{digest, std::move(derived)};
}

std::string version_id(const Xapian::Database& db, Xapian::docid docid) {
    const std::string prefix(schema::prefix::kVersionId);
    auto term = db.termlist_begin(docid);
    term.skip_to(prefix);
    if (term == db.termlist_end(docid) || !(*term).starts_with(prefix)) return {};
    return (*term).substr(prefix.size());
}

// An article on the page, in full: its versions as of the request (for the
// revision count and each vanishing's version), the latest's title and URL,
// and each event's sentence.
ArticleTimeline complete(const Xapian::Database& db, const SentenceFinder& finder,
                         Candidate candidate, std::vector<VersionRef> all_versions,
                         const TimelineRequest& request) {
    std::vector<VersionRef> versions = captured_by(std::move(all_versions), request.filters.as_of);
    if (versions.empty()) {
        throw QueryError(fmt::format("newsquery: article {:016x} has a matching version but no "
                                     "versions; the database is damaged (rebuild it with "
                                     "newsindex)",
                                     candidate.digest),
                         kExitSoftware);
    }
    ArticleTimeline timeline;
    timeline.digest = fmt::format("{:016x}", candidate.digest);
    timeline.revisions = static_cast<std::uint32_t>(versions.size());
    timeline.present_in_latest = candidate.derived.present_in_latest;
    timeline.events = std::move(candidate.derived.events);

    std::map<Xapian::docid, schema::VersionRecord> loaded;
    auto version = [&](Xapian::docid docid) -> const schema::VersionRecord& {
        auto it = loaded.find(docid);
        if (it == loaded.end()) it = loaded.emplace(docid, load_version_data(db, docid)).first;
        return it->second;
    };
    const schema::VersionRecord& latest = version(versions.back().docid);
    timeline.article_id = latest.article.identity;
    timeline.source = latest.article.source;
    timeline.url = latest.url;
    timeline.title = latest.title;
    // A match that vanishes in the revision after it appeared quotes the
    // same version twice.
    std::map<Xapian::docid, std::string> sentences;
    for (TimelineEvent& event : timeline.events) {
        if (event.docid == 0) event.docid = find_revision(versions, event.revision).docid;
        auto it = sentences.find(event.sentence_docid);
        if (it == sentences.end()) {
            Xapian::docid docid = event.sentence_docid;
            it = sentences.emplace(docid, finder.find(version(docid), db, docid)).first;
        }
        event.sentence = it->second;
        if (request.version_ids) event.version_id = version_id(db, event.docid);
    }
    return timeline;
}

}  // namespace

TimelinePage build_timeline(NewsDatabase& db, const TimelineRequest& request) {
    MatchQuery match = build_match_query(db, request.query, matching_filters(request.filters));
    SentenceFinder finder(match.text, match.stemmer);
    return db.with_retry([&](const Xapian::Database& xapian) {
        MatchedVersions matched = matching_versions(xapian, match.query);
        std::vector<Candidate> candidates;
        for (const MatchedVersions::Article& article : matched.articles) {
            if (auto candidate = article_events(article.digest, matched.of(article), request)) {
                candidates.push_back(std::move(*candidate));
            }
        }
        std::size_t first = std::min(request.offset, candidates.size());
        std::size_t last = request.limit == 0 ? candidates.size()
                                              : std::min(candidates.size(), first + request.limit);
        // Only the page needs its order.
        std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(last),
                          candidates.end(), [](const Candidate& a, const Candidate& b) {
                              const auto ta = a.derived.events.front().captured_at;
                              const auto tb = b.derived.events.front().captured_at;
                              return ta != tb ? ta < tb : a.digest < b.digest;
                          });

        TimelinePage page;
        page.total = candidates.size();
        std::vector<std::uint64_t> digests;
        for (std::size_t i = first; i < last; ++i) digests.push_back(candidates[i].digest);
        std::vector<std::vector<VersionRef>> versions = list_versions(xapian, digests);
        for (std::size_t i = first; i < last; ++i) {
            page.articles.push_back(complete(xapian, finder, std::move(candidates[i]),
                                             std::move(versions[i - first]), request));
        }
        return page;
    });
}

}  // namespace newsindex::query
