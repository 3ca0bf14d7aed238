// SIGTERM and SIGINT end a newsindex run at its next safe point: exit 143 or
// 130 (128 + the signal), one line on stderr saying what was kept, no work
// files left behind, a database that opens, and running the same command
// again gives what one uninterrupted run gives.
//
// The run is made to wait at a named point (NEWSINDEX_TEST_PAUSE_AT, see
// storage/interruption.h) and signalled once it says it is there, so each
// test interrupts exactly the moment it names, with no sleeping on a guess:
// while waiting for another run's lock, while reading, between two batches
// written in place, while a bulk load builds its parts and during its
// compaction. One more test signals a bulk load as soon as its first part
// appears on disk, with no hook.
#include "tests/reliability/child_process.h"
#include "tests/reliability/database_contents.h"
#include "tests/reliability/paused_run.h"
#include "tests/reliability/test_inputs.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

namespace newsindex::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kRerun = "; run the same command again to complete it\n";

struct Ended {
    bool exited = false;  // by itself, not killed by the signal
    int exit_code = -1;
    std::string err;
};

Ended outcome_of(ChildProcess& run) {
    int code = run.wait();
    return {run.exited(), code, run.err()};
}

// Runs `argv` until it reaches `pause_at`, then sends it `signal` and waits
// for its end.
Ended interrupt_at(const std::vector<std::string>& argv, const std::string& pause_at, int signal,
                   const fs::path& dir) {
    fs::path paused = dir / "paused";
    fs::remove(paused);
    ScopedEnvironment at("NEWSINDEX_TEST_PAUSE_AT", pause_at);
    ScopedEnvironment file("NEWSINDEX_TEST_PAUSED_FILE", paused.string());
    ChildProcess run(argv, dir / "interrupted");
    while (run.running() && !fs::exists(paused))
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    EXPECT_TRUE(fs::exists(paused)) << "the run ended before reaching " << pause_at << ": "
                                    << run.err();
    run.kill(signal);
    return outcome_of(run);
}

// What a run must not leave in the database directory: its staging
// directory, or a generation or recent shard that XAPIANDB does not name.
std::vector<std::string> leftovers(const fs::path& db) {
    std::ostringstream shard_list;
    shard_list << std::ifstream(db / "XAPIANDB").rdbuf();
    std::vector<std::string> left;
    for (const fs::directory_entry& entry : fs::directory_iterator(db)) {
        std::string name = entry.path().filename().string();
        bool shard = name.starts_with("gen-") || name.starts_with("recent-");
        if (name == "staging" || (shard && shard_list.str().find(name) == std::string::npos))
            left.push_back(name);
    }
    return left;
}

std::string signal_name(int signal) { return signal == SIGTERM ? "SIGTERM" : "SIGINT"; }

// The one line an interrupted run prints, `kept` saying what it kept.
std::string interrupted_line(int signal, const std::string& kept) {
    return "newsindex: interrupted by " + signal_name(signal) + ": " + kept + kRerun;
}

// 3,000 generated versions and the database one uninterrupted run builds
// from them, shared by the tests.
struct Corpus {
    ScratchDir dir;
    fs::path input;
    fs::path first_third;
    std::vector<StoredVersion> expected;

    Corpus() {
        input = generated_captures(dir / "generated.jsonl", 11, 3000);
        first_third = line_range(input, 0, 1000, dir / "first-third.jsonl");
        CommandResult reference =
            run_command(newsindex_argv(dir / "reference", {"--batch-size", "200"}, {input}));
        if (reference.exit_code != 0) throw std::runtime_error("reference run: " + reference.err);
        expected = stored_versions(dir / "reference");
    }
};

const Corpus& corpus() {
    static const Corpus shared;
    return shared;
}

class InterruptedRun : public ::testing::TestWithParam<int> {
  protected:
    int signal() const { return GetParam(); }

    // The interrupted run ended as the signal asks, with exactly `line`,
    // and left a database that opens, keeps the revision rules and holds no
    // work files; the same command run again completes it.
    void expect_stopped_then_completed(const Ended& ended, const std::string& line,
                                       const std::vector<std::string>& argv) {
        EXPECT_TRUE(ended.exited) << "killed by the signal";
        EXPECT_EQ(ended.exit_code, 128 + signal());
        EXPECT_EQ(ended.err, line);
        ASSERT_TRUE(fs::exists(db_));
        EXPECT_EQ(leftovers(db_), std::vector<std::string>{});
        EXPECT_EQ(revision_violation(stored_versions(db_)), "");

        CommandResult again = run_command(argv);
        ASSERT_EQ(again.exit_code, 0) << again.err;
        expect_same_versions(corpus().expected, stored_versions(db_),
                             "interrupted, then run again, versus one uninterrupted run");
    }

    ScratchDir dir_;
    fs::path db_ = dir_ / "db";
};

