// Step B2 of a bulk load (doc/storage.md, 3.5): the next generation made by
// Xapian's compaction of the database as it is and the load's new parts,
// and where compaction puts the documents it merged.
#pragma once

#include "storage/database_directory.h"

#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <vector>

namespace newsindex::storage {

// Compacts (Compactor::FULL) the database of `directory`, shard by shard,
// then `parts` (glass databases, in order) into directory.next_generation(),
// which it returns: complete, committed, not yet published. Removes the
// parts. The compaction stops at a signal between two tables, and after it
// comes the load's last safe point (interruption_point "compaction").
// Throws Xapian::Error, std::filesystem::filesystem_error, Interrupted.
std::filesystem::path compact_generation(const DatabaseDirectory& directory,
                                         const std::vector<std::filesystem::path>& parts);

// Document numbers of `shards` read as one database (schema/shard_numbering.h)
// mapped to the numbers compact_generation gave them: compaction numbers each
// source's documents on from the last of the source before (from 1 for the
// first), so shard s's document d becomes d - (its lowest document number -
// 1) + the documents of the shards before it. Documents are never deleted,
// so each shard's numbers run without gaps.
class CompactedNumbering {
  public:
    explicit CompactedNumbering(const std::vector<Xapian::Database>& shards);
    Xapian::docid operator()(Xapian::docid whole) const;

  private:
    std::vector<std::int64_t> shift_;  // per shard
};

}  // namespace newsindex::storage
