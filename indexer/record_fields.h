// What a capture record must hold, and how its fields become a
// VersionRecord: the field rules of the JSON Lines format (corpus/README.md)
// and the article identity every input kind shares.
#pragma once

#include "schema/version_record.h"

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>
#include <string_view>

namespace newsindex::indexer {

// A record that cannot be used; what() is the reason shown to the user
// ("missing field source", "field title is a number, expected a string").
// Caught inside the input layer and turned into a Rejection.
class BadRecord : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Parses one JSON Lines record and converts it. Throws BadRecord for
// invalid JSON ("invalid JSON: syntax error at byte 17 (...)", "invalid
// UTF-8 in string"), a line that is not an object, a missing or mistyped
// known field, a NUL character in a field, an unparseable timestamp or an
// empty document. Unknown fields are ignored; null counts as absent. The
// result is complete (see complete_record).
schema::VersionRecord record_from_json(std::string_view line);

// Checks and finishes a record whose fields are filled in: rejects an empty
// document (title, summary and text all blank) and a record without
// article_id and URL; sets the article identity ({source, article_id} when
// article_id is non-empty, else {source, normalise_url(url)}) and
// content_hash. Throws BadRecord.
void complete_record(schema::VersionRecord& record);

// Finishes a "seen again, unchanged" capture (schema::kSeenAgain): source,
// url or article_id, captured_at and sequence filled in, no text. Sets the
// article identity as complete_record does. Throws BadRecord.
void complete_seen_again(schema::VersionRecord& record);

// `value` in double quotes for a message, JSON-escaped and cut to a
// readable length.
std::string quoted_for_message(std::string_view value);

// ASCII letters lower-cased, surrounding whitespace removed: how source and
// language codes are compared.
std::string lower_trimmed(std::string_view value);

}  // namespace newsindex::indexer
