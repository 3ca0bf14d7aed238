// Loading many new versions at once: instead of adding documents one by one
// to a database that grows (Xapian's cost per added document grows with
// it), the plan's new versions are written into fresh sub-databases of
// bounded size, one per thread at a time, and merged together with the
// existing database by Xapian::Database::compact into the database's next
// generation, which the writer then adopts (IndexWriter::adopt: revisions
// of existing versions applied, published atomically, see
// database_directory.h).
//
// All or nothing: until the new generation is published the database is
// exactly as before the run (readers see it unchanged), and a run killed at
// any moment leaves only files the next writer removes. Running the same
// command again redoes the load. The writer's lock is held throughout.
//
// When: a run goes through a bulk load when it adds at least
// kBulkMinimumVersions versions and at least kBulkShareOfDatabase times as
// many as the database holds (use_bulk_load). Below that, adding to the
// database in place (IndexWriter::write_batch) costs less than rewriting it.
#pragma once

#include "indexer/capture_log.h"
#include "indexer/index_writer.h"
#include "indexer/version_plan.h"

#include <cstddef>
#include <cstdint>

namespace newsindex::indexer {

inline constexpr std::uint64_t kBulkMinimumVersions = 20'000;
inline constexpr double kBulkShareOfDatabase = 0.10;

enum class BulkPolicy {
    kAuto,    // by the rule above
    kAlways,  // every run (tests, a first load of any size), even one that adds
              // nothing: the database is rewritten packed
    kNever,   // never: always add in place
};

// Whether a run that adds `added` versions to a database of `documents`
// documents is loaded in bulk under `policy`.
bool use_bulk_load(BulkPolicy policy, std::uint64_t added, std::uint64_t documents);

// Bounds of one sub-database. Xapian buffers a database's pending postings
// in memory until it flushes them, and the cost of adding a document grows
// with that buffer (two tree lookups per posting, missing the cache), so
// small parts build faster and in less memory; but compaction keeps each
// part's postlist chunks, so the merged index grows a little as parts
// shrink. On the real corpus (240,882 versions, 2 cores, /usr/bin/time):
//   part size     10,000   5,000   2,500   1,250     625
//   wall (s)        36.2    47.4*   28.7    26.1    25.4
//   user CPU (s)    61.8    60.3    50.4    45.3    42.6
//   max RSS (MB)     715     521     465     413     383
//   index (MB)       400     407     415     427     441
// (* under load). Speed is the target here; the text bound keeps long
// articles from taking much memory.
inline constexpr std::size_t kPartVersions = 625;
inline constexpr std::uint64_t kPartRecordBytes = 64u << 20;

// Carries out `plan` (made against `writer`'s database, the records of its
// captures in `log`) as a bulk load on writer.threads() threads. Throws
// IndexError; the database is then as before the run.
void bulk_load(IndexWriter& writer, const VersionPlan& plan, const CaptureLog& log);

}  // namespace newsindex::indexer
