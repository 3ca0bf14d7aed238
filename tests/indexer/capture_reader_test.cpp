// Reading captures from JSON Lines files, standard input and snapshot trees
// (indexer/capture_reader.h). Fixtures: tests/data/input/ (made up).
#include "indexer/capture_reader.h"

#include "schema/version_record.h"
#include "tests/support/test_support.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace newsindex::indexer;
using newsindex::schema::ArticleKey;
using newsindex::schema::CaptureTime;
using newsindex::schema::content_hash;
using newsindex::testing::ScratchDir;
using newsindex::testing::write_file;

namespace {

const fs::path kInputData = fs::path(TESTDATA_DIR) / "input";
const std::string kUnknownKind = "unknown kind of file (binary or not UTF-8), skipped";
const std::string kNoSource =
    "cannot determine the source: no Source header and the file is directly in the root directory";

// The line read_captures reports for a rejected whole file.
std::string file_rejection(const fs::path& file, const std::string& reason) {
    return "newsindex: " + file.string() + ": " + reason;
}

struct ReadResult {
    std::vector<Capture> captures;
    std::vector<Rejection> rejections;
    std::vector<std::string> skipped;  // Skip::message()
    ReadCounts counts;
};

ReadResult read_all(const std::vector<std::string>& paths, ReadOptions options = {}) {
    ReadResult result;
    result.counts = read_captures(
        paths, options, [&](Capture&& c) { result.captures.push_back(std::move(c)); },
        [&](Rejection&& r) { result.rejections.push_back(std::move(r)); },
        [&](Skip&& s) { result.skipped.push_back(s.message()); });
    return result;
}

std::vector<std::string> messages(const std::vector<Rejection>& rejections) {
    std::vector<std::string> out;
    for (const Rejection& r : rejections) out.push_back(r.message());
    return out;
}

std::string read_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_gzip(const fs::path& path, const std::string& bytes) {
    gzFile out = gzopen(path.c_str(), "wb");
    ASSERT_NE(out, nullptr);
    ASSERT_EQ(gzwrite(out, bytes.data(), static_cast<unsigned>(bytes.size())), static_cast<int>(bytes.size()));
    ASSERT_EQ(gzclose(out), Z_OK);
}

// The three captures of tests/data/input/captures.jsonl, checked field by
// field; `file` is the name they were read under.
void expect_fixture_captures(const ReadResult& result, const std::string& file) {
    EXPECT_TRUE(result.rejections.empty()) << ::testing::PrintToString(messages(result.rejections));
    ASSERT_EQ(result.captures.size(), 3u);
    EXPECT_EQ(result.counts.files, 1u);
    EXPECT_EQ(result.counts.records, 3u);

    const auto& first = result.captures[0];
    EXPECT_EQ(first.where.file, file);
    EXPECT_EQ(first.where.line, 1u);
    EXPECT_EQ(first.record.article.source, "example-wire");
    EXPECT_EQ(first.record.article.identity, "https://www.example.com/world/harbour-opens?id=7");
    EXPECT_EQ(first.record.article_id, "");
    EXPECT_EQ(first.record.url, "http://www.example.com/world/harbour-opens/?utm_source=rss&id=7#top");
    EXPECT_EQ(first.record.captured_at, 1454421900);  // 2016-02-02T14:05:00Z
    EXPECT_EQ(first.record.sequence, 0);
    EXPECT_EQ(first.record.title, "Harbour opens");
    EXPECT_EQ(first.record.summary, "The new harbour opened today.");
    EXPECT_EQ(first.record.text, "");
    EXPECT_EQ(first.record.author, "A. Writer, B. Reporter");
    EXPECT_EQ(first.record.language, "en");
    EXPECT_EQ(first.record.section, "World");
    EXPECT_EQ(first.record.published, CaptureTime{1454418000});  // 13:00 GMT
    EXPECT_EQ(first.record.revision, 0u);
    EXPECT_EQ(first.record.content_hash,
              content_hash("Harbour opens", "The new harbour opened today.", ""));

    const auto& second = result.captures[1];
    EXPECT_EQ(second.where.line, 3u);  // line 2 is blank
    EXPECT_EQ(second.record.article.identity, first.record.article.identity);
    EXPECT_EQ(second.record.article.digest(), first.record.article.digest());
    EXPECT_EQ(second.record.captured_at, 1454425500);  // 16:05+01:00 = 15:05Z
    EXPECT_EQ(second.record.sequence, 1);
    EXPECT_EQ(second.record.text, "First ships arrived.");
    EXPECT_EQ(second.record.author, "C. Editor");
    EXPECT_EQ(second.record.published, std::nullopt);  // "sometime": ignored
    EXPECT_EQ(second.record.language, "");
    EXPECT_EQ(second.record.section, "");               // null counts as absent

    const auto& third = result.captures[2];
    EXPECT_EQ(third.where.line, 4u);
    EXPECT_EQ(third.record.article.source, "gazette");
    EXPECT_EQ(third.record.article.identity, "gazette:1234");
    EXPECT_EQ(third.record.article_id, "gazette:1234");
    EXPECT_EQ(third.record.url, "https://gazette.example.org/a/1234");
    EXPECT_EQ(third.record.captured_at, 1454457600);  // 2016-02-03, midnight UTC
    EXPECT_EQ(third.record.text, "  Body only.\u200b Zero\u200bwidth kept. ");
}

// Standard input comes from `path` while `body` runs.
template <typename Body>
void with_stdin_from(const fs::path& path, Body body) {
    int saved = ::dup(STDIN_FILENO);
    int fd = ::open(path.c_str(), O_RDONLY);
    ASSERT_GE(fd, 0);
    ::dup2(fd, STDIN_FILENO);
    ::close(fd);
    body();
    ::dup2(saved, STDIN_FILENO);
    ::close(saved);
}

}  // namespace

