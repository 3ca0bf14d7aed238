// The records newsquery export writes (query/format/corpus_record.h): one
// line of newsindex's JSON Lines input per capture, its fields in a fixed
// order, empty optional fields left out, and read back by the indexer's own
// reader as the same capture.
#include "indexer/record_fields.h"
#include "query/database.h"
#include "query/format/corpus_record.h"

#include <gtest/gtest.h>

#include <tuple>

using newsindex::query::corpus_record_line;
using newsindex::schema::CaptureStamp;
using newsindex::schema::VersionRecord;

namespace {

// 2023-11-14T22:13:20Z and an hour later.
constexpr std::int64_t kFirst = 1'700'000'000;
constexpr std::int64_t kLater = kFirst + 3600;

// A German version identified by its URL alone, seen twice, with no
// summary, author, section or publication time.
VersionRecord url_only_version() {
    VersionRecord v;
    v.article = {"zeit.de", "https://www.zeit.de/politik/klima"};
    v.url = "https://www.zeit.de/politik/klima?utm_source=rss";
    v.title = "Klimaschutz: „Wir müssen handeln“";
    v.text = "Erster Absatz.\n\nZweiter Absatz 🌍 mit\tTab.";
    v.language = "de";
    v.captures = {{kFirst, 0}, {kLater, 2}};
    v.captured_at = kFirst;
    v.last_seen = kLater;
    return v;
}

VersionRecord full_version() {
    VersionRecord v;
    v.article = {"bbc", "bbc:world-1"};
    v.article_id = "bbc:world-1";
    v.url = "https://www.bbc.co.uk/news/world-1";
    v.title = "Title with \x1b[31mESC\x1b[0m and \xc2\x85";
    v.summary = "Summary";
    v.text = "Body";
    v.author = "Jane Doe, John Roe";
    v.language = "en";
    v.section = "world";
    v.published = kFirst - 86400;
    v.captures = {{kFirst, 7}};
    return v;
}

// What a capture's record must carry of its version.
auto stored_fields(const VersionRecord& v) {
    return std::tie(v.article.source, v.article.identity, v.article_id, v.url, v.title,
                    v.summary, v.text, v.author, v.language, v.section, v.published);
}

}  // namespace

TEST(CorpusRecord, WritesOneLinePerCaptureWithItsTimeAndSequence) {
    const VersionRecord v = url_only_version();
    EXPECT_EQ(corpus_record_line(v, v.captures[0]),
              R"({"source":"zeit.de","url":"https://www.zeit.de/politik/klima?utm_source=rss",)"
              R"("version":0,"timestamp":"2023-11-14T22:13:20Z",)"
              R"("title":"Klimaschutz: „Wir müssen handeln“","summary":"",)"
              R"("text":"Erster Absatz.\n\nZweiter Absatz 🌍 mit\tTab.","language":"de"})"
              "\n");
    EXPECT_EQ(corpus_record_line(v, v.captures[1]),
              R"({"source":"zeit.de","url":"https://www.zeit.de/politik/klima?utm_source=rss",)"
              R"("version":2,"timestamp":"2023-11-14T23:13:20Z",)"
              R"("title":"Klimaschutz: „Wir müssen handeln“","summary":"",)"
              R"("text":"Erster Absatz.\n\nZweiter Absatz 🌍 mit\tTab.","language":"de"})"
              "\n");
}

TEST(CorpusRecord, WritesEveryFieldTheVersionHasAndEscapesControlCharacters) {
    const VersionRecord v = full_version();
    EXPECT_EQ(corpus_record_line(v, v.captures[0]),
              R"({"source":"bbc","url":"https://www.bbc.co.uk/news/world-1",)"
              R"("article_id":"bbc:world-1","version":7,"timestamp":"2023-11-14T22:13:20Z",)"
              R"("title":"Title with \u001b[31mESC\u001b[0m and \u0085","summary":"Summary",)"
              R"("text":"Body","author":"Jane Doe, John Roe","language":"en",)"
              R"("section":"world","published":"2023-11-13T22:13:20Z"})"
              "\n");
}

TEST(CorpusRecord, ReadsBackAsTheSameCapture) {
    for (const VersionRecord& v : {url_only_version(), full_version()}) {
        for (const CaptureStamp& capture : v.captures) {
            std::string line = corpus_record_line(v, capture);
            line.pop_back();  // the reader takes a line without its newline
            const VersionRecord read = newsindex::indexer::record_from_json(line);
            EXPECT_EQ(read.captured_at, capture.time);
            EXPECT_EQ(read.sequence, capture.sequence);
            EXPECT_EQ(stored_fields(read), stored_fields(v));
        }
    }
}

TEST(CorpusRecord, RefusesASequenceTheInputFormatCannotHold) {
    const VersionRecord v = url_only_version();
    try {
        corpus_record_line(v, {kFirst, -1});
        FAIL() << "a negative sequence was written";
    } catch (const newsindex::query::QueryError& e) {
        EXPECT_EQ(e.exit_code(), newsindex::query::kExitSoftware);
        EXPECT_NE(std::string(e.what()).find("sequence -1"), std::string::npos) << e.what();
    }
}
