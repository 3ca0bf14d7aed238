// IndexWriter on real (temporary) Xapian databases: revisions across runs,
// locking, schema checks, strict runs.
#include "indexer/index_writer.h"

#include "indexer/exit_codes.h"
#include "schema/database_format.h"
#include "schema/stored_version.h"
#include "schema/terms.h"
#include "storage/generation_revisions.h"
#include "storage/write_failure.h"
#include "tests/support/test_support.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <exception>
#include <map>
#include <thread>

namespace newsindex::indexer {
namespace {

using storage::encode;
using storage::GenerationRevisions;
using storage::revise;
using storage::WriteFailureReport;

using newsindex::testing::ScratchDir;

Capture capture(const std::string& article, CaptureTime time, std::int64_t sequence,
                const std::string& title) {
    Capture c;
    schema::VersionRecord& r = c.record;
    r.article = {"test", article};
    r.article_id = article;
    r.url = "https://example.com/" + article;
    r.captured_at = time;
    r.sequence = sequence;
    r.title = title;
    r.text = "Body of " + title;
    r.language = "en";
    r.content_hash = schema::content_hash(r.title, r.summary, r.text);
    c.where = InputLocation{"test.jsonl", static_cast<std::uint64_t>(sequence + 1)};
    return c;
}

// One version as the database holds it.
struct Row {
    std::uint32_t revision;
    std::string title;
    CaptureTime captured_at;
    CaptureTime last_seen;
    std::optional<CaptureTime> superseded_at;
    bool operator==(const Row&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Row& row) {
    return out << "{rev " << row.revision << " '" << row.title << "' " << row.captured_at << ".."
               << row.last_seen << " superseded " << row.superseded_at.value_or(-1) << "}";
}

std::string article_term(const std::string& article) {
    return schema::article_term(schema::ArticleKey{"test", article}.digest_hex());
}

std::vector<Row> history(const std::string& path, const std::string& article) {
    Xapian::Database db(path);
    std::string term = article_term(article);
    std::vector<Row> rows;
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
        schema::VersionRecord r = schema::read_stored_version(db.get_document(*it));
        rows.push_back({r.revision, r.title, r.captured_at, r.last_seen, r.superseded_at});
    }
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.revision < b.revision; });
    return rows;
}

// Title -> id of each version of `article`.
std::map<std::string, VersionId> version_ids(const std::string& path, const std::string& article) {
    Xapian::Database db(path);
    std::string term = article_term(article);
    std::map<std::string, VersionId> ids;
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
        Xapian::Document doc = db.get_document(*it);
        ids[schema::read_stored_data(doc).title] = schema::read_version_id(doc);
    }
    return ids;
}

WriterOptions options_for(const ScratchDir& dir, unsigned threads = 2) {
    WriterOptions options;
    options.database = (dir / "db").string();
    options.threads = threads;
    return options;
}

MergeCounts write(const WriterOptions& options, std::vector<Capture> batch) {
    IndexWriter writer(options);
    MergeCounts counts = writer.write_batch(batch);
    writer.finish();
    return counts;
}

Xapian::doccount doc_count(const WriterOptions& options) {
    return Xapian::Database(options.database).get_doccount();
}

int exit_code_of(const std::function<void()>& work) {
    try {
        work();
    } catch (const IndexError& error) {
        return error.exit_code();
    }
    return 0;
}

TEST(IndexWriter, LateArrivalInASecondRunRenumbersTheVersionsInTheDatabase) {
    ScratchDir dir;
    WriterOptions options = options_for(dir);
    MergeCounts first = write(options, {capture("a1", 1000, 0, "One"), capture("a1", 2000, 1, "Two"),
                                        capture("a1", 3000, 2, "Three"), capture("b1", 1000, 0, "Other")});
    EXPECT_EQ(first.added, 4u);
    EXPECT_EQ(history(options.database, "a1"),
              (std::vector<Row>{{1, "One", 1000, 1000, 2000},
                                {2, "Two", 2000, 2000, 3000},
                                {3, "Three", 3000, 3000, std::nullopt}}));

    MergeCounts second = write(options, {capture("a1", 1500, 7, "Late"), capture("a1", 3500, 3, "Three")});
    EXPECT_EQ(second.added, 1u);
    EXPECT_EQ(second.unchanged, 1u);
    EXPECT_EQ(second.duplicates, 0u);
    EXPECT_EQ(history(options.database, "a1"),
              (std::vector<Row>{{1, "One", 1000, 1000, 1500},
                                {2, "Late", 1500, 1500, 2000},
                                {3, "Two", 2000, 2000, 3000},
                                {4, "Three", 3000, 3500, std::nullopt}}));
    EXPECT_EQ(history(options.database, "b1"), (std::vector<Row>{{1, "Other", 1000, 1000, std::nullopt}}));
    EXPECT_EQ(doc_count(options), 5u);

    // The id of a version names the capture that created it, whatever its
    // revision becomes.
    EXPECT_EQ(version_ids(options.database, "a1"),
              (std::map<std::string, VersionId>{
                  {"One", {1000, 0}}, {"Late", {1500, 7}}, {"Two", {2000, 1}}, {"Three", {3000, 2}}}));
}