TEST(ReadCaptures, PlainJsonLinesFile) {
    std::string path = (kInputData / "captures.jsonl").string();
    expect_fixture_captures(read_all({path}), path);
}

TEST(ReadCaptures, GzipFileIsDecompressed) {
    ScratchDir dir;
    write_gzip(dir / "captures.jsonl.gz", read_bytes(kInputData / "captures.jsonl"));
    std::string path = (dir / "captures.jsonl.gz").string();
    expect_fixture_captures(read_all({path}), path);
}

TEST(ReadCaptures, GzipContentUnderAPlainNameIsStillDecompressed) {
    ScratchDir dir;
    write_gzip(dir / "captures.jsonl", read_bytes(kInputData / "captures.jsonl"));
    std::string path = (dir / "captures.jsonl").string();
    expect_fixture_captures(read_all({path}), path);
}

TEST(ReadCaptures, PlainContentUnderAGzipNameIsReadAsIs) {
    ScratchDir dir;
    fs::copy_file(kInputData / "captures.jsonl", dir / "captures.jsonl.gz");
    std::string path = (dir / "captures.jsonl.gz").string();
    expect_fixture_captures(read_all({path}), path);
}

TEST(ReadCaptures, DashReadsStandardInputNamedStdin) {
    ScratchDir dir;
    write_gzip(dir / "in.gz", read_bytes(kInputData / "captures.jsonl"));
    ReadResult result;
    with_stdin_from(dir / "in.gz", [&] { result = read_all({"-"}); });
    expect_fixture_captures(result, "<stdin>");
}

TEST(ReadCaptures, CrLfLineEndsByteOrderMarkAndMissingFinalNewline) {
    ScratchDir dir;
    std::string good = R"({"source":"wire","article_id":"a","timestamp":"2016-02-02T14:05:00Z","title":"T"})";
    write_file(dir / "crlf.jsonl", "\xEF\xBB\xBF" + good + "\r\n\r\n" + good + "\r\n" + good);
    ReadResult result = read_all({(dir / "crlf.jsonl").string()});
    EXPECT_TRUE(result.rejections.empty()) << ::testing::PrintToString(messages(result.rejections));
    ASSERT_EQ(result.captures.size(), 3u);
    EXPECT_EQ(result.captures[1].where.line, 3u);
    EXPECT_EQ(result.captures[2].where.line, 4u);
}