TEST_P(InterruptedRun, WhileReadingStopsAndWritesNothing) {
    std::vector<std::string> argv = newsindex_argv(db_, {"--batch-size", "200"}, {corpus().input});
    Ended ended = interrupt_at(argv, "read#1000", signal(), dir_.path());
    EXPECT_EQ(stored_versions(db_).size(), 0u);
    expect_stopped_then_completed(
        ended, interrupted_line(signal(), "nothing was written (stopped while reading the input)"),
        argv);
}

TEST_P(InterruptedRun, BetweenBatchesKeepsTheCommittedBatchesOnly) {
    std::vector<std::string> argv = newsindex_argv(db_, {"--batch-size", "200"}, {corpus().input});
    Ended ended = interrupt_at(argv, "batch#4", signal(), dir_.path());
    // The first three batches, 600 captures, are the first 600 lines.
    CommandResult partial = run_command(newsindex_argv(
        dir_ / "partial", {}, {line_range(corpus().input, 0, 600, dir_ / "first-600.jsonl")}));
    ASSERT_EQ(partial.exit_code, 0) << partial.err;
    expect_same_versions(stored_versions(dir_ / "partial"), stored_versions(db_),
                         "three batches committed");
    expect_stopped_then_completed(
        ended,
        interrupted_line(signal(),
                         "3 of 15 batches committed (600 captures); the rest was not written"),
        argv);
}

// --wait: a run waiting for another run's lock stops waiting.
TEST_P(InterruptedRun, WhileWaitingForTheLockStopsWaiting) {
    CommandResult base = run_command(newsindex_argv(db_, {}, {corpus().first_third}));
    ASSERT_EQ(base.exit_code, 0) << base.err;
    std::vector<std::string> argv =
        newsindex_argv(db_, {"--wait", "600", "--batch-size", "200"}, {corpus().input});
    Ended ended;
    {
        Xapian::WritableDatabase holder(db_.string(), Xapian::DB_OPEN);  // the other run
        ended = interrupt_at(argv, "lock#2", signal(), dir_.path());
    }
    expect_stopped_then_completed(
        ended, interrupted_line(signal(), "nothing was written (stopped waiting for another run's lock)"),
        argv);
}

// A bulk load is all or nothing: stopped while it builds its parts or while
// Xapian compacts them into the next generation, the database is as before
// the run (here: the first third of the input, added in place).
class InterruptedBulkLoad : public InterruptedRun {
  protected:
    void check(const std::string& pause_at) {
        CommandResult base = run_command(newsindex_argv(db_, {}, {corpus().first_third}));
        ASSERT_EQ(base.exit_code, 0) << base.err;
        std::vector<StoredVersion> before = stored_versions(db_);
        std::vector<std::string> argv = newsindex_argv(db_, {"--bulk", "always"}, {corpus().input});
        Ended ended = interrupt_at(argv, pause_at, signal(), dir_.path());
        EXPECT_TRUE(stored_versions(db_) == before) << "the interrupted bulk load changed the database";
        expect_stopped_then_completed(
            ended,
            interrupted_line(signal(), "nothing was written (the bulk load was abandoned; the "
                                       "database is as before the run)"),
            argv);
    }
};

TEST_P(InterruptedBulkLoad, WhileBuildingPartsLeavesTheDatabaseAsBefore) { check("part#2"); }

// compaction#2: the postlist table is merged, the next one starts.
TEST_P(InterruptedBulkLoad, DuringCompactionLeavesTheDatabaseAsBefore) { check("compaction#2"); }

// No hook: the signal comes whenever the first part appears in the staging
// directory, in the middle of building it. The run either stops as above
// or, had it already finished, ends normally.
TEST_P(InterruptedRun, BulkLoadSignalledWhenItsFirstPartAppears) {
    std::vector<std::string> argv = newsindex_argv(db_, {"--bulk", "always"}, {corpus().input});
    ChildProcess run(argv, dir_ / "interrupted");
    while (run.running() && !fs::exists(db_ / "staging" / "part-000000"))
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    run.kill(signal());
    Ended outcome = outcome_of(run);
    if (outcome.exited && outcome.exit_code == 0) {
        std::cout << "the run had finished before the signal\n";
        expect_same_versions(corpus().expected, stored_versions(db_), "finished run");
        return;
    }
    expect_stopped_then_completed(
        outcome,
        interrupted_line(signal(), "nothing was written (the bulk load was abandoned; the "
                                   "database is as before the run)"),
        argv);
}

std::string signal_test_name(const ::testing::TestParamInfo<int>& info) {
    return signal_name(info.param);
}

INSTANTIATE_TEST_SUITE_P(Signals, InterruptedRun, ::testing::Values(SIGTERM, SIGINT),
                         signal_test_name);
INSTANTIATE_TEST_SUITE_P(Signals, InterruptedBulkLoad, ::testing::Values(SIGTERM, SIGINT),
                         signal_test_name);

}  // namespace
}  // namespace newsindex::testing
