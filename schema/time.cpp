#include "schema/time.h"

#include <date/date.h>

#include <array>
#include <chrono>
#include <locale>
#include <sstream>

namespace newsindex::schema {

namespace {

using std::chrono::seconds;

// Times before 1970 are negative seconds, which every encoding of a time
// keeps (schema/values.h); earlier than 1900 is a mistake, not a capture.
constexpr int kFirstYear = 1900;
constexpr int kLastYear = 2200;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
    return s;
}

bool all_digits(std::string_view s) {
    for (char c : s)
        if (!is_digit(c)) return false;
    return !s.empty();
}

// "YYYY-MM-DD" at the start of `s`.
bool starts_with_iso_date(std::string_view s) {
    return s.size() >= 10 && all_digits(s.substr(0, 4)) && s[4] == '-' &&
           all_digits(s.substr(5, 2)) && s[7] == '-' && all_digits(s.substr(8, 2));
}

// "YYYYMMDDT" at the start of `s`.
bool starts_with_basic_date(std::string_view s) {
    return s.size() >= 9 && all_digits(s.substr(0, 8)) && (s[8] == 'T' || s[8] == 't');
}

// Zone names RSS feeds write (RFC 822 section 5.1), as offsets from UTC.
struct ZoneName {
    std::string_view name;
    int hours;
};
constexpr std::array<ZoneName, 12> kZoneNames{{
    {"GMT", 0}, {"UTC", 0}, {"UT", 0}, {"Z", 0},
    {"EST", -5}, {"EDT", -4}, {"CST", -6}, {"CDT", -5},
    {"MST", -7}, {"MDT", -6}, {"PST", -8}, {"PDT", -7},
}};

std::optional<int> zone_hours(std::string_view name) {
    for (const ZoneName& zone : kZoneNames) {
        if (zone.name.size() != name.size()) continue;
        bool same = true;
        for (std::size_t i = 0; i < name.size() && same; ++i)
            same = (name[i] & ~0x20) == zone.name[i];
        if (same) return zone.hours;
    }
    return std::nullopt;
}

// The numeric zone at the end of an ISO time part, if any: "+01:00",
// "-0500", "+01". Returns its length, 0 when there is none.
std::size_t numeric_zone_length(std::string_view time_part) {
    std::size_t sign = time_part.find_last_of("+-");
    return sign == std::string_view::npos ? 0 : time_part.size() - sign;
}

// Removes a fraction of a second (".123", ",5") from an ISO date-time:
// capture times are whole seconds, and date::parse at seconds precision
// reads whole seconds only. False when the separator has no digits after it.
bool drop_fraction_of_second(std::string& iso) {
    std::size_t separator = iso.find_first_of(".,");
    if (separator == std::string::npos) return true;
    std::size_t digits_end = separator + 1;
    while (digits_end < iso.size() && is_digit(iso[digits_end])) ++digits_end;
    if (digits_end == separator + 1) return false;
    iso.erase(separator, digits_end - separator);
    return true;
}

// Digits, and colons each followed by a digit: the only clocks handed to
// date::parse. Where the seconds of %S or %T hold no digit, date.h converts
// an uninitialised long double to seconds (undefined behaviour, reported by
// UBSan: found by tests/fuzz/fuzz_record_json, "2020-08-21T07:04:q37Z").
bool is_clock(std::string_view clock) {
    if (clock.empty() || !is_digit(clock.front())) return false;
    for (std::size_t i = 0; i < clock.size(); ++i) {
        if (clock[i] == ':' ? i + 1 == clock.size() || !is_digit(clock[i + 1]) : !is_digit(clock[i]))
            return false;
    }
    return true;
}

// The one date::parse format that fits the shape of the ISO 8601 date-time
// `s` (known to start with a date; "T" and "Z" upper-case), or "" when its
// time of day is not a clock. Choosing the format by shape keeps parsing to
// one attempt per value; a value the format does not fit in full is then
// refused by date::parse.
std::string iso_format(std::string_view s, bool basic) {
    std::string format = basic ? "%Y%m%dT" : "%Y-%m-%dT";
    std::string_view time = s.substr(basic ? 9 : 11);
    std::string zone;
    if (time.ends_with('Z')) {
        zone = "Z";
        time.remove_suffix(1);
    } else if (std::size_t n = numeric_zone_length(time)) {
        // date's %z reads "+0100", its %Ez "+01:00" and "+01".
        std::string_view offset = time.substr(time.size() - n);
        zone = offset.find(':') != std::string_view::npos || offset.size() == 3 ? "%Ez" : "%z";
        time.remove_suffix(n);
    }
    if (!is_clock(time)) return "";
    if (basic) {
        format += time.size() >= 6 ? "%H%M%S" : "%H%M";
    } else {
        format += time.find(':') != time.rfind(':') ? "%H:%M:%S" : "%H:%M";
    }
    return format + zone;
}

// RFC 822 / 1123 after any zone name has been cut off: "Tue, 02 Feb 2016
// 14:05:00 +0100", with or without the weekday, seconds or numeric zone;
// "" when the time of day is not a clock.
std::string rfc822_format(std::string_view s) {
    std::string format = s.find(',') != std::string_view::npos ? "%a, %d %b %Y " : "%d %b %Y ";
    std::size_t space = s.rfind(' ');
    std::string_view last = space == std::string_view::npos ? s : s.substr(space + 1);
    bool has_zone = !last.empty() && (last.front() == '+' || last.front() == '-');
    std::string_view clock = has_zone ? s.substr(0, space) : s;
    std::size_t clock_start = clock.rfind(' ');
    clock = clock_start == std::string_view::npos ? clock : clock.substr(clock_start + 1);
    if (!is_clock(clock)) return "";
    format += clock.find(':') != clock.rfind(':') ? "%H:%M:%S" : "%H:%M";
    if (has_zone) format += last.find(':') != std::string_view::npos ? " %Ez" : " %z";
    return format;
}

// Where date.h itself misbehaves on malformed input (undefined behaviour,
// reported by UBSan; found by tests/fuzz): a ':' must be followed by a digit
// (%S with no digit converts an uninitialised long double), a '-' by two
// (%z after "-" without its digits negates an unset offset, INT64_MIN:
// "Fri, 5 Jun 2020 08:00:48 -Z0400"). Every time we accept fits this.
bool safe_for_date_parse(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == ':' && (i + 1 == text.size() || !is_digit(text[i + 1]))) return false;
        if (text[i] == '-' && (i + 2 >= text.size() || !is_digit(text[i + 1]) || !is_digit(text[i + 2])))
            return false;
    }
    return true;
}