TEST(ReadCaptures, RecordsLongerThanTheReadBlockAreReadWhole) {
    ScratchDir dir;
    std::string text(3u << 20, 'w');  // 3 MiB: several read blocks
    std::string line = R"({"source":"wire","article_id":"long","timestamp":"2016-02-02T14:05:00Z","text":")" + text + "\"}";
    std::string next = R"({"source":"wire","article_id":"next","timestamp":"2016-02-02T14:05:00Z","title":"T"})";
    write_file(dir / "long.jsonl", line + "\n" + next + "\n");
    ReadResult result = read_all({(dir / "long.jsonl").string()});
    ASSERT_EQ(result.captures.size(), 2u);
    EXPECT_EQ(result.captures[0].record.text, text);
    EXPECT_EQ(result.captures[1].record.article.identity, "next");
    EXPECT_EQ(result.captures[1].where.line, 2u);
}

TEST(ReadCaptures, TooLargeLineSpanningBlocksIsRejectedAndTheNextLineRead) {
    ScratchDir dir;
    std::string huge = R"({"source":"wire","article_id":"huge","timestamp":"2016-02-02T14:05:00Z","text":")" +
                       std::string(5u << 20, 'x') + "\"}";
    std::string next = R"({"source":"wire","article_id":"next","timestamp":"2016-02-02T14:05:00Z","title":"T"})";
    write_gzip(dir / "huge.jsonl.gz", next + "\n" + huge + "\n" + next + "\n");
    ReadOptions options;
    options.max_record_bytes = 2u << 20;
    std::string path = (dir / "huge.jsonl.gz").string();
    ReadResult result = read_all({path}, options);
    ASSERT_EQ(result.rejections.size(), 1u);
    EXPECT_EQ(result.rejections[0].message(),
              "newsindex: " + path + ":2: record too large: " + std::to_string(huge.size()) + " bytes");
    ASSERT_EQ(result.captures.size(), 2u);
    EXPECT_EQ(result.captures[1].where.line, 3u);
    EXPECT_EQ(result.counts.records, 3u);
}

