// A file's cursor: its encoding, and telling an unchanged file from one that
// grew or was rewritten without reading it whole.
#include "indexer/file_cursor.h"

#include "tests/support/test_support.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <string>

namespace newsindex::indexer {
namespace {

namespace fs = std::filesystem;
using newsindex::testing::ScratchDir;
using newsindex::testing::write_file;

FileCursor cursor_of(const fs::path& file, FileCursor::Kind kind, std::uint64_t offset) {
    FileCursor cursor;
    cursor.kind = kind;
    cursor.stamp = *stamp_of(file);
    cursor.offset = offset;
    cursor.covered = kind == FileCursor::Kind::kLines ? offset : cursor.stamp.size;
    cursor.fingerprint = *fingerprint(file, cursor.covered);
    return cursor;
}

TEST(FileCursor, EncodesAndDecodesEveryField) {
    FileCursor cursor;
    cursor.kind = FileCursor::Kind::kStray;
    cursor.stamp = {123456789012, -5};
    cursor.offset = 77;
    cursor.line = 3;
    cursor.compressed = true;
    cursor.covered = 99;
    cursor.fingerprint = 0xfedcba9876543210u;
    std::optional<FileCursor> back = FileCursor::decode(cursor.encode());
    ASSERT_TRUE(back);
    EXPECT_EQ(back->encode(), cursor.encode());
    EXPECT_EQ(back->stamp, cursor.stamp);
    EXPECT_EQ(back->fingerprint, cursor.fingerprint);
    EXPECT_TRUE(back->compressed);
    // Another reader's state, or a damaged one: no file cursor.
    EXPECT_FALSE(FileCursor::decode("rowid 17"));
    EXPECT_FALSE(FileCursor::decode("file1 L 1 2 3"));
    EXPECT_FALSE(FileCursor::decode("file1 Q 1 2 3 4 0 5 ff"));
}

TEST(FileCursor, TellsUnchangedGrownAndRewrittenFiles) {
    ScratchDir dir;
    const fs::path file = dir / "in.jsonl";
    const std::string first(10000, 'a');
    write_file(file, first + "\n");
    const FileCursor lines = cursor_of(file, FileCursor::Kind::kLines, first.size() + 1);
    EXPECT_EQ(file_change(lines, file, *stamp_of(file)), FileChange::kUnchanged);

    std::ofstream(file, std::ios::app) << "more\n";
    EXPECT_EQ(file_change(lines, file, *stamp_of(file)), FileChange::kGrown);

    // A byte changed in the last 4 KiB of what was read.
    std::string changed = first;
    changed[first.size() - 10] = 'b';
    write_file(file, changed + "\nmore\n");
    EXPECT_EQ(file_change(lines, file, *stamp_of(file)), FileChange::kRewritten);

    // Shorter than what was read.
    write_file(file, "a\n");
    EXPECT_EQ(file_change(lines, file, *stamp_of(file)), FileChange::kRewritten);
}

TEST(FileCursor, ASnapshotThatChangedInAnyWayIsRewritten) {
    ScratchDir dir;
    const fs::path file = dir / "2024-05-02T09-00-00Z.txt";
    write_file(file, "Headline\n\nBody.\n");
    const FileCursor snapshot = cursor_of(file, FileCursor::Kind::kSnapshot, 0);
    EXPECT_EQ(file_change(snapshot, file, *stamp_of(file)), FileChange::kUnchanged);
    // Touched: its time may be its capture time.
    fs::last_write_time(file, fs::last_write_time(file) + std::chrono::seconds(5));
    EXPECT_EQ(file_change(snapshot, file, *stamp_of(file)), FileChange::kRewritten);
    write_file(file, "Headline\n\nBody.\nMore.\n");
    EXPECT_EQ(file_change(snapshot, file, *stamp_of(file)), FileChange::kRewritten);
}

}  // namespace
}  // namespace newsindex::indexer
