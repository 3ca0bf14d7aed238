// Document numbering across shards, against what Xapian itself does with a
// database of N sub-databases: numbers dealt in turn, shard by shard.
#include "schema/shard_numbering.h"

#include "tests/support/test_support.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <fmt/format.h>

#include <string>
#include <vector>

namespace newsindex::schema {
namespace {

using newsindex::testing::ScratchDir;

// Shard s (from 0) holds `documents` + s documents, so the shards end at
// different lengths; each document's data names its shard and number there.
Xapian::Database shards_of(const ScratchDir& dir, std::size_t shards, Xapian::docid documents) {
    Xapian::Database whole;
    for (std::size_t s = 0; s < shards; ++s) {
        const std::string path = (dir / fmt::format("shard-{}", s)).string();
        {
            Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE);
            for (Xapian::docid d = 1; d <= documents + s; ++d) {
                Xapian::Document doc;
                doc.set_data(fmt::format("{} {}", s, d));
                db.add_document(doc);
            }
            db.commit();
        }
        whole.add_database(Xapian::Database(path));
    }
    return whole;
}

TEST(ShardNumbering, DealsDocumentNumbersInTurnAcrossOneToFiveShards) {
    for (std::size_t shards = 1; shards <= 5; ++shards) {
        // Xapian's documented interleaving, counted out: the first document
        // of every shard in shard order, then the second of every shard, ...
        std::vector<ShardDocument> expected{{}};  // whole numbers from 1
        for (Xapian::docid d = 1; d <= 4; ++d) {
            for (std::size_t s = 0; s < shards; ++s) expected.push_back({s, d});
        }
        for (Xapian::docid whole = 1; whole < expected.size(); ++whole) {
            SCOPED_TRACE(fmt::format("{} shards, document {}", shards, whole));
            EXPECT_EQ(shard_document(whole, shards), expected[whole]);
            EXPECT_EQ(whole_document(expected[whole], shards), whole);
        }
    }
}

TEST(ShardNumbering, AgreesWithXapiansDatabaseOfSeveralShards) {
    for (std::size_t shards = 1; shards <= 5; ++shards) {
        ScratchDir dir;
        Xapian::Database db = shards_of(dir, shards, 3);
        ASSERT_EQ(db.size(), shards);
        for (std::size_t s = 0; s < shards; ++s) {
            for (Xapian::docid d = 1; d <= 3 + s; ++d) {
                SCOPED_TRACE(fmt::format("{} shards, shard {} document {}", shards, s, d));
                const Xapian::docid whole = whole_document({s, d}, shards);
                EXPECT_EQ(db.get_document(whole).get_data(), fmt::format("{} {}", s, d));
                EXPECT_EQ(shard_document(whole, shards), (ShardDocument{s, d}));
            }
        }
    }
}

}  // namespace
}  // namespace newsindex::schema
