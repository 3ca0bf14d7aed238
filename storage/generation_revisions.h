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
// before the older versions' new state, unless they look: the recent shard
// also keeps the generation's revision before the last batch that revised
// it (schema::kMetaGenerationBase), and half_committed() tells a reader
// holding a generation behind its recent shard (database_reader.h) and the
// next writer alike.
#pragma once

#include "schema/version_state.h"
#include "storage/database_state.h"

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

namespace newsindex::storage {

using schema::RevisedVersion;

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

// Step P3 of a batch (doc/storage.md, 3.3): records in `recent`, before its
// commit, the batch's revisions of versions of `generation` (none: the
// record is cleared) and, if there are any, the generation's revision
// before them as its base.
void record_generation_revisions(Xapian::WritableDatabase& recent,
                                 const Xapian::Database& generation,
                                 const std::vector<RevisedVersion>& versions);

// The generation revision `recent` was last written ahead of: the base of
// its record or of the last batch that revised the generation, whichever is
// later; nullopt if none.
std::optional<Xapian::rev> generation_base(const Xapian::Database& recent);

// Whether `recent` holds a batch whose revisions of `generation`, as this
// handle reads it, are not there (database_state.h: HalfCommitted): the
// batch was committed to the recent shard but not (yet, or in the revision
// this handle holds) to the generation. nullopt when the two are one state.
// A reader opens both again; a writer completes the batch.
std::optional<HalfCommitted> half_committed(const Xapian::Database& generation,
                                            const Xapian::Database& recent);

// Clears both records from a new generation (step B3), which compaction
// copied from the recent shard it merged.
void forget_generation_revisions(Xapian::WritableDatabase& generation);

// If `recent` records revisions for `generation` at its current revision
// (half_committed), applies and commits them. Returns whether it did.
bool complete_generation_revisions(Xapian::WritableDatabase& generation,
                                   const Xapian::Database& recent);

}  // namespace newsindex::storage
