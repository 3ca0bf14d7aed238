// The WARC reader through read_captures: which records become captures,
// what is skipped and counted, bad records named by offset, and the
// cursor that makes a re-run read only what a crawler appended.
#include "indexer/capture_reader.h"
#include "tests/indexer/warc_test_support.h"
#include "tests/support/test_support.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace newsindex::indexer {
namespace {

namespace fs = std::filesystem;
using namespace warc_test;
using newsindex::testing::ScratchDir;

struct Read {
    std::vector<Capture> captures;
    std::vector<std::string> rejections;  // Rejection::message()
    ReadCounts counts;
    InputCursors cursors() const {
        InputCursors out;
        for (const InputCursor& c : counts.cursors) out[c.input] = c.state;
        return out;
    }
};

Read read_all(const fs::path& path, const InputCursors* cursors = nullptr) {
    Read read;
    ReadOptions options;
    options.parse_threads = 1;
    options.cursors = cursors;
    read.counts = read_captures(
        {path.string()}, options, [&](Capture&& c) { read.captures.push_back(std::move(c)); },
        [&](Rejection&& r) { read.rejections.push_back(r.message()); }, [](Skip&&) {});
    return read;
}

void write_bytes(const fs::path& path, const std::string& bytes, bool append = false) {
    std::ofstream out(path, std::ios::binary | (append ? std::ios::app : std::ios::trunc));
    out << bytes;
}

// A 200 response holding an article page with `paragraphs`.
std::string page_record(const std::string& version, const std::string& url, const std::string& date,
                        const std::vector<std::string>& paragraphs, const std::string& title = "A story") {
    PageParts p;
    p.title = title;
    p.paragraphs = paragraphs;
    return response_record(version, url, date,
                           http_response(200, {"Content-Type: text/html; charset=utf-8"}, news_page(p)));
}

std::vector<std::string> texts(const Read& read) {
    std::vector<std::string> out;
    for (const Capture& c : read.captures) out.push_back(c.record.text);
    return out;
}

TEST(WarcReader, PagesBecomeCapturesAndTheOtherRecordsAreCountedAsSkipped) {
    ScratchDir dir;
    PageParts letters;
    letters.title = "Letters";
    letters.paragraphs = {"Readers write about the bridge."};
    std::string bytes =
        warc_record("1.0", "warcinfo", "", "2024-05-01T07:59:00Z", "application/warc-fields", "software: test\r\n") +
        warc_record("1.0", "request", "https://www.examplenews.com/a", "2024-05-01T08:00:00Z",
                    "application/http; msgtype=request", "GET /a HTTP/1.1\r\nHost: www.examplenews.com\r\n\r\n") +
        page_record("1.0", "https://www.examplenews.com/a", "2024-05-01T08:00:00Z", {"Bridge reopens today."}) +
        response_record("1.0", "https://www.examplenews.com/old", "2024-05-01T08:01:00Z",
                        http_response(301, {"Location: https://www.examplenews.com/a"}, "")) +
        response_record("1.0", "https://www.examplenews.com/gone", "2024-05-01T08:02:00Z",
                        http_response(404, {"Content-Type: text/html"}, "<html><body><p>Not found</p></body></html>")) +
        response_record("1.0", "https://www.examplenews.com/a.jpg", "2024-05-01T08:03:00Z",
                        http_response(200, {"Content-Type: image/jpeg"}, "\xFF\xD8\xFF\xE0 jpeg")) +
        response_record("1.0", "https://www.examplenews.com/", "2024-05-01T08:04:00Z",
                        http_response(200, {"Content-Type: text/html"},
                                      "<html><body><nav><a href=\"/a\">A</a></nav></body></html>")) +
        revisit_record("1.0", "https://www.examplenews.com/a", "2024-05-01T09:00:00Z",
                       "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n", "2024-05-01T08:00:00Z") +
        revisit_record("1.0", "https://www.examplenews.com/a.jpg", "2024-05-01T09:00:01Z",
                       "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\n\r\n", "2024-05-01T08:03:00Z") +
        warc_record("1.0", "revisit", "https://www.examplenews.com/b", "2024-05-01T09:00:02Z", "", "") +
        warc_record("1.0", "resource", "https://www.examplenews.com/letters", "2024-05-01T10:00:00Z", "text/html",
                    news_page(letters));
    write_bytes(dir / "crawl.warc", bytes);

    Read read = read_all(dir / "crawl.warc");
    EXPECT_TRUE(read.rejections.empty()) << read.rejections.front();
    ASSERT_EQ(read.captures.size(), 4u);
    const schema::VersionRecord& a = read.captures[0].record;
    EXPECT_EQ(a.article.source, "examplenews.com");
    EXPECT_EQ(a.article.identity, "https://www.examplenews.com/a");
    EXPECT_EQ(a.url, "https://www.examplenews.com/a");
    EXPECT_EQ(a.captured_at, 1714550400);  // 2024-05-01T08:00:00Z
    EXPECT_EQ(a.title, "A story");
    EXPECT_EQ(a.text, "Bridge reopens today.");
    EXPECT_EQ(a.language, "en");
    EXPECT_FALSE(a.seen_again());
    // The revisits of pages (with an HTML head, or none) are captures seen
    // again, without text; the image's is skipped.
    for (std::size_t i : {1, 2}) {
        const schema::VersionRecord& revisit = read.captures[i].record;
        EXPECT_TRUE(revisit.seen_again()) << i;
        EXPECT_EQ(revisit.article.source, "examplenews.com");
        EXPECT_TRUE(revisit.text.empty() && revisit.title.empty());
    }
    EXPECT_EQ(read.captures[1].record.article.identity, "https://www.examplenews.com/a");
    EXPECT_EQ(read.captures[1].record.captured_at, 1714554000);  // 2024-05-01T09:00:00Z
    EXPECT_EQ(read.captures[2].record.article.identity, "https://www.examplenews.com/b");
    EXPECT_EQ(read.captures[3].record.text, "Readers write about the bridge.");
    std::map<std::string, std::uint64_t> skipped{
        {"redirect", 1}, {"HTTP 404", 1}, {"not HTML", 2}, {"no article text", 1}};
    EXPECT_EQ(read.counts.skipped, skipped);
    EXPECT_EQ(read.counts.records, 9u);  // warcinfo and request records are not captures of a page
    EXPECT_EQ(read.counts.files, 1u);
}

TEST(WarcReader, BadRecordsAreNamedByOffsetAndTheOthersRead) {
    ScratchDir dir;
    std::string good1 = page_record("1.1", "https://examplenews.com/1", "2024-05-01T08:00:00Z", {"First."});
    std::string charset = response_record(
        "1.1", "https://examplenews.com/2", "2024-05-01T08:01:00Z",
        http_response(200, {"Content-Type: text/html; charset=x-martian"}, "<html><body><p>Zork</p></body></html>"));
    std::string header = response_record("1.1", "https://examplenews.com/3", "2024-05-01T08:02:00Z",
                                         "HTTP/1.1 200 OK\r\nthis line has no colon\r\n\r\n<p>x</p>");
    std::string date = page_record("1.1", "https://examplenews.com/4", "yesterday at noon", {"Fourth."});
    std::string good5 = page_record("1.1", "https://examplenews.com/5", "2024-05-01T08:04:00Z", {"Fifth."});
    write_bytes(dir / "bad.warc", good1 + charset + header + date + good5);

    Read read = read_all(dir / "bad.warc");
    EXPECT_EQ(texts(read), (std::vector<std::string>{"First.", "Fifth."}));
    std::string file = (dir / "bad.warc").string();
    std::size_t at2 = good1.size(), at3 = at2 + charset.size(), at4 = at3 + header.size();
    EXPECT_EQ(read.rejections,
              (std::vector<std::string>{
                  fmt::format("newsindex: {}: record at offset {}: unknown charset \"x-martian\"", file, at2),
                  fmt::format("newsindex: {}: record at offset {}: bad HTTP response: bad header line \"this line has no colon\"",
                              file, at3),
                  fmt::format("newsindex: {}: record at offset {}: bad WARC-Date \"yesterday at noon\"", file, at4)}));
}

class WarcCursor : public ::testing::TestWithParam<bool> {
  protected:
    // A record as the file holds it: a gzip member of its own in a .warc.gz.
    std::string stored(const std::string& record) const { return GetParam() ? gzip_member(record) : record; }
    std::string name() const { return GetParam() ? "crawl.warc.gz" : "crawl.warc"; }
};

TEST_P(WarcCursor, AnUnchangedFileIsNotReadAgain) {
    ScratchDir dir;
    fs::path file = dir / name();
    write_bytes(file, stored(page_record("1.1", "https://examplenews.com/1", "2024-05-01T08:00:00Z", {"One."})) +
                          stored(page_record("1.1", "https://examplenews.com/2", "2024-05-01T08:01:00Z", {"Two."})));
    Read first = read_all(file);
    EXPECT_EQ(texts(first), (std::vector<std::string>{"One.", "Two."}));
    ASSERT_EQ(first.counts.cursors.size(), 1u);
    EXPECT_EQ(first.counts.cursors[0].input, fs::canonical(file).string());

    InputCursors cursors = first.cursors();
    Read again = read_all(file, &cursors);
    EXPECT_TRUE(again.captures.empty());
    EXPECT_EQ(again.counts.records, 0u);
    EXPECT_EQ(again.cursors(), cursors);
}

TEST_P(WarcCursor, AGrownFileIsReadFromItsFirstNewRecord) {
    ScratchDir dir;
    fs::path file = dir / name();
    write_bytes(file, stored(page_record("1.1", "https://examplenews.com/1", "2024-05-01T08:00:00Z", {"One."})));
    InputCursors cursors = read_all(file).cursors();
    write_bytes(file, stored(page_record("1.1", "https://examplenews.com/2", "2024-05-01T08:01:00Z", {"Two."})), true);
    Read grown = read_all(file, &cursors);
    EXPECT_EQ(texts(grown), (std::vector<std::string>{"Two."}));
    EXPECT_EQ(grown.counts.records, 1u);
    EXPECT_TRUE(grown.rejections.empty());
}

TEST_P(WarcCursor, ATruncatedLastRecordIsNamedOnceAndReadWhenComplete) {
    ScratchDir dir;
    fs::path file = dir / name();
    std::string one = stored(page_record("1.1", "https://examplenews.com/1", "2024-05-01T08:00:00Z", {"One."}));
    std::string two = stored(page_record("1.1", "https://examplenews.com/2", "2024-05-01T08:01:00Z", {"Two."}));
    write_bytes(file, one + two.substr(0, two.size() / 2));

    Read first = read_all(file);
    EXPECT_EQ(texts(first), (std::vector<std::string>{"One."}));
    EXPECT_EQ(first.rejections,
              (std::vector<std::string>{fmt::format("newsindex: {}: record at offset {}: truncated record (the file ends inside it)",
                                                    file.string(), one.size())}));
    InputCursors cursors = first.cursors();
    // Not grown: nothing read, nothing said again.
    Read same = read_all(file, &cursors);
    EXPECT_TRUE(same.rejections.empty());
    EXPECT_TRUE(same.captures.empty());

    write_bytes(file, two.substr(two.size() / 2), true);
    Read complete = read_all(file, &cursors);
    EXPECT_EQ(texts(complete), (std::vector<std::string>{"Two."}));
    EXPECT_TRUE(complete.rejections.empty());
}

TEST_P(WarcCursor, ADifferentFileAtTheSamePathIsReadWhole) {
    ScratchDir dir;
    fs::path file = dir / name();
    write_bytes(file, stored(page_record("1.1", "https://examplenews.com/1", "2024-05-01T08:00:00Z", {"One."})));
    InputCursors cursors = read_all(file).cursors();
    write_bytes(file, stored(page_record("1.0", "https://examplenews.com/7", "2024-06-01T08:00:00Z", {"Seven."})) +
                          stored(page_record("1.0", "https://examplenews.com/8", "2024-06-01T08:01:00Z", {"Eight."})));
    Read other = read_all(file, &cursors);
    EXPECT_EQ(texts(other), (std::vector<std::string>{"Seven.", "Eight."}));
}

INSTANTIATE_TEST_SUITE_P(PlainAndGzip, WarcCursor, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& info) { return info.param ? "Gzip" : "Plain"; });

TEST(WarcReader, ABadGzipMemberIsNamedAndTheMembersAfterItRead) {
    ScratchDir dir;
    std::string one = gzip_member(page_record("1.1", "https://examplenews.com/1", "2024-05-01T08:00:00Z", {"One."}));
    std::string two = gzip_member(page_record("1.1", "https://examplenews.com/2", "2024-05-01T08:01:00Z", {"Two."}));
    std::string three = gzip_member(page_record("1.1", "https://examplenews.com/3", "2024-05-01T08:02:00Z", {"Three."}));
    for (std::size_t i = 20; i < two.size() - 10; ++i) two[i] = static_cast<char>(two[i] ^ 0x5A);
    fs::path file = dir / "bad.warc.gz";
    write_bytes(file, one + two + three);
    Read read = read_all(file);
    EXPECT_EQ(texts(read), (std::vector<std::string>{"One.", "Three."}));
    ASSERT_EQ(read.rejections.size(), 1u);
    EXPECT_TRUE(read.rejections[0].starts_with(
        fmt::format("newsindex: {}: record at offset {}: bad gzip member: ", file.string(), one.size())))
        << read.rejections[0];
}

}  // namespace
}  // namespace newsindex::indexer
