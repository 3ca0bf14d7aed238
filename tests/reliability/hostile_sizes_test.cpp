// Hostile sizes and shapes, generated here at run time (too big to commit):
// JSON nested 100,000 deep, a 50 MB field, a line over the reader's
// max_record_bytes, a 10 kB URL.
#include "indexer/capture_reader.h"
#include "indexer/exit_codes.h"
#include "tests/reliability/hostile_fixture.h"

#include <fstream>

namespace newsindex::testing {
namespace {

namespace exit_code = indexer::exit_code;
using Urls = std::vector<std::string>;

constexpr std::size_t kDepth = 100000;

std::string record_head(const std::string& name) {
    return R"({"source":"hostile","url":"https://hostile.example/)" + name +
           R"(","timestamp":"2024-02-01T10:00:00Z",)";
}

std::string repeated(const std::string& piece, std::size_t times) {
    std::string out;
    out.reserve(piece.size() * times);
    for (std::size_t i = 0; i < times; ++i) out += piece;
    return out;
}

TEST_F(HostileInput, JsonNestedAHundredThousandDeepIsReadWithoutOverflowingTheStack) {
    std::string arrays = repeated("[", kDepth) + repeated("]", kDepth);
    std::string objects = repeated(R"({"a":)", kDepth) + "1" + repeated("}", kDepth);
    std::filesystem::path file = dir_ / "deep.jsonl";
    write_file(file, record_head("deep-unknown") + R"("title":"Deepunknown","extra":)" + arrays + "}\n" +
                         record_head("deep-title") + R"("title":)" + arrays + "}\n" +
                         repeated("[", kDepth) + "\n" +
                         arrays + "\n" +
                         record_head("deep-objects") + R"("title":"Deepobjects","extra":)" + objects + "}\n" +
                         record_head("deep-ok") + R"("title":"Deepneighbour"})" + "\n");
    CommandResult run = ingest(file);
    EXPECT_EQ(run.exit_code, exit_code::kDataError);
    EXPECT_EQ(run.err,
              rejection(file, 2, "field title is an array, expected a string") +
                  rejection(file, 3, "invalid JSON: syntax error at byte 100001 (unexpected end of input; "
                                     "expected '[', '{', or a literal)") +
                  rejection(file, 4, "record is an array, not an object"));
    // Unknown fields are ignored however deep they go.
    EXPECT_EQ(urls_found("deepunknown OR deepobjects OR deepneighbour"),
              (Urls{"https://hostile.example/deep-objects", "https://hostile.example/deep-ok",
                    "https://hostile.example/deep-unknown"}));
}

TEST_F(HostileInput, FiftyMegabyteFieldIsIndexedAndBothEndsAreFindable) {
    // 50 MB of text: a word at each end, and between them 1,000-letter
    // "words" (longer than any term, so Xapian skips them).
    std::filesystem::path file = dir_ / "big.jsonl";
    {
        std::ofstream out(file, std::ios::binary);
        out << record_head("big") << R"("title":"Bigfield","text":"openingmarker )";
        std::string block = std::string(1000, 'x') + " ";
        for (std::size_t written = 0; written < (50u << 20); written += block.size()) out << block;
        out << "closingmarker\"}\n";
    }
    CommandResult run = ingest(file);
    EXPECT_EQ(run.exit_code, exit_code::kOk);
    EXPECT_EQ(run.err, "");
    EXPECT_EQ(urls_found("openingmarker"), Urls{"https://hostile.example/big"});
    EXPECT_EQ(urls_found("closingmarker"), Urls{"https://hostile.example/big"});
}

TEST_F(HostileInput, LineOverTheRecordLimitIsRejectedAndTheNextLineIndexed) {
    const std::size_t limit = indexer::ReadOptions{}.max_record_bytes;
    std::filesystem::path file = dir_ / "overlong.jsonl";
    {
        std::ofstream out(file, std::ios::binary);
        std::string head = record_head("overlong") + R"("title":"Overlong","text":")";
        std::string tail = "\"}";
        out << head << std::string(limit + 1 - head.size() - tail.size(), 'y') << tail << '\n';
        out << record_head("after-overlong") << R"("title":"Overlongneighbour"})" << '\n';
    }
    CommandResult run = ingest(file);
    EXPECT_EQ(run.exit_code, exit_code::kDataError);
    EXPECT_EQ(run.err, rejection(file, 1, "record too large: " + std::to_string(limit + 1) + " bytes"));
    EXPECT_EQ(urls_found("overlong OR overlongneighbour"), Urls{"https://hostile.example/after-overlong"});
}

TEST_F(HostileInput, TenKilobyteUrlIsIndexedFoundByItsHostAndKeepsItsArticleAcrossRuns) {
    std::string path = repeated("section-name/", 780) + "story.html";
    std::string as_captured = "http://www.LongURL.example/" + path + "?id=42&utm_source=feed#top";
    std::string as_recaptured = "https://www.longurl.example/" + path + "?id=42";
    ASSERT_GT(as_captured.size(), 10000u);
    auto record = [&](const std::string& url, const std::string& time, const std::string& title) {
        return R"({"source":"hostile","url":")" + url + R"(","timestamp":")" + time + R"(","title":")" + title + "\"}\n";
    };
    std::filesystem::path first = dir_ / "long-url-1.jsonl", second = dir_ / "long-url-2.jsonl";
    write_file(first, record(as_captured, "2024-02-01T10:00:00Z", "Longurlmarker first"));
    write_file(second, record(as_recaptured, "2024-02-01T11:00:00Z", "Longurlmarker second"));

    CommandResult run = ingest(first);
    EXPECT_EQ(run.exit_code, exit_code::kOk);
    EXPECT_EQ(run.err, "");
    EXPECT_EQ(urls_found("site:longurl.example"), Urls{as_captured});
    EXPECT_EQ(urls_found("url:www.longurl.example"), Urls{as_captured});
    // url: with a path is that page only (query/text/url_fields.h): not this one.
    EXPECT_EQ(urls_found("url:https://longurl.example/elsewhere.html"), Urls{});

    // The same record again (in another file: the first one's cursor says
    // it is read): nothing new.
    std::filesystem::path copy = dir_ / "long-url-1-again.jsonl";
    std::filesystem::copy_file(first, copy);
    CommandResult again = ingest(copy, {"--json-summary"});
    EXPECT_EQ(again.exit_code, exit_code::kOk);
    nlohmann::json summary = nlohmann::json::parse(again.out);
    EXPECT_EQ(summary.at("added"), 0);
    EXPECT_EQ(summary.at("duplicates"), 1);

    // Another scheme, no tracking parameter, no fragment: the same article.
    CommandResult later = ingest(second);
    EXPECT_EQ(later.exit_code, exit_code::kOk);
    std::vector<nlohmann::json> rows = search("longurlmarker");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].at("article_key"), rows[1].at("article_key"));
    EXPECT_EQ(rows[0].at("revisions"), 2);
}

}  // namespace
}  // namespace newsindex::testing