TEST(ReadCaptures, EachBadRecordIsRejectedOnceWithFileAndLineAndGoodOnesStillRead) {
    const std::string good = R"({"source":"wire","article_id":"g","timestamp":"2016-02-02T14:05:00Z","title":"Good"})";
    const std::string too_large = R"({"source":"wire","article_id":"big","timestamp":"2016-02-02T14:05:00Z","text":")" +
                                  std::string(400, 'x') + "\"}";
    struct Case {
        std::string line;
        std::string reason;  // "" for a good record
    };
    const std::vector<Case> cases = {
        {good, ""},
        {R"({"source": "wire", "timestamp": tru})", "invalid JSON: syntax error at byte 36 (invalid literal)"},
        {"{\"title\": \"caf\xE9 au lait\"}", "invalid UTF-8 in string at byte 16"},
        {good, ""},
        {R"({"source": "wire", "article_id": "a", "timestamp": "2016-02-02T14:05:00Z", "title": "T")",
         "invalid JSON: syntax error at byte 88 (unexpected end of input; expected '}')"},
        {R"({"article_id": "a", "timestamp": "2016-02-02T14:05:00Z", "title": "T"})", "missing field source"},
        {R"({"source": "  ", "article_id": "a", "timestamp": "2016-02-02T14:05:00Z", "title": "T"})",
         "missing field source"},
        {R"({"source": "wire", "article_id": "a", "title": "T"})", "missing field timestamp"},
        {R"({"source": "wire", "timestamp": "2016-02-02T14:05:00Z", "title": "T"})",
         "missing both url and article_id"},
        {R"({"source": "wire", "article_id": "a", "timestamp": "02/02/2016", "title": "T"})",
         "unparseable timestamp \"02/02/2016\""},
        {R"({"source": "wire", "article_id": "a", "timestamp": "2016-02-02T14:05:00Z", "title": " ", "summary": "", "text": "\n\t"})",
         "empty document (no visible title, summary or text)"},
        {good, ""},
        {R"({"source": "wire", "article_id": "a", "timestamp": "2016-02-02T14:05:00Z", "title": 42})",
         "field title is a number, expected a string"},
        {R"(["source", "wire"])", "record is an array, not an object"},
        {R"({"source": "wire", "article_id": "a", "timestamp": "2016-02-02T14:05:00Z", "title": "T", "author": ["A", 7]})",
         "field author holds a number, expected strings"},
        {R"({"source": "wire", "article_id": "a", "timestamp": "2016-02-02T14:05:00Z", "title": "T", "version": -1})",
         "field version must be an integer >= 0, got -1"},
        {R"({"source": "wire", "article_id": "a", "timestamp": "2016-02-02T14:05:00Z", "title": "T", "version": "2"})",
         "field version is a string, expected an integer >= 0"},
        {R"({"source": "wire", "article_id": "a", "timestamp": "2016-02-02T14:05:00Z", "title": "T", "published": 1454421900})",
         "field published is a number, expected a string"},
        {R"({"source": "wire", "article_id": "a", "timestamp": "2016-02-02T14:05:00Z", "text": "a\u0000b"})",
         "NUL character in field text"},
        {good + std::string(1, '\0') + good, "invalid JSON: NUL byte at byte " + std::to_string(good.size() + 1)},
        {too_large, "record too large: " + std::to_string(too_large.size()) + " bytes"},
        {good, ""},
    };
    ScratchDir dir;
    std::string content;
    for (const Case& c : cases) content += c.line + "\n\n";  // blank lines between: skipped, not counted
    write_file(dir / "mixed.jsonl", content);
    std::string path = (dir / "mixed.jsonl").string();

    ReadOptions options;
    options.max_record_bytes = 300;
    ReadResult result = read_all({path}, options);

    std::vector<std::string> expected_rejections;
    std::vector<std::uint64_t> expected_good_lines;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        std::uint64_t line = 2 * i + 1;
        if (cases[i].reason.empty()) {
            expected_good_lines.push_back(line);
        } else {
            expected_rejections.push_back("newsindex: " + path + ":" + std::to_string(line) + ": " + cases[i].reason);
        }
    }
    EXPECT_EQ(messages(result.rejections), expected_rejections);
    std::vector<std::uint64_t> good_lines;
    for (const Capture& c : result.captures) good_lines.push_back(c.where.line);
    EXPECT_EQ(good_lines, expected_good_lines);
    EXPECT_EQ(result.counts.records, cases.size());
    EXPECT_EQ(result.counts.files, 1u);
}

TEST(ReadCaptures, MissingPathIsRejectedWithTheOsReasonAndReadingContinues) {
    ScratchDir dir;
    std::string missing = (dir / "no-such.jsonl").string();
    ReadResult result = read_all({missing, (kInputData / "captures.jsonl").string()});
    EXPECT_EQ(messages(result.rejections),
              std::vector<std::string>{file_rejection(missing, "No such file or directory")});
    EXPECT_EQ(result.captures.size(), 3u);
    EXPECT_EQ(result.counts.files, 1u);
}

