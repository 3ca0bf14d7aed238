#include "indexer/index_writer.h"

#include "indexer/document_pool.h"
#include "indexer/writable_database.h"
#include "schema/database_format.h"
#include "schema/languages.h"
#include "schema/stored_version.h"

#include <fmt/format.h>

namespace newsindex::indexer {

namespace {

void write_revised_state(Xapian::Document& doc, const RevisedVersion& version) {
    schema::write_revision_state(doc, version.state.revision, version.state.last_seen,
                                 version.state.superseded_at);
    if (version.first_capture_moved) {
        schema::write_first_capture(doc, version.state.first_seen, version.state.sequence);
    }
}

// Changes value slots only: Xapian rewrites neither terms nor data.
void revise(Xapian::WritableDatabase& db, Xapian::docid document, const RevisedVersion& version) {
    Xapian::Document doc = db.get_document(document);
    write_revised_state(doc, version);
    db.replace_document(document, doc);
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
    db_ = open_for_writing(options_.database, options_.language, options_.wait_seconds);
    directory_.remove_leftovers();
    language_ = schema::database_language(db_);
    unsigned threads = options_.threads > 0 ? options_.threads : default_threads();
    builders_.reserve(threads);
    for (unsigned i = 0; i < threads; ++i) builders_.emplace_back(language_);
}

IndexWriter::~IndexWriter() {
    abandon();
    directory_.remove_leftovers();
}

void IndexWriter::begin() {
    if (in_transaction_) return;
    db_.begin_transaction(/*flushed=*/true);
    in_transaction_ = true;
}

void IndexWriter::commit() {
    // The transaction ends whether or not the commit succeeds.
    in_transaction_ = false;
    WriteFailureReport::Writing writing;
    db_.commit_transaction();
}

MergeCounts IndexWriter::write_batch(const std::vector<CaptureKey>& captures, std::size_t first,
                                     std::size_t end, const CaptureRecords& records) {
    try {
        begin();
        std::vector<CaptureKey> batch(captures.begin() + static_cast<std::ptrdiff_t>(first),
                                      captures.begin() + static_cast<std::ptrdiff_t>(end));
        VersionPlan plan = plan_versions(db_, batch);
        apply(plan, [&](std::size_t i) { return records(first + i); });
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
    // The texts reverts copy are read here: db_ serves one thread only.
    std::vector<std::optional<schema::VersionRecord>> copies(plan.added.size());
    for (std::size_t i = 0; i < plan.added.size(); ++i) {
        if (auto copy_of = plan.added[i].copy_of) {
            copies[i] = schema::read_stored_version(db_.get_document(*copy_of));
        }
    }
    auto record = [&](std::size_t i) {
        const PlannedVersion& version = plan.added[i];
        return planned_record(version, copies[i] ? *copies[i] : records(*version.capture));
    };
    build_documents(builders_, 0, plan.added.size(), plan.added, record,
                    [&](std::size_t, BuiltVersion&& version) { adder_.add(std::move(version)); });
    adder_.write_words();
    for (const RevisedVersion& version : plan.revised) revise(db_, version.document, version);
}

void IndexWriter::adopt(const std::filesystem::path& generation,
                        const std::vector<RevisedVersion>& revised) {
    try {
        // Compaction numbers the first source's documents from 1: its
        // document d becomes d - (lowest document number - 1).
        Xapian::docid shift = db_.get_doccount() > 0 ? *db_.postlist_begin("") - 1 : 0;
        // Nobody else knows the new generation yet: its lock is free.
        Xapian::WritableDatabase next(generation.string(), Xapian::DB_OPEN);
        for (const RevisedVersion& version : revised) revise(next, version.document - shift, version);
        WriteFailureReport::Writing writing;
        next.commit();
        directory_.publish(generation);
        abandon();
        db_.close();
        db_ = next;
    } catch (const Xapian::Error& error) {
        throw database_failure(error, options_.database);
    } catch (const std::filesystem::filesystem_error& error) {
        throw write_failure(options_.database, fmt::format("{} ({})", error.path1().string(),
                                                           error.code().message()));
    }
    directory_.remove_leftovers();
}

void IndexWriter::finish() {
    if (!in_transaction_) return;
    try {
        commit();
    } catch (const Xapian::Error& error) {
        throw database_failure(error, options_.database);
    }
}

void IndexWriter::abandon() {
    // What the builders offered may not have been written (a commit that
    // failed has already ended the transaction).
    for (DocumentBuilder& builder : builders_) builder.forget_words();
    adder_.discard();
    if (!in_transaction_) return;
    in_transaction_ = false;
    try {
        db_.cancel_transaction();
    } catch (const Xapian::Error&) {
        // Cancelling only fails when the transaction is already gone; either
        // way nothing of it reaches the disk, which is all abandon() promises.
    }
}

}  // namespace newsindex::indexer
