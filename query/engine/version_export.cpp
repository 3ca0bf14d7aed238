#include "query/engine/version_export.h"

#include "query/engine/article_versions.h"
#include "query/matching_keys.h"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>
#include <vector>

namespace newsindex::query {

namespace {

// A matching version, as the match found it: what to sort by and to load.
struct MatchingVersion {
    std::uint64_t article = 0;
    std::uint32_t revision = 0;
    Xapian::docid docid = 0;
    auto operator<=>(const MatchingVersion&) const = default;
};

// Every version matching `request`, by article, then revision.
std::vector<MatchingVersion> matching_versions(NewsDatabase& db, const ExportRequest& request) {
    const QueryDeadline deadline(request.time_budget);
    return db.with_retry([&](const Xapian::Database& xapian) {
        const Xapian::Query query = build_match_query(db, request.text, request.filters).query;
        std::vector<MatchingVersion> versions;
        for (const MatchingKey& m :
             matching_keys(xapian, query, xapian.get_doccount(), deadline)) {
            versions.push_back({m.key.article, m.key.revision, m.docid});
        }
        std::sort(versions.begin(), versions.end());
        return versions;
    });
}

// The captures of `version` to write: those made by `as_of`, or all.
std::vector<schema::CaptureStamp> captures_by(const schema::VersionRecord& version,
                                              std::optional<schema::CaptureTime> as_of) {
    std::vector<schema::CaptureStamp> captures = version.captures;
    if (as_of) {
        std::erase_if(captures,
                      [&](const schema::CaptureStamp& c) { return c.time > *as_of; });
    }
    return captures;
}

// The error for a database that newsindex changed past reading (committed
// to more than once, or replaced by a bulk load) while the export read it,
// after `records` records were written: retrying from where it stopped
// could not promise the same database throughout, so it says to run again.
QueryError changed_under_export(std::size_t records) {
    return QueryError(fmt::format("newsquery: the database changed under the export (newsindex "
                                  "wrote to it meanwhile) after {} records; run the export again",
                                  records),
                      kExitSoftware);
}

}  // namespace

ExportCount export_versions(
    NewsDatabase& db, const ExportRequest& request,
    const std::function<void(const schema::VersionRecord& version,
                             const schema::CaptureStamp& capture)>& write) {
    const std::vector<MatchingVersion> matching = matching_versions(db, request);
    ExportCount count;
    std::vector<schema::VersionRecord> article;
    for (auto first = matching.begin(); first != matching.end();) {
        auto end = std::find_if(first, matching.end(), [&](const MatchingVersion& v) {
            return v.article != first->article;
        });
        // Read the whole article before writing any of it, so that a
        // database replaced meanwhile fails between articles.
        article.clear();
        try {
            for (auto v = first; v != end; ++v) {
                article.push_back(load_version(db.xapian(), v->docid));
            }
        } catch (const Xapian::DatabaseModifiedError&) {
            throw changed_under_export(count.captures);
        } catch (const Xapian::DatabaseOpeningError&) {  // a shard gone: a bulk load
            throw changed_under_export(count.captures);
        }
        for (const schema::VersionRecord& version : article) {
            for (const schema::CaptureStamp& capture :
                 captures_by(version, request.filters.as_of)) {
                write(version, capture);
                ++count.captures;
            }
        }
        ++count.articles;
        count.versions += article.size();
        first = end;
    }
    return count;
}

}  // namespace newsindex::query
