// How captures merge into an article's history: each test builds a small
// history by hand and checks the exact versions, revisions and times.
#include "indexer/article_history.h"
#include "schema/version_record.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <tuple>

namespace newsindex::indexer {
namespace {

constexpr std::uint64_t kA = 0xA, kB = 0xB, kC = 0xC;

ArticleCapture capture(CaptureTime time, std::int64_t sequence, std::uint64_t hash) {
    return ArticleCapture{time, sequence, hash};
}

// What a version's state says of its stretch, without the list of its
// captures and its id (checked apart where a test is about them).
using Span = std::tuple<CaptureTime, std::int64_t, CaptureTime, std::uint32_t,
                        std::optional<CaptureTime>>;

Span state(CaptureTime first, std::int64_t sequence, CaptureTime last, std::uint32_t revision,
           std::optional<CaptureTime> superseded) {
    return {first, sequence, last, revision, superseded};
}

Span span(const VersionState& s) {
    return {s.first_seen, s.sequence, s.last_seen, s.revision, s.superseded_at};
}

// A version the database holds, seen at `first` and, if later, at `last`
// (both with `sequence`); its id its first capture.
KnownVersion known(DocumentNumber document, std::uint64_t hash, CaptureTime first,
                   CaptureTime last, std::uint32_t revision,
                   std::optional<CaptureTime> superseded, std::int64_t sequence = 0) {
    VersionState s{first, sequence, last, revision, superseded, {{first, sequence}},
                   VersionId{first, sequence}};
    if (last > first) s.captures.push_back({last, sequence});
    return KnownVersion{document, hash, s};
}

std::vector<Span> states_of(const std::vector<NewVersion>& added) {
    std::vector<Span> states;
    for (const NewVersion& version : added) states.push_back(span(version.state));
    return states;
}

// Three versions first seen at 100, 200 and 300 (sequences 0, 1, 2), each
// seen once.
std::vector<Span> three_versions_at_100_200_300() {
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
        before.push_back(KnownVersion{next++, added.content_hash, added.state});
    }
    return before;
}

// (revision -> (hash, state)) of a whole history, for comparing histories:
// the state with its captures and id.
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
    EXPECT_EQ(merge.added[1].state.id, (VersionId{200, 1}));
    EXPECT_TRUE(merge.revised.empty());
    EXPECT_EQ(merge.counts.added, 3u);
    EXPECT_EQ(merge.counts.unchanged, 0u);
    EXPECT_EQ(merge.counts.duplicates, 0u);
}

