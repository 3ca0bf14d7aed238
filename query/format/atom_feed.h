// The change stream as an Atom 1.0 feed (RFC 4287), for feed readers and
// alerting: one entry per change.
//
// Feed: id urn:newsindex:changes:<16 hex of the query and sources>, the same
// for every run of one query, so readers keep their state; title; updated =
// the newest entry's time (else the window's end, else its start); author
// and generator. Entry: id urn:newsindex:change:<query hex>:<type>:<version
// id> — stable even when a late capture renumbers revisions; title
// ("Appeared in: TITLE" / "Vanished from: TITLE"); updated = the capture
// time; link to the article URL; summary = the sentence. All text is
// XML-escaped, invalid UTF-8 is repaired and the control characters XML 1.0
// forbids are dropped.
#pragma once

#include "query/engine/changes.h"

#include <string>
#include <vector>

namespace newsindex::query {

struct FeedDescription {
    std::string query;
    std::vector<std::string> sources;
    schema::CaptureTime since = 0;
    std::optional<schema::CaptureTime> until;
};

std::string atom_feed(const FeedDescription& feed, const std::vector<ChangeEvent>& changes);

// `text` made safe for XML 1.0 character data and attribute values.
std::string xml_text(std::string_view text);

}  // namespace newsindex::query