TEST(ReadCaptures, TruncatedGzipKeepsTheCompleteLinesAndRejectsTheRest) {
    ScratchDir dir;
    std::string lines;
    for (int i = 0; i < 2000; ++i)
        lines += R"({"source":"wire","article_id":"a)" + std::to_string(i) +
                 R"(","timestamp":"2016-02-02T14:05:00Z","title":"Title )" + std::to_string(i * 7919) + "\"}\n";
    write_gzip(dir / "whole.gz", lines);
    std::string compressed = read_bytes(dir / "whole.gz");
    write_file(dir / "cut.gz", compressed.substr(0, compressed.size() / 2));
    std::string path = (dir / "cut.gz").string();
    ReadResult result = read_all({path});
    ASSERT_EQ(result.rejections.size(), 1u);
    EXPECT_EQ(result.rejections[0].where.line, result.captures.size() + 1);
    EXPECT_EQ(result.rejections[0].reason, "corrupt gzip data: unexpected end of file");
    EXPECT_GT(result.captures.size(), 0u);
    EXPECT_LT(result.captures.size(), 2000u);
}

TEST(ReadCaptures, DirectoryTreeInSortedOrderSkippingDotFiles) {
    fs::path root = kInputData / "tree";
    ReadResult result = read_all({root.string()});

    std::vector<std::string> order;
    for (const Capture& c : result.captures) order.push_back(c.where.to_string());
    EXPECT_EQ(order, (std::vector<std::string>{
                         (root / "Daily-Planet/city-hall-vote/2016-02-02T14-05-00Z.txt").string(),
                         (root / "Daily-Planet/city-hall-vote/20160203T090000Z.txt").string(),
                         (root / "feeds.jsonl").string() + ":1",
                         (root / "feeds.jsonl").string() + ":2",
                         (root / "gazette/harbour/snapshot.txt").string(),
                     }));
    // photo.bin is no snapshot by its name: a stray file, skipped.
    EXPECT_EQ(messages(result.rejections),
              (std::vector<std::string>{file_rejection(root / "notes.txt", kNoSource)}));
    EXPECT_EQ(result.skipped, (std::vector<std::string>{"newsindex: " + (root / "gazette/photo.bin").string() +
                                                        ": skipped: not a snapshot"}));
    EXPECT_EQ(result.counts.skipped, (std::map<std::string, std::uint64_t>{{"not a snapshot", 1}}));
    EXPECT_EQ(result.counts.files, 6u);    // not the dot-file, not .cache/
    EXPECT_EQ(result.counts.records, 6u);  // 2 snapshots + 2 lines + 1 snapshot + notes.txt
    ASSERT_EQ(result.captures.size(), 5u);

    // Snapshot without header: source and article from the tree, time from
    // the file name, title from the first non-blank line.
    const auto& planet = result.captures[0].record;
    EXPECT_EQ(planet.article.source, "daily-planet");
    EXPECT_EQ(planet.article.identity, "Daily-Planet/city-hall-vote");
    EXPECT_EQ(planet.article_id, "Daily-Planet/city-hall-vote");
    EXPECT_EQ(planet.url, "");
    EXPECT_EQ(planet.captured_at, 1454421900);  // 2016-02-02T14:05:00Z
    EXPECT_EQ(planet.title, "City hall votes on the harbour");
    EXPECT_EQ(planet.text, "The council voted on Tuesday.\nDebate lasted two hours.");
    EXPECT_EQ(result.captures[0].where.line, 0u);

    const auto& planet_later = result.captures[1].record;
    EXPECT_EQ(planet_later.article.digest(), planet.article.digest());
    EXPECT_EQ(planet_later.captured_at, 1454490000);  // 2016-02-03T09:00:00Z
    EXPECT_EQ(planet_later.title, "City hall approves the harbour");
    EXPECT_EQ(planet_later.text, "The council approved the plan.");

    EXPECT_EQ(result.captures[3].record.article.identity, "wire-1");
    EXPECT_EQ(result.captures[3].record.sequence, 1);

    // Snapshot with a header: its keys win, the tree supplies the rest.
    const auto& gazette = result.captures[4].record;
    EXPECT_EQ(gazette.article.source, "harbour-gazette");
    EXPECT_EQ(gazette.article.identity, "gazette/harbour");
    EXPECT_EQ(gazette.url, "https://gazette.example.org/harbour/?utm_medium=x");
    EXPECT_EQ(gazette.captured_at, 1454421900);  // 15:05 +0100
    EXPECT_EQ(gazette.title, "Ships return to the harbour");
    EXPECT_EQ(gazette.author, "D. Journalist");
    EXPECT_EQ(gazette.published, CaptureTime{1454284800});  // 2016-02-01
    EXPECT_EQ(gazette.language, "de");
    EXPECT_EQ(gazette.text, "The first ships returned.\n\nSecond paragraph.");
    EXPECT_EQ(gazette.content_hash, content_hash(gazette.title, "", gazette.text));
}

