// What a set of captures does to the database, decided before anything is
// written: for each article, the versions to add (with their final
// revision state) and the existing versions whose state changes.
//
// Planning reads only article terms and value slots of the database (through
// merge_captures, article_history.h), never stored text, so it is cheap
// next to building documents; the captures' text is fetched only when the
// plan is carried out (IndexWriter::write_batch, or a bulk load). Because
// every capture of an article is merged at once, the plan's revision
// numbers are exact however the captures are spread over the input.
#pragma once

#include "indexer/article_history.h"
#include "indexer/capture_log.h"

#include <xapian.h>

#include <cstddef>
#include <optional>
#include <vector>

namespace newsindex::indexer {

// A version the plan adds: its text is that of a capture, or of an
// existing document (the revert a split creates).
struct PlannedVersion {
    std::optional<std::size_t> capture;      // index into the planned captures
    std::optional<DocumentNumber> copy_of;   // else: the document whose text it repeats
    std::uint64_t content_hash = 0;
    VersionState state;                      // final
    VersionId id;
};

// One article's share of the plan: ranges of added and revised.
struct PlannedArticle {
    std::size_t first_added = 0, end_added = 0;
    std::size_t first_revised = 0, end_revised = 0;
    std::size_t captures = 0;  // captures of the run that were merged
};

struct VersionPlan {
    std::vector<PlannedVersion> added;      // article by article, in revision order
    std::vector<RevisedVersion> revised;    // article by article
    std::vector<PlannedArticle> articles;   // in order of first appearance in the captures
    MergeCounts counts;
};

// Plans `captures` against `db`. Articles are taken in order of their first
// capture, so the same captures always give the same plan (and documents
// are added in the same order). Throws Xapian::Error.
VersionPlan plan_versions(const Xapian::Database& db, const std::vector<CaptureKey>& captures);

// The record a planned version is built from: `text` — the record of its
// capture, or the stored version of the document it copies — with the
// plan's revision state.
schema::VersionRecord planned_record(const PlannedVersion& version, schema::VersionRecord text);

}  // namespace newsindex::indexer
