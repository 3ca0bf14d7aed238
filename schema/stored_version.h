// How a version lives in a Xapian document: the stored data format and the
// values. Terms are the indexer's business (indexer/document_builder.h); the
// prefixes they use are in terms.h.
//
// Stored document data is a MessagePack map (msgpack-c), keys in order,
// with the field names below. Values that change after a version is written
// (revision, captures, superseded_at, id) live only in value slots, never in
// the data, so updating them never rewrites the text.
#pragma once

#include "schema/version_record.h"

#include <xapian.h>

#include <optional>
#include <string_view>
#include <vector>

namespace newsindex::schema::field {
// Short names: they are repeated in every document's data, which glass
// compresses one document at a time, so a long name costs its length in
// every version.
inline constexpr std::string_view kSource = "s";
// Left out when equal to the article_id (the usual case): see README.md.
inline constexpr std::string_view kArticleIdentity = "k";
inline constexpr std::string_view kArticleId = "i";
inline constexpr std::string_view kUrl = "u";
inline constexpr std::string_view kTitle = "t";
inline constexpr std::string_view kSummary = "m";
inline constexpr std::string_view kText = "x";
inline constexpr std::string_view kAuthor = "a";
inline constexpr std::string_view kLanguage = "l";
inline constexpr std::string_view kSection = "c";
}  // namespace newsindex::schema::field

namespace newsindex::schema {

// Writes the stored data and every value slot of `record` into `doc`.
// Empty optional fields are left out of the data.
void write_stored_version(Xapian::Document& doc, const VersionRecord& record);

// Rewrites the slots that later captures change (first capture, revision,
// superseded_at, captures, id, and the timeline key that repeats them). A
// document obtained from the database and changed only this way is
// rewritten by Xapian without touching its terms or data.
void write_version_state(Xapian::Document& doc, std::uint32_t revision,
                         std::optional<CaptureTime> superseded_at,
                         const std::vector<CaptureStamp>& captures, const VersionId& id);

// Sets slot::kVersionId, for a version written with write_stored_version.
void write_version_id(Xapian::Document& doc, const VersionId& id);

// Everything the document stores, with the revision state from its values.
VersionRecord read_stored_version(const Xapian::Document& doc);

// Only what the stored data holds (identity, URL, title, summary, text,
// author, language, section), reading no value slot: for callers that have
// the slots already, or do not need them, and decode many versions.
VersionRecord read_stored_data(const Xapian::Document& doc);

// Cheap reads of single slots, for code that walks many documents and must
// not decode their data.
std::uint32_t read_revision(const Xapian::Document& doc);
CaptureTime read_captured_at(const Xapian::Document& doc);
std::int64_t read_sequence(const Xapian::Document& doc);    // of the first capture
CaptureTime read_last_seen(const Xapian::Document& doc);
std::vector<CaptureStamp> read_captures(const Xapian::Document& doc);
std::optional<CaptureTime> read_superseded_at(const Xapian::Document& doc);
std::uint64_t read_content_hash(const Xapian::Document& doc);
VersionId read_version_id(const Xapian::Document& doc);

}  // namespace newsindex::schema
