// The small hostile files committed in tests/data/hostile/ (see README.md
// there): zero-width characters, right-to-left text, timestamps, duplicate
// keys, NUL bytes, invalid UTF-8.
#include "indexer/exit_codes.h"
#include "tests/reliability/hostile_fixture.h"

#include <map>

namespace newsindex::testing {
namespace {

namespace exit_code = indexer::exit_code;
using Urls = std::vector<std::string>;

std::string url(const std::string& name) { return "https://hostile.example/" + name; }

TEST_F(HostileInput, ZeroWidthCharactersInsideAWordAreFindableAsTheWord) {
    CommandResult run = ingest(hostile_file("zero-width.jsonl"));
    EXPECT_EQ(run.exit_code, exit_code::kOk);
    EXPECT_EQ(run.err, "");
    // U+200B, U+200C, U+2060 and U+FEFF inside "Reuters", raw and escaped.
    Urls all{url("zw-200b"), url("zw-200c"), url("zw-2060"), url("zw-feff")};
    EXPECT_EQ(urls_found("reuters"), all);
    EXPECT_EQ(urls_found("\"reported by reuters\""), all);
    EXPECT_EQ(urls_found("zwspmarker reuters"), Urls{url("zw-200b")});
}

TEST_F(HostileInput, RightToLeftTextIsSearchable) {
    CommandResult run = ingest(hostile_file("right-to-left.jsonl"));
    EXPECT_EQ(run.exit_code, exit_code::kOk);
    EXPECT_EQ(run.err, "");
    // Hebrew (no Xapian stemmer: indexed in the database's language).
    EXPECT_EQ(urls_found("\u05e9\u05dc\u05d5\u05dd"), Urls{url("rtl-he")});
    EXPECT_EQ(urls_found("title:\u05e2\u05d5\u05dc\u05dd"), Urls{url("rtl-he")});
    // Words wrapped in bidi controls (U+202B ... U+202C, U+200F).
    EXPECT_EQ(urls_found("\u05d7\u05d3\u05e9\u05d5\u05ea"), Urls{url("rtl-he")});
    EXPECT_EQ(urls_found("jerusalem"), Urls{url("rtl-he")});
    // Arabic and Hebrew in a record without a language.
    EXPECT_EQ(urls_found("\u0623\u062e\u0628\u0627\u0631"), Urls{url("rtl-untagged")});
    EXPECT_EQ(urls_found("\u05d8\u05d5\u05d1"), Urls{url("rtl-untagged")});
    // Arabic in a record marked "ar" is stemmed in Arabic: found with
    // --lang ar, or as an exact (unstemmed) phrase. A plain search stems
    // the word in the database's language (English) and misses it, as it
    // misses a lower-case German word in an English database: a limit of
    // the query front end (query/engine/matcher.cpp), not of the index.
    EXPECT_EQ(urls_found("\u0627\u0644\u0633\u0644\u0627\u0645", {"--lang", "ar"}), Urls{url("rtl-ar")});
    EXPECT_EQ(urls_found("title:\u0639\u0644\u064a\u0643\u0645", {"--lang", "ar"}), Urls{url("rtl-ar")});
    EXPECT_EQ(urls_found("\"\u0627\u0644\u0633\u0644\u0627\u0645 \u0639\u0644\u064a\u0643\u0645\""),
              Urls{url("rtl-ar")});
    EXPECT_EQ(urls_found("lang:ar"), Urls{url("rtl-ar")});
}

TEST_F(HostileInput, TimestampsInEveryCommonFormAreReadAndImpossibleOnesRejected) {
    std::filesystem::path file = hostile_file("timestamps.jsonl");
    CommandResult run = ingest(file);
    EXPECT_EQ(run.exit_code, exit_code::kDataError);
    const char* impossible[] = {
        "2016-02-30T00:00:00Z", "2016-02-02T25:00:00Z", "99999-01-01T00:00:00Z",
        "2016-13-01",           "2016-02-02T14:60:00Z", "Mon, 02 Feb 2016 14:05:00 GMT",
        "yesterday",            "1e9",                  "0000-00-00T00:00:00Z"};
    std::string expected;
    for (int i = 0; i < 9; ++i)
        expected += rejection(file, 13 + i, std::string("unparseable timestamp \"") + impossible[i] + "\"");
    EXPECT_EQ(run.err, expected);

    // Lines 1-11 all say 2016-02-02T14:05:00Z (fractions dropped, offsets
    // and zone names applied, no zone meaning UTC); line 12 is a plain date.
    std::map<std::string, std::string> captured;
    for (const nlohmann::json& row : search("title:timestamp"))
        captured[row.at("url").get<std::string>()] = row.at("captured_at").get<std::string>();
    std::map<std::string, std::string> expected_times;
    for (int i = 1; i <= 11; ++i) expected_times[url("ts-" + std::to_string(i))] = "2016-02-02T14:05:00Z";
    expected_times[url("ts-12")] = "2016-02-02T00:00:00Z";
    EXPECT_EQ(captured, expected_times);
}

TEST_F(HostileInput, DuplicateKeysTheLastValueWins) {
    CommandResult run = ingest(hostile_file("duplicate-keys.jsonl"));
    EXPECT_EQ(run.exit_code, exit_code::kOk);
    EXPECT_EQ(run.err, "");
    std::vector<nlohmann::json> rows = search("secondheadline");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].at("title"), "Secondheadline");
    EXPECT_EQ(rows[0].at("source"), "hostiletwo");
    EXPECT_EQ(urls_found("firstheadline"), Urls{});
}

