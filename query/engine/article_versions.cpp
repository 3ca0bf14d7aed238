#include "query/engine/article_versions.h"

#include "query/database.h"
#include "query/format/output.h"
#include "schema/slot_stream.h"
#include "schema/stored_version.h"
#include "schema/terms.h"
#include "schema/url.h"
#include "schema/values.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <set>

namespace newsindex::query {

namespace {

bool is_digest_hex(const std::string& name) {
    return name.size() == 16 && std::all_of(name.begin(), name.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

// The digests of the articles that have a version indexed under `term`.
std::set<std::string> articles_under(const Xapian::Database& db, const std::string& term) {
    std::set<std::string> digests;
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
        digests.insert(article_digest_hex(db.get_document(*it, Xapian::DOC_ASSUME_VALID)));
    }
    return digests;
}

// The sources the database holds, as their versions store them (the digest
// of an article is taken over the stored source; a source term may be a
// bounded, hashed one).
std::vector<std::string> sources(const Xapian::Database& db) {
    std::vector<std::string> found;
    const std::string prefix(schema::prefix::kSource);
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
        auto first = db.postlist_begin(*it);
        if (first == db.postlist_end(*it)) continue;
        found.push_back(schema::read_stored_data(db.get_document(*first, Xapian::DOC_ASSUME_VALID))
                            .article.source);
    }
    return found;
}

// The digests of the articles whose identity is `identity`, in any source:
// an article_id, or the normalised URL of an article without one.
std::set<std::string> articles_named(const Xapian::Database& db, const std::string& identity) {
    std::set<std::string> digests;
    if (identity.empty()) return digests;
    for (std::string& source : sources(db)) {
        std::string digest = schema::ArticleKey{std::move(source), identity}.digest_hex();
        if (db.term_exists(schema::article_term(digest))) digests.insert(std::move(digest));
    }
    return digests;
}

// The article_id of each article, for the ambiguity message.
std::string list_article_ids(const Xapian::Database& db, const std::set<std::string>& digests) {
    std::vector<std::string> ids;
    for (const std::string& digest : digests) {
        std::string term = schema::article_term(digest);
        schema::VersionRecord version = load_version(db, *db.postlist_begin(term));
        ids.push_back(version.article.identity);
    }
    return fmt::format("{}", fmt::join(ids, ", "));
}

}  // namespace

std::string article_digest_hex(const Xapian::Document& version) {
    return schema::digest_hex(schema::decode_digest(version.get_value(schema::slot::kArticle)));
}

std::vector<std::string> url_terms(const Xapian::Database& db, const std::string& url) {
    std::vector<std::string> terms{schema::url_term(url)};
    for (const std::string& digest : articles_named(db, url)) {
        terms.push_back(schema::article_term(digest));
    }
    return terms;
}

std::string resolve_article(const Xapian::Database& db, const std::string& name) {
    std::set<std::string> found = articles_named(db, name);
    if (found.empty() && is_digest_hex(name) && db.term_exists(schema::article_term(name))) {
        return name;
    }
    if (found.empty()) {
        std::string url = schema::normalise_url(name);
        found = articles_under(db, schema::url_term(url));
        found.merge(articles_named(db, url));
        if (found.size() > 1) {
            throw QueryError(
                fmt::format("newsquery: {} is the URL of {} articles ({}); name one by its "
                            "article id",
                            name, found.size(), list_article_ids(db, found)),
                kExitBadQuery);
        }
    }
    if (found.empty()) {
        throw QueryError(fmt::format("newsquery: no article with id, digest or URL {}", name),
                         kExitNothingFound);
    }
    return *found.begin();
}

std::vector<VersionRef> list_versions(const Xapian::Database& db, const std::string& digest_hex) {
    std::uint64_t digest = 0;
    auto [end, error] =
        std::from_chars(digest_hex.data(), digest_hex.data() + digest_hex.size(), digest, 16);
    if (error != std::errc() || end != digest_hex.data() + digest_hex.size()) return {};
    return list_versions(db, std::vector{digest}).front();
}

std::vector<std::vector<VersionRef>> list_versions(const Xapian::Database& db,
                                                   const std::vector<std::uint64_t>& digests,
                                                   const QueryDeadline* deadline) {
    // (docid, article index) of every version of every article.
    std::vector<std::pair<Xapian::docid, std::size_t>> all;
    for (std::size_t i = 0; i < digests.size(); ++i) {
        if (deadline) deadline->check();
        std::string term = schema::article_term(schema::digest_hex(digests[i]));
        for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
            all.emplace_back(*it, i);
        }
    }
    std::sort(all.begin(), all.end());
    std::vector<std::vector<VersionRef>> out(digests.size());
    schema::SlotStream timeline(db, schema::slot::kTimeline);
    for (const auto& [docid, i] : all) {
        schema::TimelineKey key = schema::decode_timeline_key(timeline.at(docid));
        out[i].push_back({docid, key.revision, key.captured_at});
    }
    for (auto& versions : out) {
        std::sort(versions.begin(), versions.end(),
                  [](const VersionRef& a, const VersionRef& b) { return a.revision < b.revision; });
    }
    return out;
}

std::vector<VersionRef> captured_by(std::vector<VersionRef> versions,
                                    std::optional<schema::CaptureTime> as_of) {
    if (as_of) {
        std::erase_if(versions, [&](const VersionRef& v) { return v.captured_at > *as_of; });
    }
    return versions;
}

schema::VersionRecord load_version(const Xapian::Database& db, Xapian::docid docid) {
    return schema::read_stored_version(db.get_document(docid));
}

schema::VersionRecord load_version_data(const Xapian::Database& db, Xapian::docid docid) {
    return schema::read_stored_data(db.get_document(docid, Xapian::DOC_ASSUME_VALID));
}

std::map<Xapian::docid, schema::VersionRecord> load_versions_data(
    const Xapian::Database& db, std::vector<Xapian::docid> docids) {
    std::sort(docids.begin(), docids.end());
    std::map<Xapian::docid, schema::VersionRecord> out;
    for (Xapian::docid docid : docids) {
        if (out.empty() || out.rbegin()->first != docid) {
            out.emplace_hint(out.end(), docid, load_version_data(db, docid));
        }
    }
    return out;
}

std::vector<VersionRef> resolve_versions(const Xapian::Database& db, const std::string& name,
                                         std::optional<schema::CaptureTime> as_of) {
    std::vector<VersionRef> versions =
        captured_by(list_versions(db, resolve_article(db, name)), as_of);
    if (versions.empty()) {
        throw QueryError(
            fmt::format("newsquery: {} had no version captured by {}", name, iso_time(*as_of)),
            kExitNothingFound);
    }
    return versions;
}

const VersionRef& find_revision(const std::vector<VersionRef>& versions, std::uint32_t revision) {
    for (const VersionRef& v : versions) {
        if (v.revision == revision) return v;
    }
    throw QueryError(fmt::format("newsquery: no revision {}: the article has revisions 1 to {}",
                                 revision, versions.empty() ? 0 : versions.back().revision),
                     kExitBadQuery);
}

}  // namespace newsindex::query
