// Output primitives every newsquery format uses: TTY detection and colour,
// CSV quoting, times. Formats of specific result types (search rows,
// timelines, diffs) live beside those types and build on these.
#pragma once

#include "schema/version_record.h"

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace newsindex::query {

// The formats of --format; each result type prints the ones it has.
enum class OutputFormat { Table, Json, Csv, Atom };

// Whether to colour output written to `stream`: true on a TTY unless
// NO_COLOR is set, or when forced.
bool use_colour(std::FILE* stream, bool forced = false);

// ANSI styles; each returns "" when colour is off, so callers can write
// fmt::format("{}{}{}", style.match(), text, style.reset()) unconditionally.
struct Style {
    bool on = false;
    std::string_view match() const { return on ? "\033[1;31m" : ""; }    // highlighted hit
    std::string_view added() const { return on ? "\033[32m" : ""; }
    std::string_view removed() const { return on ? "\033[31m" : ""; }
    std::string_view dim() const { return on ? "\033[2m" : ""; }
    std::string_view bold() const { return on ? "\033[1m" : ""; }
    std::string_view reset() const { return on ? "\033[0m" : ""; }
};

// `text` read from the database, safe to write to a terminal: control
// characters (C0 but tab and newline, DEL, C1 U+0080-U+009F) are written as
// escapes ("\x1b", "\x7f", "\u009b"), and so is each byte that is not
// UTF-8 ("\xff"), so that no stored text can move the cursor, retitle the
// window or clear the screen. Every table writer passes stored text through
// it (before adding its own colours).
std::string terminal_text(std::string_view text);

// One CSV row, RFC 4180 quoting (fields with comma, quote, CR or LF, or any
// other control character, are quoted, quotes doubled), ended by "\n".
std::string csv_row(const std::vector<std::string>& fields);

// "YYYY-MM-DDTHH:MM:SSZ".
std::string iso_time(schema::CaptureTime t);

}  // namespace newsindex::query
