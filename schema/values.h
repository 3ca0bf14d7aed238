// Every Xapian value slot the index uses. No other directory spells one.
#pragma once

#include "schema/version_record.h"

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace newsindex::schema::slot {

// sortable_serialise(double seconds since epoch): when this version was
// first captured. Range filters (date:, --since, --until, --as-of) use it.
inline constexpr Xapian::valueno kCapturedAt = 0;
// sortable_serialise(revision number), 1-based, in capture order.
inline constexpr Xapian::valueno kRevision = 1;
// Article digest, 8 bytes big-endian: the collapse key.
inline constexpr Xapian::valueno kArticle = 2;
// sortable_serialise(capture time of the next revision), or of +infinity for
// the latest revision. A version is current at T iff
// captured_at <= T < superseded_at; --latest is "superseded_at = +inf".
inline constexpr Xapian::valueno kSupersededAt = 3;
// Slot 4 (last_seen until schema 7) is no longer written: the last of
// kCaptures.
// Content digest, 8 bytes big-endian (see content_hash()).
inline constexpr Xapian::valueno kContentHash = 5;
// Slot 6 (the first capture's sequence until schema 7) is no longer
// written: the first of kCaptures.
// sortable_serialise(seconds): publication time where the input gave one.
inline constexpr Xapian::valueno kPublished = 7;
// The four values a timeline reads of every matching version, in one slot
// (encode_timeline_key): article, revision, captured_at, superseded_at.
// Derived from those slots and rewritten whenever one of them changes. A
// common word matches versions all over the database, and reading one value
// stream there costs a quarter of reading four.
inline constexpr Xapian::valueno kTimeline = 8;
// The version's id (encode_version_id): its first capture, made unique
// within the article (version_record.h). Rewritten with the revision state.
inline constexpr Xapian::valueno kVersionId = 9;
// Every capture of the version's text in its stretch (encode_captures): what
// the indexer merges late captures with, so that a history does not depend
// on the order its captures arrived in. Its first and last are the version's
// first capture (sequence included) and last_seen.
inline constexpr Xapian::valueno kCaptures = 10;

}  // namespace newsindex::schema::slot

namespace newsindex::schema {

// What slot::kTimeline holds.
struct TimelineKey {
    std::uint64_t article = 0;
    std::uint32_t revision = 0;
    std::int64_t captured_at = 0;
    std::optional<std::int64_t> superseded_at;  // nullopt for the latest revision
    bool operator==(const TimelineKey&) const = default;
};

// The article digest (8 bytes, big-endian), then three unsigned LEB128
// varints: the revision; captured_at in seconds, zigzag-mapped; and 0 for the
// latest revision, else 1 + superseded_at - captured_at, zigzag-mapped. About
// 16 bytes for a revision of today: the whole slot is read along its value
// stream for a common word, so its size is the timeline's I/O.
std::string encode_timeline_key(const TimelineKey& key);
// Throws SchemaError unless `bytes` is one whole key.
TimelineKey decode_timeline_key(const std::string& bytes);
// 12 bytes that sort versions by article digest, then revision (both
// big-endian): the order of newsquery search --sort article.
std::string article_order_key(const TimelineKey& key);

// What slot::kVersionId holds: two unsigned LEB128 varints, created_at and
// sequence, each zigzag-mapped (about 6 bytes).
std::string encode_version_id(const VersionId& id);
// Throws SchemaError unless `bytes` is one whole id.
VersionId decode_version_id(const std::string& bytes);

// What slot::kCaptures holds: entries of three unsigned LEB128 varints, gap,
// zigzag(sequence) and count: `count` captures with that sequence, the first
// `gap` seconds after the capture before it and each next one `gap` later.
// The first entry's gap is its zigzag-mapped time, and its count 1. A
// scraper's regular captures of an unchanged text take one entry.
std::string encode_captures(const std::vector<CaptureStamp>& captures);
// Throws SchemaError unless `bytes` is a whole list of at least one capture,
// in strictly increasing order, of at most kMaxCapturesPerVersion.
std::vector<CaptureStamp> decode_captures(const std::string& bytes);
// The first and the last capture alone, without building the list.
CaptureStamp first_capture(const std::string& bytes);
CaptureStamp last_capture(const std::string& bytes);
inline constexpr std::uint64_t kMaxCapturesPerVersion = 10'000'000;

// Fixed-width big-endian encoding used by the digest slots.
std::string encode_digest(std::uint64_t digest);
std::uint64_t decode_digest(const std::string& bytes);

// sortable_serialise of a time; +infinity for "never".
std::string encode_time(double seconds);
std::string encode_never();
double decode_number(const std::string& bytes);

}  // namespace newsindex::schema
