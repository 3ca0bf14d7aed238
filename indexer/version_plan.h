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
#include <vector>

namespace newsindex::indexer {

// The merges of every article of the captures, back to back. An added
// version's `capture` indexes the planned captures (not the article's).
struct VersionPlan {
    std::vector<NewVersion> added;          // article by article, in revision order
    std::vector<RevisedVersion> revised;    // article by article
    MergeCounts counts;
};

// Plans `captures` against `db`. Articles are taken in order of their first
// capture, so the same captures always give the same plan (and documents
// are added in the same order). Throws Xapian::Error.
VersionPlan plan_versions(const Xapian::Database& db, const std::vector<CaptureKey>& captures);

// The record a planned version is built from: `text` — the record of its
// capture, or the stored version of the document it copies — with the
// plan's revision state.
schema::VersionRecord planned_record(const NewVersion& version, schema::VersionRecord text);

}  // namespace newsindex::indexer
