// Stored text cannot drive a terminal: every table writer shows control
// characters escaped (terminal_text), JSON escapes them, CSV quotes them.
// The hostile strings are written here byte by byte; what each writer must
// print is spelled out by hand.
#include "query/format/article_heading.h"
#include "query/format/json_line.h"
#include "query/format/output.h"
#include "query/format/search_format.h"
#include "query/format/timeline_format.h"
#include "tests/query/raw_control.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

using namespace newsindex::query;
using newsindex::testing::has_raw_control;

namespace {

// ESC ]0; retitles the window, ESC [2J clears the screen, CSI (U+009B) is
// the one-character ESC [, BEL ends the OSC, DEL and CR rewrite the line.
const std::string kHostile =
    "a\x1b]0;owned\x07"
    "b\x1b[2Jc\xc2\x9b"
    "31md\x7f\r\te\nf";
const std::string kShown = "a\\x1b]0;owned\\x07b\\x1b[2Jc\\u009b31md\\x7f\\x0d\te\nf";

}  // namespace

TEST(TerminalText, ControlCharactersAreShownEscaped) {
    EXPECT_EQ(terminal_text(kHostile), kShown);
    EXPECT_EQ(terminal_text("\x01\x1f\xc2\x80\xc2\x9f"), "\\x01\\x1f\\u0080\\u009f");
}

TEST(TerminalText, OrdinaryTextIsUnchanged) {
    const std::string text = "Flüchtlinge – “quoted” € 中文 🙂\ttab\nline";
    EXPECT_EQ(terminal_text(text), text);
    EXPECT_EQ(terminal_text("\xc2\xa0nbsp \xc2\xa9"), "\xc2\xa0nbsp \xc2\xa9");  // U+00A0, U+00A9
}

TEST(TerminalText, BytesThatAreNotUtf8AreShownEscaped) {
    // A lone 0x9B is CSI to an 8-bit terminal; overlong and truncated
    // sequences are no characters.
    EXPECT_EQ(terminal_text("x\x9b" "2Jy"), "x\\x9b2Jy");
    EXPECT_EQ(terminal_text("\xc0\x9b"), "\\xc0\\x9b");
    EXPECT_EQ(terminal_text("end\xe2\x80"), "end\\xe2\\x80");
}

TEST(TerminalText, EveryTableWriterEscapesStoredText) {
    SearchRow row;
    row.source = kHostile;
    row.title = kHostile;
    row.url = kHostile;
    row.snippet = kHostile;
    row.revision = row.revisions = 1;
    row.matching_revisions = {1};
    const std::string entry = search_table_entry(row, Style{});
    EXPECT_FALSE(has_raw_control(entry)) << entry;
    EXPECT_EQ(entry, kShown + "  rev 1/1  1970-01-01T00:00:00Z  " + kShown + "\n  " + kShown +
                         "\n  " + kShown + "\n");

    const std::string heading = article_heading(kHostile, kHostile, kHostile, "id", Style{});
    EXPECT_FALSE(has_raw_control(heading)) << heading;
    EXPECT_NE(heading.find(kShown), std::string::npos);

    TimelineEvent event;
    event.type = EventType::Appeared;
    event.revision = 2;
    event.sentence = kHostile;
    const std::string line = event_table_line(event, Style{});
    EXPECT_FALSE(has_raw_control(line)) << line;
    EXPECT_NE(line.find(kShown), std::string::npos);
}

TEST(TerminalText, ColourIsOursAndStoredEscapesAreNot) {
    // With colour on, the table's own escapes are the only ones written:
    // the snippet's match marks become the highlight, stored ESC does not.
    SearchRow row;
    row.title = "t";
    row.snippet = std::string("x\x1b[2J ") + std::string(kMatchStart) + "word" +
                  std::string(kMatchEnd) + " y";
    row.revision = row.revisions = 1;
    const Style style{true};
    const std::string entry = search_table_entry(row, style);
    EXPECT_NE(entry.find(fmt::format("  x\\x1b[2J {}word{} y\n", style.match(), style.reset())),
              std::string::npos)
        << entry;
    EXPECT_EQ(search_table_entry(row, Style{}).find(std::string(kMatchStart)), std::string::npos);
}

TEST(JsonOutput, EveryControlCharacterIsEscaped) {
    const std::string line = json_line({{"title", kHostile}});
    EXPECT_FALSE(has_raw_control(line.substr(0, line.size() - 1))) << line;
    EXPECT_EQ(line,
              "{\"title\":\"a\\u001b]0;owned\\u0007b\\u001b[2Jc\\u009b31md\\u007f\\r\\te\\nf\"}\n");
    EXPECT_EQ(nlohmann::json::parse(line).at("title"), kHostile);
    // Other non-ASCII text stays as it is.
    EXPECT_EQ(json_line({{"t", "Flüchtlinge \xc2\xa0€"}}), "{\"t\":\"Flüchtlinge \xc2\xa0€\"}\n");
}

TEST(CsvOutput, FieldsWithControlCharactersAreQuoted) {
    EXPECT_EQ(csv_row({"a\x1b[2Jb", "c\xc2\x9b" "d", "e\x7f", "plain", "é\xc2\xa0"}),
              "\"a\x1b[2Jb\",\"c\xc2\x9b" "d\",\"e\x7f\",plain,é\xc2\xa0\n");
}
