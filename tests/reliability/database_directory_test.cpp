// What newsindex writes to and removes, and what both commands say about a
// database with a file missing or damaged (issue 38, points 1, 2 and 8):
// a directory whose shard list is lost is refused, never recreated over its
// generations, and `newsindex --repair` rebuilds the list; a directory that
// is not a newsindex database is neither written to nor cleaned; a missing
// shard, a short table and a table of garbage are named by both commands,
// with what to do, and a run that finds damage writes nothing (74).
#include "indexer/exit_codes.h"
#include "query/database.h"
#include "schema/database_layout.h"
#include "tests/reliability/database_contents.h"
#include "tests/reliability/test_inputs.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <string>
#include <vector>

namespace newsindex::testing {
namespace {

namespace fs = std::filesystem;
namespace exit_code = indexer::exit_code;

// Every path under `root`, relative, sorted.
std::set<std::string> tree(const fs::path& root) {
    std::set<std::string> paths;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        paths.insert(fs::relative(entry.path(), root).string());
    }
    return paths;
}

class DatabaseDirectory : public ::testing::Test {
  protected:
    void SetUp() override {
        fs::path generated = generated_captures(dir_ / "generated.jsonl", 11, 700);
        base_ = line_range(generated, 0, 400, dir_ / "base.jsonl");
        later_ = line_range(generated, 400, 700, dir_ / "later.jsonl");
    }

    // A database of one generation and its recent shard.
    void make_generation_and_recent() {
        CommandResult bulk = run_command(newsindex_argv(db(), {"--bulk", "always"}, {base_}));
        ASSERT_EQ(bulk.exit_code, 0) << bulk.err;
        CommandResult in_place = run_command(newsindex_argv(db(), {"--bulk", "never"}, {later_}));
        ASSERT_EQ(in_place.exit_code, 0) << in_place.err;
        ASSERT_TRUE(fs::exists(db() / "recent-000001"));
    }

    fs::path db() const { return dir_ / "db"; }

