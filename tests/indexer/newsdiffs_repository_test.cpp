// read_captures on NewsDiffs git repositories: what a commit's files become,
// and the cursor a run leaves for the next (the commits already read).
#include "indexer/capture_reader.h"
#include "tests/indexer/ingest_e2e_support.h"
#include "tests/indexer/newsdiffs_git_builder.h"
#include "tests/support/test_support.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace newsindex::indexer {
namespace {

namespace fs = std::filesystem;
using newsindex::testing::ScratchDir;
using e2e::NewsDiffsGitBuilder;
using e2e::parse_utc;

struct Read {
    std::vector<Capture> captures;
    std::vector<Rejection> rejections;
    ReadCounts counts;
};

Read read(const fs::path& repository, const InputCursors* cursors = nullptr, std::size_t max_record_bytes = 1u << 20,
          unsigned threads = 1) {
    ReadOptions options;
    options.parse_threads = threads;
    options.cursors = cursors;
    options.max_record_bytes = max_record_bytes;
    Read result;
    result.counts = read_captures(
        {repository.string()}, options, [&](Capture&& c) { result.captures.push_back(std::move(c)); },
        [&](Rejection&& r) { result.rejections.push_back(std::move(r)); });
    return result;
}

InputCursors cursors_of(const ReadCounts& counts) {
    InputCursors cursors;
    for (const InputCursor& cursor : counts.cursors) cursors[cursor.input] = cursor.state;
    return cursors;
}

std::string article(const std::string& title, const std::string& body) {
    return "February 2, 2016\n" + title + "\nBy Jane Doe and JOHN ROE\n\n" + body + "\n";
}

TEST(NewsDiffsRepositoryRead, AFileBecomesARecordOfItsUrlTitleBylineBodyAndCommitTime) {
    ScratchDir dir;
    NewsDiffsGitBuilder repo(dir / "2016-02");
    repo.commit(parse_utc("2016-02-02T12:34:56Z"),
                {{"https:/www.example.com/2016/02/02/story", "February 2, 2016\n  Headline here  \nBy Jane Doe\n\n"
                                                              "First paragraph.\n\n\nSecond paragraph.\n"}});
    Read first = read(dir / "2016-02");
    ASSERT_TRUE(first.rejections.empty()) << first.rejections[0].message();
    ASSERT_EQ(first.captures.size(), 1u);
    const schema::VersionRecord& r = first.captures[0].record;
    EXPECT_EQ(r.url, "https://www.example.com/2016/02/02/story");
    EXPECT_EQ(r.article.source, "example.com");
    EXPECT_EQ(r.article.identity, "https://www.example.com/2016/02/02/story");
    EXPECT_EQ(r.captured_at, parse_utc("2016-02-02T12:34:56Z"));
    EXPECT_EQ(r.title, "Headline here");
    EXPECT_EQ(r.author, "Jane Doe");
    EXPECT_EQ(r.text, "First paragraph.\n\nSecond paragraph.");
    EXPECT_EQ(r.summary, "");
    EXPECT_EQ(r.published, parse_utc("2016-02-02T00:00:00Z"));
}

TEST(NewsDiffsRepositoryRead, ADateLineThatIsNoDateLeavesPublishedUnset) {
    ScratchDir dir;
    NewsDiffsGitBuilder repo(dir / "m");
    repo.commit(parse_utc("2016-02-02T12:00:00Z"),
                {{"www.example.com/a", "Updated 4 minutes ago\nHeadline\n\nBody.\n"}});
    Read first = read(dir / "m");
    ASSERT_EQ(first.captures.size(), 1u);
    EXPECT_EQ(first.captures[0].record.published, std::nullopt);
    EXPECT_EQ(first.captures[0].record.author, "");
}

TEST(NewsDiffsRepositoryRead, FilesThatAreNoArticleAreSkippedQuietly) {
    ScratchDir dir;
    NewsDiffsGitBuilder repo(dir / "m");
    repo.commit(parse_utc("2016-02-02T12:00:00Z"),
                {{"initial-commit-file", ""},
                 {"README.md", "# Articles\n"},
                 {".gitignore", "*.tmp\n"},
                 {"notes/todo.txt", "a\nb\nc\nd\n"},
                 {"www.example.org", article("A home page by http", "Not told from README.md.")},
                 {"https:/arstechnica.com", article("A home page by https", "An article.")},
                 {"www.example.com/story", article("A story", "An article.")}});
    Read first = read(dir / "m");
    ASSERT_EQ(first.captures.size(), 2u);
    EXPECT_EQ(first.captures[0].record.url, "https://arstechnica.com");
    EXPECT_EQ(first.captures[1].record.url, "http://www.example.com/story");
    EXPECT_TRUE(first.rejections.empty());
    EXPECT_EQ(first.counts.records, 7u);
    EXPECT_EQ(first.counts.skipped, (std::map<std::string, std::uint64_t>{{"not an article file", 5}}));
}

TEST(NewsDiffsRepositoryRead, CommitsReadOnSeveralThreadsComeInCommitOrderAndAreAllCounted) {
    // More commits than a parser thread takes at a time, each changing one
    // of five articles, two files now and then.
    ScratchDir dir;
    const fs::path path = dir / "2016-03";
    NewsDiffsGitBuilder repo(path);
    constexpr int kCommits = 300;
    std::vector<std::string> expected_titles;
    std::uint64_t files = 0;
    for (int i = 0; i < kCommits; ++i) {
        std::map<std::string, std::optional<std::string>> changed{
            {fmt::format("www.example.com/story-{}", i % 5), article(fmt::format("Story {} take {}", i % 5, i), "Body.")}};
        if (i % 7 == 0) changed[fmt::format("notes/{}.txt", i)] = "not an article\n";
        expected_titles.push_back(fmt::format("Story {} take {}", i % 5, i));
        files += changed.size();
        repo.commit(parse_utc("2016-03-01T00:00:00Z") + i * 60, changed);
    }
    for (unsigned threads : {1u, 2u, 4u}) {
        Read result = read(path, nullptr, 1u << 20, threads);
        std::vector<std::string> titles;
        for (const Capture& capture : result.captures) titles.push_back(capture.record.title);
        EXPECT_EQ(titles, expected_titles) << threads << " threads";
        EXPECT_TRUE(result.rejections.empty()) << threads << " threads";
        EXPECT_EQ(result.counts.records, files) << threads << " threads";
        EXPECT_EQ(result.counts.skipped.at("not an article file"), files - kCommits) << threads << " threads";
    }
}

TEST(NewsDiffsRepositoryRead, ARerunReadsNothingAndThenOnlyTheNewCommits) {
    ScratchDir dir;
    const fs::path path = dir / "2016-02";
    NewsDiffsGitBuilder repo(path);
    repo.commit(parse_utc("2016-02-02T10:00:00Z"), {{"initial-commit-file", ""}});
    repo.commit(parse_utc("2016-02-02T11:00:00Z"), {{"www.example.com/a", article("A one", "Alpha.")}});
    repo.commit(parse_utc("2016-02-02T12:00:00Z"), {{"www.example.com/b", article("B one", "Beta.")}});

    Read first = read(path);
    EXPECT_EQ(first.captures.size(), 2u);
    EXPECT_EQ(first.counts.records, 3u);  // with the initial commit's file
    EXPECT_EQ(first.counts.skipped, (std::map<std::string, std::uint64_t>{{"not an article file", 1}}));
    ASSERT_EQ(first.counts.cursors.size(), 1u);
    EXPECT_EQ(first.counts.cursors[0].input, fs::canonical(path).string());
    const InputCursors after_first = cursors_of(first.counts);

    Read again = read(path, &after_first);
    EXPECT_TRUE(again.captures.empty());
    EXPECT_EQ(again.counts.records, 0u);
    EXPECT_EQ(cursors_of(again.counts), after_first);

    repo.commit(parse_utc("2016-02-02T13:00:00Z"), {{"www.example.com/a", article("A two", "Alpha, changed.")}});
    Read more = read(path, &after_first);
    ASSERT_EQ(more.captures.size(), 1u);
    EXPECT_EQ(more.captures[0].record.title, "A two");
    EXPECT_EQ(more.captures[0].record.captured_at, parse_utc("2016-02-02T13:00:00Z"));
    EXPECT_NE(cursors_of(more.counts), after_first);

    // A cursor naming a commit the repository no longer has (its history
    // rewritten): everything is read again.
    const InputCursors gone{{fs::canonical(path).string(), std::string(40, 'e')}};
    EXPECT_EQ(read(path, &gone).captures.size(), 3u);
}

TEST(NewsDiffsRepositoryRead, AFileLargerThanTheRecordLimitIsRejectedNotLoaded) {
    ScratchDir dir;
    NewsDiffsGitBuilder repo(dir / "m");
    const std::string commit = repo.commit(
        parse_utc("2016-02-02T12:00:00Z"),
        {{"www.example.com/big", article("Big", std::string(5000, 'x'))}, {"www.example.com/small", article("S", "y")}});
    Read first = read(dir / "m", nullptr, 4096);
    ASSERT_EQ(first.rejections.size(), 1u);
    EXPECT_EQ(first.rejections[0].reason.rfind("commit " + commit + ", file www.example.com/big: record too large: ", 0),
              0u)
        << first.rejections[0].reason;
    ASSERT_EQ(first.captures.size(), 1u);
    EXPECT_EQ(first.captures[0].record.title, "S");
}

}  // namespace
}  // namespace newsindex::indexer