TEST(ReadCaptures, SnapshotWithoutTimeInItsNameUsesTheModificationTime) {
    ScratchDir dir;
    fs::path file = dir / "wire" / "story-9" / "latest.txt";
    write_file(file, "Headline\nBody.\n");
    auto when = std::chrono::sys_seconds(std::chrono::seconds(1454421900));
    fs::last_write_time(file, std::chrono::file_clock::from_sys(when));
    ReadResult result = read_all({dir.path().string()});
    ASSERT_EQ(result.captures.size(), 1u);
    EXPECT_EQ(result.captures[0].record.captured_at, 1454421900);
    EXPECT_EQ(result.captures[0].record.article.identity, "wire/story-9");
}

TEST(ReadCaptures, SnapshotFileArgumentUsesItsParentAsRoot) {
    ScratchDir dir;
    write_file(dir / "with-source.txt",
               "Source: Wire\nArticle-Id: wire:77\nCaptured: 2016-02-02T14:05:00Z\n\nHeadline\nBody.\n");
    write_file(dir / "without-source.txt", "Headline\nBody.\n");
    ReadResult result = read_all({(dir / "with-source.txt").string(), (dir / "without-source.txt").string()});
    ASSERT_EQ(result.captures.size(), 1u);
    const auto& record = result.captures[0].record;
    EXPECT_EQ(record.article.source, "wire");
    EXPECT_EQ(record.article.identity, "wire:77");
    EXPECT_EQ(record.title, "Headline");
    EXPECT_EQ(record.text, "Body.");
    EXPECT_EQ(messages(result.rejections),
              std::vector<std::string>{file_rejection(dir / "without-source.txt", kNoSource)});
}

TEST(ReadCaptures, SnapshotWithUnparseableCapturedHeaderIsRejected) {
    ScratchDir dir;
    write_file(dir / "wire" / "a" / "s.txt", "Captured: last tuesday\n\nHeadline\n");
    ReadResult result = read_all({dir.path().string()});
    EXPECT_EQ(messages(result.rejections),
              std::vector<std::string>{file_rejection(dir / "wire/a/s.txt", "unparseable Captured header \"last tuesday\"")});
}

TEST(ReadCaptures, SnapshotLargerThanTheLimitIsRejected) {
    ScratchDir dir;
    write_file(dir / "wire" / "a" / "2016-02-02T14:05:00Z.txt", "Headline\n" + std::string(500, 'b') + "\n");
    ReadOptions options;
    options.max_record_bytes = 100;
    ReadResult result = read_all({dir.path().string()}, options);
    EXPECT_EQ(messages(result.rejections),
              std::vector<std::string>{
                  file_rejection(dir / "wire/a/2016-02-02T14:05:00Z.txt", "record too large: 510 bytes")});
    EXPECT_EQ(result.counts.records, 1u);
}

TEST(ReadCaptures, ABlankFileInASnapshotTreeIsRejectedWithItsReason) {
    ScratchDir dir;
    write_file(dir / "wire" / "a" / "2016-02-02T14:05:00Z.txt", "Headline\nBody.\n");
    write_file(dir / "wire" / "a" / "2016-02-02T15:05:00Z.txt", "");
    write_file(dir / "wire" / "a" / "2016-02-02T16:05:00Z.txt", " \n\t\r\n\n");
    ReadResult result = read_all({dir.path().string()});
    EXPECT_EQ(result.captures.size(), 1u);
    const std::string blank = "blank file (empty or only whitespace), skipped";
    EXPECT_EQ(messages(result.rejections),
              (std::vector<std::string>{file_rejection(dir / "wire/a/2016-02-02T15:05:00Z.txt", blank),
                                        file_rejection(dir / "wire/a/2016-02-02T16:05:00Z.txt", blank)}));
    EXPECT_EQ(result.counts.files, 3u);
}

