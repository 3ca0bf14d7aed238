// The change streams as Atom 1.0 feeds (RFC 4287), for feed readers and
// alerting: one entry per change.
//
// Feed: id urn:newsindex:changes:<16 hex of the query, sources, article and
// part>, the same for every run of one question, so readers keep their
// state; a self link (the URL the feed is published at, --feed-url, else
// the feed's id); title; updated = the newest entry's time (else the
// window's end, else its start); author and generator.
// A query's entry (atom_feed): id urn:newsindex:change:<feed hex>:<type>:
// <version id> — stable even when a late capture renumbers revisions;
// title ("Appeared in: TITLE" / "Vanished from: TITLE"); updated = the
// capture time; link to the article URL; summary = the sentence.
// A revision's entry (revision_atom_feed): id urn:newsindex:revision:<version
// id>; title saying what changed ("Headline changed: NEW TITLE", "Summary
// changed: TITLE", "Text changed: TITLE"); a category per part changed;
// content (type html) = the change itself: the old and new title, and each
// changed sentence of the summary and the text, removed words in <del>,
// added ones in <ins>. All text is XML-escaped, invalid UTF-8 is repaired
// and the control characters XML 1.0 forbids are dropped.
#pragma once

#include "query/engine/changes.h"
#include "query/engine/revision_feed.h"

#include <string>
#include <vector>

namespace newsindex::query {

struct FeedDescription {
    std::string query;
    std::vector<std::string> sources;
    schema::CaptureTime since = 0;
    std::optional<schema::CaptureTime> until;
    std::string article;  // --article, as given
    std::string what;     // --what: title, summary or text
    std::string self;     // --feed-url: where the feed is published
};

std::string atom_feed(const FeedDescription& feed, const std::vector<ChangeEvent>& changes);
std::string revision_atom_feed(const FeedDescription& feed, const RevisionFeed& revisions);

// `text` made safe for XML 1.0 character data and attribute values.
std::string xml_text(std::string_view text);

}  // namespace newsindex::query
