// The version record: one captured version of one news article, as the
// indexer stores it and the query tool reads it back.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsindex::schema {

// Seconds since the Unix epoch, UTC. Everything inside the project keeps
// time this way; ISO 8601 appears only at the edges (input and output).
using CaptureTime = std::int64_t;

// The identity of an article: which outlet, and what identifies the article
// there. `identity` is the record's article_id where the input gives one,
// otherwise the normalised URL (see schema/url.h).
struct ArticleKey {
    std::string source;
    std::string identity;

    // 64-bit digest of (source, identity): the collapse key and the article
    // term. Stable across runs and machines (XXH3-64 of "source\x1Fidentity").
    std::uint64_t digest() const;
    // The digest as users see it (schema::digest_hex).
    std::string digest_hex() const;
};

// An article digest as 16 lower-case hex digits: how users see it, and how
// article_term (terms.h) spells it.
std::string digest_hex(std::uint64_t digest);

// One capture of a version's text: its time and its tie-break sequence.
// Captures of an article are ordered by (time, sequence, content hash).
struct CaptureStamp {
    CaptureTime time = 0;
    std::int64_t sequence = 0;
    auto operator<=>(const CaptureStamp&) const = default;
};

struct VersionRecord {
    ArticleKey article;
    std::string article_id;   // as given in the input ("" when absent)
    std::string url;          // as captured (not normalised)
    CaptureTime captured_at = 0;
    // Tie-break between captures of one article with the same capture time:
    // the input's `version` field where given, else 0.
    std::int64_t sequence = 0;
    std::string title;
    std::string summary;      // teaser or standfirst
    std::string text;         // body
    std::string author;       // byline
    std::string language;     // ISO 639-1 code, "" when unknown
    std::string section;
    std::optional<CaptureTime> published;

    // Assigned by the indexer, read back by the query tool.
    std::uint32_t revision = 0;         // 1, 2, 3 ... in capture order
    CaptureTime last_seen = 0;          // last capture with this same text
    // Every capture of this text in this version's stretch, in order (the
    // first is (captured_at, sequence), the last at last_seen). Empty in a
    // record read from the input: one capture, (captured_at, sequence).
    std::vector<CaptureStamp> captures;
    std::optional<CaptureTime> superseded_at;  // capture time of the next revision
    std::uint64_t content_hash = 0;     // see content_hash() below; kSeenAgain

    // A capture that saw the article again, unchanged, without its text (a
    // WARC revisit record): it extends the version in force at its time.
    bool seen_again() const;
};

// The content hash of a capture that carries no text: "seen again,
// unchanged". It joins the version in force at its (time, sequence) as a
// capture of that version's text, so it extends last_seen and never makes
// a version; one earlier than every version of its article has nothing to
// extend and is counted, not kept (indexer/article_history.h).
// content_hash() never returns it.
inline constexpr std::uint64_t kSeenAgain = 0;

// A version's id: its first capture's time and sequence (the sequence moved
// on past the ids of earlier versions of the article at that same time and
// sequence, which differ in text). Like every revision state it is computed
// from the article's whole set of captures (indexer/article_history.h), so it
// does not depend on the order captures arrived in; a late capture of the
// same text earlier than the version's first changes it. Stored in
// slot::kVersionId.
struct VersionId {
    CaptureTime created_at = 0;
    std::int64_t sequence = 0;
    bool operator==(const VersionId&) const = default;
};

// A version's id as users see it: the article digest (16 hex), "@", the
// creating capture's time in decimal seconds, ".", its sequence.
std::string version_id_text(std::string_view article_digest_hex, const VersionId& id);

// Digest of the version's text: title, summary and body with whitespace
// runs collapsed to one space and trimmed, joined with U+001F. Two captures
// with equal digests are the same version text. Never kSeenAgain.
std::uint64_t content_hash(const std::string& title, const std::string& summary,
                           const std::string& text);

// The whitespace normalisation content_hash uses, exposed for tests and for
// anyone that must agree with it.
std::string normalise_whitespace(const std::string& s);

}  // namespace newsindex::schema
