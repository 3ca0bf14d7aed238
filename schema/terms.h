// Every Xapian term prefix the index uses. No other directory spells one.
#pragma once

#include <string>
#include <string_view>

namespace newsindex::schema::prefix {

// Free-text (positional) fields. Summary and body are indexed without a
// prefix, the title only under kTitle: a search for plain words must look in
// both (QueryParser::add_prefix("", "") and add_prefix("", kTitle)), `title:`
// in kTitle alone. Stemmed forms get Xapian's "Z" convention on top.
inline constexpr std::string_view kTitle = "S";
inline constexpr std::string_view kAuthor = "A";

// Boolean (filter) terms.
inline constexpr std::string_view kVersionId = "Q";    // unique id of a version
inline constexpr std::string_view kArticle = "XA";     // article digest, 16 hex
inline constexpr std::string_view kArticleId = "XI";   // digest of article_id as given
inline constexpr std::string_view kUrl = "XU";         // digest of the normalised URL
inline constexpr std::string_view kSource = "XS";      // outlet key, lower case
inline constexpr std::string_view kHost = "H";         // URL host, lower case
inline constexpr std::string_view kLanguage = "L";     // ISO 639-1 code

}  // namespace newsindex::schema::prefix

namespace newsindex::schema {

// Xapian refuses terms longer than 245 bytes. A prefix+value that would be
// longer keeps its first bytes and ends in "#" + 16 hex digits of the XXH3-64
// digest of the whole value, so long URLs and ids are hashed, never rejected,
// and equal values always give equal terms.
inline constexpr std::size_t kMaxTermBytes = 240;
std::string bounded_term(std::string_view prefix, std::string_view value);

// The unique id term of a version: prefix::kVersionId + article digest (16
// hex) + "@" + the capture time (decimal seconds) + "." + sequence of the
// capture that created the version. It never changes once assigned, even if
// the version's revision number does when a late capture arrives.
// The lookup terms of an article's id and URL: the prefix and 16 hex digits
// of the XXH3-64 digest of the value. They only answer "which versions have
// this id / URL?"; the values themselves are in the stored data, so a term
// of fixed size keeps long URLs (one term per article, on every version)
// from weighing on the postlist and termlist tables.
std::string article_id_term(std::string_view article_id);
std::string url_term(std::string_view normalised_url);

// The term every version of an article carries: the prefix and the
// article digest as 16 hex digits (ArticleKey::digest_hex).
std::string article_term(std::string_view article_digest_hex);

std::string version_id_term(const std::string& article_digest_hex,
                            long long created_at, long long sequence);

}  // namespace newsindex::schema
