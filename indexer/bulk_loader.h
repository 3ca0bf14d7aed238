// Loading many new versions at once: instead of adding documents one by one
// to a database that grows (Xapian's cost per added document grows with
// it), the plan's new versions are written into fresh sub-databases of
// bounded size, one per thread at a time, and merged together with the
// existing database by Xapian::Database::compact into the database's next
// generation (storage::compact_generation), which the writer then adopts
// (IndexWriter::adopt: revisions of existing versions applied, published
// atomically, see storage/database_directory.h).
//
// All or nothing: until the new generation is published the database is
// exactly as before the run (readers see it unchanged), and a run killed at
// any moment leaves only files the next writer removes. Running the same
// command again redoes the load. The writer's lock is held throughout.
//
// When: a run goes through a bulk load when the versions it adds, with
// those added in place since the last bulk load (the recent shard, or the
// whole of a plain database), number at least kBulkMinimumVersions and at
// least kBulkShareOfDatabase times as many as the last bulk load packed
// (use_bulk_load). Below that, adding in place (IndexWriter::write_batch,
// to the recent shard) costs less than rewriting the database; above it,
// the recent shard has grown large enough to cost searches and to make
// adding to it dear, and the bulk load merges it into the new generation.
#pragma once

#include "indexer/capture_log.h"
#include "indexer/index_writer.h"
#include "indexer/version_plan.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace newsindex::indexer {

inline constexpr std::uint64_t kBulkMinimumVersions = 20'000;
inline constexpr double kBulkShareOfDatabase = 0.10;

enum class BulkPolicy {
    kAuto,    // by the rule above
    kAlways,  // every run (tests, a first load of any size), even one that adds
              // nothing: the database is rewritten packed
    kNever,   // never: always add in place
};

// The least number of versions a run must add, to a database holding
// `packed` versions packed by its last bulk load and `unpacked` added in
// place since, to be loaded in bulk under `policy`: 0 for kAlways, none
// (the largest number) for kNever, else what takes the versions added in
// place since the last bulk load to the rule above. ingest() compares it
// with its number of captures, which bounds what a run adds, before it
// plans the whole run, and with what the plan adds.
std::uint64_t bulk_threshold(BulkPolicy policy, std::uint64_t packed, std::uint64_t unpacked);

// Whether a run that adds `added` versions to such a database is loaded in
// bulk: added >= bulk_threshold().
bool use_bulk_load(BulkPolicy policy, std::uint64_t added, std::uint64_t packed,
                   std::uint64_t unpacked);

// How the new versions are divided into sub-databases ("parts").
//
// Xapian buffers a database's pending postings in memory until it flushes
// them, and the cost of adding a document grows with that buffer (two tree
// lookups per posting, missing the cache), so a part is committed every
// kPartCommitVersions versions, which keeps the buffer small. The final
// compaction merges the postlist and position tables of all parts at once,
// through a heap over every part, and keeps each part's postlist chunks, so
// fewer, larger parts merge faster into a smaller index; but each commit
// into a part rewrites the ends of its postlists, so a part costs more to
// build the larger it grows. A part also ends once it holds
// kPartRecordBytes of record text, which bounds the memory a part takes
// when articles are long. The measurements that chose these sizes are in
// doc/storage.md (section 6, "Part size").
//
// Threads take the next part as they finish one, so the last parts are
// made smaller for the threads to finish together (part_ranges): a part is
// at most a 2×threads-th of the versions left, and never under
// kPartCommitVersions.
inline constexpr std::size_t kPartVersions = 5000;
inline constexpr std::size_t kPartCommitVersions = 625;
inline constexpr std::uint64_t kPartRecordBytes = 64u << 20;

// Versions [first, end) of a plan, written into one part.
struct PartRange {
    std::size_t first = 0, end = 0;
    bool operator==(const PartRange&) const = default;
};

// Divides `versions` planned versions, version i having `record_bytes(i)`
// bytes of record, into parts for `threads` threads, as above.
std::vector<PartRange> part_ranges(std::size_t versions, unsigned threads,
                                   const std::function<std::uint64_t(std::size_t)>& record_bytes);

// Carries out `plan` (made against `writer`'s database, the records of its
// captures in `log`) as a bulk load on writer.threads() threads. Throws
// IndexError; the database is then as before the run.
void bulk_load(IndexWriter& writer, const VersionPlan& plan, const CaptureLog& log);

}  // namespace newsindex::indexer
