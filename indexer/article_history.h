// The history of one article: how new captures merge into the versions the
// database already holds. Pure logic — no Xapian — so that every rule below
// is unit-tested on small hand-built histories.
//
// An article's history is a function of the set of its captures alone, not
// of the order they arrived in. Each capture is (time, sequence, content
// hash); ordered by those three (the hash breaks ties between captures of
// different text at the same time and sequence), consecutive captures with
// the same text make one version. Revisions number the versions 1..n in that
// order; each version is superseded when the next one begins. A return to
// an earlier text after another one is a new version (a revert).
//
// A version keeps the list of its captures (slot::kCaptures), so a late
// capture that falls inside a version's stretch splits it exactly where a
// run over every capture in order would have: the part after the capture
// begins at the next capture of that text. Merging captures that were merged
// before changes nothing, in any order, so a killed run is completed, and
// any input fed again is a no-op.
//
// A capture seen again (content hash schema::kSeenAgain: a WARC revisit,
// "seen again, unchanged", without text) is a capture of the text in force
// at its place on the timeline, after the captures with text at the same
// time and sequence; from then on it is kept like any other capture of that
// text. One before every capture with text of its article has nothing to
// extend: it is counted (kUnmatched) and dropped, so it does not wait for a
// later run that brings an earlier version. That, and a late capture that
// lands before it in a later run (the version it was merged into keeps it),
// are the two places where arrival order shows.
#pragma once

#include "schema/version_state.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace newsindex::indexer {

using schema::CaptureTime;

// The document number of a version already in the database.
using schema::DocumentNumber;

// The capture that created a version: its id (slot::kVersionId). It never
// changes once assigned.
using schema::VersionId;

using schema::CaptureStamp;

// Everything about a version that later captures can change.
using schema::VersionState;

// A version the database holds.
struct KnownVersion {
    DocumentNumber document = 0;
    std::uint64_t content_hash = 0;
    VersionState state;
};

// One new capture of the article. Its index in the vector passed to
// merge_captures identifies it in the result. content_hash may be
// schema::kSeenAgain.
struct ArticleCapture {
    CaptureTime time = 0;
    std::int64_t sequence = 0;
    std::uint64_t content_hash = 0;
};

enum class CaptureOutcome {
    kAdded,      // the first capture of a new version (one that falls inside
                 // another version's stretch also makes the rest of that
                 // stretch a new version, with the older text)
    kUnchanged,  // a new capture of a version's text: its stretch grew
    kDuplicate,  // already known (same time, sequence and text): nothing changed
    kUnmatched,  // seen again before any capture with text: nothing to extend
};

// A version the merge creates. Its text is that of a capture of this merge,
// or — for the rest of a version's stretch that a late capture cut off —
// that of an existing document.
struct NewVersion {
    std::optional<std::size_t> capture;        // index into the captures
    std::optional<DocumentNumber> copy_of;     // else: the document to copy
    std::uint64_t content_hash = 0;
    VersionState state;
};

// An existing version whose state the merge changed.
using schema::RevisedVersion;

struct MergeCounts {
    std::uint64_t added = 0;       // captures that began a new version (kAdded)
    std::uint64_t unchanged = 0;
    std::uint64_t duplicates = 0;
    std::uint64_t unmatched = 0;   // captures seen again with no version to extend
    MergeCounts& operator+=(const MergeCounts& other);
};

struct HistoryMerge {
    std::vector<NewVersion> added;          // in revision order
    std::vector<RevisedVersion> revised;    // in revision order
    std::vector<CaptureOutcome> outcomes;   // one per capture, as given
    MergeCounts counts;
};

// Merges `captures` into the history `known`: the versions of the union of
// their captures, as described at the top of this file. Each known document
// stays the version that holds its first capture; a stretch that holds no
// known document's first capture is a new version, made from its first
// capture if that is one of `captures`, else copying the document whose
// capture it is. Version ids are each version's first capture, its sequence
// moved on past the ids of the versions before it in the article.
HistoryMerge merge_captures(const std::vector<KnownVersion>& known,
                            const std::vector<ArticleCapture>& captures);

}  // namespace newsindex::indexer