// A leap second ("23:59:60") read as the last second of its minute: UTC
// seconds have no 61st second, and date::parse refuses it. `seconds_at` is
// where the two digits of the seconds are in `text`.
void fold_leap_second(std::string& text, std::size_t seconds_at) {
    if (seconds_at >= text.size() || text.size() - seconds_at < 2) return;
    if (text.compare(seconds_at, 2, "60") != 0) return;
    if (seconds_at + 2 < text.size() && is_digit(text[seconds_at + 2])) return;
    text.replace(seconds_at, 2, "59");
}

// Where the seconds of the clock "HH:MM:SS" in `text` are, if it has one:
// the first colon's clock (a numeric zone's colon comes after it).
std::size_t clock_seconds_at(std::string_view text) {
    std::size_t colon = text.find(':');
    if (colon == std::string_view::npos || colon + 3 >= text.size() || text[colon + 3] != ':')
        return std::string_view::npos;
    return colon + 4;
}

// Parses `text` with `format` in full (no trailing characters), into UTC
// seconds; nullopt for an empty format. date::parse applies a parsed
// numeric offset itself.
std::optional<CaptureTime> parse_with(const std::string& format, std::string_view text) {
    if (format.empty() || !safe_for_date_parse(text)) return std::nullopt;
    thread_local std::istringstream in = [] {
        std::istringstream s;
        s.imbue(std::locale::classic());
        return s;
    }();
    in.clear();
    in.str(std::string(text));
    date::sys_seconds when;
    in >> date::parse(format, when);
    if (in.fail() || in.peek() != std::char_traits<char>::eof()) return std::nullopt;
    auto year = date::year_month_day(std::chrono::floor<date::days>(when)).year();
    if (year < date::year(kFirstYear) || year > date::year(kLastYear)) return std::nullopt;
    return when.time_since_epoch().count();
}

}  // namespace

std::optional<CaptureTime> parse_time(std::string_view text) {
    text = trim(text);
    bool extended = starts_with_iso_date(text);
    if (extended && text.size() == 10) return parse_with("%Y-%m-%d", text);
    bool basic = !extended && starts_with_basic_date(text);
    if (extended || basic) {
        std::size_t separator = basic ? 8 : 10;
        char written = text[separator];
        if (written != 'T' && written != 't' && !(extended && written == ' ')) return std::nullopt;
        std::string normalised(text);
        normalised[separator] = 'T';
        if (normalised.back() == 'z') normalised.back() = 'Z';
        if (!drop_fraction_of_second(normalised)) return std::nullopt;
        // "YYYYMMDDTHHMMSS": the seconds are at 13.
        fold_leap_second(normalised, basic ? (normalised.size() >= 15 ? 13 : std::string::npos)
                                           : clock_seconds_at(normalised));
        return parse_with(iso_format(normalised, basic), normalised);
    }
    // RFC 822: a trailing zone name becomes an offset added afterwards.
    int offset_hours = 0;
    std::size_t space = text.rfind(' ');
    if (space != std::string_view::npos && is_alpha(text.back())) {
        std::optional<int> hours = zone_hours(text.substr(space + 1));
        if (!hours) return std::nullopt;
        offset_hours = *hours;
        text = trim(text.substr(0, space));
    }
    if (text.empty() || !(is_digit(text.front()) || is_alpha(text.front()))) return std::nullopt;
    std::string folded(text);
    fold_leap_second(folded, clock_seconds_at(folded));
    std::optional<CaptureTime> local = parse_with(rfc822_format(folded), folded);
    if (!local) return std::nullopt;
    return *local - std::chrono::duration_cast<seconds>(std::chrono::hours(offset_hours)).count();
}

bool is_date_only(std::string_view text) {
    text = trim(text);
    return text.size() == 10 && starts_with_iso_date(text) && parse_time(text).has_value();
}

std::optional<CaptureTime> parse_time_bound(std::string_view text, bool end_of_day) {
    std::optional<CaptureTime> t = parse_time(text);
    if (t && is_date_only(text)) return day_bound(*t, end_of_day);
    return t;
}

std::string format_iso8601(CaptureTime t) {
    return date::format("%FT%TZ", date::sys_seconds(seconds(t)));
}

}  // namespace newsindex::schema
