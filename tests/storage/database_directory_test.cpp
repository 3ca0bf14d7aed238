// The states a database directory is read as (storage/database_state.h),
// and what remove_leftovers takes away: layouts built by hand with Xapian,
// as each step of doc/storage.md leaves them.
#include "storage/database_directory.h"

#include "schema/database_layout.h"
#include "tests/support/test_support.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <string>
#include <vector>

namespace newsindex::storage {
namespace {

namespace fs = std::filesystem;
using newsindex::testing::ScratchDir;
using newsindex::testing::write_file;

// A committed glass database of one document at `path`, closed (its lock
// file stays, as Xapian leaves it).
void make_glass_database(const fs::path& path) {
    Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE_OR_OVERWRITE);
    db.add_document(Xapian::Document());
    db.commit();
}

void write_shard_list(const fs::path& db, const std::vector<std::string>& shards) {
    write_file(db / schema::kShardListFile, schema::shard_list_text(shards));
}

TEST(DatabaseState, EachLayoutIsReadAsItsState) {
    ScratchDir dir;
    const fs::path db = dir / "db";
    EXPECT_EQ(DatabaseDirectory(db).state(), DatabaseState(Empty{}));  // missing
    fs::create_directory(db);
    EXPECT_EQ(DatabaseDirectory(db).state(), DatabaseState(Empty{}));
    write_file(db / schema::kMarkerTemporary, "being written");
    EXPECT_EQ(DatabaseDirectory(db).state(), DatabaseState(Empty{}));
    write_file(db / schema::kMarkerFile, std::string(schema::kMarkerHeading) + "\n");
    fs::remove(db / schema::kMarkerTemporary);
    EXPECT_EQ(DatabaseDirectory(db).state(), DatabaseState(Empty{}));

    make_glass_database(db);
    EXPECT_EQ(DatabaseDirectory(db).state(), DatabaseState(Plain{}));

    // A bulk load from the plain database, killed after XAPIANDB: still plain.
    make_glass_database(db / "gen-000001");
    write_shard_list(db, {"gen-000001"});
    EXPECT_EQ(DatabaseDirectory(db).state(), DatabaseState(Plain{}));

    fs::remove(db / schema::kGlassVersionFile);
    EXPECT_EQ(DatabaseDirectory(db).state(), DatabaseState(Generations{1, {"gen-000001"}}));

    make_glass_database(db / "gen-000002");
    make_glass_database(db / "recent-000002");
    write_shard_list(db, {"gen-000002", "recent-000002"});
    const Generations two{2, {"gen-000002", "recent-000002"}};
    EXPECT_EQ(DatabaseDirectory(db).state(), DatabaseState(two));
    EXPECT_TRUE(two.has_recent());
    EXPECT_EQ(to_text(two), "gen-000002+recent-000002");

    fs::remove_all(db / "recent-000002");
    EXPECT_EQ(DatabaseDirectory(db).state(), DatabaseState(MissingShard{two, "recent-000002"}));

    write_file(db / schema::kShardListFile, "not a list of ours\n");
    EXPECT_EQ(DatabaseDirectory(db).state(), DatabaseState(LostList{.unreadable = true}));
    fs::remove(db / schema::kShardListFile);
    EXPECT_EQ(DatabaseDirectory(db).state(), DatabaseState(LostList{.unreadable = false}));
    EXPECT_EQ(to_text(DatabaseDirectory(db).state()), "lost shard list");
}

TEST(DatabaseState, WhatIsNotOursIsForeign) {
    ScratchDir dir;
    write_file(dir / "file", "text");
    EXPECT_EQ(DatabaseDirectory(dir / "file").state(),
              DatabaseState(Foreign{Foreign::Kind::kNotADirectory}));
    write_file(dir / "photos" / "a.jpg", "jpeg");
    EXPECT_EQ(DatabaseDirectory(dir / "photos").state(),
              DatabaseState(Foreign{Foreign::Kind::kOtherFiles}));
    write_file(dir / "other" / schema::kShardListFile, "remote host:1234\n");
    EXPECT_EQ(DatabaseDirectory(dir / "other").state(),
              DatabaseState(Foreign{Foreign::Kind::kOtherShardList}));
    for (const char* path : {"file", "photos", "other"}) {
        EXPECT_FALSE(writable(DatabaseDirectory(dir / path).state())) << path;
    }
}

// doc/storage.md, 3.6: once a generation replaced a plain database, its
// tables and its lock file go; NEWSINDEX.checked.tmp goes in any state.
TEST(RemoveLeftovers, OfAReplacedPlainDatabaseIncludeItsLockFileAndTheCheckedRecordBeingWritten) {
    ScratchDir dir;
    const fs::path db = dir / "db";
    make_glass_database(db);
    const DatabaseDirectory directory(db);
    directory.mark();
    write_file(db / schema::kCheckedTemporary, "left by a killed run");
    directory.remove_leftovers();
    EXPECT_FALSE(fs::exists(db / schema::kCheckedTemporary));
    EXPECT_TRUE(fs::exists(db / schema::kGlassLockFile));  // plain: still in use

    make_glass_database(directory.next_generation());
    directory.publish(directory.next_generation());
    write_file(db / schema::kCheckedFile, "kept\n");
    write_file(db / schema::kCheckedTemporary, "left by a killed run");
    directory.remove_leftovers();
    EXPECT_EQ(directory.state(), DatabaseState(Generations{1, {"gen-000001"}}));
    EXPECT_FALSE(fs::exists(db / schema::kCheckedTemporary));
    EXPECT_FALSE(fs::exists(db / schema::kGlassLockFile));
    for (const char* table : schema::kGlassTables) EXPECT_FALSE(fs::exists(db / table)) << table;
    for (const char* kept : {schema::kMarkerFile, schema::kCheckedFile, schema::kShardListFile,
                             "gen-000001/iamglass", "gen-000001/flintlock"}) {
        EXPECT_TRUE(fs::exists(db / kept)) << kept;
    }
}

}  // namespace
}  // namespace newsindex::storage