TEST(ArticleHistory, UnchangedConsecutiveCaptureExtendsLastSeen) {
    HistoryMerge merge = merge_captures({}, {capture(100, 0, kA), capture(200, 1, kA),
                                             capture(300, 2, kB)});
    EXPECT_EQ(states_of(merge.added), (std::vector<Span>{state(100, 0, 200, 1, 300),
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
    EXPECT_EQ(span(merge.revised[0].state), state(100, 0, 500, 1, std::nullopt));
}

TEST(ArticleHistory, DuplicateCaptureChangesNothing) {
    std::vector<KnownVersion> history{known(1, kA, 100, 200, 1, 300), known(2, kB, 300, 300, 2, {})};
    HistoryMerge merge = merge_captures(
        history, {capture(200, 0, kA), capture(100, 0, kA), capture(300, 0, kB)});
    EXPECT_TRUE(merge.added.empty());
    EXPECT_TRUE(merge.revised.empty());
    EXPECT_EQ(merge.counts.duplicates, 3u);
    EXPECT_EQ(merge.counts.added + merge.counts.unchanged, 0u);
    for (CaptureOutcome outcome : merge.outcomes) EXPECT_EQ(outcome, CaptureOutcome::kDuplicate);
}

TEST(ArticleHistory, ANewCaptureInsideAVersionsStretchWithItsTextIsRecorded) {
    // Seen at 100 and 200; a capture at 150 of the same text is one more
    // capture, kept: a later capture of other text at 160 must split there.
    std::vector<KnownVersion> history{known(1, kA, 100, 200, 1, {})};
    HistoryMerge merge = merge_captures(history, {capture(150, 0, kA)});
    EXPECT_EQ(merge.outcomes[0], CaptureOutcome::kUnchanged);
    ASSERT_EQ(merge.revised.size(), 1u);
    EXPECT_EQ(merge.revised[0].state.captures,
              (std::vector<CaptureStamp>{{100, 0}, {150, 0}, {200, 0}}));
    HistoryMerge split = merge_captures(applied(history, merge), {capture(160, 0, kB)});
    ASSERT_EQ(split.added.size(), 2u);
    EXPECT_EQ(span(split.revised[0].state), state(100, 0, 150, 1, 160));
}

TEST(ArticleHistory, ReturnToAnOlderTextIsANewVersion) {
    HistoryMerge merge = merge_captures({}, {capture(100, 0, kA), capture(200, 1, kB),
                                             capture(300, 2, kA)});
    ASSERT_EQ(merge.added.size(), 3u);
    EXPECT_EQ(merge.added[2].content_hash, kA);
    EXPECT_EQ(span(merge.added[2].state), state(300, 2, 300, 3, std::nullopt));
    EXPECT_EQ(merge.added[1].state.superseded_at, std::optional<CaptureTime>(300));
    EXPECT_EQ(merge.counts.added, 3u);
}

TEST(ArticleHistory, LateArrivalBeforeEverythingRenumbersAllLaterRevisions) {
    std::vector<KnownVersion> history{known(1, kA, 100, 150, 1, 200), known(2, kB, 200, 200, 2, {})};
    HistoryMerge merge = merge_captures(history, {capture(50, 0, kC)});
    ASSERT_EQ(merge.added.size(), 1u);
    EXPECT_EQ(span(merge.added[0].state), state(50, 0, 50, 1, 100));
    ASSERT_EQ(merge.revised.size(), 2u);
    EXPECT_EQ(merge.revised[0].document, 1u);
    EXPECT_EQ(span(merge.revised[0].state), state(100, 0, 150, 2, 200));
    EXPECT_EQ(merge.revised[1].document, 2u);
    EXPECT_EQ(span(merge.revised[1].state), state(200, 0, 200, 3, std::nullopt));
    EXPECT_EQ(merge.counts.added, 1u);
}

TEST(ArticleHistory, LateArrivalBetweenTwoVersionsSlotsInBetween) {
    std::vector<KnownVersion> history{known(1, kA, 100, 100, 1, 300), known(2, kB, 300, 300, 2, {})};
    HistoryMerge merge = merge_captures(history, {capture(200, 7, kC)});
    ASSERT_EQ(merge.added.size(), 1u);
    EXPECT_EQ(span(merge.added[0].state), state(200, 7, 200, 2, 300));
    EXPECT_EQ(merge.added[0].state.id, (VersionId{200, 7}));
    ASSERT_EQ(merge.revised.size(), 2u);
    EXPECT_EQ(span(merge.revised[0].state), state(100, 0, 100, 1, 200));  // superseded earlier
    EXPECT_EQ(span(merge.revised[1].state), state(300, 0, 300, 3, std::nullopt));
}

TEST(ArticleHistory, LateArrivalWithTheNextVersionsTextMovesItsFirstSeenEarlier) {
    std::vector<KnownVersion> history{known(1, kA, 100, 100, 1, 300),
                                      known(2, kB, 300, 400, 2, {}, /*sequence=*/5)};
    HistoryMerge merge = merge_captures(history, {capture(200, 3, kB)});
    EXPECT_TRUE(merge.added.empty());
    EXPECT_EQ(merge.outcomes[0], CaptureOutcome::kUnchanged);
    ASSERT_EQ(merge.revised.size(), 2u);
    EXPECT_EQ(merge.revised[0].document, 1u);
    EXPECT_EQ(span(merge.revised[0].state), state(100, 0, 100, 1, 200));
    EXPECT_EQ(merge.revised[1].document, 2u);
    EXPECT_EQ(span(merge.revised[1].state), state(200, 3, 400, 2, std::nullopt));
    EXPECT_EQ(merge.counts.unchanged, 1u);
}

TEST(ArticleHistory, CaptureInsideAVersionsSpanWithOtherTextSplitsIt) {
    // A was seen from 100 to 300; a capture at 200 shows B. So A was
    // replaced by B, and A's text came back by 300.
    std::vector<KnownVersion> history{known(9, kA, 100, 300, 1, {}, /*sequence=*/2)};
    HistoryMerge merge = merge_captures(history, {capture(200, 4, kB)});
    EXPECT_EQ(merge.outcomes[0], CaptureOutcome::kAdded);
    EXPECT_EQ(merge.counts.added, 1u);
    ASSERT_EQ(merge.revised.size(), 1u);
    EXPECT_EQ(merge.revised[0].document, 9u);
    EXPECT_EQ(span(merge.revised[0].state), state(100, 2, 100, 1, 200));
    ASSERT_EQ(merge.added.size(), 2u);
    EXPECT_EQ(merge.added[0].content_hash, kB);
    EXPECT_EQ(merge.added[0].capture, std::optional<std::size_t>(0));
    EXPECT_EQ(span(merge.added[0].state), state(200, 4, 200, 2, 300));
    EXPECT_EQ(merge.added[1].content_hash, kA);
    EXPECT_EQ(merge.added[1].copy_of, std::optional<DocumentNumber>(9));
    EXPECT_FALSE(merge.added[1].capture.has_value());
    EXPECT_EQ(span(merge.added[1].state), state(300, 2, 300, 3, std::nullopt));
    EXPECT_EQ(merge.added[1].state.id, (VersionId{300, 2}));
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
    EXPECT_EQ(span(first.added[0].state), state(100, 0, 300, 1, std::nullopt));
    HistoryMerge second = merge_captures(applied({}, first), {capture(200, 1, kB)});
    std::vector<KnownVersion> after = applied(applied({}, first), second);
    auto history = by_revision(after);
    ASSERT_EQ(history.size(), 3u);
    EXPECT_EQ(history, by_revision(applied({}, merge)));
    EXPECT_EQ(span(history[3].second), state(300, 2, 300, 3, std::nullopt));
}

TEST(ArticleHistory, CapturesInTheSameSecondAreOrderedBySequence) {
    // Given out of order; one snapshot held A, B, then A again at 100.
    HistoryMerge merge = merge_captures({}, {capture(100, 2, kB), capture(100, 1, kA),
                                             capture(100, 3, kA)});
    ASSERT_EQ(merge.added.size(), 3u);
    EXPECT_EQ(merge.added[0].content_hash, kA);
    EXPECT_EQ(span(merge.added[0].state), state(100, 1, 100, 1, 100));
    EXPECT_EQ(merge.added[1].content_hash, kB);
    EXPECT_EQ(span(merge.added[1].state), state(100, 2, 100, 2, 100));
    EXPECT_EQ(merge.added[2].content_hash, kA);
    EXPECT_EQ(span(merge.added[2].state), state(100, 3, 100, 3, std::nullopt));
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
    EXPECT_EQ(once[2].first, kB);
    EXPECT_EQ(span(once[2].second), state(200, 1, 300, 2, 400));
}

TEST(ArticleHistory, StaleRevisionStateIsRepairedWhenTheArticleIsTouched) {
    // Revisions 1 and 1, superseded_at missing: as a partial write would leave.
    std::vector<KnownVersion> history{known(1, kA, 100, 100, 1, {}), known(2, kB, 200, 200, 1, {})};
    HistoryMerge merge = merge_captures(history, {capture(200, 0, kB)});
    EXPECT_EQ(merge.counts.duplicates, 1u);
    ASSERT_EQ(merge.revised.size(), 2u);
    EXPECT_EQ(span(merge.revised[0].state), state(100, 0, 100, 1, 200));
    EXPECT_EQ(span(merge.revised[1].state), state(200, 0, 200, 2, std::nullopt));
}

TEST(ArticleHistory, VersionsStartingWithTheSameCaptureTakeTheNextFreeSequenceInTheirIds) {
    // Two texts captured at 100 with no sequence to order them, and a third
    // capture at (100, 1): ids stay unique within the article, in order.
    HistoryMerge merge = merge_captures({}, {capture(100, 0, kB), capture(100, 0, kA),
                                             capture(100, 1, kC)});
    ASSERT_EQ(merge.added.size(), 3u);
    EXPECT_EQ(merge.added[0].content_hash, kA);  // the hash orders the tie
    EXPECT_EQ(merge.added[0].state.id, (VersionId{100, 0}));
    EXPECT_EQ(merge.added[1].state.id, (VersionId{100, 1}));
    EXPECT_EQ(merge.added[1].state.sequence, 0);  // ordering keeps the capture's sequence
    EXPECT_EQ(merge.added[2].state.id, (VersionId{100, 2}));
}

TEST(ArticleHistory, CapturesAtTheSameSecondWithoutSequenceMergeTheSameInEveryOrder) {
    // Issue 38: two captures of one second, no `version` field, fed as x1 x2,
    // then x2 x1, then x1 x2 again, gave four revisions.
    const ArticleCapture x1 = capture(100, 0, kB), x2 = capture(100, 0, kA);
    std::vector<KnownVersion> db;
    for (const auto& feed : {std::vector{x1, x2}, std::vector{x2, x1}, std::vector{x1, x2},
                             std::vector{x2}, std::vector{x1}}) {
        db = applied(db, merge_captures(db, feed));
    }
    auto history = by_revision(db);
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[1].first, kA);
    EXPECT_EQ(history[2].first, kB);
    EXPECT_EQ(history, by_revision(applied({}, merge_captures({}, {x1, x2}))));
}

TEST(ArticleHistory, ARevertsIdAndStartAreItsFirstCaptureWhateverTheOrderOfArrival) {
    // Issue 38: A at 1, B at 3, A again at 4 and 5. Fed with the late B last,
    // the revert began at 5 and took 5 as its id; it began at 4.
    std::vector<KnownVersion> db;
    db = applied(db, merge_captures(db, {capture(1, 0, kA), capture(4, 0, kA), capture(5, 0, kA)}));
    db = applied(db, merge_captures(db, {capture(3, 0, kB)}));
    auto history = by_revision(db);
    ASSERT_EQ(history.size(), 3u);
    EXPECT_EQ(span(history[3].second), state(4, 0, 5, 3, std::nullopt));
    EXPECT_EQ(history[3].second.id, (VersionId{4, 0}));
    EXPECT_EQ(history[3].second.captures, (std::vector<CaptureStamp>{{4, 0}, {5, 0}}));
    EXPECT_EQ(span(history[1].second), state(1, 0, 1, 1, 3));
    EXPECT_EQ(history, by_revision(applied({}, merge_captures({}, {capture(1, 0, kA),
                                                                    capture(3, 0, kB),
                                                                    capture(4, 0, kA),
                                                                    capture(5, 0, kA)}))));
}

TEST(ArticleHistory, AnEarlierCaptureOfAVersionsTextMovesItsIdToThatCapture) {
    std::vector<KnownVersion> history{known(1, kA, 100, 100, 1, 300),
                                      known(2, kB, 300, 400, 2, {}, /*sequence=*/5)};
    HistoryMerge merge = merge_captures(history, {capture(200, 3, kB)});
    ASSERT_EQ(merge.revised.size(), 2u);
    EXPECT_EQ(merge.revised[1].state.id, (VersionId{200, 3}));
    EXPECT_EQ(merge.revised[1].state.captures,
              (std::vector<CaptureStamp>{{200, 3}, {300, 5}, {400, 5}}));
}

// Every order of arrival of seven captures (same-second ties, reverts, a
// capture inside another version's stretch), each merged on its own as a
// cron run would, gives the history of one merge of all seven, versions,
// captures and ids alike; and feeding all seven again changes nothing.
TEST(ArticleHistory, EveryOrderOfArrivalGivesTheHistoryOfOneMergeOfAllCaptures) {
    std::vector<ArticleCapture> captures{capture(100, 0, kA), capture(200, 0, kB),
                                         capture(200, 0, kC), capture(300, 0, kA),
                                         capture(400, 0, kA), capture(400, 1, kB),
                                         capture(500, 0, kA)};
    const auto once = by_revision(applied({}, merge_captures({}, captures)));
    ASSERT_EQ(once.size(), 6u);  // A, B, C (the tie ordered by hash), A, B, A
    std::vector<std::size_t> order(captures.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::size_t orders = 0;
    do {
        std::vector<KnownVersion> db;
        for (std::size_t i : order) db = applied(db, merge_captures(db, {captures[i]}));
        ASSERT_EQ(by_revision(db), once) << "order #" << orders;
        HistoryMerge again = merge_captures(db, captures);
        ASSERT_TRUE(again.added.empty() && again.revised.empty()) << "order #" << orders;
        ++orders;
    } while (std::next_permutation(order.begin(), order.end()));
    EXPECT_EQ(orders, 5040u);
}

// A capture seen again, unchanged (a WARC revisit): no text of its own.
ArticleCapture seen_again(CaptureTime time, std::int64_t sequence = 0) {
    return ArticleCapture{time, sequence, schema::kSeenAgain};
}

TEST(ArticleHistorySeenAgain, ExtendsTheVersionInForceAtItsTimeAndNeverMakesOne) {
    // A at 100, B at 300; seen again at 200 (A in force) and at 400 (B).
    HistoryMerge merge = merge_captures(
        {}, {capture(100, 0, kA), seen_again(200), capture(300, 0, kB), seen_again(400)});
    EXPECT_EQ(states_of(merge.added),
              (std::vector<Span>{state(100, 0, 200, 1, 300), state(300, 0, 400, 2, std::nullopt)}));
    EXPECT_EQ(merge.outcomes, (std::vector<CaptureOutcome>{CaptureOutcome::kAdded, CaptureOutcome::kUnchanged,
                                                           CaptureOutcome::kAdded, CaptureOutcome::kUnchanged}));
    EXPECT_EQ(merge.added[0].state.captures, (std::vector<CaptureStamp>{{100, 0}, {200, 0}}));
    // The same as captures of the text in force.
    HistoryMerge same = merge_captures(
        {}, {capture(100, 0, kA), capture(200, 0, kA), capture(300, 0, kB), capture(400, 0, kB)});
    EXPECT_EQ(by_revision(applied({}, merge)), by_revision(applied({}, same)));
}

TEST(ArticleHistorySeenAgain, ExtendsAVersionTheDatabaseHolds) {
    std::vector<KnownVersion> history{known(1, kA, 100, 100, 1, 300), known(2, kB, 300, 300, 2, {})};
    HistoryMerge merge = merge_captures(history, {seen_again(250), seen_again(900)});
    EXPECT_TRUE(merge.added.empty());
    ASSERT_EQ(merge.revised.size(), 2u);
    EXPECT_EQ(span(merge.revised[0].state), state(100, 0, 250, 1, 300));
    EXPECT_EQ(span(merge.revised[1].state), state(300, 0, 900, 2, std::nullopt));
    EXPECT_EQ(merge.counts.unchanged, 2u);
    // Fed again: the seen-again captures are now captures of those texts.
    HistoryMerge again = merge_captures(applied(history, merge), {seen_again(250), seen_again(900)});
    EXPECT_TRUE(again.added.empty() && again.revised.empty());
    EXPECT_EQ(again.counts.duplicates, 2u);
}

TEST(ArticleHistorySeenAgain, AtTheTimeOfACaptureWithTextItFollowsThatCapture) {
    // A at 100; B and a seen-again both at 300: B is in force there.
    HistoryMerge merge = merge_captures({}, {seen_again(300), capture(100, 0, kA), capture(300, 0, kB)});
    EXPECT_EQ(states_of(merge.added),
              (std::vector<Span>{state(100, 0, 100, 1, 300), state(300, 0, 300, 2, std::nullopt)}));
    EXPECT_EQ(merge.outcomes[0], CaptureOutcome::kDuplicate);
}

TEST(ArticleHistorySeenAgain, BeforeEveryVersionItHasNothingToExtendAndIsCounted) {
    HistoryMerge merge = merge_captures({}, {seen_again(50), capture(100, 0, kA), seen_again(60)});
    EXPECT_EQ(states_of(merge.added), (std::vector<Span>{state(100, 0, 100, 1, std::nullopt)}));
    EXPECT_EQ(merge.outcomes[0], CaptureOutcome::kUnmatched);
    EXPECT_EQ(merge.outcomes[2], CaptureOutcome::kUnmatched);
    EXPECT_EQ(merge.counts.unmatched, 2u);
    EXPECT_EQ(merge.counts.added, 1u);
    // Alone: nothing at all.
    HistoryMerge alone = merge_captures({}, {seen_again(50)});
    EXPECT_TRUE(alone.added.empty() && alone.revised.empty());
    EXPECT_EQ(alone.counts.unmatched, 1u);
}

TEST(ArticleHistorySeenAgain, RepeatedSeenAgainCapturesAreDuplicates) {
    HistoryMerge merge = merge_captures({}, {capture(100, 0, kA), seen_again(200), seen_again(200)});
    EXPECT_EQ(states_of(merge.added), (std::vector<Span>{state(100, 0, 200, 1, std::nullopt)}));
    EXPECT_EQ(merge.counts.unchanged, 1u);
    EXPECT_EQ(merge.counts.duplicates, 1u);
}

}  // namespace
}  // namespace newsindex::indexer
