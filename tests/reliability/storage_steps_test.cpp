// Each step of doc/storage.md section 3, one test each: a newsindex run is
// made to wait exactly at the step (NEWSINDEX_TEST_PAUSE_AT, see
// paused_run.h), and while it waits
//   (a) newsquery must answer as section 4 says a reader sees that moment:
//       the database before the run, after its first batch, after the
//       whole run, or (a batch half committed) nothing, 75 after waiting;
//   (b) the run is killed with SIGKILL there;
//   (c) the directory must hold what section 3's "a crash here leaves"
//       says: the shard list, the marker's copy, the shards on disk;
//   (d) the same command runs again (after newsindex --repair where the
//       document says so);
//   (e) the database must then hold exactly what one uninterrupted run of
//       the same inputs builds, and no leftover: no staging/, no shard the
//       list does not name, no *.tmp, no plain tables beside generations.
// Expected answers come from databases built separately by uninterrupted
// runs, never from the killed run's own state. Nothing is timed.
//
// Only the commands and the files on disk are used, so the tests hold
// whatever the code behind them looks like.
#include "tests/reliability/storage_states.h"

#include <gtest/gtest.h>

namespace newsindex::testing {
namespace {

// newsquery's exit code when a batch stays half committed past its wait
// (EX_TEMPFAIL, README's table).
constexpr int kHalfCommittedExit = 75;

// What a reader sees at that moment (doc/storage.md section 4).
enum class Seen {
    kBefore,             // the database as the run found it
    kFirstBatch,         // the run's first batch whole, nothing more
    kAfter,              // the run whole
    kHalfCommitRefused,  // nothing: it waits, then 75 naming newsindex --repair
};

// One step of doc/storage.md section 3, as a test.
struct Step {
    const char* name;  // the test's name: the step and what it is
    Start start;
    Writes run;
    const char* pause_at;
    Seen seen;           // by a reader while the run waits there
    const char* leaves;  // layout() after the kill
    bool repair_first = false;        // newsindex --repair before the same command again
    bool then_remove_version = false; // B6: the kill comes once iamglass is removed
};

std::ostream& operator<<(std::ostream& out, const Step& step) { return out << step.name; }

constexpr const char* kGenAndRecentListedNext =
    "list:gen-000001+recent-000001 copy:gen-000001+recent-000001 gen-000001 gen-000002 "
    "recent-000001 staging";
constexpr const char* kPlain = "iamglass copy:none staging";
constexpr const char* kPlainNext = "iamglass copy:none gen-000001 staging";

const Step kSteps[] = {
    // 3.3: a batch in place. Plain: one commit; paused before batch 2 is
    // after batch 1's commit (P4).
    {"Plain_P4_BatchCommitted", Start::kPlain, Writes::kInPlace, "batch#2", Seen::kFirstBatch, kPlain},
    {"P4_BatchCommittedToBothShards", Start::kGenerationAndRecent, Writes::kInPlace, "batch#2",
     Seen::kFirstBatch, kGenAndRecentListed},
    // P3: the recent shard committed, the generation not.
    {"P3_BatchRevisingTheGeneration_RepairCompletesIt", Start::kGenerationAndRecent, Writes::kInPlace,
     "generation-commit#1", Seen::kHalfCommitRefused, kGenAndRecentListed, /*repair_first=*/true},
    {"P3_BatchRevisingTheGeneration_NextRunCompletesIt", Start::kGenerationAndRecent, Writes::kInPlace,
     "generation-commit#1", Seen::kHalfCommitRefused, kGenAndRecentListed},
    {"P3_BatchRevisingNothingInTheGeneration", Start::kGenerationAndRecent, Writes::kInPlaceNewArticles,
     "generation-commit#1", Seen::kFirstBatch, kGenAndRecentListed},
    // 3.4: attaching a recent shard.
    {"R1_RecentShardCreatedNotListed", Start::kGeneration, Writes::kInPlace, "recent-created#1",
     Seen::kBefore, "list:gen-000001 copy:gen-000001 gen-000001 recent-000001 staging"},
    {"R2_RecentShardInTheMarkersCopyOnly", Start::kGeneration, Writes::kInPlace, "shard-list#1",
     Seen::kBefore, "list:gen-000001 copy:gen-000001+recent-000001 gen-000001 recent-000001 staging"},
    // 3.5: a bulk load from a generation and its recent shard.
    {"B1_FromGenerations_BuildingParts", Start::kGenerationAndRecent, Writes::kBulk, "version#100",
     Seen::kBefore, kGenAndRecentListed},
    {"B2_FromGenerations_Compacting", Start::kGenerationAndRecent, Writes::kBulk, "compaction#2",
     Seen::kBefore, kGenAndRecentListedNext},
    {"B3_FromGenerations_Adopted", Start::kGenerationAndRecent, Writes::kBulk, "adopted#1", Seen::kBefore,
     kGenAndRecentListedNext},
    {"B4_FromGenerations_MarkersCopyAhead", Start::kGenerationAndRecent, Writes::kBulk, "shard-list#1",
     Seen::kBefore,
     "list:gen-000001+recent-000001 copy:gen-000002 gen-000001 gen-000002 recent-000001 staging"},
    {"B5_FromGenerations_Published", Start::kGenerationAndRecent, Writes::kBulk, "published#1", Seen::kAfter,
     "list:gen-000002 copy:gen-000002 gen-000001 gen-000002 recent-000001 staging"},
    // 3.5 from a plain database: the commit point is B6.
    {"B1_FromPlain_BuildingParts", Start::kPlain, Writes::kBulk, "version#100", Seen::kBefore, kPlain},
    {"B2_FromPlain_Compacting", Start::kPlain, Writes::kBulk, "compaction#2", Seen::kBefore, kPlainNext},
    {"B3_FromPlain_Adopted", Start::kPlain, Writes::kBulk, "adopted#1", Seen::kBefore, kPlainNext},
    {"B4_FromPlain_MarkersCopyAhead", Start::kPlain, Writes::kBulk, "shard-list#1", Seen::kBefore,
     "iamglass copy:gen-000001 gen-000001 staging"},
    {"B5_FromPlain_ListedButStillPlain", Start::kPlain, Writes::kBulk, "published#1", Seen::kBefore,
     "iamglass list:gen-000001 copy:gen-000001 gen-000001 staging"},
    // B6 is one unlink with no pause after it: the run is killed just
    // before (B5) and the test removes iamglass as B6 does, so what is
    // checked is the state a kill right after B6 leaves.
    {"B6_FromPlain_VersionFileRemoved", Start::kPlain, Writes::kBulk, "published#1", Seen::kAfter,
     "list:gen-000001 copy:gen-000001 gen-000001 staging", false, /*then_remove_version=*/true},
};

class KilledAtAStorageStep : public ::testing::TestWithParam<Step> {
  protected:
    fs::path expected_database(Seen seen) const {
        const Step& step = GetParam();
        switch (seen) {
            case Seen::kBefore: return start_database(step.start);
            case Seen::kFirstBatch: return reference(step.start, step.run, true);
            default: return reference(step.start, step.run, false);
        }
    }

