// The history of one article: how new captures merge into the versions the
// database already holds. Pure logic — no Xapian — so that every rule below
// is unit-tested on small hand-built histories.
//
// A version is a stretch of captures with the same text (same content hash):
// it was first seen at (first_seen, sequence) and last seen at last_seen.
// Versions are ordered by (first_seen, sequence); revisions number them 1..n
// in that order, and each version is superseded when the next one appears.
//
// Merging is idempotent: applying captures that were applied before changes
// nothing, so a run killed between two commits is completed by running the
// same command again. The merge also recomputes every revision, so a state
// left stale by anything at all is repaired the next time the article is
// touched.
#pragma once

#include "schema/version_record.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace newsindex::indexer {

using schema::CaptureTime;

// The document number of a version already in the database (Xapian::docid;
// spelled without Xapian to keep this file free of it).
using DocumentNumber = std::uint32_t;

// The capture that created a version: its id (slot::kVersionId). It never
// changes once assigned.
using schema::VersionId;

// Everything about a version that later captures can change.
struct VersionState {
    CaptureTime first_seen = 0;
    std::int64_t sequence = 0;   // tie-break of captures in the same second
    CaptureTime last_seen = 0;
    std::uint32_t revision = 0;
    std::optional<CaptureTime> superseded_at;
    bool operator==(const VersionState&) const = default;
};

// A version the database holds.
struct KnownVersion {
    DocumentNumber document = 0;
    std::uint64_t content_hash = 0;
    VersionState state;
    VersionId id;
};

// One new capture of the article. Its index in the vector passed to
// merge_captures identifies it in the result.
struct ArticleCapture {
    CaptureTime time = 0;
    std::int64_t sequence = 0;
    std::uint64_t content_hash = 0;
};

enum class CaptureOutcome {
    kAdded,      // a new version (a capture inside another version's span also
                 // re-creates the interrupted text after it: see kSplit)
    kSplit,      // a new version that cut an older version's span in two
    kUnchanged,  // same text as the version in force: its seen span grew
    kDuplicate,  // already known: nothing changed
};

// A version the merge creates. Its text is that of a capture of this merge,
// or — for the revert a split creates — that of an existing document.
struct NewVersion {
    std::optional<std::size_t> capture;        // index into the captures
    std::optional<DocumentNumber> copy_of;     // else: the document to copy
    std::uint64_t content_hash = 0;
    VersionState state;
    VersionId id;
};

// An existing version whose state the merge changed.
struct RevisedVersion {
    DocumentNumber document = 0;
    VersionState state;
    bool first_capture_moved = false;  // first_seen/sequence changed too
    bool operator==(const RevisedVersion&) const = default;
};

struct MergeCounts {
    std::uint64_t added = 0;       // captures that became a new version (kAdded, kSplit)
    std::uint64_t unchanged = 0;
    std::uint64_t duplicates = 0;
    MergeCounts& operator+=(const MergeCounts& other);
};

struct HistoryMerge {
    std::vector<NewVersion> added;          // in revision order
    std::vector<RevisedVersion> revised;    // in revision order
    std::vector<CaptureOutcome> outcomes;   // one per capture, as given
    MergeCounts counts;
};

// Merges `captures` into the history `known`. Captures are applied in
// (time, sequence, given) order; for each, with P the version in force at
// (time, sequence) — the last one ordered at or before it — and N the next:
//   same text as P and time <= P.last_seen   -> kDuplicate
//   time < P.last_seen, other text           -> kSplit: P ends at its first
//       capture, the capture becomes a version, and P's text comes back as a
//       new version at P's old last_seen (id: that time, P's sequence)
//   same text as P                           -> kUnchanged, P.last_seen = time
//   same text as N                           -> kUnchanged, N starts here
//   otherwise                                -> kAdded between P and N
//       (a return to an older, non-adjacent text is a new version: a revert)
// Then revisions are renumbered 1..n and superseded_at set from the next
// version's first_seen. A new version whose creating capture gives an id
// that a known or newly added version of the article already has (an id
// names the creating capture, and a late capture can move a version's first
// capture away from it) gets the next free sequence in its id only.
HistoryMerge merge_captures(const std::vector<KnownVersion>& known,
                            const std::vector<ArticleCapture>& captures);

}  // namespace newsindex::indexer