TEST(IndexWriter, VersionIdsAreTheFirstCapturesOfTheHistoryOfAllCapturesInOneRun) {
    ScratchDir dir, once;
    WriterOptions options = options_for(dir);
    write(options, {capture("a1", 100, 0, "C")});
    write(options, {capture("a1", 40, 0, "C")});  // C first seen at 40 now: its id is 40.0
    EXPECT_EQ(version_ids(options.database, "a1"), (std::map<std::string, VersionId>{{"C", {40, 0}}}));
    MergeCounts added = write(options, {capture("a1", 100, 0, "A")});
    EXPECT_EQ(added.added, 1u);
    WriterOptions all = options_for(once);
    write(all, {capture("a1", 100, 0, "A"), capture("a1", 100, 0, "C"), capture("a1", 40, 0, "C")});
    EXPECT_EQ(version_ids(options.database, "a1"), version_ids(all.database, "a1"));
    EXPECT_EQ(version_ids(options.database, "a1").at("A").created_at, 100);
}

TEST(IndexWriter, WritingTheSameBatchTwiceChangesNothing) {
    ScratchDir dir;
    WriterOptions options = options_for(dir);
    std::vector<Capture> batch{capture("a1", 1000, 0, "One"), capture("a1", 2000, 1, "One"),
                               capture("a1", 3000, 2, "Two")};
    MergeCounts first = write(options, batch);
    EXPECT_EQ(first.added, 2u);
    EXPECT_EQ(first.unchanged, 1u);
    std::vector<Row> before = history(options.database, "a1");

    MergeCounts again = write(options, batch);
    EXPECT_EQ(again.added, 0u);
    EXPECT_EQ(again.unchanged, 0u);
    EXPECT_EQ(again.duplicates, 3u);
    EXPECT_EQ(history(options.database, "a1"), before);
    EXPECT_EQ(doc_count(options), 2u);
}

TEST(IndexWriter, CaptureInsideAVersionsSpanSplitsItAndCopiesTheInterruptedText) {
    ScratchDir dir;
    WriterOptions options = options_for(dir);
    write(options, {capture("a1", 1000, 0, "Same"), capture("a1", 3000, 2, "Same")});
    EXPECT_EQ(history(options.database, "a1"), (std::vector<Row>{{1, "Same", 1000, 3000, std::nullopt}}));

    MergeCounts counts = write(options, {capture("a1", 2000, 1, "Changed")});
    EXPECT_EQ(counts.added, 1u);
    EXPECT_EQ(history(options.database, "a1"),
              (std::vector<Row>{{1, "Same", 1000, 1000, 2000},
                                {2, "Changed", 2000, 2000, 3000},
                                {3, "Same", 3000, 3000, std::nullopt}}));
    // The revert is searchable like any version.
    Xapian::Database db(options.database);
    EXPECT_EQ(db.get_termfreq(std::string(schema::prefix::kTitle) + "same"), 2u);
}

TEST(IndexWriter, ALockedDatabaseIsRefusedWithTheLockExitCode) {
    ScratchDir dir;
    WriterOptions options = options_for(dir);
    write(options, {capture("a1", 1000, 0, "One")});
    Xapian::WritableDatabase holder(options.database, Xapian::DB_OPEN);
    EXPECT_EQ(exit_code_of([&] { IndexWriter writer(options); }), exit_code::kLocked);
    try {
        IndexWriter writer(options);
    } catch (const IndexError& error) {
        EXPECT_NE(std::string(error.what()).find("--wait"), std::string::npos) << error.what();
    }
    options.wait_seconds = 0.5;
    EXPECT_EQ(exit_code_of([&] { IndexWriter writer(options); }), exit_code::kLocked);
}

TEST(IndexWriter, WaitingWriterProceedsOnceTheLockIsReleased) {
    ScratchDir dir;
    WriterOptions options = options_for(dir);
    write(options, {capture("a1", 1000, 0, "One")});
    Xapian::WritableDatabase holder(options.database, Xapian::DB_OPEN);
    std::thread release([&] {
        std::this_thread::sleep_for(std::chrono::seconds(1));
        holder.close();
    });
    options.wait_seconds = 60;
    MergeCounts counts;
    EXPECT_NO_THROW(counts = write(options, {capture("a1", 2000, 1, "Two")}));
    release.join();
    EXPECT_EQ(counts.added, 1u);
    EXPECT_EQ(doc_count(options), 2u);
}

