// The events of one article's timeline, derived from which of its versions
// match a query. Pure: no database, so the rules are tested on their own.
#pragma once

#include "schema/version_record.h"

#include <xapian.h>

#include <cstdint>
#include <string>
#include <vector>

namespace newsindex::query {

// One version of an article, in revision order, and whether it matches.
struct RevisionMatch {
    std::uint32_t revision = 0;
    schema::CaptureTime captured_at = 0;
    bool matches = false;
    Xapian::docid docid = 0;
};

enum class EventType { Appeared, Vanished };

std::string_view event_type_name(EventType type);  // "appeared", "vanished"

struct TimelineEvent {
    EventType type = EventType::Appeared;
    std::uint32_t revision = 0;           // the revision the change is seen in
    schema::CaptureTime captured_at = 0;  // ... and its capture time
    bool from_first_capture = false;      // appeared in the article's first revision
    Xapian::docid docid = 0;              // the event's version
    // The version whose sentence shows the match: the event's own for an
    // appearance, the one before for a vanishing (the match is gone from
    // the event's own version).
    Xapian::docid sentence_docid = 0;
    std::string sentence;  // filled in by the caller
    // The event's version's id (schema::version_id_term without its
    // prefix): stable even when late captures renumber revisions. Filled in
    // by the caller when asked for.
    std::string version_id;
};

struct ArticleEvents {
    std::vector<TimelineEvent> events;
    bool present_in_latest = false;  // the last version given matches
};

// Walks `versions` (revision order, the article as it stands): appeared at
// a matching version that is the first or follows a non-matching one;
// vanished at a non-matching version that follows a matching one.
ArticleEvents derive_events(const std::vector<RevisionMatch>& versions);

}  // namespace newsindex::query
