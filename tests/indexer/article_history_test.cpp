// How captures merge into an article's history: each test builds a small
// history by hand and checks the exact versions, revisions and times.
#include "indexer/article_history.h"

#include <gtest/gtest.h>

#include <map>

namespace newsindex::indexer {
namespace {

constexpr std::uint64_t kA = 0xA, kB = 0xB, kC = 0xC;

ArticleCapture capture(CaptureTime time, std::int64_t sequence, std::uint64_t hash) {
    return ArticleCapture{time, sequence, hash};
}

KnownVersion known(DocumentNumber document, std::uint64_t hash, CaptureTime first,
                   CaptureTime last, std::uint32_t revision,
                   std::optional<CaptureTime> superseded, std::int64_t sequence = 0) {
    // Its id: as if no late capture had moved its first capture since.
    return KnownVersion{document, hash, VersionState{first, sequence, last, revision, superseded},
                        VersionId{first, sequence}};
}

VersionState state(CaptureTime first, std::int64_t sequence, CaptureTime last,
                   std::uint32_t revision, std::optional<CaptureTime> superseded) {
    return VersionState{first, sequence, last, revision, superseded};
}

std::vector<VersionState> states_of(const std::vector<NewVersion>& added) {
    std::vector<VersionState> states;
    for (const NewVersion& version : added) states.push_back(version.state);
    return states;
}

// Three versions first seen at 100, 200 and 300 (sequences 0, 1, 2), each
// seen once.
std::vector<VersionState> three_versions_at_100_200_300() {
    return {state(100, 0, 100, 1, 200), state(200, 1, 200, 2, 300), state(300, 2, 300, 3, std::nullopt)};
}

// What a database would hold after applying `merge` to `before`: new
// versions get the next document numbers.
std::vector<KnownVersion> applied(std::vector<KnownVersion> before, const HistoryMerge& merge) {
    for (const RevisedVersion& revised : merge.revised) {
        for (KnownVersion& version : before) {
            if (version.document == revised.document) version.state = revised.state;
        }
    }
    DocumentNumber next = 1;
    for (const KnownVersion& version : before) next = std::max(next, version.document + 1);
    for (const NewVersion& added : merge.added) {
        before.push_back(KnownVersion{next++, added.content_hash, added.state, added.id});
    }
    return before;
}

// (revision -> (hash, state)) of a whole history, for comparing histories.
std::map<std::uint32_t, std::pair<std::uint64_t, VersionState>> by_revision(
    const std::vector<KnownVersion>& versions) {
    std::map<std::uint32_t, std::pair<std::uint64_t, VersionState>> out;
    for (const KnownVersion& v : versions) out[v.state.revision] = {v.content_hash, v.state};
    return out;
}

TEST(ArticleHistory, InOrderCapturesBecomeRevisionsInCaptureOrder) {
    HistoryMerge merge = merge_captures({}, {capture(100, 0, kA), capture(200, 1, kB),
                                             capture(300, 2, kC)});
    EXPECT_EQ(states_of(merge.added), three_versions_at_100_200_300());
    ASSERT_EQ(merge.added.size(), 3u);
    EXPECT_EQ(merge.added[0].capture, std::optional<std::size_t>(0));
    EXPECT_EQ(merge.added[2].capture, std::optional<std::size_t>(2));
    EXPECT_EQ(merge.added[1].id, (VersionId{200, 1}));
    EXPECT_TRUE(merge.revised.empty());
    EXPECT_EQ(merge.counts.added, 3u);
    EXPECT_EQ(merge.counts.unchanged, 0u);
    EXPECT_EQ(merge.counts.duplicates, 0u);
}

TEST(ArticleHistory, UnchangedConsecutiveCaptureExtendsLastSeen) {
    HistoryMerge merge = merge_captures({}, {capture(100, 0, kA), capture(200, 1, kA),
                                             capture(300, 2, kB)});
    EXPECT_EQ(states_of(merge.added), (std::vector<VersionState>{state(100, 0, 200, 1, 300),
                                                                 state(300, 2, 300, 2, std::nullopt)}));
    EXPECT_EQ(merge.outcomes[1], CaptureOutcome::kUnchanged);
    EXPECT_EQ(merge.counts.added, 2u);
    EXPECT_EQ(merge.counts.unchanged, 1u);
}

TEST(ArticleHistory, UnchangedCaptureOfTheLatestVersionInTheDatabaseRevisesOnlyLastSeen) {
    HistoryMerge merge = merge_captures({known(4, kA, 100, 100, 1, std::nullopt)},
                                        {capture(500, 3, kA)});
    EXPECT_TRUE(merge.added.empty());
    ASSERT_EQ(merge.revised.size(), 1u);
    EXPECT_EQ(merge.revised[0].document, 4u);
    EXPECT_EQ(merge.revised[0].state, state(100, 0, 500, 1, std::nullopt));
    EXPECT_FALSE(merge.revised[0].first_capture_moved);
}

TEST(ArticleHistory, DuplicateCaptureChangesNothing) {
    std::vector<KnownVersion> history{known(1, kA, 100, 200, 1, 300), known(2, kB, 300, 300, 2, {})};
    HistoryMerge merge = merge_captures(
        history, {capture(150, 0, kA), capture(200, 0, kA), capture(100, 0, kA), capture(300, 0, kB)});
    EXPECT_TRUE(merge.added.empty());
    EXPECT_TRUE(merge.revised.empty());
    EXPECT_EQ(merge.counts.duplicates, 4u);
    EXPECT_EQ(merge.counts.added + merge.counts.unchanged, 0u);
    for (CaptureOutcome outcome : merge.outcomes) EXPECT_EQ(outcome, CaptureOutcome::kDuplicate);
}

TEST(ArticleHistory, ReturnToAnOlderTextIsANewVersion) {
    HistoryMerge merge = merge_captures({}, {capture(100, 0, kA), capture(200, 1, kB),
                                             capture(300, 2, kA)});
    ASSERT_EQ(merge.added.size(), 3u);
    EXPECT_EQ(merge.added[2].content_hash, kA);
    EXPECT_EQ(merge.added[2].state, state(300, 2, 300, 3, std::nullopt));
    EXPECT_EQ(merge.added[1].state.superseded_at, std::optional<CaptureTime>(300));
    EXPECT_EQ(merge.counts.added, 3u);
}

TEST(ArticleHistory, LateArrivalBeforeEverythingRenumbersAllLaterRevisions) {
    std::vector<KnownVersion> history{known(1, kA, 100, 150, 1, 200), known(2, kB, 200, 200, 2, {})};
    HistoryMerge merge = merge_captures(history, {capture(50, 0, kC)});
    ASSERT_EQ(merge.added.size(), 1u);
    EXPECT_EQ(merge.added[0].state, state(50, 0, 50, 1, 100));
    ASSERT_EQ(merge.revised.size(), 2u);
    EXPECT_EQ(merge.revised[0].document, 1u);
    EXPECT_EQ(merge.revised[0].state, state(100, 0, 150, 2, 200));
    EXPECT_EQ(merge.revised[1].document, 2u);
    EXPECT_EQ(merge.revised[1].state, state(200, 0, 200, 3, std::nullopt));
    EXPECT_FALSE(merge.revised[0].first_capture_moved);
    EXPECT_EQ(merge.counts.added, 1u);
}

TEST(ArticleHistory, LateArrivalBetweenTwoVersionsSlotsInBetween) {
    std::vector<KnownVersion> history{known(1, kA, 100, 100, 1, 300), known(2, kB, 300, 300, 2, {})};
    HistoryMerge merge = merge_captures(history, {capture(200, 7, kC)});
    ASSERT_EQ(merge.added.size(), 1u);
    EXPECT_EQ(merge.added[0].state, state(200, 7, 200, 2, 300));
    EXPECT_EQ(merge.added[0].id, (VersionId{200, 7}));
    ASSERT_EQ(merge.revised.size(), 2u);
    EXPECT_EQ(merge.revised[0].state, state(100, 0, 100, 1, 200));  // superseded earlier
    EXPECT_EQ(merge.revised[1].state, state(300, 0, 300, 3, std::nullopt));
}

TEST(ArticleHistory, LateArrivalWithTheNextVersionsTextMovesItsFirstSeenEarlier) {
    std::vector<KnownVersion> history{known(1, kA, 100, 100, 1, 300),
                                      known(2, kB, 300, 400, 2, {}, /*sequence=*/5)};
    HistoryMerge merge = merge_captures(history, {capture(200, 3, kB)});
    EXPECT_TRUE(merge.added.empty());
    EXPECT_EQ(merge.outcomes[0], CaptureOutcome::kUnchanged);
    ASSERT_EQ(merge.revised.size(), 2u);
    EXPECT_EQ(merge.revised[0].document, 1u);
    EXPECT_EQ(merge.revised[0].state, state(100, 0, 100, 1, 200));
    EXPECT_FALSE(merge.revised[0].first_capture_moved);
    EXPECT_EQ(merge.revised[1].document, 2u);
    EXPECT_EQ(merge.revised[1].state, state(200, 3, 400, 2, std::nullopt));
    EXPECT_TRUE(merge.revised[1].first_capture_moved);
    EXPECT_EQ(merge.counts.unchanged, 1u);
}

TEST(ArticleHistory, CaptureInsideAVersionsSpanWithOtherTextSplitsIt) {
    // A was seen from 100 to 300; a capture at 200 shows B. So A was
    // replaced by B, and A's text came back by 300.
    std::vector<KnownVersion> history{known(9, kA, 100, 300, 1, {}, /*sequence=*/2)};
    HistoryMerge merge = merge_captures(history, {capture(200, 4, kB)});
    EXPECT_EQ(merge.outcomes[0], CaptureOutcome::kSplit);
    EXPECT_EQ(merge.counts.added, 1u);
    ASSERT_EQ(merge.revised.size(), 1u);
    EXPECT_EQ(merge.revised[0].document, 9u);
    EXPECT_EQ(merge.revised[0].state, state(100, 2, 100, 1, 200));
    ASSERT_EQ(merge.added.size(), 2u);
    EXPECT_EQ(merge.added[0].content_hash, kB);
    EXPECT_EQ(merge.added[0].capture, std::optional<std::size_t>(0));
    EXPECT_EQ(merge.added[0].state, state(200, 4, 200, 2, 300));
    EXPECT_EQ(merge.added[1].content_hash, kA);
    EXPECT_EQ(merge.added[1].copy_of, std::optional<DocumentNumber>(9));
    EXPECT_FALSE(merge.added[1].capture.has_value());
    EXPECT_EQ(merge.added[1].state, state(300, 2, 300, 3, std::nullopt));
    EXPECT_EQ(merge.added[1].id, (VersionId{300, 2}));
}

TEST(ArticleHistory, SplitOfAVersionCreatedInTheSameMergeCopiesItsCapture) {
    // Captures arrive as 100:A, 300:A, then (same merge, sorted) 200:B.
    HistoryMerge merge = merge_captures({}, {capture(100, 0, kA), capture(300, 2, kA),
                                             capture(200, 1, kB)});
    // Sorted by time the captures are A, B, A: no split needed at all.
    EXPECT_EQ(states_of(merge.added), three_versions_at_100_200_300());
    ASSERT_EQ(merge.added.size(), 3u);
    EXPECT_EQ(merge.added[2].capture, std::optional<std::size_t>(1));

    // In two merges (300:A arrived first), the second one splits.
    HistoryMerge first = merge_captures({}, {capture(100, 0, kA), capture(300, 2, kA)});
    ASSERT_EQ(first.added.size(), 1u);
    EXPECT_EQ(first.added[0].state, state(100, 0, 300, 1, std::nullopt));
    HistoryMerge second = merge_captures(applied({}, first), {capture(200, 1, kB)});
    std::vector<KnownVersion> after = applied(applied({}, first), second);
    auto history = by_revision(after);
    ASSERT_EQ(history.size(), 3u);
    EXPECT_EQ(history[1], std::make_pair(kA, state(100, 0, 100, 1, 200)));
    EXPECT_EQ(history[2], std::make_pair(kB, state(200, 1, 200, 2, 300)));
    EXPECT_EQ(history[3], std::make_pair(kA, state(300, 0, 300, 3, std::nullopt)));
}

TEST(ArticleHistory, CapturesInTheSameSecondAreOrderedBySequence) {
    // Given out of order; one snapshot held A, B, then A again at 100.
    HistoryMerge merge = merge_captures({}, {capture(100, 2, kB), capture(100, 1, kA),
                                             capture(100, 3, kA)});
    ASSERT_EQ(merge.added.size(), 3u);
    EXPECT_EQ(merge.added[0].content_hash, kA);
    EXPECT_EQ(merge.added[0].state, state(100, 1, 100, 1, 100));
    EXPECT_EQ(merge.added[1].content_hash, kB);
    EXPECT_EQ(merge.added[1].state, state(100, 2, 100, 2, 100));
    EXPECT_EQ(merge.added[2].content_hash, kA);
    EXPECT_EQ(merge.added[2].state, state(100, 3, 100, 3, std::nullopt));
    EXPECT_EQ(merge.outcomes[0], CaptureOutcome::kAdded);
    EXPECT_EQ(merge.outcomes[2], CaptureOutcome::kAdded);

    HistoryMerge again = merge_captures(applied({}, merge), {capture(100, 2, kB), capture(100, 1, kA),
                                                             capture(100, 3, kA)});
    EXPECT_EQ(again.counts.duplicates, 3u);
    EXPECT_TRUE(again.added.empty());
    EXPECT_TRUE(again.revised.empty());
}

TEST(ArticleHistory, ReapplyingEveryCaptureFindsOnlyDuplicates) {
    std::vector<ArticleCapture> captures{capture(100, 0, kA), capture(150, 1, kA), capture(200, 2, kB),
                                         capture(250, 3, kC), capture(300, 4, kA), capture(300, 5, kB),
                                         capture(400, 6, kB)};
    HistoryMerge first = merge_captures({}, captures);
    EXPECT_EQ(first.counts.added, 5u);
    EXPECT_EQ(first.counts.unchanged, 2u);
    std::vector<KnownVersion> history = applied({}, first);

    HistoryMerge again = merge_captures(history, captures);
    EXPECT_EQ(again.counts.duplicates, captures.size());
    EXPECT_TRUE(again.added.empty());
    EXPECT_TRUE(again.revised.empty());
}

TEST(ArticleHistory, CapturesMergedInTwoBatchesGiveTheSameHistoryAsInOne) {
    // A killed run re-run: the first batch is merged twice.
    std::vector<ArticleCapture> batch1{capture(100, 0, kA), capture(200, 1, kB), capture(300, 2, kB)};
    std::vector<ArticleCapture> batch2{capture(400, 3, kC), capture(500, 4, kA)};
    std::vector<ArticleCapture> all = batch1;
    all.insert(all.end(), batch2.begin(), batch2.end());
    auto once = by_revision(applied({}, merge_captures({}, all)));

    std::vector<KnownVersion> db = applied({}, merge_captures({}, batch1));
    db = applied(db, merge_captures(db, batch1));
    db = applied(db, merge_captures(db, batch2));
    EXPECT_EQ(by_revision(db), once);
    ASSERT_EQ(once.size(), 4u);
    EXPECT_EQ(once[2], std::make_pair(kB, state(200, 1, 300, 2, 400)));
}

TEST(ArticleHistory, StaleRevisionStateIsRepairedWhenTheArticleIsTouched) {
    // Revisions 1 and 1, superseded_at missing: as a partial write would leave.
    std::vector<KnownVersion> history{known(1, kA, 100, 100, 1, {}), known(2, kB, 200, 200, 1, {})};
    HistoryMerge merge = merge_captures(history, {capture(200, 0, kB)});
    EXPECT_EQ(merge.counts.duplicates, 1u);
    ASSERT_EQ(merge.revised.size(), 2u);
    EXPECT_EQ(merge.revised[0].state, state(100, 0, 100, 1, 200));
    EXPECT_EQ(merge.revised[1].state, state(200, 0, 200, 2, std::nullopt));
}

TEST(ArticleHistory, ATakenVersionIdMovesTheNewIdToTheNextFreeSequence) {
    // Versions created at 100 (sequences 0 and 1) whose first captures late
    // captures have since moved to 40 and 60: their ids stay taken.
    std::vector<KnownVersion> history{known(1, kC, 40, 40, 1, 60), known(2, kB, 60, 60, 2, {})};
    history[0].id = VersionId{100, 0};
    history[1].id = VersionId{100, 1};
    HistoryMerge merge = merge_captures(history, {capture(100, 0, kA), capture(200, 0, kB)});
    ASSERT_EQ(merge.added.size(), 2u);
    EXPECT_EQ(merge.added[0].id, (VersionId{100, 2}));
    EXPECT_EQ(merge.added[0].state.sequence, 0);  // ordering keeps the capture's sequence
    EXPECT_EQ(merge.added[1].id, (VersionId{200, 0}));
}

}  // namespace
}  // namespace newsindex::indexer
