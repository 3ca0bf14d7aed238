// Input cursors kept as user metadata in the database's primary shard.
#include "storage/input_cursors.h"

#include "schema/database_format.h"
#include "tests/support/test_support.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <string>

namespace newsindex::storage {
namespace {

using newsindex::testing::ScratchDir;

TEST(InputCursors, WrittenCursorsAreReadBackByIdentity) {
    ScratchDir dir;
    Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE_OR_OVERWRITE);
    EXPECT_TRUE(read_input_cursors(db).empty());
    set_input_cursor(db, "/data/a.jsonl", "file1 L 10 20 30 2 0 30 ff");
    set_input_cursor(db, "/data/b.db", std::string("row\0id 7", 8));  // states are opaque bytes
    db.set_metadata(schema::kMetaLanguage, "en");                       // not a cursor
    db.commit();
    EXPECT_EQ(read_input_cursors(Xapian::Database((dir / "db").string())),
              (InputCursorStates{{"/data/a.jsonl", "file1 L 10 20 30 2 0 30 ff"},
                                 {"/data/b.db", std::string("row\0id 7", 8)}}));
}

TEST(InputCursors, SettingAgainReplacesTheState) {
    ScratchDir dir;
    Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE_OR_OVERWRITE);
    set_input_cursor(db, "/data/a.jsonl", "first");
    db.commit();
    set_input_cursor(db, "/data/a.jsonl", "second");
    db.commit();
    EXPECT_EQ(read_input_cursors(db), (InputCursorStates{{"/data/a.jsonl", "second"}}));
}

TEST(InputCursors, ManyCursorsAndIdentitiesLongerThanAMetadataKey) {
    ScratchDir dir;
    Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE_OR_OVERWRITE);
    InputCursorStates expected;
    for (int i = 0; i < 5000; ++i) {
        // Xapian refuses keys beyond a few hundred bytes; these paths are
        // 4,000 bytes and more, and differ only at their end.
        std::string identity = "/archive/" + std::string(4000, 'x') + "/" + std::to_string(i) + ".txt";
        expected[identity] = "state " + std::to_string(i);
        set_input_cursor(db, identity, expected[identity]);
    }
    db.commit();
    EXPECT_EQ(read_input_cursors(Xapian::Database((dir / "db").string())), expected);
    EXPECT_LT(input_cursor_key(expected.begin()->first).size(), 64u);
}

TEST(InputCursors, AValueWithoutItsIdentityIsCorrupt) {
    ScratchDir dir;
    Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE_OR_OVERWRITE);
    db.set_metadata(input_cursor_key("/a"), "no separator");
    db.commit();
    EXPECT_THROW(read_input_cursors(db), Xapian::DatabaseCorruptError);
}

// A bulk load compacts the old generation with new parts into the next
// generation: the old generation's cursors must survive it.
TEST(InputCursors, CompactionKeepsTheFirstSourcesCursors) {
    ScratchDir dir;
    {
        Xapian::WritableDatabase old((dir / "old").string(), Xapian::DB_CREATE_OR_OVERWRITE);
        Xapian::Document doc;
        doc.add_term("x");
        old.add_document(doc);
        set_input_cursor(old, "/data/a.jsonl", "kept");
        old.commit();
        Xapian::WritableDatabase part((dir / "part").string(), Xapian::DB_CREATE_OR_OVERWRITE);
        part.add_document(doc);
        part.commit();
    }
    Xapian::Database sources((dir / "old").string());
    sources.add_database(Xapian::Database((dir / "part").string()));
    sources.compact((dir / "next").string(), Xapian::Compactor::FULL);
    Xapian::Database next((dir / "next").string());
    EXPECT_EQ(next.get_doccount(), 2u);
    EXPECT_EQ(read_input_cursors(next), (InputCursorStates{{"/data/a.jsonl", "kept"}}));
}

}  // namespace
}  // namespace newsindex::storage
