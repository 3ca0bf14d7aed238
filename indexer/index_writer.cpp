#include "indexer/index_writer.h"

#include "indexer/document_pool.h"
#include "indexer/parallel.h"
#include "schema/database_format.h"
#include "schema/languages.h"
#include "schema/stored_version.h"
#include "storage/compaction.h"
#include "storage/database_damage.h"
#include "storage/generation_revisions.h"
#include "storage/input_cursors.h"
#include "storage/interruption.h"
#include "storage/writable_database.h"

#include <fmt/format.h>

namespace newsindex::indexer {

using storage::database_failure;
using storage::describe;
using storage::revise;
using storage::write_failure;
using storage::WriteFailureReport;

namespace {

void cancel(Xapian::WritableDatabase& db) {
    try {
        db.cancel_transaction();
    } catch (const Xapian::Error&) {
        // Cancelling only fails when the transaction is already gone; either
        // way nothing of it reaches the disk, which is all abandon() promises.
    }
}

}  // namespace

IndexWriter::IndexWriter(const WriterOptions& options)
    : options_(options), write_failure_report_(options.database), directory_(options.database) {
    if (!schema::has_stemmer(options_.language)) {
        throw IndexError(fmt::format("--language {}: Xapian has no stemmer for this language "
                                     "(use an ISO 639-1 code such as en, de, fr)",
                                     options_.language),
                         exit_code::kUsage);
    }
    db_ = storage::open_for_writing(options_.database, options_.language, options_.wait_seconds);
    directory_.remove_leftovers();
    refuse_damage();
    language_ = schema::database_language(db_);
    try {
        open_recent();
        cursors_ = storage::read_input_cursors(db_);
    } catch (const Xapian::Error& error) {
        throw database_failure(error, options_.database);
    }
    unsigned threads = thread_count(options_.threads);
    builders_.reserve(threads);
    for (unsigned i = 0; i < threads; ++i) builders_.emplace_back(language_);
}

IndexWriter::~IndexWriter() {
    abandon();
    directory_.remove_leftovers();
}

std::vector<std::filesystem::path> IndexWriter::shards() const {
    return directory_.shards_in_use();
}

// Before anything is written: adding to a damaged database hides the damage.
void IndexWriter::refuse_damage() const {
    if (std::optional<std::string> damage =
            storage::find_damage(options_.database, shards(), /*changed_only=*/true)) {
        throw storage::damaged_database(options_.database, *damage);
    }
    storage::record_checked(options_.database, shards());
}

Xapian::doccount IndexWriter::packed_documents() const {
    return directory_.has_generations() ? db_.get_doccount() : 0;
}

Xapian::doccount IndexWriter::unpacked_documents() const {
    if (recent_) return recent_->get_doccount();
    return directory_.has_generations() ? 0 : db_.get_doccount();
}

// Opens the generation's recent shard, if it has one, completing what a
// killed run left of its revisions of the generation.
void IndexWriter::open_recent() {
    recent_.reset();
    if (std::optional<std::filesystem::path> shard = directory_.recent()) {
        recent_ = Xapian::WritableDatabase(shard->string(), Xapian::DB_OPEN);
        WriteFailureReport::Writing writing;
        if (storage::complete_generation_revisions(db_, *recent_)) completed_batch_ = true;
    }
    target_ = recent_ ? *recent_ : db_;
    reader_ = Xapian::Database();
    reader_.add_database(db_);
    if (recent_) reader_.add_database(*recent_);
}

void IndexWriter::create_recent() {
    std::filesystem::path shard = directory_.next_recent();
    {
        Xapian::WritableDatabase created(shard.string(), Xapian::DB_CREATE_OR_OVERWRITE);
        schema::stamp_schema(created, language_);
        WriteFailureReport::Writing writing;
        created.commit();
    }
    storage::pause_point("recent-created");
    try {
        directory_.publish_recent(shard);
    } catch (const std::filesystem::filesystem_error& error) {
        throw write_failure(options_.database, error);
    }
    open_recent();
    if (in_transaction_) recent_->begin_transaction(/*flushed=*/true);
}

void IndexWriter::begin() {
    if (in_transaction_) return;
    db_.begin_transaction(/*flushed=*/true);
    if (recent_) recent_->begin_transaction(/*flushed=*/true);
    in_transaction_ = true;
}

void IndexWriter::commit() {
    // The transactions end whether or not the commits succeed. The recent
    // shard first, with the record of the generation's part: see
    // storage/generation_revisions.h.
    in_transaction_ = false;
    WriteFailureReport::Writing writing;
    const bool revises_generation = recent_ && !generation_revised_.empty();
    if (recent_) {
        try {
            storage::record_generation_revisions(*recent_, db_, generation_revised_);
            recent_->commit_transaction();
        } catch (...) {
            generation_revised_.clear();
            cancel(db_);
            throw;
        }
    }
    generation_revised_.clear();
    try {
        if (recent_) storage::pause_point("generation-commit");
        if (options_.before_generation_commit) options_.before_generation_commit();
        db_.commit_transaction();
    } catch (const Xapian::Error& error) {
        cancel(db_);
        if (!revises_generation) throw;
        throw IndexError(
            fmt::format("writing database {} failed: {}; the batch's new versions are committed "
                        "in its recent shard, but not their changes to older versions in the "
                        "generation. newsquery waits for that and then refuses the database "
                        "(exit 75) until newsindex --repair --db {}, or any newsindex run, "
                        "completes it",
                        options_.database, describe(error), options_.database),
            exit_code::kIoError);
    }
}

schema::ShardDocument IndexWriter::locate(Xapian::docid document) const {
    return schema::shard_document(document, recent_ ? 2 : 1);
}

MergeCounts IndexWriter::write_batch(const std::vector<CaptureKey>& captures, std::size_t first,
                                     std::size_t end, const CaptureRecords& records) {
    try {
        begin();
        std::vector<CaptureKey> batch(captures.begin() + static_cast<std::ptrdiff_t>(first),
                                      captures.begin() + static_cast<std::ptrdiff_t>(end));
        VersionPlan plan = plan_versions(reader_, batch);
        if (!plan.added.empty() && directory_.has_generations() && !recent_) {
            // Document numbers change with the shards: plan again.
            create_recent();
            plan = plan_versions(reader_, batch);
        }
        apply(plan, [&](std::size_t i) { return records(first + i); });
        write_cursors(db_);
        if (!options_.strict) commit();
        return plan.counts;
    } catch (const Xapian::Error& error) {
        abandon();
        throw database_failure(error, options_.database);
    } catch (...) {
        abandon();
        throw;
    }
}

MergeCounts IndexWriter::write_batch(std::vector<Capture>& batch) {
    std::vector<CaptureKey> keys;
    keys.reserve(batch.size());
    for (const Capture& capture : batch) {
        const schema::VersionRecord& r = capture.record;
        keys.push_back({r.article.digest(), r.captured_at, r.sequence, r.content_hash});
    }
    return write_batch(keys, 0, keys.size(), [&](std::size_t i) { return batch[i].record; });
}

void IndexWriter::apply(const VersionPlan& plan, const CaptureRecords& records) {
    // The texts reverts copy are read here: reader_ serves one thread only.
    std::vector<std::optional<schema::VersionRecord>> copies(plan.added.size());
    for (std::size_t i = 0; i < plan.added.size(); ++i) {
        if (auto copy_of = plan.added[i].copy_of) {
            copies[i] = schema::read_stored_version(reader_.get_document(*copy_of));
        }
    }
    auto record = [&](std::size_t i) {
        const NewVersion& version = plan.added[i];
        return planned_record(version, copies[i] ? *copies[i] : records(*version.capture));
    };
    build_documents(builders_, 0, plan.added.size(), plan.added, record,
                    [&](std::size_t, BuiltVersion&& version) { adder_.add(std::move(version)); });
    adder_.write_words();
    for (RevisedVersion version : plan.revised) {
        auto [shard, document] = locate(version.document);
        version.document = document;
        if (shard > 0) {
            revise(*recent_, document, version);
        } else {
            revise(db_, document, version);
            if (recent_) generation_revised_.push_back(version);
        }
    }
}

void IndexWriter::adopt(const std::filesystem::path& generation,
                        const std::vector<RevisedVersion>& revised) {
    try {
        std::vector<Xapian::Database> shards{db_};
        if (recent_) shards.push_back(*recent_);
        const storage::CompactedNumbering numbering(shards);
        // Nobody else knows the new generation yet: its lock is free.
        Xapian::WritableDatabase next(generation.string(), Xapian::DB_OPEN);
        for (RevisedVersion version : revised) {
            version.document = numbering(version.document);
            revise(next, version.document, version);
        }
        storage::forget_generation_revisions(next);
        write_cursors(next);
        WriteFailureReport::Writing writing;
        next.commit();
        storage::pause_point("adopted");
        directory_.publish(generation);
        abandon();
        db_.close();
        if (recent_) recent_->close();
        storage::pause_point("lock-released");
        db_ = next;
        open_recent();
    } catch (const Xapian::Error& error) {
        throw database_failure(error, options_.database);
    } catch (const std::filesystem::filesystem_error& error) {
        throw write_failure(options_.database, error);
    }
    directory_.remove_leftovers();
}

void IndexWriter::stage_cursors(std::vector<InputCursor> cursors) {
    staged_cursors_ = std::move(cursors);
}

void IndexWriter::write_cursors(Xapian::WritableDatabase& db) {
    for (const InputCursor& cursor : staged_cursors_)
        storage::set_input_cursor(db, cursor.input, cursor.state);
    staged_cursors_.clear();
}

void IndexWriter::finish() {
    try {
        if (!staged_cursors_.empty()) {
            // No batch carried them (the run wrote nothing): they alone
            // make a commit, so that what the run read is not read again.
            write_cursors(db_);
            if (!in_transaction_) {
                WriteFailureReport::Writing writing;
                db_.commit();
            }
        }
        if (in_transaction_) commit();
    } catch (const Xapian::Error& error) {
        throw database_failure(error, options_.database);
    }
    // What this run wrote is known good: the next run need not check it.
    storage::record_checked(options_.database, shards());
}

void IndexWriter::abandon() {
    // What the builders offered may not have been written (a commit that
    // failed has already ended the transaction).
    for (DocumentBuilder& builder : builders_) builder.forget_words();
    adder_.discard();
    generation_revised_.clear();
    if (!in_transaction_) return;
    in_transaction_ = false;
    if (recent_) cancel(*recent_);
    cancel(db_);
}

}  // namespace newsindex::indexer
