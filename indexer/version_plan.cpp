#include "indexer/version_plan.h"

#include "schema/slot_stream.h"
#include "schema/stored_version.h"
#include "schema/terms.h"
#include "schema/values.h"

#include <algorithm>
#include <iterator>
#include <unordered_map>
#include <utility>

namespace newsindex::indexer {

namespace {

// The database's versions of each article (result g for article_terms[g]).
// Their slots are read along four value streams in docid order: a lookup
// per value would seek a stream anew for each of the six values of every
// version, and in the cron case planning would cost as much as writing.
std::vector<std::vector<KnownVersion>> known_versions(
    const Xapian::Database& db, const std::vector<std::string>& article_terms) {
    std::vector<std::pair<Xapian::docid, std::size_t>> versions;
    for (std::size_t g = 0; g < article_terms.size(); ++g) {
        const std::string& term = article_terms[g];
        for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
            versions.emplace_back(*it, g);
        }
    }
    std::sort(versions.begin(), versions.end());
    std::vector<std::vector<KnownVersion>> known(article_terms.size());
    schema::SlotStream timeline(db, schema::slot::kTimeline);
    schema::SlotStream content_hash(db, schema::slot::kContentHash);
    schema::SlotStream captures(db, schema::slot::kCaptures);
    schema::SlotStream version_id(db, schema::slot::kVersionId);
    for (const auto& [docid, g] : versions) {
        schema::TimelineKey key = schema::decode_timeline_key(timeline.at(docid));
        KnownVersion version;
        version.document = docid;
        version.content_hash = schema::decode_digest(content_hash.at(docid));
        version.state.captures = schema::decode_captures(captures.at(docid));
        version.state.first_seen = key.captured_at;
        version.state.sequence = version.state.captures.front().sequence;
        version.state.last_seen = version.state.captures.back().time;
        version.state.revision = key.revision;
        version.state.superseded_at = key.superseded_at;
        version.state.id = schema::decode_version_id(version_id.at(docid));
        known[g].push_back(version);
    }
    return known;
}

// Capture indexes grouped by article, articles in order of first capture,
// captures of an article in input order: `order` holds the groups back to
// back, group g being [starts[g], starts[g + 1]).
struct ArticleGroups {
    std::vector<std::size_t> order;
    std::vector<std::size_t> starts;
};

ArticleGroups group_by_article(const std::vector<CaptureKey>& captures) {
    std::unordered_map<std::uint64_t, std::size_t> group_of;
    group_of.reserve(captures.size());
    std::vector<std::size_t> group(captures.size());
    std::vector<std::size_t> sizes;
    for (std::size_t i = 0; i < captures.size(); ++i) {
        auto [it, inserted] = group_of.emplace(captures[i].article, sizes.size());
        if (inserted) sizes.push_back(0);
        group[i] = it->second;
        ++sizes[it->second];
    }
    ArticleGroups groups;
    groups.starts.resize(sizes.size() + 1, 0);
    for (std::size_t g = 0; g < sizes.size(); ++g) groups.starts[g + 1] = groups.starts[g] + sizes[g];
    std::vector<std::size_t> next(groups.starts.begin(), groups.starts.end() - 1);
    groups.order.resize(captures.size());
    for (std::size_t i = 0; i < captures.size(); ++i) groups.order[next[group[i]]++] = i;
    return groups;
}

}  // namespace

VersionPlan plan_versions(const Xapian::Database& db, const std::vector<CaptureKey>& captures) {
    // A database without documents has nothing to look up: a bulk load into
    // a new database plans without touching it.
    const bool empty = db.get_doccount() == 0;
    ArticleGroups groups = group_by_article(captures);
    const std::size_t articles = groups.starts.size() - 1;
    std::vector<std::vector<KnownVersion>> known(articles);
    if (!empty) {
        std::vector<std::string> article_terms;
        article_terms.reserve(articles);
        for (std::size_t g = 0; g < articles; ++g) {
            const CaptureKey& first = captures[groups.order[groups.starts[g]]];
            article_terms.push_back(schema::article_term(schema::digest_hex(first.article)));
        }
        known = known_versions(db, article_terms);
    }
    VersionPlan plan;
    std::vector<ArticleCapture> article_captures;
    for (std::size_t g = 0; g < articles; ++g) {
        const std::size_t* first = groups.order.data() + groups.starts[g];
        const std::size_t count = groups.starts[g + 1] - groups.starts[g];
        article_captures.clear();
        for (std::size_t k = 0; k < count; ++k) {
            const CaptureKey& key = captures[first[k]];
            article_captures.push_back({key.time, key.sequence, key.content_hash});
        }

        HistoryMerge merge = merge_captures(known[g], article_captures);

        for (NewVersion& version : merge.added) {
            if (version.capture) version.capture = first[*version.capture];
            plan.added.push_back(std::move(version));
        }
        plan.revised.insert(plan.revised.end(), std::make_move_iterator(merge.revised.begin()),
                            std::make_move_iterator(merge.revised.end()));
        plan.counts += merge.counts;
    }
    return plan;
}

schema::VersionRecord planned_record(const NewVersion& version, schema::VersionRecord text) {
    text.captured_at = version.state.first_seen;
    text.sequence = version.state.sequence;
    text.last_seen = version.state.last_seen;
    text.captures = version.state.captures;
    text.revision = version.state.revision;
    text.superseded_at = version.state.superseded_at;
    text.content_hash = version.content_hash;
    return text;
}

}  // namespace newsindex::indexer
