// What comes after a kill at a storage step, and a writer across a
// generation switch (doc/storage.md 3.1, 3.7, section 5 and section 7,
// items 5 and 10): the next run's opening killed in its turn, --repair
// once the shard list is lost while the marker's copy is ahead, and a
// --wait run waiting for the lock of a generation a bulk load replaces,
// also paused between reading the layout and taking the lock.
// As in storage_steps_test.cpp, runs are paused at named steps
// (paused_run.h) and nothing is timed.
#include "tests/reliability/storage_states.h"

#include <gtest/gtest.h>

#include <sys/types.h>

#include <chrono>
#include <thread>

namespace newsindex::testing {
namespace {

// 3.1: opening for writing is the recovery. The run after a kill is paused
// at its first capture read, once it has opened the database (lock,
// leftovers, damage check, half commit completed), and killed there too.
class KilledWhileOpening : public ::testing::Test {
  protected:
    void expect_completed_as_one_run(const std::vector<std::string>& argv, Start start, Writes run) {
        CommandResult again = run_command(argv);
        ASSERT_EQ(again.exit_code, 0) << again.err;
        const fs::path& whole = reference(start, run, false);
        expect_same_versions(stored_versions(whole), stored_versions(db_), "killed twice, then run again");
        expect_same_search_results(whole, db_);
        EXPECT_EQ(leftovers(db_), std::vector<std::string>{});
    }