TEST(IndexWriter, DatabaseOfAnotherSchemaVersionIsRefused) {
    ScratchDir dir;
    WriterOptions options = options_for(dir);
    {
        Xapian::WritableDatabase db(options.database, Xapian::DB_CREATE_OR_OPEN);
        db.set_metadata(schema::kMetaSchemaVersion, std::to_string(schema::kSchemaVersion + 1));
        db.add_document(Xapian::Document());
        db.commit();
    }
    EXPECT_EQ(exit_code_of([&] { IndexWriter writer(options); }), exit_code::kWrongSchema);
    EXPECT_EQ(doc_count(options), 1u);
}

TEST(IndexWriter, NonEmptyDatabaseWithoutASchemaVersionIsRefused) {
    ScratchDir dir;
    WriterOptions options = options_for(dir);
    {
        Xapian::WritableDatabase db(options.database, Xapian::DB_CREATE_OR_OPEN);
        db.add_document(Xapian::Document());
    }
    EXPECT_EQ(exit_code_of([&] { IndexWriter writer(options); }), exit_code::kWrongSchema);
}

TEST(IndexWriter, NewDatabaseRecordsSchemaAndLanguageAndKeepsThem) {
    ScratchDir dir;
    WriterOptions options = options_for(dir);
    options.language = "de";
    write(options, {capture("a1", 1000, 0, "One")});
    options.language = "fr";
    IndexWriter writer(options);
    EXPECT_EQ(writer.language(), "de");
    Xapian::Database db(options.database);
    EXPECT_EQ(db.get_metadata(schema::kMetaSchemaVersion), std::to_string(schema::kSchemaVersion));
    EXPECT_EQ(schema::database_language(db), "de");
}

TEST(IndexWriter, DatabaseThatCannotBeCreatedGivesTheCantCreateCode) {
    ScratchDir dir;
    newsindex::testing::write_file(dir / "file", "not a directory");
    WriterOptions options = options_for(dir);
    options.database = (dir / "file" / "db").string();
    EXPECT_EQ(exit_code_of([&] { IndexWriter writer(options); }), exit_code::kCantCreate);
}

TEST(IndexWriter, UnknownLanguageIsAUsageError) {
    ScratchDir dir;
    WriterOptions options = options_for(dir);
    options.language = "xx";
    EXPECT_EQ(exit_code_of([&] { IndexWriter writer(options); }), exit_code::kUsage);
}

TEST(IndexWriter, AbandonedStrictRunLeavesTheDatabaseAsItWas) {
    ScratchDir dir;
    WriterOptions options = options_for(dir);
    write(options, {capture("a1", 1000, 0, "One")});
    options.strict = true;
    {
        IndexWriter writer(options);
        std::vector<Capture> batch{capture("a1", 2000, 1, "Two"), capture("a1", 500, 2, "Zero")};
        writer.write_batch(batch);
        std::vector<Capture> next{capture("a1", 3000, 3, "Three")};
        // Later batches of a strict run see the earlier ones.
        EXPECT_EQ(writer.write_batch(next).added, 1u);
        writer.abandon();
    }
    EXPECT_EQ(history(options.database, "a1"), (std::vector<Row>{{1, "One", 1000, 1000, std::nullopt}}));

    {
        IndexWriter writer(options);
        std::vector<Capture> batch{capture("a1", 2000, 1, "Two")};
        writer.write_batch(batch);
        writer.finish();
    }
    EXPECT_EQ(doc_count(options), 2u);
}

TEST(IndexWriter, DocumentsAreTheSameWhateverTheNumberOfThreads) {
    std::vector<Capture> batch;
    for (int i = 0; i < 300; ++i) {
        batch.push_back(capture("art" + std::to_string(i % 37), 1000 + i, i,
                                "Title number " + std::to_string(i % 5)));
    }
    ScratchDir one, four;
    MergeCounts a = write(options_for(one, 1), batch);
    MergeCounts b = write(options_for(four, 4), batch);
    EXPECT_EQ(a.added, b.added);
    Xapian::Database da(options_for(one).database), db(options_for(four).database);
    ASSERT_EQ(da.get_doccount(), db.get_doccount());
    for (Xapian::docid id = 1; id <= da.get_doccount(); ++id) {
        Xapian::Document x = da.get_document(id), y = db.get_document(id);
        EXPECT_EQ(x.get_data(), y.get_data());
        EXPECT_EQ(x.serialise(), y.serialise()) << id;
    }
}

