// Revisions a run makes to versions of the generation while it adds to the
// generation's recent shard (database_directory.h), and how they survive a
// run killed between the two shards' commits.
//
// New versions go to the recent shard; a later capture also changes value
// slots of versions the generation holds (revision, superseded_at,
// last_seen). Xapian commits one database at a time, so a batch commits
// the recent shard first, recording in it (metadata kMetaGenerationRevisions)
// the generation's revision and every change the batch made to it, and
// then the generation. A run killed in between leaves the record with the
// generation still at that revision: the next writer applies the record
// and commits the generation before it does anything else
// (complete_generation_revisions). Readers see the new versions a moment
// before the older versions' new state.
#pragma once

#include "indexer/article_history.h"

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

namespace newsindex::indexer {

struct GenerationRevisions {
    Xapian::rev base = 0;                  // the generation's last commit before them
    std::vector<RevisedVersion> versions;  // document numbers of the generation
    bool operator==(const GenerationRevisions&) const = default;
};

// The metadata value, and back. decode() throws Xapian::DatabaseCorruptError
// on a value encode() did not write.
std::string encode(const GenerationRevisions& revisions);
GenerationRevisions decode_generation_revisions(const std::string& value);

// Writes `version`'s state into the value slots of `document` of `db`:
// value slots only, so Xapian rewrites neither terms nor data.
void revise(Xapian::WritableDatabase& db, Xapian::docid document, const RevisedVersion& version);

// If `recent` records revisions for `generation` at its current revision,
// applies and commits them. Returns whether it did.
bool complete_generation_revisions(Xapian::WritableDatabase& generation,
                                   const Xapian::Database& recent);

}  // namespace newsindex::indexer
