// describe_revision: what one new revision changed against the one before,
// part by part, on hand-made versions whose answers are counted by hand.
#include "query/engine/revision_feed.h"

#include <gtest/gtest.h>

namespace newsindex::query {
namespace {

schema::VersionRecord version(std::uint32_t revision, std::string title, std::string summary, std::string text) {
    schema::VersionRecord v;
    v.article = {"example", "https://example.com/a"};
    v.url = "https://example.com/a";
    v.revision = revision;
    v.captured_at = 1'700'000'000 + revision * 3600;
    v.title = std::move(title);
    v.summary = std::move(summary);
    v.text = std::move(text);
    return v;
}

TEST(RevisionFeed, AHeadlineChangeIsTheTitleAlone) {
    auto before = version(1, "Minister resigns", "", "The minister resigned today. He gave no reason.");
    auto after = version(2, "Minister resigns after row", "", "The minister resigned today. He gave no reason.");
    RevisionChange change = describe_revision(before, after);
    EXPECT_EQ(change.revision, 2u);
    EXPECT_EQ(change.previous_captured_at, before.captured_at);
    EXPECT_EQ(change.title.op, SentenceOp::Edited);
    EXPECT_EQ(change.title.old_text, "Minister resigns");
    EXPECT_EQ(change.title.new_text, "Minister resigns after row");
    EXPECT_EQ(change.parts(), std::vector<VersionPart>{VersionPart::Title});
    EXPECT_EQ(change.text.unchanged, 2u);
    EXPECT_TRUE(change.text.sentences.empty());
}

TEST(RevisionFeed, SummaryAndTextAreCountedApart) {
    // The summary's one sentence is edited (4 of 5 tokens kept); in the
    // text one sentence is rewritten past recognition (2 of 5 tokens kept:
    // removed and added) and one is appended.
    auto before = version(1, "Storm hits coast", "Winds of 100 km/h.",
                          "Homes lost power. He gave no reason.");
    auto after = version(2, "Storm hits coast", "Winds of 120 km/h.",
                         "Homes lost power. He cited his health. More follows.");
    RevisionChange change = describe_revision(before, after);
    EXPECT_EQ(change.title.op, SentenceOp::Same);
    EXPECT_EQ(change.parts(), (std::vector<VersionPart>{VersionPart::Summary, VersionPart::Text}));
    EXPECT_EQ(change.summary.edited, 1u);
    EXPECT_EQ(change.summary.added + change.summary.removed, 0u);
    ASSERT_EQ(change.summary.sentences.size(), 1u);
    EXPECT_EQ(change.summary.sentences[0].old_text, "Winds of 100 km/h.");
    EXPECT_EQ(change.summary.sentences[0].new_text, "Winds of 120 km/h.");
    EXPECT_EQ(change.text.added, 2u);
    EXPECT_EQ(change.text.removed, 1u);
    EXPECT_EQ(change.text.edited, 0u);
    EXPECT_EQ(change.text.unchanged, 1u);
}

TEST(RevisionFeed, ASentenceMovedFromSummaryToTextIsShownInBoth) {
    // Parts are compared apart: a sentence leaving the summary for the body
    // is removed from one and added to the other.
    auto before = version(1, "T", "Police are searching.", "Two men were seen.");
    auto after = version(2, "T", "", "Police are searching. Two men were seen.");
    RevisionChange change = describe_revision(before, after);
    EXPECT_EQ(change.summary.removed, 1u);
    EXPECT_EQ(change.text.added, 1u);
    EXPECT_EQ(change.text.unchanged, 1u);
    EXPECT_EQ(change.parts(), (std::vector<VersionPart>{VersionPart::Summary, VersionPart::Text}));
}

TEST(RevisionFeed, ATitleGivenOrTakenAwayIsAddedOrRemoved) {
    EXPECT_EQ(describe_revision(version(1, "", "", "x"), version(2, "New", "", "x")).title.op, SentenceOp::Added);
    EXPECT_EQ(describe_revision(version(1, "Old", "", "x"), version(2, "", "", "x")).title.op, SentenceOp::Removed);
    // Whitespace alone is no change (nor would it be a new revision).
    EXPECT_EQ(describe_revision(version(1, "A  b", "", "x"), version(2, "A b ", "", "x")).title.op,
              SentenceOp::Same);
}

}  // namespace
}  // namespace newsindex::query
