// What the fuzz targets (tests/fuzz) found, kept as regression tests: each
// input here once crashed, hung, tripped a sanitizer or lost data. The
// sanitizer findings only fail again in the NEWSINDEX_SANITIZE build
// (build-asan, which tests/run runs too). See tests/fuzz/README.md.
#include "indexer/article_html.h"
#include "indexer/record_fields.h"
#include "query/engine/matcher.h"
#include "schema/time.h"
#include "tests/support/test_support.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

namespace newsindex::indexer {
namespace {

// fuzz_record_json: a clock whose seconds hold no digit made date.h convert
// an uninitialised long double (UBSan: "nan is outside the range of
// representable values of type 'long'"). Such times are refused before
// date::parse sees them.
TEST(FuzzFindings, ClockWithoutDigitsWhereSecondsBelongIsRefused) {
    for (const char* text : {"2020-08-21T07:04:q37Z", "2016-02-02T14:05:", "2016-02-02T14:05:Z",
                             "2016-02-02T14::05Z", "20160202T1405q0Z", "Tue, 02 Feb 2016 14:05:q0 GMT",
                             "02 Feb 2016 14:05: +0100", "Tue, 02 Feb 2016 14:05:"}) {
        EXPECT_EQ(schema::parse_time(text), std::nullopt) << text;
    }
    // The clocks around them still parse.
    EXPECT_EQ(schema::parse_time("2020-08-21T07:04:37Z"), 1597993477);
    EXPECT_EQ(schema::parse_time("20160202T140500Z"), 1454421900);
    EXPECT_EQ(schema::parse_time("Tue, 02 Feb 2016 14:05 GMT"), 1454421900);
}

// fuzz_time: a numeric zone that is not one ("-Z0400") made date.h negate
// an unset offset (UBSan: "negation of -9223372036854775808 cannot be
// represented"), also where the zone is not the last word ("Jun0 8:31-----").
// Now a '-' must be followed by two digits before date::parse sees the text.
TEST(FuzzFindings, NumericZoneThatIsNotOneIsRefused) {
    for (const char* text : {"Fri, 5 Jun 2020 08:00:48 -Z0400", "Fri, 5 Jun 2020 08:00:48 +04000",
                             "Fri, 5 Jun0 8:31-----+01:000 15 -0420", "2020-06-05T08:00:48-Z0400",
                             "2020-06-05T08:00:48-0x", "2020-06-05T08:00:48+4", "2020-06-05T08:00:48+04:0"}) {
        EXPECT_EQ(schema::parse_time(text), std::nullopt) << text;
    }
    EXPECT_EQ(schema::parse_time("Fri, 5 Jun 2020 08:00:48 -0400"), 1591358448);
    EXPECT_EQ(schema::parse_time("2020-06-05T08:00:48-04:00"), 1591358448);
    EXPECT_EQ(schema::parse_time("2020-06-05T08:00:48-04"), 1591358448);
}

// hostile input: nlohmann's lexer reads a raw NUL as the end of the input,
// so two records joined by one passed as the first, the second vanishing
// without a word. A raw NUL now rejects the line.
TEST(FuzzFindings, RawNulByteRejectsTheWholeLine) {
    std::string first = R"({"source":"s","url":"https://x.example/a","timestamp":"2024-01-01T00:00:00Z","title":"A"})";
    std::string line = first + std::string(1, '\0') + first;
    try {
        record_from_json(line);
        FAIL() << "accepted a line with a NUL byte";
    } catch (const BadRecord& bad) {
        EXPECT_EQ(std::string(bad.what()), "invalid JSON: NUL byte at byte " + std::to_string(first.size() + 1));
    }
}

// fuzz_query: "date:xyz" (a date: value that is not a date, outside a
// range) made the FieldProcessor throw through Xapian's query parser, which
// then leaked its state (LeakSanitizer, 168 bytes a query). The processor
// now reports the bad value after parsing; the message is unchanged. In the
// NEWSINDEX_SANITIZE build a leak fails this binary at exit.
TEST(FuzzFindings, DateFieldThatIsNotADateIsABadQueryWithoutLeaking) {
    testing::ScratchDir dir;
    std::string db = (dir / "db").string();
    std::filesystem::path input = std::filesystem::path(TESTDATA_DIR) / "hostile" / "duplicate-keys.jsonl";
    ASSERT_EQ(testing::run_newsindex({"--db", db, "--quiet", input.string()}).exit_code, 0);
    query::NewsDatabase database(db);
    const std::pair<std::string, std::string> queries[] = {
        {"date:xyz", "xyz"}, {"reuters OR date:xyz", "xyz"}, {"date:2024-02-30 body", "2024-02-30"}};
    for (const auto& [text, value] : queries) {
        try {
            query::build_match_query(database, text, query::Filters{});
            ADD_FAILURE() << "accepted " << text;
        } catch (const query::QueryError& error) {
            EXPECT_EQ(error.exit_code(), query::kExitBadQuery);
            EXPECT_EQ(std::string(error.what()),
                      "newsquery: bad query '" + text + "': date '" + value +
                          "' is not a date (use YYYY-MM-DD, or date:FROM..TO for a range)");
        }
    }
    testing::CommandResult cli = testing::run_newsquery({"search", "--db", db, "date:xyz"});
    EXPECT_EQ(cli.exit_code, query::kExitBadQuery);
    EXPECT_EQ(cli.err, "newsquery: bad query 'date:xyz': date 'xyz' is not a date (use YYYY-MM-DD, or "
                       "date:FROM..TO for a range)\n");
}

// fuzz_article_html: a page said to be UTF-8 holding bytes that are not
// (here F0 D2 C9, C0 AF) kept them in its text: libxml2 passes them
// through, and invalid UTF-8 in a stored field would break every JSON
// output of it. Each such byte becomes U+FFFD.
TEST(FuzzFindings, PageBytesThatAreNotUtf8BecomeReplacementCharacters) {
    std::string page = "<html><body><div><p>a\xF0\xD2\xC9" "b \xC0\xAF ok \xC3\xA9</p></div></body></html>";
    EXPECT_EQ(extract_article(page, "utf-8", "").text, "a\uFFFD\uFFFD\uFFFDb \uFFFD\uFFFD ok \u00E9");
    std::string title = "<html><head><title>T\xFFtle</title></head><body><p>x</p></body></html>";
    EXPECT_EQ(extract_article(title, "utf-8", "").title, "T\uFFFDtle");
}

}  // namespace
}  // namespace newsindex::indexer
