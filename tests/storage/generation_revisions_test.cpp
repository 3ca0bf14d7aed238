// The record of a batch's revisions of its generation's versions, kept in
// the recent shard between the batch's two commits.
#include "storage/generation_revisions.h"

#include "schema/database_format.h"
#include "schema/database_layout.h"
#include "tests/support/test_support.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <string>

namespace newsindex::storage {
namespace {

using newsindex::testing::ScratchDir;

TEST(GenerationRevisions, EncodeAndDecodeRoundTrip) {
    GenerationRevisions revisions{42, {}};
    RevisedVersion a;
    a.document = 7;
    a.state = {100, 2, 150, 3, 200, {{100, 2}, {120, 0}, {150, 0}}, {100, 2}};
    RevisedVersion b;
    b.document = 9;
    b.state = {-5, 0, -5, 1, std::nullopt, {{-5, 0}}, {-5, 1}};
    revisions.versions = {a, b};
    EXPECT_EQ(decode_generation_revisions(encode(revisions)), revisions);
    EXPECT_THROW(decode_generation_revisions("12\n7 x"), Xapian::DatabaseCorruptError);
    EXPECT_THROW(decode_generation_revisions(""), Xapian::DatabaseCorruptError);
}

// What a reader and the next writer both ask: is the recent shard ahead of
// the generation as this handle reads it?
TEST(GenerationRevisions, HalfCommittedWhileTheGenerationIsAtOrBeforeTheBase) {
    ScratchDir dir;
    Xapian::WritableDatabase generation((dir / "gen").string(), Xapian::DB_CREATE_OR_OVERWRITE);
    generation.set_metadata("a", "1");
    generation.commit();
    Xapian::WritableDatabase recent((dir / "recent").string(), Xapian::DB_CREATE_OR_OVERWRITE);
    EXPECT_EQ(half_committed(generation, recent), std::nullopt);
    EXPECT_EQ(generation_base(recent), std::nullopt);

    RevisedVersion revised;
    revised.document = 1;
    revised.state = {100, 0, 100, 2, std::nullopt, {{100, 0}}, {100, 0}};
    record_generation_revisions(recent, generation, {revised});
    recent.commit();
    EXPECT_EQ(generation_base(recent), generation.get_revision());
    EXPECT_EQ(half_committed(generation, recent),
              (HalfCommitted{generation.get_revision(), generation.get_revision()}));

    // The generation committed after: one state again.
    generation.set_metadata("a", "2");
    generation.commit();
    EXPECT_EQ(half_committed(generation, recent), std::nullopt);

    // A later batch that revises nothing clears the record but keeps the
    // base, so a reader holding the generation from before is still told.
    record_generation_revisions(recent, generation, {});
    recent.commit();
    EXPECT_EQ(recent.get_metadata(schema::kMetaGenerationRevisions), "");
    EXPECT_EQ(generation_base(recent), generation.get_revision() - 1);
    EXPECT_EQ(half_committed(generation, recent), std::nullopt);
}

}  // namespace
}  // namespace newsindex::storage
