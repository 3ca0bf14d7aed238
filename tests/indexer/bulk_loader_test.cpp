// How a bulk load divides its versions into parts, and that the parts,
// however divided and committed, merge into the database an in-place
// write makes.
#include "indexer/bulk_loader.h"

#include "tests/reliability/test_inputs.h"
#include "tests/support/test_support.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <numeric>

namespace newsindex::indexer {
namespace {

using newsindex::testing::CommandResult;
using newsindex::testing::ScratchDir;

std::uint64_t small_records(std::size_t) { return 1000; }

std::vector<std::size_t> sizes(const std::vector<PartRange>& parts) {
    std::vector<std::size_t> out;
    for (const PartRange& part : parts) out.push_back(part.end - part.first);
    return out;
}

// Consecutive ranges from 0 to `versions`, none empty.
void expect_cover(const std::vector<PartRange>& parts, std::size_t versions) {
    std::size_t next = 0;
    for (const PartRange& part : parts) {
        EXPECT_EQ(part.first, next);
        EXPECT_LT(part.first, part.end);
        next = part.end;
    }
    EXPECT_EQ(next, versions);
}

TEST(PartRanges, ALargeLoadIsCutIntoFullPartsThatShrinkTowardsTheEnd) {
    const std::size_t versions = 240'882;
    std::vector<PartRange> parts = part_ranges(versions, 2, small_records);
    expect_cover(parts, versions);
    std::vector<std::size_t> s = sizes(parts);
    EXPECT_EQ(s.front(), kPartVersions);
    EXPECT_TRUE(std::is_sorted(s.rbegin(), s.rend())) << "part sizes never grow";
    // While more than 2 × threads full parts are left, every part is full.
    std::size_t full = 0;
    while (full < s.size() && s[full] == kPartVersions) ++full;
    EXPECT_GE(full * kPartVersions, versions - 4 * kPartVersions);
    // The last parts, one per thread and more, are no larger than a commit.
    ASSERT_GE(s.size(), 4u);
    for (std::size_t i = s.size() - 4; i < s.size(); ++i) EXPECT_LE(s[i], kPartCommitVersions) << i;
    for (std::size_t i = 0; i + 1 < s.size(); ++i) EXPECT_GE(s[i], kPartCommitVersions) << i;
}

TEST(PartRanges, TheShareOfEachPartFollowsTheNumberOfThreads) {
    // 4 × 625 per thread is left at the start: one thread's parts are twice
    // the size of two threads'.
    EXPECT_EQ(sizes(part_ranges(5000, 1, small_records)),
              (std::vector<std::size_t>{2500, 1250, 625, 625}));
    EXPECT_EQ(sizes(part_ranges(5000, 2, small_records)),
              (std::vector<std::size_t>{1250, 937, 703, 625, 625, 625, 235}));
}

TEST(PartRanges, ASmallLoadIsCutIntoPartsOfOneCommit) {
    EXPECT_EQ(sizes(part_ranges(1000, 2, small_records)), (std::vector<std::size_t>{625, 375}));
    EXPECT_EQ(sizes(part_ranges(1, 2, small_records)), (std::vector<std::size_t>{1}));
    EXPECT_TRUE(part_ranges(0, 2, small_records).empty());
}

TEST(PartRanges, LongRecordsEndAPartOnceItHoldsTheirBound) {
    // Records of 40 MB: a part is full with its second one (80 MB ≥ 64 MB).
    auto long_records = [](std::size_t) -> std::uint64_t { return 40u << 20; };
    EXPECT_EQ(sizes(part_ranges(5, 2, long_records)), (std::vector<std::size_t>{2, 2, 1}));
    // Versions copied from the database (0 bytes of record) fill parts by count.
    auto copies = [](std::size_t) -> std::uint64_t { return 0; };
    EXPECT_EQ(sizes(part_ranges(1000, 2, copies)), (std::vector<std::size_t>{625, 375}));
}

// The documents of a database, in document number order.
std::vector<std::string> documents(const std::filesystem::path& path) {
    Xapian::Database db(path.string());
    std::vector<std::string> out;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        out.push_back(db.get_document(*it).serialise());
    }
    return out;
}

// On one thread, 1,400 versions make parts of 700, 625 and 75: the first is
// committed once before it ends.
TEST(UseBulkLoad, CountsWhatWasAddedInPlaceSinceTheLastBulkLoadWithTheRun) {
    // An empty database: a large first run is loaded in bulk.
    EXPECT_TRUE(use_bulk_load(BulkPolicy::kAuto, 20'000, 0, 0));
    EXPECT_FALSE(use_bulk_load(BulkPolicy::kAuto, 19'999, 0, 0));
    // A plain database is all added in place: it is packed once it grows.
    EXPECT_TRUE(use_bulk_load(BulkPolicy::kAuto, 1, 0, 19'999));
    // A generation of 240,000 with a recent shard: small runs go to the
    // shard until it and the run reach a tenth of the generation.
    EXPECT_FALSE(use_bulk_load(BulkPolicy::kAuto, 2'400, 240'000, 0));
    EXPECT_FALSE(use_bulk_load(BulkPolicy::kAuto, 2'400, 240'000, 21'000));
    EXPECT_TRUE(use_bulk_load(BulkPolicy::kAuto, 2'400, 240'000, 21'600));
    // The policy overrides the rule both ways.
    EXPECT_TRUE(use_bulk_load(BulkPolicy::kAlways, 0, 240'000, 0));
    EXPECT_FALSE(use_bulk_load(BulkPolicy::kNever, 100'000, 0, 100'000));
}

TEST(BulkLoad, PartsCommittedAsTheyGrowMergeIntoTheDocumentsOfAnInPlaceWrite) {
    ScratchDir dir;
    std::filesystem::path input = testing::generated_captures(dir / "generated.jsonl", 11, 1400);
    auto index = [&](const std::string& name, const std::string& bulk) {
        CommandResult run = testing::run_newsindex({"--db", (dir / name).string(), "--quiet",
                                                    "--threads", "1", "--bulk", bulk,
                                                    input.string()});
        EXPECT_EQ(run.exit_code, 0) << run.err;
        return documents(dir / name);
    };
    std::vector<std::string> in_place = index("in-place", "never");
    std::vector<std::string> bulk = index("bulk", "always");
    ASSERT_EQ(in_place.size(), 1400u);
    ASSERT_EQ(bulk.size(), in_place.size());
    for (std::size_t i = 0; i < bulk.size(); ++i) {
        EXPECT_EQ(bulk[i], in_place[i]) << "document " << i + 1;
    }
}

}  // namespace
}  // namespace newsindex::indexer
