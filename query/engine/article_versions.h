// One article and its versions, as the revision commands (history, show,
// diff) name them and as timeline walks them. Listing versions reads only
// the article term's postlist and two value slots; stored text is decoded
// only by load_version, for the versions a command actually prints.
#pragma once

#include "query/engine/query_limits.h"
#include "schema/version_record.h"

#include <xapian.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace newsindex::query {

// A version known by its slots alone.
struct VersionRef {
    Xapian::docid docid = 0;
    std::uint32_t revision = 0;
    schema::CaptureTime captured_at = 0;
};

// The article a user means by `name`, as its digest (16 hex digits), tried
// in this order: an article_id as given in the input ("bbc:https://..."),
// an article digest as newsquery prints it, a URL (normalised like the
// indexer does, so http/https and tracking parameters do not matter).
// Throws QueryError(kExitNothingFound) when nothing is called `name`, and
// QueryError(kExitBadQuery) listing the article ids when a URL names
// articles of several sources.
std::string resolve_article(const Xapian::Database& db, const std::string& name);

// The terms that find the versions captured at `url`, a URL normalised as the
// indexer does (schema::normalise_url): its url_term, where the URL is not
// the article's identity, and the article term of each article whose
// identity it is.
std::vector<std::string> url_terms(const Xapian::Database& db, const std::string& url);

// The article digest (16 hex) of a version, from its article slot.
std::string article_digest_hex(const Xapian::Document& version);

// Every version of the article with digest `digest_hex`, in revision order
// (none when it is not 16 hex digits): list_versions of that one article.
std::vector<VersionRef> list_versions(const Xapian::Database& db, const std::string& digest_hex);

// The same for many articles at once (result i for digests[i]): their
// versions' revisions and capture times are read in one pass along the
// timeline value stream, in docid order, rather than one lookup per version.
// `deadline`, when given, is checked at each article (QueryDeadline::check).
std::vector<std::vector<VersionRef>> list_versions(const Xapian::Database& db,
                                                   const std::vector<std::uint64_t>& digests,
                                                   const QueryDeadline* deadline = nullptr);

// The versions captured at or before `as_of` (all when nullopt): the article
// as it stood then. Order is kept.
std::vector<VersionRef> captured_by(std::vector<VersionRef> versions,
                                    std::optional<schema::CaptureTime> as_of);

// The full stored version (text, title, revision state).
schema::VersionRecord load_version(const Xapian::Database& db, Xapian::docid docid);

// Only the stored data (identity, URL, title, summary, text); the revision
// state is left unset. For walking many versions whose slots are known.
schema::VersionRecord load_version_data(const Xapian::Database& db, Xapian::docid docid);

// load_version_data of each of `docids` (duplicates allowed), read in
// document order: through the data table's blocks as they lie, where
// neighbours share a block and a jump about costs a block read each.
std::map<Xapian::docid, schema::VersionRecord> load_versions_data(
    const Xapian::Database& db, std::vector<Xapian::docid> docids);

// The versions of the article named `name` as they stood at `as_of`;
// QueryError(kExitNothingFound) when it had none then.
std::vector<VersionRef> resolve_versions(const Xapian::Database& db, const std::string& name,
                                         std::optional<schema::CaptureTime> as_of);

// The version with revision `revision` among `versions`; throws
// QueryError(kExitBadQuery) naming the revisions there are.
const VersionRef& find_revision(const std::vector<VersionRef>& versions, std::uint32_t revision);

}  // namespace newsindex::query