    void expect_reader_sees_the_moment(const std::string& moment) {
        const Step& step = GetParam();
        if (step.seen != Seen::kHalfCommitRefused) {
            expect_reader_sees(db_, expected_database(step.seen), moment);
            return;
        }
        // Nothing: newsquery waits for the generation's commit (10 s),
        // then refuses.
        CommandResult read = run_newsquery({"search", "--db", db_.string(), "--format", "json", "the"});
        EXPECT_EQ(read.exit_code, kHalfCommittedExit) << moment << ": " << read.err;
        EXPECT_NE(read.err.find("run newsindex --repair --db " + db_.string() + " to complete it"),
                  std::string::npos)
            << moment << ": " << read.err;
        EXPECT_EQ(read.out, "") << moment;
    }

    ScratchDir dir_;
    fs::path db_ = dir_ / "db";
};

TEST_P(KilledAtAStorageStep, ReaderSeesWhatTheDocSaysAndTheSameCommandCompletesIt) {
    const Step& step = GetParam();
    fs::copy(start_database(step.start), db_, fs::copy_options::recursive);
    // Built before the run starts: expected answers never wait on it.
    expected_database(step.seen);
    const fs::path& whole = reference(step.start, step.run, false);
    std::vector<std::string> argv = newsindex_argv(db_, run_flags(step.run), {run_input(step.run)});

    std::unique_ptr<ChildProcess> run = start_paused(argv, step.pause_at, dir_.path());
    ASSERT_TRUE(run->running()) << "not paused at " << step.pause_at;
    std::string moment = std::string("paused at ") + step.pause_at;
    if (!step.then_remove_version) expect_reader_sees_the_moment(moment);  // (a)
    run->kill(SIGKILL);                                                    // (b)
    EXPECT_EQ(run->wait(), 128 + SIGKILL) << run->err();
    if (step.then_remove_version) {
        ASSERT_TRUE(fs::remove(db_ / "iamglass"));
        expect_reader_sees_the_moment("killed after B6");
    }

    EXPECT_EQ(layout(db_), step.leaves) << "what the kill " << moment << " left";  // (c)
    if (step.seen == Seen::kHalfCommitRefused) {
        // Half committed, as Xapian alone shows it: the batch's new versions
        // are there, the older ones they supersede do not say so yet.
        EXPECT_NE(revision_violation(stored_versions(db_)), "");
    }

    if (step.repair_first) {  // (d)
        CommandResult repair = run_newsindex({"--db", db_.string(), "--repair"});
        EXPECT_EQ(repair.exit_code, 0) << repair.err;
        EXPECT_NE(repair.err.find("completed the batch a run left half committed"), std::string::npos)
            << repair.err;
        expect_reader_sees(db_, expected_database(Seen::kFirstBatch), "after --repair");
    }
    CommandResult again = run_command(argv);
    ASSERT_EQ(again.exit_code, 0) << again.err;

    expect_same_versions(stored_versions(whole), stored_versions(db_),  // (e)
                         std::string("killed ") + moment + ", then run again, versus one run");
    expect_same_search_results(whole, db_);
    EXPECT_EQ(leftovers(db_), std::vector<std::string>{});
}

INSTANTIATE_TEST_SUITE_P(Steps, KilledAtAStorageStep, ::testing::ValuesIn(kSteps),
                         [](const ::testing::TestParamInfo<Step>& info) { return info.param.name; });

// The three answers the step tests tell apart are different answers.
TEST(StorageStepInputs, BeforeFirstBatchAndAfterAreDifferentAnswers) {
    for (Start start : {Start::kPlain, Start::kGenerationAndRecent}) {
        auto before = search_lines(start_database(start), "the");
        auto first = search_lines(reference(start, Writes::kInPlace, true), "the");
        auto after = search_lines(reference(start, Writes::kInPlace, false), "the");
        EXPECT_LT(before.second.size(), first.second.size());
        EXPECT_LT(first.second.size(), after.second.size());
    }
    EXPECT_NE(search_lines(start_database(Start::kGenerationAndRecent), "the", {"--latest"}).second,
              search_lines(reference(Start::kGenerationAndRecent, Writes::kInPlaceNewArticles, true), "the",
                           {"--latest"}).second);
}

}  // namespace
}  // namespace newsindex::testing
