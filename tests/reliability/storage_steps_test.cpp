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
#include "tests/reliability/child_process.h"
#include "tests/reliability/database_contents.h"
#include "tests/reliability/paused_run.h"
#include "tests/reliability/test_inputs.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

namespace newsindex::testing {
namespace {

namespace fs = std::filesystem;

// newsquery's exit code when a batch stays half committed past its wait
// (EX_TEMPFAIL, README's table).
constexpr int kHalfCommittedExit = 75;

// 1,200 generated versions: the starting database is made of `base` (and
// `recent`, added in place after a bulk load of `base`); the run under
// test adds `run`; `later` is a second writer's input.
struct Inputs {
    ScratchDir dir;
    fs::path all, base, recent, run, run_new_articles, later;

    Inputs() {
        all = generated_captures(dir / "generated.jsonl", 33, 1200);
        base = line_range(all, 0, 300, dir / "base.jsonl");
        recent = line_range(all, 300, 400, dir / "recent.jsonl");
        run = line_range(all, 400, 1000, dir / "run.jsonl");
        later = line_range(all, 1000, 1200, dir / "later.jsonl");
        // The run's captures of articles the base does not have: a batch of
        // them changes nothing in the generation built from the base.
        std::set<std::string> in_base;
        for (const nlohmann::json& record : read_jsonl(base))
            in_base.insert(record.at("article_id").get<std::string>());
        std::ifstream in(run);
        std::ofstream out(run_new_articles = dir / "run-new-articles.jsonl");
        for (std::string line; std::getline(in, line);)
            if (!in_base.contains(nlohmann::json::parse(line).at("article_id").get<std::string>()))
                out << line << '\n';
    }
};

const Inputs& inputs() {
    static const Inputs shared;
    return shared;
}

// The database the run starts from.
enum class Start {
    kPlain,                // base, in place
    kGeneration,           // base, bulk loaded: gen-000001
    kGenerationAndRecent,  // then recent in place: gen-000001 + recent-000001
};

// The run under test: what it writes, and how.
enum class Writes {
    kInPlace,             // run, in place, batches of 200
    kInPlaceNewArticles,  // run_new_articles, in place, batches of 200
    kBulk,                // run, --bulk always
};

constexpr std::size_t kBatch = 200;

std::vector<std::string> run_flags(Writes run) {
    if (run == Writes::kBulk) return {"--bulk", "always"};
    return {"--bulk", "never", "--batch-size", std::to_string(kBatch)};
}

fs::path run_input(Writes run) {
    return run == Writes::kInPlaceNewArticles ? inputs().run_new_articles : inputs().run;
}

void must_run(const std::vector<std::string>& argv) {
    CommandResult result = run_command(argv);
    if (result.exit_code != 0)
        throw std::runtime_error("building a database failed (" + std::to_string(result.exit_code) +
                                 "): " + result.err);
}

void build_start(Start start, const fs::path& db) {
    if (start == Start::kPlain) {
        must_run(newsindex_argv(db, {}, {inputs().base}));
        return;
    }
    must_run(newsindex_argv(db, {"--bulk", "always"}, {inputs().base}));
    if (start == Start::kGenerationAndRecent)
        must_run(newsindex_argv(db, {"--bulk", "never"}, {inputs().recent}));
}

// Databases built by uninterrupted runs, once per test process.
const fs::path& built(const std::string& name, const std::function<void(const fs::path&)>& build) {
    static ScratchDir dir;
    static std::map<std::string, fs::path> done;
    auto [it, added] = done.emplace(name, dir / name);
    if (added) build(it->second);
    return it->second;
}

const fs::path& start_database(Start start) {
    return built("start-" + std::to_string(static_cast<int>(start)),
                 [start](const fs::path& db) { build_start(start, db); });
}

// The start, then `run` uninterrupted: all of its input, or only its
// first batch.
const fs::path& reference(Start start, Writes run, bool first_batch_only) {
    std::string name = "reference-" + std::to_string(static_cast<int>(start)) + "-" +
                       std::to_string(static_cast<int>(run)) + (first_batch_only ? "-first" : "");
    return built(name, [=](const fs::path& db) {
        fs::copy(start_database(start), db, fs::copy_options::recursive);
        fs::path input = run_input(run);
        if (first_batch_only)
            input = line_range(input, 0, kBatch, db.parent_path() / (db.filename().string() + ".jsonl"));
        must_run(newsindex_argv(db, run_flags(run), {input}));
    });
}

// What a reader sees at that moment (doc/storage.md section 4).
enum class Seen {
    kBefore,             // the database as the run found it
    kFirstBatch,         // the run's first batch whole, nothing more
    kAfter,              // the run whole
    kHalfCommitRefused,  // nothing: it waits, then 75 naming newsindex --repair
};

// Queries whose answers tell the states apart: every version with "the"
// (every generated article has it), and the latest of each article.
std::vector<std::vector<std::string>> reader_flags() {
    return {{}, {"--latest"}};
}

void expect_reader_sees(const fs::path& db, const fs::path& expected, const std::string& moment) {
    for (const std::vector<std::string>& flags : reader_flags()) {
        auto [code, rows] = search_lines(db, "the", flags);
        auto [expected_code, expected_rows] = search_lines(expected, "the", flags);
        EXPECT_EQ(code, 0) << moment;
        EXPECT_EQ(expected_code, 0) << moment;
        EXPECT_EQ(rows.size(), expected_rows.size()) << moment << ": rows of search the";
        EXPECT_TRUE(rows == expected_rows) << moment << ": a reader's rows differ from " << expected.filename();
    }
}

// Shard names in a shard list's text ("glass gen-000001" lines), joined by
// '+'; "none" for none.
std::string shard_names(std::istream& list) {
    std::string names;
    for (std::string line; std::getline(list, line);) {
        if (line.empty()) continue;
        std::string name = line.substr(line.find(' ') + 1);
        names += (names.empty() ? "" : "+") + name;
    }
    return names.empty() ? "none" : names;
}

// What the database directory holds, in doc/storage.md's terms: "iamglass"
// when PATH is a plain database, "list:" the shards XAPIANDB names,
// "copy:" those the marker NEWSINDEX names, then the shard directories
// present, staging/ and any *.tmp file, by name.
std::string layout(const fs::path& db) {
    std::vector<std::string> parts;
    if (fs::exists(db / "iamglass")) parts.push_back("iamglass");
    if (std::ifstream list(db / "XAPIANDB"); list) parts.push_back("list:" + shard_names(list));
    if (std::ifstream marker(db / "NEWSINDEX"); marker) {
        std::string heading;
        std::getline(marker, heading);
        parts.push_back("copy:" + shard_names(marker));
    }
    std::vector<std::string> entries;
    for (const fs::directory_entry& entry : fs::directory_iterator(db)) {
        std::string name = entry.path().filename().string();
        if (name.starts_with("gen-") || name.starts_with("recent-") || name == "staging" ||
            name.ends_with(".tmp"))
            entries.push_back(name);
    }
    std::sort(entries.begin(), entries.end());
    parts.insert(parts.end(), entries.begin(), entries.end());
    std::string text;
    for (const std::string& part : parts) text += (text.empty() ? "" : " ") + part;
    return text;
}

// What a completed run must not leave (doc/storage.md 3.6): staging/, a
// temporary file, a shard the list does not name, a marker whose copy is
// not the list, and, once the database is a generation, the plain
// database's version file and tables.
std::vector<std::string> leftovers(const fs::path& db) {
    std::vector<std::string> left;
    std::string list, copy;
    if (std::ifstream in(db / "XAPIANDB"); in) list = shard_names(in);
    if (std::ifstream marker(db / "NEWSINDEX"); marker) {
        std::string heading;
        std::getline(marker, heading);
        copy = shard_names(marker);
    }
    if (copy != (list.empty() ? "none" : list)) left.push_back("marker copy " + copy + " != list " + list);
    std::set<std::string> listed;
    std::istringstream names(list);
    for (std::string name; std::getline(names, name, '+');) listed.insert(name);
    for (const fs::directory_entry& entry : fs::directory_iterator(db)) {
        std::string name = entry.path().filename().string();
        bool shard = name.starts_with("gen-") || name.starts_with("recent-");
        bool plain_file = name == "iamglass" || name.ends_with(".glass");
        if (name == "staging" || name.ends_with(".tmp") || (shard && !listed.contains(name)) ||
            (!list.empty() && plain_file))
            left.push_back(name);
    }
    std::sort(left.begin(), left.end());
    return left;
}

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

constexpr const char* kGenAndRecentListed =
    "list:gen-000001+recent-000001 copy:gen-000001+recent-000001 gen-000001 recent-000001 staging";
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

// Starts the run with `argv` paused at `pause_at` and kills it there.
void kill_at(const std::vector<std::string>& argv, const std::string& pause_at, const fs::path& dir,
             const std::string& name) {
    std::unique_ptr<ChildProcess> run = start_paused(argv, pause_at, dir, name);
    ASSERT_TRUE(run->running()) << "not paused at " << pause_at;
    run->kill(SIGKILL);
    EXPECT_EQ(run->wait(), 128 + SIGKILL) << run->err();
}

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
TEST(WriterWaitingForTheLock, AcrossAGenerationSwitchWritesToTheNewGeneration) {
    ScratchDir dir;
    fs::path db = dir / "db";
    fs::copy(start_database(Start::kGenerationAndRecent), db, fs::copy_options::recursive);
    std::vector<std::string> load = newsindex_argv(db, {"--bulk", "always"}, {inputs().run});
    std::vector<std::string> later = newsindex_argv(db, {"--wait", "300", "--bulk", "never"}, {inputs().later});
    const fs::path& expected = built("reference-load-then-later", [&](const fs::path& reference_db) {
        fs::copy(start_database(Start::kGenerationAndRecent), reference_db, fs::copy_options::recursive);
        must_run(newsindex_argv(reference_db, {"--bulk", "always"}, {inputs().run}));
        must_run(newsindex_argv(reference_db, {"--bulk", "never"}, {inputs().later}));
    });

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
    expect_same_versions(stored_versions(expected), stored_versions(db),
                         "a run waiting across a generation switch versus one run after the other");
    EXPECT_EQ(leftovers(db), std::vector<std::string>{});
}

}  // namespace
}  // namespace newsindex::testing
