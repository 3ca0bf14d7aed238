// Writing versions into the database in place, one Xapian document per
// distinct version of each article, and holding the database's write lock
// for the whole run.
//
// Captures are written batch by batch: each batch is planned against the
// database (plan_versions: each article's versions read from value slots,
// merged with the batch's captures), new documents are built on all cores
// while the writer adds them, and changed versions get new value slots only
// (no terms or text rewritten). A batch is applied as one Xapian
// transaction, so a run killed at any moment leaves the database at its
// last completed batch, and because merging is idempotent, running the same
// command again completes the job with no version lost or duplicated.
//
// Where new documents go: a plain database (storage/database_directory.h) takes
// them itself. In the generations layout they go to the generation's
// recent shard, created by the first run after a bulk load; the generation
// itself only gets the new value slots of its versions that later captures
// revise. Adding to the packed generation would rewrite nearly all of its
// blocks, however few the documents: each new document puts postings and
// positions under most of the words of the database, and each word's
// entries sit in their own blocks, all full after compaction, which Xapian
// then splits in two (measured in doc/storage.md, section 6). The recent
// shard is merged into the next generation by the next
// bulk load (bulk_loader.h: a run that, with the recent shard, adds a tenth
// of the generation). A batch commits the recent shard, then the
// generation; storage/generation_revisions.h keeps the two consistent when a
// run is killed in between.
//
// A strict run applies everything in one transaction instead: nothing is
// visible to readers or survives a failure until finish(). Memory stays
// bounded (Xapian writes pending postings to uncommitted blocks every
// XAPIAN_FLUSH_THRESHOLD changes, 10,000 by default), but the disk space of
// the run's changes is held beside the last committed revision until the
// end.
//
// Large runs go through a bulk load instead (bulk_loader.h), which builds a
// new generation of the database and has the writer adopt() it; the writer
// holds the lock throughout, on the old generation and then the new.
#pragma once

#include "indexer/article_history.h"
#include "indexer/capture_reader.h"
#include "indexer/document_builder.h"
#include "indexer/exit_codes.h"
#include "indexer/version_adder.h"
#include "indexer/version_plan.h"
#include "schema/shard_numbering.h"
#include "storage/database_directory.h"
#include "storage/write_failure.h"

#include <xapian.h>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace newsindex::indexer {

struct WriterOptions {
    std::string database;
    std::string language = "en";          // default language of a new database
    std::optional<double> wait_seconds;   // wait this long for another run's lock
    bool strict = false;                  // one transaction for the whole run
    unsigned threads = 0;                 // document-building threads; 0 = all cores
    // For tests only: called between a batch's two commits (its recent
    // shard committed, its generation not yet), where a test injects a
    // failure (a Xapian::DatabaseError such as a full disk).
    std::function<void()> before_generation_commit;
};

// The record of a planned capture (CaptureLog::record, or a batch in
// memory). Called from several threads at once.
using CaptureRecords = std::function<schema::VersionRecord(std::size_t)>;

class IndexWriter {
  public:
    // Opens the database (see storage::open_for_writing), taking its write
    // lock, removes what killed runs left beside it (DatabaseDirectory),
    // refuses a damaged database (storage/database_damage.h:
    // IndexError(kIoError)) and completes a batch a killed or failed run
    // left half committed. Throws IndexError.
    explicit IndexWriter(const WriterOptions& options);
    ~IndexWriter();  // abandon(), then releases the lock
    IndexWriter(const IndexWriter&) = delete;
    IndexWriter& operator=(const IndexWriter&) = delete;

    // Plans and writes one batch: captures [first, end) of `captures`, whose
    // records `records(i)` returns (i indexing `captures`). On return it is
    // durable, unless the run is strict (then later batches see it, and
    // finish() commits). Throws IndexError; the database then stays at its
    // last durable state.
    MergeCounts write_batch(const std::vector<CaptureKey>& captures, std::size_t first,
                            std::size_t end, const CaptureRecords& records);
    // The same for a batch held in memory.
    MergeCounts write_batch(std::vector<Capture>& batch);

    // The inputs' cursors of the last completed run (storage/input_cursors.h),
    // as the database held them when the writer opened it.
    const InputCursors& cursors() const { return cursors_; }
    // Cursors to keep with the versions they cover: written into the
    // plain database or the generation (never the recent shard) in the same
    // commit as the next write_batch, or by adopt() into the new generation,
    // or by finish() when no batch follows. Stage them just before the run's
    // last batch, so a run killed after an earlier batch keeps the old ones.
    void stage_cursors(std::vector<InputCursor> cursors);

    // Makes `generation` the database: a complete glass database built in
    // directory().next_generation() whose first documents are this
    // database's, shard by shard and in order (Xapian::Database::compact
    // with the shards of database() as first sources), followed by new
    // ones (storage::compact_generation). `revised` (document numbers of
    // database()) is applied to it, it is committed and published, and the
    // writer then writes to it, still holding the lock. Throws IndexError;
    // the database then stays as it was.
    void adopt(const std::filesystem::path& generation, const std::vector<RevisedVersion>& revised);

    // Makes everything written durable (a strict run commits here).
    void finish();
    // Drops everything not yet durable (a strict run drops the whole run).
    void abandon();

    const std::string& database_path() const { return options_.database; }
    const storage::DatabaseDirectory& directory() const { return directory_; }
    // The database as it is now, for planning and reading (one thread):
    // the plain database, or the generation and its recent shard as one.
    const Xapian::Database& database() const { return reader_; }
    // Versions held packed by the generation (0 for a plain database), and
    // versions added in place since (a plain database's all).
    Xapian::doccount packed_documents() const;
    Xapian::doccount unpacked_documents() const;
    // The database's default language (recorded when it was created).
    const std::string& language() const { return language_; }
    // Document-building threads.
    unsigned threads() const { return static_cast<unsigned>(builders_.size()); }
    // Whether opening completed a batch that a run left half committed
    // (storage/generation_revisions.h).
    bool completed_batch() const { return completed_batch_; }

  private:
    // The glass databases in use: the plain database or the generation, and
    // its recent shard.
    std::vector<std::filesystem::path> shards() const;
    void refuse_damage() const;
    void open_recent();
    void create_recent();
    void begin();
    void commit();
    // Which shard of database() holds its document `document` (0: db_, 1:
    // recent_), and its number there (schema/shard_numbering.h).
    schema::ShardDocument locate(Xapian::docid document) const;
    void apply(const VersionPlan& plan, const CaptureRecords& records);
    // Sets the staged cursors in `db`'s pending changes and forgets them.
    void write_cursors(Xapian::WritableDatabase& db);

    WriterOptions options_;
    storage::WriteFailureReport write_failure_report_;
    storage::DatabaseDirectory directory_;
    Xapian::WritableDatabase db_;      // the plain database or the generation (holds the lock)
    std::optional<Xapian::WritableDatabase> recent_;  // the generation's recent shard
    Xapian::WritableDatabase target_;  // where new documents go: recent_, else db_
    Xapian::Database reader_;          // db_ and recent_ as one
    VersionAdder adder_{target_};
    // The batch's revisions of the generation's versions, while it adds to
    // the recent shard (applied to db_ at once, recorded at commit).
    std::vector<RevisedVersion> generation_revised_;
    std::string language_;
    InputCursors cursors_;
    std::vector<InputCursor> staged_cursors_;
    std::vector<DocumentBuilder> builders_;  // one per thread
    bool in_transaction_ = false;
    bool completed_batch_ = false;
};

}  // namespace newsindex::indexer