// Xapian can end the process from inside a failed write with no exception
// to hand on (a full disk, a file-size limit). Inside a write, that ending
// is reported as a write failure with the system's reason and the I/O exit
// code; outside one it is some other fault, and still aborts.
// A run that adds to a recent shard commits it, then the generation; killed
// in between, the generation lacks the batch's revisions of its versions,
// which the recent shard recorded: the next writer completes them.
TEST(IndexWriter, GenerationRevisionsAKilledRunLeftRecordedAreCompletedByTheNextWriter) {
    ScratchDir dir;
    const std::string db = (dir / "db").string();
    newsindex::testing::write_file(
        dir / "first.jsonl",
        R"({"source": "test", "url": "https://example.com/a", "timestamp": "2024-01-01T00:00:00Z", "title": "One", "text": "First text"})"
        "\n");
    newsindex::testing::write_file(
        dir / "second.jsonl",
        R"({"source": "test", "url": "https://example.com/a", "timestamp": "2024-01-02T00:00:00Z", "title": "Two", "text": "Second text"})"
        "\n");
    ASSERT_EQ(newsindex::testing::run_newsindex(
                  {"--db", db, "--quiet", "--bulk", "always", (dir / "first.jsonl").string()})
                  .exit_code,
              0);
    ASSERT_EQ(newsindex::testing::run_newsindex({"--db", db, "--quiet", (dir / "second.jsonl").string()})
                  .exit_code,
              0);
    const std::string generation = db + "/gen-000001", recent = db + "/recent-000001";
    const CaptureTime second = 1704153600;  // 2024-01-02T00:00:00Z
    ASSERT_EQ(schema::read_superseded_at(Xapian::Database(generation).get_document(1)), second);

    // As if the run had been killed between the two commits: the
    // generation's version back as it was, the recent shard's record of
    // what the batch did to it.
    RevisedVersion done;
    done.document = 1;
    {
        Xapian::WritableDatabase shard(generation, Xapian::DB_OPEN);
        Xapian::Document doc = shard.get_document(1);
        done.state = {schema::read_captured_at(doc), schema::read_sequence(doc),
                      schema::read_last_seen(doc),         1,
                      second,                              schema::read_captures(doc),
                      schema::read_version_id(doc)};
        RevisedVersion undone = done;
        undone.state.superseded_at.reset();
        revise(shard, 1, undone);
        shard.commit();
        Xapian::WritableDatabase added(recent, Xapian::DB_OPEN);
        added.set_metadata(schema::kMetaGenerationRevisions,
                           encode(GenerationRevisions{shard.get_revision(), {done}}));
        added.commit();
    }
    ASSERT_EQ(schema::read_superseded_at(Xapian::Database(generation).get_document(1)),
              std::nullopt);
    { IndexWriter writer(options_for(dir)); }
    EXPECT_EQ(schema::read_superseded_at(Xapian::Database(generation).get_document(1)), second);

    // A record of a commit the generation made is history: left alone.
    {
        Xapian::WritableDatabase added(recent, Xapian::DB_OPEN);
        RevisedVersion stale = done;
        stale.state.revision = 7;
        Xapian::rev before = Xapian::Database(generation).get_revision() - 1;
        added.set_metadata(schema::kMetaGenerationRevisions,
                           encode(GenerationRevisions{before, {stale}}));
        added.commit();
    }
    { IndexWriter writer(options_for(dir)); }
    EXPECT_EQ(schema::read_revision(Xapian::Database(generation).get_document(1)), 1u);
}

TEST(WriteFailureReport, AnEndingWithoutAnErrorInsideAWriteIsAWriteFailure) {
    EXPECT_EXIT(
        {
            WriteFailureReport report("/data/db");
            WriteFailureReport::Writing writing;
            errno = EFBIG;
            std::terminate();
        },
        ::testing::ExitedWithCode(exit_code::kIoError),
        "^newsindex: writing database /data/db failed: Xapian stopped without reporting its "
        "error; the last system error was: File too large; the database is as at its last "
        "commit\n$");
}

TEST(WriteFailureReport, AnEndingWithoutAnErrorOutsideAWriteStillAborts) {
    EXPECT_EXIT(
        {
            WriteFailureReport report("/data/db");
            { WriteFailureReport::Writing closed; }
            errno = EFBIG;
            std::terminate();
        },
        ::testing::KilledBySignal(SIGABRT), "terminate called without an active exception");
}

TEST(WriteFailureReport, XapiansErrorIsReportedWithItsOwnExitCode) {
    EXPECT_EXIT(
        {
            WriteFailureReport report("/data/db");
            try {
                throw Xapian::DatabaseError("No space left on device");
            } catch (...) {
                std::terminate();
            }
        },
        ::testing::ExitedWithCode(exit_code::kIoError),
        "^newsindex: writing database /data/db failed: .*No space left on device.*\n$");
}

}  // namespace
}  // namespace newsindex::indexer
