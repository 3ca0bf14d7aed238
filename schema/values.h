// Every Xapian value slot the index uses. No other directory spells one.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>

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
// sortable_serialise(seconds): the last capture that saw this same text.
inline constexpr Xapian::valueno kLastSeen = 4;
// Content digest, 8 bytes big-endian (see content_hash()).
inline constexpr Xapian::valueno kContentHash = 5;
// sortable_serialise(sequence): tie-break between captures at the same time.
inline constexpr Xapian::valueno kSequence = 6;
// sortable_serialise(seconds): publication time where the input gave one.
inline constexpr Xapian::valueno kPublished = 7;

}  // namespace newsindex::schema::slot

namespace newsindex::schema {

// Fixed-width big-endian encoding used by the digest slots.
std::string encode_digest(std::uint64_t digest);
std::uint64_t decode_digest(const std::string& bytes);

// sortable_serialise of a time; +infinity for "never".
std::string encode_time(double seconds);
std::string encode_never();
double decode_number(const std::string& bytes);

}  // namespace newsindex::schema