    ScratchDir dir_;
    fs::path db_ = dir_ / "db";
};

TEST_F(KilledWhileOpening, AfterAHalfCommittedBatchLeavesItCompleted) {
    fs::copy(start_database(Start::kGenerationAndRecent), db_, fs::copy_options::recursive);
    const fs::path& first_batch = reference(Start::kGenerationAndRecent, Writes::kInPlace, true);
    std::vector<std::string> argv = newsindex_argv(db_, run_flags(Writes::kInPlace), {run_input(Writes::kInPlace)});
    kill_at(argv, "generation-commit#1", dir_.path(), "half-committing");

    kill_at(argv, "read#1", dir_.path(), "opening");
    EXPECT_EQ(layout(db_), kGenAndRecentListed);
    EXPECT_EQ(revision_violation(stored_versions(db_)), "");
    expect_reader_sees(db_, first_batch, "after the opening completed the half commit");
    expect_completed_as_one_run(argv, Start::kGenerationAndRecent, Writes::kInPlace);
}

TEST_F(KilledWhileOpening, AfterAKilledPublicationLeavesTheUnpublishedGenerationRemoved) {
    fs::copy(start_database(Start::kGenerationAndRecent), db_, fs::copy_options::recursive);
    std::vector<std::string> argv = newsindex_argv(db_, run_flags(Writes::kBulk), {run_input(Writes::kBulk)});
    kill_at(argv, "shard-list#1", dir_.path(), "publishing");  // B4

    std::unique_ptr<ChildProcess> opened = start_paused(argv, "read#1", dir_.path(), "opening");
    // gen-000002 removed; the marker's copy still names it until the next
    // publication (section 7, item 5).
    EXPECT_EQ(layout(db_),
              "list:gen-000001+recent-000001 copy:gen-000002 gen-000001 recent-000001 staging");
    expect_reader_sees(db_, start_database(Start::kGenerationAndRecent), "opened after a killed publication");
    opened->kill(SIGKILL);
    EXPECT_EQ(opened->wait(), 128 + SIGKILL);
    expect_completed_as_one_run(argv, Start::kGenerationAndRecent, Writes::kBulk);
}

// Section 7, item 5: killed between the marker's copy and XAPIANDB (B4,
// R2), the copy names a shard that the next opening removes. Should the
// list then be lost, --repair must not take the copy (its shard is gone)
// but the newest generation that opens: the database as before the run.
struct CopyAheadCase {
    const char* name;
    Start start;
    Writes run;
    const char* gone;    // the shard only the copy named
    const char* listed;  // what --repair lists once the list is lost
};

class MarkerCopyAhead : public ::testing::TestWithParam<CopyAheadCase> {};

TEST_P(MarkerCopyAhead, LostListIsRepairedFromTheNewestGenerationNotFromTheCopy) {
    const CopyAheadCase& c = GetParam();
    ScratchDir dir;
    fs::path db = dir / "db";
    fs::copy(start_database(c.start), db, fs::copy_options::recursive);
    std::vector<std::string> argv = newsindex_argv(db, run_flags(c.run), {run_input(c.run)});
    kill_at(argv, "shard-list#1", dir.path(), "publishing");

    CommandResult repair = run_newsindex({"--db", db.string(), "--repair"});
    EXPECT_EQ(repair.exit_code, 0) << repair.err;
    EXPECT_FALSE(fs::exists(db / c.gone)) << "the next opening removes what the list does not name";

    ASSERT_TRUE(fs::remove(db / "XAPIANDB"));
    repair = run_newsindex({"--db", db.string(), "--repair"});
    EXPECT_EQ(repair.exit_code, 0) << repair.err;
    std::string listed = c.listed;
    std::string shards = listed;
    std::replace(shards.begin(), shards.end(), '+', ' ');
    EXPECT_EQ(layout(db), "list:" + listed + " copy:" + listed + " " + shards);
    expect_reader_sees(db, start_database(c.start), "repaired");

    CommandResult again = run_command(argv);
    ASSERT_EQ(again.exit_code, 0) << again.err;
    expect_same_versions(stored_versions(reference(c.start, c.run, false)), stored_versions(db),
                         "repaired, then run again, versus one run");
    EXPECT_EQ(leftovers(db), std::vector<std::string>{});
}

INSTANTIATE_TEST_SUITE_P(
    Publications, MarkerCopyAhead,
    ::testing::Values(CopyAheadCase{"B4", Start::kGenerationAndRecent, Writes::kBulk, "gen-000002",
                                    "gen-000001+recent-000001"},
                      CopyAheadCase{"R2", Start::kGeneration, Writes::kInPlace, "recent-000001", "gen-000001"}),
    [](const ::testing::TestParamInfo<CopyAheadCase>& info) { return info.param.name; });

// Whether process `pid` is asleep in nanosleep: for a newsindex run with
// --wait on a locked database, before it reads any input, that is the
// pause between two attempts at the lock (writable_database.cpp).
bool asleep(pid_t pid) {
    std::ifstream wchan("/proc/" + std::to_string(pid) + "/wchan");
    std::string where;
    wchan >> where;
    return where.find("nanosleep") != std::string::npos;
}

// Sections 5 and 7 (item 10): a writer waiting (--wait) for the lock of
// gen-000001 while a bulk load replaces it by gen-000002 must not write to
// the replaced generation nor re-create it: it takes gen-000002's lock once
// the load is done and adds its input there, as one run after the other.
// The generation and recent shard of Start::kGenerationAndRecent, then a
// bulk load of inputs().run, then inputs().later in place: one run after
// the other.
const fs::path& reference_load_then_later() {
    return built("reference-load-then-later", [](const fs::path& reference_db) {
        fs::copy(start_database(Start::kGenerationAndRecent), reference_db, fs::copy_options::recursive);
        must_run(newsindex_argv(reference_db, {"--bulk", "always"}, {inputs().run}));
        must_run(newsindex_argv(reference_db, {"--bulk", "never"}, {inputs().later}));
    });
}

TEST(WriterWaitingForTheLock, AcrossAGenerationSwitchWritesToTheNewGeneration) {
    ScratchDir dir;
    fs::path db = dir / "db";
    fs::copy(start_database(Start::kGenerationAndRecent), db, fs::copy_options::recursive);
    std::vector<std::string> load = newsindex_argv(db, {"--bulk", "always"}, {inputs().run});
    std::vector<std::string> later = newsindex_argv(db, {"--wait", "300", "--bulk", "never"}, {inputs().later});

    // B3: gen-000002 committed, not yet published; the load holds
    // gen-000001's lock.
    std::unique_ptr<ChildProcess> loading = start_paused(load, "adopted#1", dir.path(), "load");
    ASSERT_TRUE(loading->running());
    ChildProcess waiting(later, dir / "waiting");
    while (waiting.running() && !asleep(waiting.pid()))
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    ASSERT_TRUE(waiting.running()) << "the second run did not wait: " << waiting.err();

    // "adopted" is not a safe point: SIGTERM lets the load go on, and past
    // its last safe point it completes (doc/storage.md 3.5).
    loading->kill(SIGTERM);
    EXPECT_EQ(loading->wait(), 0) << loading->err();
    EXPECT_EQ(waiting.wait(), 0) << waiting.err();

    EXPECT_EQ(layout(db), "list:gen-000002+recent-000002 copy:gen-000002+recent-000002 gen-000002 recent-000002");
    expect_same_versions(stored_versions(reference_load_then_later()), stored_versions(db),
                         "a run waiting across a generation switch versus one run after the other");
    EXPECT_EQ(leftovers(db), std::vector<std::string>{});
}

// The moment the test above does not reach: the waiting run has read the
// layout (gen-000001 + recent-000001) and not yet taken gen-000001's lock
// when the bulk load publishes gen-000002 and lets gen-000001's lock go
// (B7, before removing it). The run gets that lock, must see that the list
// changed, let it go and wait for gen-000002's: it reads the layout a
// second time, which it does only if it let go.
TEST(WriterWaitingForTheLock, LockOfAReplacedGenerationIsLetGoAndTheNewOneWaitedFor) {
    ScratchDir dir;
    fs::path db = dir / "db";
    fs::copy(start_database(Start::kGenerationAndRecent), db, fs::copy_options::recursive);
    std::vector<std::string> load = newsindex_argv(db, {"--bulk", "always"}, {inputs().run});
    std::vector<std::string> later = newsindex_argv(db, {"--wait", "300", "--bulk", "never"}, {inputs().later});

    std::unique_ptr<ChildProcess> waiting = start_paused(later, "layout-read#1,2", dir.path(), "waiting");
    ASSERT_TRUE(waiting->running());
    std::unique_ptr<ChildProcess> loading = start_paused(load, "lock-released#1", dir.path(), "load");
    ASSERT_TRUE(loading->running());
    EXPECT_EQ(layout(db).substr(0, layout(db).find(' ')), "list:gen-000002");

    EXPECT_TRUE(resume(*waiting, dir.path(), "waiting", true))
        << "the waiting run kept the lock of the generation the load replaced (exit "
        << waiting->wait() << "): " << waiting->err();
    resume(*waiting, dir.path(), "waiting");
    while (waiting->running() && !asleep(waiting->pid()))
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    ASSERT_TRUE(waiting->running()) << "the waiting run did not wait for gen-000002: " << waiting->err();

    resume(*loading, dir.path(), "load");
    EXPECT_EQ(loading->wait(), 0) << loading->err();
    EXPECT_EQ(waiting->wait(), 0) << waiting->err();
    EXPECT_EQ(layout(db), "list:gen-000002+recent-000002 copy:gen-000002+recent-000002 gen-000002 recent-000002");
    expect_same_versions(stored_versions(reference_load_then_later()), stored_versions(db),
                         "a run that got a replaced generation's lock versus one run after the other");
    EXPECT_EQ(leftovers(db), std::vector<std::string>{});
}

// The same run resumed only once the load has ended and removed
// gen-000001: opening the generation it read must fail (DB_OPEN), never
// create it again, and the run must read the layout again and write to
// gen-000002.
TEST(WriterWaitingForTheLock, GenerationRemovedBeforeItsOpeningIsNeverCreatedAgain) {
    ScratchDir dir;
    fs::path db = dir / "db";
    fs::copy(start_database(Start::kGenerationAndRecent), db, fs::copy_options::recursive);
    std::vector<std::string> load = newsindex_argv(db, {"--bulk", "always"}, {inputs().run});
    std::vector<std::string> later = newsindex_argv(db, {"--wait", "300", "--bulk", "never"}, {inputs().later});

    std::unique_ptr<ChildProcess> waiting = start_paused(later, "layout-read#1", dir.path(), "waiting");
    ASSERT_TRUE(waiting->running());
    must_run(load);
    ASSERT_FALSE(fs::exists(db / "gen-000001"));

    resume(*waiting, dir.path(), "waiting");
    EXPECT_EQ(waiting->wait(), 0) << waiting->err();
    EXPECT_EQ(layout(db), "list:gen-000002+recent-000002 copy:gen-000002+recent-000002 gen-000002 recent-000002");
    expect_same_versions(stored_versions(reference_load_then_later()), stored_versions(db),
                         "a run whose generation went before it opened it versus one run after the other");
    EXPECT_EQ(leftovers(db), std::vector<std::string>{});
}

}  // namespace
}  // namespace newsindex::testing
