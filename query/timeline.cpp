#include "query/timeline.h"

#include "query/article_versions.h"
#include "query/sentence_match.h"
#include "schema/terms.h"
#include "schema/values.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

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

using MatchedVersions = std::unordered_map<std::uint64_t, std::vector<Xapian::docid>>;

// The matching versions grouped by article, each group in docid order.
// Reads the postlists of the query and the article slot, nothing else.
MatchedVersions matching_versions(const Xapian::Database& db, const Xapian::Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
    std::vector<Xapian::docid> docids;
    docids.reserve(mset.size());
    for (auto it = mset.begin(); it != mset.end(); ++it) docids.push_back(*it);
    std::sort(docids.begin(), docids.end());

    MatchedVersions grouped;
    Xapian::ValueIterator article = db.valuestream_begin(schema::slot::kArticle);
    for (Xapian::docid docid : docids) {
        article.skip_to(docid);
        if (article == db.valuestream_end(schema::slot::kArticle)) break;
        if (article.get_docid() != docid) continue;
        grouped[schema::decode_digest(*article)].push_back(docid);
    }
    return grouped;
}

bool inside_window(const Filters& filters, schema::CaptureTime t) {
    return (!filters.since || t >= *filters.since) && (!filters.until || t <= *filters.until);
}

// The article's events under the request's rules, without text; nullopt
// when the article is not part of the answer.
std::optional<ArticleTimeline> article_events(std::uint64_t digest,
                                              std::vector<VersionRef> all_versions,
                                              const std::vector<Xapian::docid>& matched,
                                              const TimelineRequest& request,
                                              Xapian::docid& latest_docid) {
    const Filters& filters = request.filters;
    std::vector<VersionRef> versions = captured_by(std::move(all_versions), filters.as_of);
    if (versions.empty()) return std::nullopt;

    std::vector<RevisionMatch> marks;
    marks.reserve(versions.size());
    for (const VersionRef& v : versions) {
        bool matches = std::binary_search(matched.begin(), matched.end(), v.docid);
        marks.push_back({v.revision, v.captured_at, matches, v.docid});
    }
    if (filters.first_only && !marks.front().matches) return std::nullopt;
    ArticleEvents derived = derive_events(marks);
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

    ArticleTimeline timeline;
    timeline.digest = fmt::format("{:016x}", digest);
    timeline.revisions = static_cast<std::uint32_t>(versions.size());
    timeline.present_in_latest = derived.present_in_latest;
    timeline.events = std::move(derived.events);
    latest_docid = versions.back().docid;
    return timeline;
}

// Decodes the versions the output shows: the latest (for the article's
// title and URL) and each event's sentence version.
std::string version_id(const Xapian::Database& db, Xapian::docid docid) {
    const std::string prefix(schema::prefix::kVersionId);
    auto term = db.termlist_begin(docid);
    term.skip_to(prefix);
    if (term == db.termlist_end(docid) || !(*term).starts_with(prefix)) return {};
    return (*term).substr(prefix.size());
}

void add_text(const Xapian::Database& db, const SentenceFinder& finder, ArticleTimeline& timeline,
              Xapian::docid latest_docid, bool version_ids) {
    std::map<Xapian::docid, schema::VersionRecord> loaded;
    auto version = [&](Xapian::docid docid) -> const schema::VersionRecord& {
        auto it = loaded.find(docid);
        if (it == loaded.end()) it = loaded.emplace(docid, load_version_data(db, docid)).first;
        return it->second;
    };
    const schema::VersionRecord& latest = version(latest_docid);
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
            it = sentences.emplace(event.sentence_docid, finder.find(version(event.sentence_docid)))
                     .first;
        }
        event.sentence = it->second;
        if (version_ids) event.version_id = version_id(db, event.docid);
    }
}

}  // namespace

std::vector<ArticleTimeline> build_timeline(NewsDatabase& db, const TimelineRequest& request) {
    MatchQuery match = build_match_query(db, request.query, matching_filters(request.filters));
    SentenceFinder finder(match.text, match.stemmer);
    return db.with_retry([&](const Xapian::Database& xapian) {
        MatchedVersions matched = matching_versions(xapian, match.query);
        std::vector<std::uint64_t> digests;
        digests.reserve(matched.size());
        for (const auto& entry : matched) digests.push_back(entry.first);
        std::vector<std::vector<VersionRef>> versions = list_versions(xapian, digests);

        std::vector<ArticleTimeline> out;
        for (std::size_t i = 0; i < digests.size(); ++i) {
            Xapian::docid latest_docid = 0;
            auto timeline = article_events(digests[i], std::move(versions[i]), matched[digests[i]],
                                           request, latest_docid);
            if (!timeline) continue;
            add_text(xapian, finder, *timeline, latest_docid, request.version_ids);
            out.push_back(std::move(*timeline));
        }
        std::sort(out.begin(), out.end(), [](const ArticleTimeline& a, const ArticleTimeline& b) {
            const auto ta = a.events.front().captured_at, tb = b.events.front().captured_at;
            if (ta != tb) return ta < tb;
            return std::tie(a.article_id, a.digest) < std::tie(b.article_id, b.digest);
        });
        return out;
    });
}

}  // namespace newsindex::query