TEST_F(HostileInput, NulBytesAreRejectedAndTheRecordsAroundThemIndexed) {
    std::filesystem::path file = hostile_file("nul-bytes.jsonl");
    CommandResult run = ingest(file);
    EXPECT_EQ(run.exit_code, exit_code::kDataError);
    EXPECT_EQ(run.err, rejection(file, 1, "invalid JSON: NUL byte at byte 108") +
                           rejection(file, 2, "NUL character in field title") +
                           rejection(file, 4, "invalid JSON: NUL byte at byte 20") +
                           rejection(file, 5, "invalid JSON: NUL byte at byte 124"));
    EXPECT_EQ(urls_found("nulneighbour"), Urls{url("nul-ok")});
    // Line 5 holds two records joined by a NUL: neither is taken for the line.
    EXPECT_EQ(urls_found("nulfirst OR nulsecond"), Urls{});
}

TEST_F(HostileInput, InvalidAndOverlongUtf8IsRejectedAndTheRecordsAroundItIndexed) {
    std::filesystem::path file = hostile_file("invalid-utf8.jsonl");
    CommandResult run = ingest(file);
    EXPECT_EQ(run.exit_code, exit_code::kDataError);
    EXPECT_EQ(run.err,
              rejection(file, 1, "invalid UTF-8 in string at byte 109") +   // C0 AF, overlong "/"
                  rejection(file, 2, "invalid UTF-8 in string at byte 111") +  // ED A0 80, a surrogate
                  rejection(file, 4, "invalid UTF-8 in string at byte 105") +  // a lone continuation byte
                  rejection(file, 5, "invalid UTF-8 in string at byte 106") +  // a sequence cut short
                  rejection(file, 6, "invalid JSON: syntax error at byte 119 (invalid string: surrogate "
                                     "U+D800..U+DBFF must be followed by U+DC00..U+DFFF)") +
                  rejection(file, 7, "invalid UTF-8 in string at byte 107") +  // F5: beyond U+10FFFF
                  rejection(file, 8, "invalid UTF-8 in string at byte 110"));  // E0 80 AF, overlong
    EXPECT_EQ(urls_found("utfneighbour"), Urls{url("u3")});
}

TEST_F(HostileInput, EveryHostileFileAtOnceInOneRunLeavesAWorkingDatabase) {
    std::vector<std::filesystem::path> files;
    for (const char* name : {"zero-width.jsonl", "right-to-left.jsonl", "timestamps.jsonl",
                             "duplicate-keys.jsonl", "nul-bytes.jsonl", "invalid-utf8.jsonl"})
        files.push_back(hostile_file(name));
    CommandResult run = run_command(newsindex_argv(db(), {"--batch-size", "3"}, files));
    EXPECT_EQ(run.exit_code, exit_code::kDataError);
    EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 9 + 4 + 7) << run.err;
    EXPECT_EQ(urls_found("reuters").size(), 4u);
    EXPECT_EQ(urls_found("nulneighbour OR utfneighbour").size(), 2u);
}

}  // namespace
}  // namespace newsindex::testing
