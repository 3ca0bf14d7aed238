// A captured version written back as the input newsindex reads: one record
// of the JSON Lines format of corpus/README.md per capture, so that indexing
// what newsquery export writes rebuilds the same versions, revisions,
// captures and version ids.
//
// A record, its fields in this order:
//   source       the outlet key
//   url          the URL as captured (left out where the version has none)
//   article_id   as the input gave it (left out where it gave none: the
//                article is then its normalised URL, as before)
//   version      the capture's sequence, which orders captures of one second
//   timestamp    the capture's time, ISO 8601 UTC ("2016-02-02T16:00:00Z")
//   title, summary, text   always, "" when empty
//   author, language, section, published   where the version has them;
//                published as ISO 8601 UTC
// Text is written as stored, every control character escaped (json_line.h).
#pragma once

#include "schema/version_record.h"

#include <string>

namespace newsindex::query {

// The record of `capture`, one of `version.captures`, as one line ending in
// "\n". Throws QueryError(kExitSoftware) for a capture whose sequence is
// negative, which the input format cannot hold (its `version` is >= 0).
std::string corpus_record_line(const schema::VersionRecord& version,
                               const schema::CaptureStamp& capture);

}  // namespace newsindex::query