    ScratchDir dir_;
    fs::path base_, later_;
};

TEST_F(DatabaseDirectory, LostShardListIsRefusedNotRecreatedAndRepairRebuildsIt) {
    make_generation_and_recent();
    std::vector<StoredVersion> before = stored_versions(db());
    fs::remove(db() / schema::kShardListFile);

    CommandResult write = run_command(newsindex_argv(db(), {}, {later_}));
    EXPECT_EQ(write.exit_code, exit_code::kCantCreate);
    EXPECT_EQ(write.err, "newsindex: database " + db().string() + " has lost its shard list " +
                             (db() / "XAPIANDB").string() +
                             " (its generations are there); nothing was written. Run newsindex "
                             "--repair --db " + db().string() + " to rebuild it\n");
    EXPECT_TRUE(fs::exists(db() / "gen-000001" / "iamglass"));
    EXPECT_TRUE(fs::exists(db() / "recent-000001" / "iamglass"));

    CommandResult read = run_newsquery({"search", "--db", db().string(), "council"});
    EXPECT_EQ(read.exit_code, query::kExitDamaged) << read.err;
    EXPECT_NE(read.err.find("its shard list " + (db() / "XAPIANDB").string() + " is missing"),
              std::string::npos) << read.err;
    EXPECT_NE(read.err.find("newsindex --repair --db " + db().string()), std::string::npos);

    CommandResult repair = run_newsindex({"--db", db().string(), "--repair"});
    EXPECT_EQ(repair.exit_code, 0) << repair.err;
    EXPECT_EQ(repair.err, "newsindex: rebuilt the shard list of " + db().string() +
                              " from the copy in " + (db() / "NEWSINDEX").string() +
                              ": gen-000001+recent-000001\n"
                              "newsindex: no half-committed batch, no damage found\n");
    expect_same_versions(before, stored_versions(db()), "after --repair");
}

TEST_F(DatabaseDirectory, RepairWithoutTheMarkerTakesTheNewestGenerationThatOpens) {
    make_generation_and_recent();
    std::vector<StoredVersion> before = stored_versions(db());
    fs::remove(db() / schema::kShardListFile);
    fs::remove(db() / schema::kMarkerFile);
    fs::create_directory(db() / "gen-000007");  // not a database: passed over

    CommandResult repair = run_newsindex({"--db", db().string(), "--repair"});
    EXPECT_EQ(repair.exit_code, 0) << repair.err;
    EXPECT_NE(repair.err.find("from the newest generation on disk that opens: "
                              "gen-000001+recent-000001\n"),
              std::string::npos) << repair.err;
    expect_same_versions(before, stored_versions(db()), "after --repair");
}

TEST_F(DatabaseDirectory, OrdinaryDirectoryIsNeitherWrittenToNorCleaned) {
    fs::path photos = dir_ / "photos";
    for (const char* file : {"staging/draft.txt", "gen-2019-photos/a.jpg", "recent-7days/b.jpg",
                             "gen-000001/c.jpg", "notes.txt"}) {
        write_file(photos / file, "mine");
    }
    std::set<std::string> before = tree(photos);

    CommandResult run = run_command(newsindex_argv(photos, {}, {base_}));
    EXPECT_EQ(run.exit_code, exit_code::kCantCreate);
    EXPECT_EQ(tree(photos), before);
    // gen-000001 looks like a generation, so the message speaks of a lost
    // list; without it, of a directory that is not a database.
    fs::remove_all(photos / "gen-000001");
    before = tree(photos);
    run = run_command(newsindex_argv(photos, {}, {base_}));
    EXPECT_EQ(run.exit_code, exit_code::kCantCreate);
    EXPECT_EQ(run.err, "newsindex: " + photos.string() +
                           " is a directory holding other files, not a newsindex database; "
                           "newsindex creates a database only in a missing or empty directory "
                           "(give --db a new path)\n");
    EXPECT_EQ(tree(photos), before);
}

TEST_F(DatabaseDirectory, LeftoversAreRemovedOnlyByExactNameInOurDirectory) {
    make_generation_and_recent();
    for (const char* file : {"staging/part-000001/x", "gen-000009/iamglass", "recent-000004/x",
                             "XAPIANDB.tmp", "gen-2019-photos/a.jpg", "recent-7days/b.jpg",
                             "gen-0000011/c", "notes.txt"}) {
        write_file(db() / file, "left");
    }
    CommandResult run = run_command(newsindex_argv(db(), {}, {later_}));
    ASSERT_EQ(run.exit_code, 0) << run.err;
    for (const char* gone : {"staging", "gen-000009", "recent-000004", "XAPIANDB.tmp"}) {
        EXPECT_FALSE(fs::exists(db() / gone)) << gone;
    }
    for (const char* kept : {"gen-2019-photos/a.jpg", "recent-7days/b.jpg", "gen-0000011/c",
                             "notes.txt", "gen-000001/iamglass", "recent-000001/iamglass"}) {
        EXPECT_TRUE(fs::exists(db() / kept)) << kept;
    }
}

TEST_F(DatabaseDirectory, NewDatabaseOnlyInAMissingOrEmptyDirectoryAndMarked) {
    fs::create_directory(dir_ / "empty");
    for (const fs::path& path : {dir_ / "empty", dir_ / "missing" / "db"}) {
        CommandResult run = run_command(newsindex_argv(path, {}, {base_}));
        EXPECT_EQ(run.exit_code, 0) << run.err;
        std::ifstream marker(path / schema::kMarkerFile);
        std::string heading;
        EXPECT_TRUE(std::getline(marker, heading)) << path;
        EXPECT_EQ(heading, schema::kMarkerHeading);
    }
}

TEST_F(DatabaseDirectory, DatabaseWithoutMarkerIsAdoptedOnItsFirstWrite) {
    make_generation_and_recent();
    fs::remove(db() / schema::kMarkerFile);
    write_file(db() / "XAPIANDB.tmp", "left by a run of an older newsindex");
    CommandResult run = run_command(newsindex_argv(db(), {}, {base_}));
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_TRUE(fs::exists(db() / schema::kMarkerFile));
    EXPECT_FALSE(fs::exists(db() / "XAPIANDB.tmp"));
}

TEST_F(DatabaseDirectory, MissingRecentShardIsNamedByBothCommands) {
    make_generation_and_recent();
    fs::remove_all(db() / "recent-000001");
    std::string shard = (db() / "recent-000001").string();

    CommandResult read = run_newsquery({"search", "--db", db().string(), "council"});
    EXPECT_EQ(read.exit_code, query::kExitDamaged) << read.err;
    EXPECT_NE(read.err.find("the shard " + shard + " its list names is missing"), std::string::npos)
        << read.err;
    EXPECT_EQ(read.err.find("no database"), std::string::npos) << read.err;

    CommandResult write = run_command(newsindex_argv(db(), {}, {later_}));
    EXPECT_EQ(write.exit_code, exit_code::kIoError);
    EXPECT_NE(write.err.find("the shard " + shard + " its list names is missing"), std::string::npos)
        << write.err;

    CommandResult repair = run_newsindex({"--db", db().string(), "--repair"});
    EXPECT_EQ(repair.exit_code, 0) << repair.err;
    read = run_newsquery({"search", "--db", db().string(), "council"});
    EXPECT_EQ(read.exit_code, 0) << read.err;
}

// Damage in a table: the run stops before writing, names the file and says
// what to do, and the table is as it was.
class DamagedTable : public DatabaseDirectory {
  protected:
    void expect_refused(const fs::path& table) {
        std::uintmax_t size = fs::file_size(table);
        CommandResult run = run_command(newsindex_argv(db(), {"--bulk", "never"}, {later_}));
        EXPECT_EQ(run.exit_code, exit_code::kIoError) << run.err;
        EXPECT_EQ(run.err.rfind("newsindex: database " + db().string() + " is damaged: " +
                                    table.string() + " is damaged (", 0),
                  0u)
            << run.err;
        EXPECT_NE(run.err.find("restore it from a backup, or build it again"), std::string::npos)
            << run.err;
        EXPECT_EQ(run.err.find("writing"), std::string::npos) << run.err;
        EXPECT_EQ(fs::file_size(table), size);
        // A reader that meets the damage names it too.
        CommandResult read = run_newsquery({"search", "--db", db().string(), "--all-versions",
                                            "--limit", "0", "--format", "json", "the"});
        EXPECT_EQ(read.exit_code, query::kExitDamaged) << read.err;
        EXPECT_EQ(read.err.rfind("newsquery: database " + db().string() + " is damaged: " +
                                     table.string() + " is damaged (",
                                 0),
                  0u)
            << read.err;
    }
};

TEST_F(DamagedTable, GarbageInDocdataStopsTheRunWith74) {
    CommandResult bulk = run_command(newsindex_argv(db(), {"--bulk", "always"}, {base_}));
    ASSERT_EQ(bulk.exit_code, 0) << bulk.err;
    fs::path table = db() / "gen-000001" / "docdata.glass";
    ASSERT_GT(fs::file_size(table), 16384u);
    {
        std::fstream out(table, std::ios::in | std::ios::out | std::ios::binary);
        out.seekp(8192);
        std::string garbage(8192, '\xff');
        out.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
    }
    expect_refused(table);
}

TEST_F(DamagedTable, TruncatedPostlistIsNamedNotCalledAWriteFailure) {
    CommandResult bulk = run_command(newsindex_argv(db(), {"--bulk", "always"}, {base_}));
    ASSERT_EQ(bulk.exit_code, 0) << bulk.err;
    fs::path table = db() / "gen-000001" / "postlist.glass";
    fs::resize_file(table, fs::file_size(table) / 2);
    expect_refused(table);
}

}  // namespace
}  // namespace newsindex::testing
