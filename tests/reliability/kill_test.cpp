// Killing newsindex at any moment loses nothing: a bulk ingest is killed
// with SIGKILL at random moments, re-run each time, finally let finish, and
// the database must then hold exactly what one uninterrupted run builds.
//
// The moments come from a seeded generator; the seed is printed, and
// NEWSINDEX_KILL_SEED repeats a run. For a long run by hand on big inputs,
// see tests/reliability/README.md (NEWSINDEX_KILL_INPUTS, _COUNT, _BATCH).
#include "tests/reliability/child_process.h"
#include "tests/reliability/database_contents.h"
#include "tests/reliability/test_inputs.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <thread>

#include <unistd.h>

namespace newsindex::testing {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// The inputs: NEWSINDEX_KILL_INPUTS (paths separated by ':'), else 3,000
// synthetic versions and the real sample if present.
std::vector<fs::path> kill_inputs(const ScratchDir& dir) {
    std::vector<fs::path> inputs;
    if (const char* named = std::getenv("NEWSINDEX_KILL_INPUTS"); named && *named) {
        std::istringstream list(named);
        for (std::string path; std::getline(list, path, ':');)
            if (!path.empty()) inputs.emplace_back(path);
        return inputs;
    }
    inputs.push_back(generated_captures(dir / "generated.jsonl", 3, 3000));
    if (auto sample = real_sample()) inputs.push_back(*sample);
    return inputs;
}

std::uint64_t kill_seed() {
    long named = env_number("NEWSINDEX_KILL_SEED", -1);
    if (named >= 0) return static_cast<std::uint64_t>(named);
    return std::random_device{}();
}

// A scratch directory in memory (/dev/shm) where there is one. A kill test
// spends its time in the runs it kills; on a disk, most of a run is waiting
// for fsync, which has nothing to do with surviving SIGKILL (the page cache
// outlives the process either way), so memory makes the same test faster.
class MemoryScratch {
  public:
    MemoryScratch() {
        static int counter = 0;
        fs::path shm = "/dev/shm";
        fs::path root = fs::is_directory(shm) && ::access(shm.c_str(), W_OK) == 0 ? shm : fs::temp_directory_path();
        path_ = root / ("newsindex-kill-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        fs::remove_all(path_);
        fs::create_directories(path_);
    }
    ~MemoryScratch() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    fs::path operator/(const std::string& name) const { return path_ / name; }

  private:
    fs::path path_;
};

struct KillOutcome {
    bool interrupted = false;  // false: the run had ended before its moment came
    int exit_code = 0;
    std::string err;
};

// Starts `argv`, and kills it with SIGKILL after `delay` seconds unless it
// has ended by then.
KillOutcome run_and_kill(const std::vector<std::string>& argv, double delay, const fs::path& log) {
    ChildProcess run(argv, log);
    auto start = Clock::now();
    while (run.running() && seconds_since(start) < delay)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    run.kill(SIGKILL);
    KillOutcome outcome;
    outcome.exit_code = run.wait();
    // Decided by how it ended, not by asking before the kill: a run may end
    // by itself between the question and the signal.
    outcome.interrupted = outcome.exit_code == 128 + SIGKILL;
    outcome.err = run.err();
    return outcome;
}

// The database left behind by a killed run: opens, and is at the end of a
// completed batch (every revision rule holds).
void expect_consistent(const fs::path& db, const std::string& when) {
    if (!fs::exists(db)) return;  // killed before it was created
    try {
        EXPECT_EQ(revision_violation(stored_versions(db)), "") << when;
    } catch (const Xapian::Error& error) {
        ADD_FAILURE() << when << ": database does not open: " << error.get_description();
    }
}

// Each run is killed at a moment drawn uniformly over its own expected
// duration: the time a run takes to skip what is already indexed, plus the
// share of the uninterrupted run's duration that is still to do (by the
// versions not yet in the database). The first run's moment is thus drawn
// from [0, duration of an uninterrupted run], and later moments still fall
// while their run is working, not after it has finished.
//
// `killed_flags` are given to the runs that are killed (and to the last
// one); the reference is built in place, batch by batch.
//
// With `after_bulk_load`, both databases first get half of the first input
// in a bulk load, so the runs add to its recent shard and revise versions
// of the generation. A batch commits the shard, then the generation; a run
// killed between the two leaves the generation's part recorded in the
// shard, completed by the next writer before anything else
// (storage/generation_revisions.h). There, the database is checked as the
// next run finds it: after a run of an empty input.
void kill_and_rerun(const std::vector<std::string>& killed_flags, bool after_bulk_load = false) {
    ScratchDir dir;
    MemoryScratch memory;
    std::vector<fs::path> inputs = kill_inputs(dir);
    std::uint64_t seed = kill_seed();
    long kills = env_number("NEWSINDEX_KILL_COUNT", 20);
    std::string batch = std::to_string(env_number("NEWSINDEX_KILL_BATCH", 100));
    std::cout << "kill test seed: " << seed << " (repeat with NEWSINDEX_KILL_SEED=" << seed << ")\n";
    std::vector<std::string> extra{"--batch-size", batch};

    fs::path reference = memory / "reference";
    fs::path db = memory / "killed";
    fs::path empty = dir / "empty.jsonl";
    write_file(empty, "");
    if (after_bulk_load) {
        std::size_t lines = 0;
        std::ifstream first(inputs.front());
        for (std::string line; std::getline(first, line);) ++lines;
        fs::path half = line_range(inputs.front(), 0, lines / 2, dir / "half.jsonl");
        for (const fs::path& target : {reference, db}) {
            CommandResult bulk = run_command(newsindex_argv(target, {"--bulk", "always"}, {half}));
            ASSERT_EQ(bulk.exit_code, 0) << bulk.err;
        }
    }
    auto start = Clock::now();
    CommandResult uninterrupted = run_command(newsindex_argv(reference, extra, inputs));
    double duration = seconds_since(start);
    ASSERT_EQ(uninterrupted.exit_code, 0) << uninterrupted.err;
    start = Clock::now();
    CommandResult skipping = run_command(newsindex_argv(reference, extra, inputs));
    double skip_duration = seconds_since(start);
    ASSERT_EQ(skipping.exit_code, 0) << skipping.err;
    std::vector<StoredVersion> expected = stored_versions(reference);
    std::cout << "uninterrupted run: " << duration << " s, run over a complete database: " << skip_duration << " s\n";

    if (after_bulk_load) {
        ASSERT_TRUE(fs::exists(reference / "recent-000001")) << "the runs did not add in place";
    }

    std::vector<std::string> killed_extra = extra;
    killed_extra.insert(killed_extra.end(), killed_flags.begin(), killed_flags.end());
    std::vector<std::string> argv = newsindex_argv(db, killed_extra, inputs);
    std::mt19937_64 random(seed);
    std::uniform_real_distribution<double> share(0.0, 1.0);
    double left = 1.0;  // share of the versions not in the database yet
    int interrupted = 0;
    for (long kill = 1; kill <= kills; ++kill) {
        double expected_run = (kill == 1 ? 0.0 : skip_duration) + left * duration;
        double delay = share(random) * expected_run;
        std::string when = "kill " + std::to_string(kill) + " at " + std::to_string(delay) + " s";
        KillOutcome outcome = run_and_kill(argv, delay, dir / ("run-" + std::to_string(kill)));
        if (outcome.interrupted) {
            ++interrupted;
        } else {
            ASSERT_EQ(outcome.exit_code, 0) << when << ": run finished by itself, but: " << outcome.err;
        }
        if (after_bulk_load) {
            CommandResult next = run_command(newsindex_argv(db, {}, {empty}));
            ASSERT_EQ(next.exit_code, 0) << when << ": the next run failed: " << next.err;
        }
        expect_consistent(db, when);
        if (fs::exists(db)) {
            std::size_t present = stored_versions(db).size();
            left = 1.0 - static_cast<double>(std::min(present, expected.size())) / static_cast<double>(expected.size());
        }
    }
    std::cout << kills << " kills: " << interrupted << " interrupted a run, " << kills - interrupted
              << " came after it had finished\n";

    CommandResult last = run_command(argv);
    ASSERT_EQ(last.exit_code, 0) << last.err;
    expect_same_versions(expected, stored_versions(db), "killed and re-run versus uninterrupted");
    expect_same_search_results(reference, db);
}

TEST(KillDuringIngest, RunsKilledAtRandomMomentsThenCompletedMatchAnUninterruptedRun) {
    kill_and_rerun({});
}

// The same through the bulk loader: kills land while sub-databases are
// built, while Xapian's compaction merges them into the next generation,
// and around its publication; the database must stay the old one or become
// the new one, never a mixture, and the re-run must complete the load.
TEST(KillDuringIngest, BulkLoadsKilledDuringPartsAndCompactionThenCompletedMatch) {
    kill_and_rerun({"--bulk", "always"});
}

// Runs adding to the recent shard of a bulk-loaded generation: kills land
// in its batches, between its commit and the generation's, and while the
// shard is created and published.
TEST(KillDuringIngest, RunsAddingToARecentShardKilledThenCompletedMatch) {
    kill_and_rerun({}, /*after_bulk_load=*/true);
}

// A --strict run keeps nothing until it ends: killed at any moment, the
// database is exactly as it was before the run.
TEST(KillDuringIngest, KilledStrictRunLeavesTheDatabaseAsBefore) {
    ScratchDir dir;
    MemoryScratch memory;
    fs::path generated = generated_captures(dir / "generated.jsonl", 4, 1200);
    fs::path first_part = line_range(generated, 0, 400, dir / "first.jsonl");
    fs::path db = memory / "db";
    CommandResult base = run_command(newsindex_argv(db, {}, {first_part}));
    ASSERT_EQ(base.exit_code, 0) << base.err;
    std::vector<StoredVersion> before = stored_versions(db);

    fs::path reference = memory / "reference";
    fs::copy(db, reference, fs::copy_options::recursive);
    auto start = Clock::now();
    CommandResult timed = run_command(newsindex_argv(reference, {"--strict"}, {generated}));
    double duration = seconds_since(start);
    ASSERT_EQ(timed.exit_code, 0) << timed.err;

    std::uint64_t seed = kill_seed();
    std::cout << "strict kill test seed: " << seed << "\n";
    std::mt19937_64 random(seed);
    std::uniform_real_distribution<double> moment(0.0, duration);
    std::vector<std::string> argv = newsindex_argv(db, {"--strict"}, {generated});
    int interrupted = 0;
    for (int attempt = 1; attempt <= 15 && interrupted < 5; ++attempt) {
        KillOutcome outcome = run_and_kill(argv, moment(random), dir / ("run-" + std::to_string(attempt)));
        if (!outcome.interrupted) {
            // It finished: all of the run is in; start again from the base.
            ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
            expect_same_versions(stored_versions(reference), stored_versions(db), "strict run that finished");
            fs::remove_all(db);
            CommandResult again = run_command(newsindex_argv(db, {}, {first_part}));
            ASSERT_EQ(again.exit_code, 0) << again.err;
            continue;
        }
        ++interrupted;
        ASSERT_EQ(outcome.exit_code, 128 + SIGKILL) << outcome.err;
        EXPECT_TRUE(stored_versions(db) == before) << "a strict run killed at attempt " << attempt << " left changes";
    }
    std::cout << interrupted << " strict runs killed\n";
    CommandResult last = run_command(argv);
    ASSERT_EQ(last.exit_code, 0) << last.err;
    expect_same_versions(stored_versions(reference), stored_versions(db), "strict run after kills versus one run");
}

}  // namespace
}  // namespace newsindex::testing