TEST(ReadCaptures, AnEmptyJsonLinesFileNamedOnTheCommandLineHoldsNoRecords) {
    // Not a snapshot: a day's capture log that is still empty.
    ScratchDir dir;
    write_file(dir / "today.jsonl", "");
    ReadResult result = read_all({(dir / "today.jsonl").string()});
    EXPECT_TRUE(result.rejections.empty());
    EXPECT_EQ(result.counts.records, 0u);
}

TEST(ReadCaptures, ADocumentOfInvisibleCharactersOnlyIsEmptyInJsonLinesAndSnapshots) {
    // Spaces of every kind, zero-width space, non-joiner and joiner, word
    // joiner, byte order mark, soft hyphen, no-break and ideographic space.
    const std::string invisible =
        "\u200B\u200C\u200D\u2060\uFEFF\u00AD\u00A0\u3000\u2028";
    const std::string reason = "empty document (no visible title, summary or text)";
    ScratchDir dir;
    write_file(dir / "in.jsonl",
               R"({"source":"wire","article_id":"a","timestamp":"2016-02-02T14:05:00Z","title":"   ","summary":"\u200b"})"
               "\n"
               R"({"source":"wire","article_id":"b","timestamp":"2016-02-02T14:05:00Z","title":" \u00a0","summary":")" +
                   invisible + R"(","text":"\t"})"
               "\n"
               R"({"source":"wire","article_id":"c","timestamp":"2016-02-02T14:05:00Z","title":"\u200bA"})"
               "\n");
    write_file(dir / "tree" / "wire" / "d" / "2016-02-02T14:05:00Z.txt",
               "Source: wire\nTitle: \u200B \u00AD\n\n\u2060\uFEFF \n");
    write_file(dir / "tree" / "wire" / "e" / "2016-02-02T14:05:00Z.txt", "\u200B\n\u200C\n");
    ReadResult result =
        read_all({(dir / "in.jsonl").string(), (dir / "tree").string()});
    ASSERT_EQ(result.captures.size(), 1u);
    EXPECT_EQ(result.captures[0].record.article_id, "c");
    const std::string in = (dir / "in.jsonl").string();
    EXPECT_EQ(messages(result.rejections),
              (std::vector<std::string>{
                  "newsindex: " + in + ":1: " + reason, "newsindex: " + in + ":2: " + reason,
                  file_rejection(dir / "tree/wire/d/2016-02-02T14:05:00Z.txt", reason),
                  file_rejection(dir / "tree/wire/e/2016-02-02T14:05:00Z.txt", reason)}));
}

TEST(ReadCaptures, CapturesBefore1970AndAtALeapSecondAreRead) {
    ScratchDir dir;
    write_file(dir / "in.jsonl",
               R"({"source":"wire","article_id":"a","timestamp":"1969-12-31T23:59:59Z","title":"Before"})"
               "\n"
               R"({"source":"wire","article_id":"a","timestamp":"2016-12-31T23:59:60Z","title":"Leap"})"
               "\n");
    write_file(dir / "tree" / "wire" / "b" / "1969-12-31T23-59-58Z.txt", "Headline\nBody.\n");
    ReadResult result = read_all({(dir / "in.jsonl").string(), (dir / "tree").string()});
    EXPECT_TRUE(result.rejections.empty()) << messages(result.rejections).front();
    ASSERT_EQ(result.captures.size(), 3u);
    EXPECT_EQ(result.captures[0].record.captured_at, -1);
    EXPECT_EQ(result.captures[1].record.captured_at, 1483228799);  // 2016-12-31T23:59:59Z
    EXPECT_EQ(result.captures[2].record.captured_at, -2);
}

