#include "indexer/version_plan.h"

#include "schema/stored_version.h"
#include "schema/terms.h"

#include <fmt/format.h>

#include <unordered_map>

namespace newsindex::indexer {

namespace {

// The database's versions of one article, read from value slots only.
std::vector<KnownVersion> known_versions(const Xapian::Database& db,
                                         const std::string& article_term) {
    std::vector<KnownVersion> known;
    for (auto it = db.postlist_begin(article_term); it != db.postlist_end(article_term); ++it) {
        Xapian::Document doc = db.get_document(*it, Xapian::DOC_ASSUME_VALID);
        KnownVersion version;
        version.document = *it;
        version.content_hash = schema::read_content_hash(doc);
        version.state.first_seen = schema::read_captured_at(doc);
        version.state.sequence = schema::read_sequence(doc);
        version.state.last_seen = schema::read_last_seen(doc);
        version.state.revision = schema::read_revision(doc);
        version.state.superseded_at = schema::read_superseded_at(doc);
        known.push_back(version);
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
    VersionPlan plan;
    plan.articles.reserve(groups.starts.size() - 1);
    std::vector<ArticleCapture> article_captures;
    for (std::size_t g = 0; g + 1 < groups.starts.size(); ++g) {
        const std::size_t* first = groups.order.data() + groups.starts[g];
        const std::size_t count = groups.starts[g + 1] - groups.starts[g];
        article_captures.clear();
        for (std::size_t k = 0; k < count; ++k) {
            const CaptureKey& key = captures[first[k]];
            article_captures.push_back({key.time, key.sequence, key.content_hash});
        }

        std::string digest_hex = fmt::format("{:016x}", captures[first[0]].article);
        std::vector<KnownVersion> known;
        VersionIdInUse id_in_use;
        if (!empty) {
            known = known_versions(db, schema::bounded_term(schema::prefix::kArticle, digest_hex));
            if (!known.empty()) {
                id_in_use = [&](const VersionId& id) {
                    return db.term_exists(
                        schema::version_id_term(digest_hex, id.created_at, id.sequence));
                };
            }
        }
        HistoryMerge merge = merge_captures(known, article_captures, id_in_use);

        PlannedArticle article;
        article.captures = count;
        article.first_added = plan.added.size();
        for (const NewVersion& version : merge.added) {
            std::optional<std::size_t> capture;
            if (version.capture) capture = first[*version.capture];
            plan.added.push_back(
                {capture, version.copy_of, version.content_hash, version.state, version.id});
        }
        article.end_added = plan.added.size();
        article.first_revised = plan.revised.size();
        plan.revised.insert(plan.revised.end(), merge.revised.begin(), merge.revised.end());
        article.end_revised = plan.revised.size();
        plan.articles.push_back(article);
        plan.counts += merge.counts;
    }
    return plan;
}

schema::VersionRecord planned_record(const PlannedVersion& version, schema::VersionRecord text) {
    text.captured_at = version.state.first_seen;
    text.sequence = version.state.sequence;
    text.last_seen = version.state.last_seen;
    text.revision = version.state.revision;
    text.superseded_at = version.state.superseded_at;
    text.content_hash = version.content_hash;
    return text;
}

}  // namespace newsindex::indexer
