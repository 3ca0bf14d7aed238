// The events of one article's timeline, derived from its versions that
// match a query. Pure: no database, so the rules are tested on their own.
//
// Only the matching versions are needed: each one's revision, capture time
// and the time it was superseded (the next revision's capture time) tell
// where the match starts and stops, so a timeline over the whole database
// reads value streams of the matching documents and nothing per article.
#pragma once

#include "schema/version_record.h"

#include <xapian.h>

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace newsindex::query {

// "Not superseded": the article's latest revision.
inline constexpr schema::CaptureTime kNever = std::numeric_limits<schema::CaptureTime>::max();

// One matching version of an article.
struct MatchedRevision {
    std::uint32_t revision = 0;
    schema::CaptureTime captured_at = 0;
    schema::CaptureTime superseded_at = kNever;  // capture time of revision + 1
    Xapian::docid docid = 0;
};

enum class EventType { Appeared, Vanished };

std::string_view event_type_name(EventType type);  // "appeared", "vanished"

struct TimelineEvent {
    EventType type = EventType::Appeared;
    std::uint32_t revision = 0;           // the revision the change is seen in
    schema::CaptureTime captured_at = 0;  // ... and its capture time
    bool from_first_capture = false;      // appeared in the article's first revision
    // The event's version; 0 for a vanishing until the caller looks it up
    // (it is the revision after a matching one, which does not match).
    Xapian::docid docid = 0;
    // The version whose sentence shows the match: the event's own for an
    // appearance, the one before for a vanishing (the match is gone from
    // the event's own version).
    Xapian::docid sentence_docid = 0;
    std::string sentence;  // filled in by the caller
    // The event's version's id (schema::version_id_text): stable even when
    // late captures renumber revisions. Filled in by the caller when asked
    // for.
    std::string version_id;
};

struct ArticleEvents {
    std::vector<TimelineEvent> events;
    bool present_in_latest = false;  // the latest revision (as of) matches
};

// From an article's matching versions in revision order, as the article
// stood at `as_of` (kNever: as it stands): appeared at a matching revision
// that is the first or follows one that does not match; vanished at the
// revision after a matching one when that revision exists by `as_of` and
// does not match. Versions captured after `as_of` are ignored.
ArticleEvents derive_events(std::span<const MatchedRevision> matched,
                            schema::CaptureTime as_of = kNever);

// The same into `out`, replacing what it held but keeping its storage: a
// timeline derives the events of every matching article to decide which
// are in the answer, and one buffer serves them all.
void derive_events(std::span<const MatchedRevision> matched, schema::CaptureTime as_of,
                   ArticleEvents& out);

}  // namespace newsindex::query