TEST(ReadCaptures, InvalidUtf8TextFileIsOfUnknownKind) {
    ScratchDir dir;
    write_file(dir / "wire" / "a" / "latin1.txt", "Caf\xE9 opens\n");
    ReadResult result = read_all({dir.path().string()});
    EXPECT_EQ(messages(result.rejections),
              std::vector<std::string>{file_rejection(dir / "wire/a/latin1.txt", kUnknownKind)});
    EXPECT_EQ(result.counts.records, 0u);
}

TEST(ReadCaptures, ACallbackMayThrowToStopReading) {
    int seen = 0;
    auto stop = [&](Capture&&) {
        ++seen;
        throw std::runtime_error("stop");
    };
    EXPECT_THROW(read_captures({(kInputData / "captures.jsonl").string()}, {}, stop, [](Rejection&&) {}),
                 std::runtime_error);
    EXPECT_EQ(seen, 1);
}

TEST(ReadCaptures, ResultsKeepInputOrderWhateverTheNumberOfParserThreads) {
    ScratchDir dir;
    std::string lines;
    for (int i = 1; i <= 10000; ++i) {
        lines += i % 7 == 0 ? R"({"source":"wire","article_id":"a","timestamp":"never","title":"T"})"
                            : R"({"source":"wire","article_id":"a)" + std::to_string(i) +
                                  R"(","timestamp":"2016-02-02T14:05:00Z","title":"T"})";
        lines += "\n";
    }
    write_file(dir / "one.jsonl", lines);
    write_file(dir / "two.jsonl", lines);
    std::vector<std::string> paths{(dir / "one.jsonl").string(), (dir / "two.jsonl").string()};

    std::vector<std::string> expected;  // every result, in input order
    for (const std::string& path : paths) {
        for (int i = 1; i <= 10000; ++i)
            expected.push_back(i % 7 == 0 ? "newsindex: " + path + ":" + std::to_string(i) +
                                                ": unparseable timestamp \"never\""
                                          : "a" + std::to_string(i));
    }
    for (unsigned threads : {1u, 2u, 5u}) {
        std::vector<std::string> seen;
        ReadOptions options;
        options.parse_threads = threads;
        read_captures(
            paths, options, [&](Capture&& c) { seen.push_back(c.record.article.identity); },
            [&](Rejection&& r) { seen.push_back(r.message()); });
        EXPECT_EQ(seen, expected) << threads << " threads";
    }
}

TEST(Rejection, MessageNamesFileAndLineOmittingLineZero) {
    EXPECT_EQ((Rejection{{"feed.jsonl", 3}, "missing field source"}.message()),
              "newsindex: feed.jsonl:3: missing field source");
    EXPECT_EQ((Rejection{{"tree/photo.bin", 0}, kUnknownKind}.message()),
              "newsindex: tree/photo.bin: " + kUnknownKind);
}

TEST(ReadCaptures, RealSampleReadsEveryCaptureWithoutRejection) {
    fs::path sample = newsindex::testing::shared_data_dir() / "sample.jsonl.gz";
    if (!fs::exists(sample)) GTEST_SKIP() << sample << " not present";
    std::set<std::uint64_t> articles;
    std::vector<std::string> rejections;
    std::uint64_t captures = 0;
    ReadCounts counts = read_captures(
        {sample.string()}, {},
        [&](Capture&& c) {
            ++captures;
            articles.insert(c.record.article.digest());
        },
        [&](Rejection&& r) { rejections.push_back(r.message()); });
    EXPECT_EQ(rejections, std::vector<std::string>{});
    EXPECT_EQ(captures, 4869u);
    EXPECT_EQ(counts.records, 4869u);
    EXPECT_EQ(counts.files, 1u);
    EXPECT_EQ(articles.size(), 2300u);
}
