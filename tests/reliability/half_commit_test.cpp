// A batch half committed (issue 38, point 6): a batch commits the recent
// shard, then the generation; a full disk between the two leaves the
// batch's new versions committed beside older versions that do not yet say
// they were superseded. The failure is injected at that very point
// (WriterOptions::before_generation_commit), not timed. newsindex says
// exactly that (74); readers never see the half state: NewsDatabase waits
// for the writer, then refuses with 75 and says to run newsindex --repair,
// which completes the batch.
#include "indexer/exit_codes.h"
#include "indexer/ingest.h"
#include "query/database.h"
#include "tests/reliability/database_contents.h"
#include "tests/reliability/test_inputs.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <cerrno>

namespace newsindex::testing {
namespace {

namespace fs = std::filesystem;
namespace exit_code = indexer::exit_code;

class HalfCommittedBatch : public ::testing::Test {
  protected:
    void SetUp() override {
        fs::path generated = generated_captures(dir_ / "generated.jsonl", 12, 600);
        fs::path base = line_range(generated, 0, 300, dir_ / "base.jsonl");
        later_ = line_range(generated, 300, 600, dir_ / "later.jsonl");
        CommandResult bulk = run_command(newsindex_argv(db(), {"--bulk", "always"}, {base}));
        ASSERT_EQ(bulk.exit_code, 0) << bulk.err;
    }

    // An in-place run of `later_` whose first batch fails with a full disk
    // between its two commits. Returns what it threw.
    indexer::IndexError run_failing_between_commits() {
        indexer::IngestOptions options;
        options.inputs = {later_.string()};
        options.writer.database = db().string();
        options.writer.threads = 1;
        options.bulk = indexer::BulkPolicy::kNever;
        options.writer.before_generation_commit = [] {
            throw Xapian::DatabaseError("Error writing block 42", ENOSPC);
        };
        try {
            indexer::ingest(options);
        } catch (const indexer::IndexError& error) {
            return error;
        }
        ADD_FAILURE() << "the run did not fail";
        return indexer::IndexError("", 0);
    }

    fs::path db() const { return dir_ / "db"; }

    ScratchDir dir_;
    fs::path later_;
};

TEST_F(HalfCommittedBatch, WriterSaysWhatItLeftAndReadersNeverSeeIt) {
    indexer::IndexError failure = run_failing_between_commits();
    EXPECT_EQ(failure.exit_code(), exit_code::kIoError);
    EXPECT_EQ(std::string(failure.what()),
              "writing database " + db().string() +
                  " failed: Error writing block 42 (No space left on device); the batch's new "
                  "versions are committed in its recent shard, but not their changes to older "
                  "versions in the generation. newsquery waits for that and then refuses the "
                  "database (exit 75) until newsindex --repair --db " + db().string() +
                  ", or any newsindex run, completes it");
    // What Xapian alone shows: two latest versions of some article.
    EXPECT_NE(revision_violation(stored_versions(db())), "");

    try {
        query::NewsDatabase reader(db().string(), std::chrono::milliseconds(200));
        ADD_FAILURE() << "opened a half-committed database";
    } catch (const query::QueryError& error) {
        EXPECT_EQ(error.exit_code(), query::kExitHalfCommitted);
        EXPECT_NE(std::string(error.what()).find("run newsindex --repair --db " + db().string() +
                                                 " to complete it"),
                  std::string::npos)
            << error.what();
    }

    CommandResult repair = run_newsindex({"--db", db().string(), "--repair"});
    EXPECT_EQ(repair.exit_code, 0) << repair.err;
    EXPECT_NE(repair.err.find("completed the batch a run left half committed"), std::string::npos)
        << repair.err;
    EXPECT_EQ(revision_violation(stored_versions(db())), "");
    query::NewsDatabase reader(db().string(), std::chrono::milliseconds(200));
    EXPECT_GT(reader.xapian().get_doccount(), 300u);
}

TEST_F(HalfCommittedBatch, NextRunCompletesItAndEndsAsAnUninterruptedRun) {
    run_failing_between_commits();
    CommandResult again = run_command(newsindex_argv(db(), {"--bulk", "never"}, {later_}));
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(revision_violation(stored_versions(db())), "");
    CommandResult read = run_newsquery({"search", "--db", db().string(), "--format", "json", "the"});
    EXPECT_EQ(read.exit_code, 0) << read.err;
}

}  // namespace
}  // namespace newsindex::testing
