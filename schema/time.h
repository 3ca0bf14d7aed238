// Times at the edges: parsing what inputs and users write, formatting what
// we print. Inside, time is schema::CaptureTime (UTC seconds).
#pragma once

#include "schema/version_record.h"

#include <optional>
#include <string>
#include <string_view>

namespace newsindex::schema {

// Parses ISO 8601 / RFC 3339 date-times ("2016-02-02T14:05:00Z",
// "2016-02-02 14:05:00+01:00", fractional seconds, "2016-02-02T14:05Z",
// basic format "20160202T140500Z"), plain dates ("2016-02-02", midnight
// UTC), and RFC 822/1123 dates as RSS feeds write them ("Tue, 02 Feb 2016
// 14:05:00 GMT", "+0100" offsets, common zone names). No zone means UTC.
// Returns nullopt for anything else, for impossible dates (2016-02-30,
// hour 25) and for years outside 1900..2200. Times before 1970 are negative.
// A leap second (23:59:60) is the last second of its minute, 23:59:59: UTC
// seconds, as Unix counts them, have no 61st second.
std::optional<schema::CaptureTime> parse_time(std::string_view text);

// True when `text` is a plain date without a time of day (for --until
// 2016-02-03, which means "through the end of that day").
bool is_date_only(std::string_view text);

inline constexpr CaptureTime kSecondsPerDay = 86400;

// The one rule for a plain date at the end of a range (--until, --as-of,
// date:..B, date:D, today): a whole day as a bound is its first second, its
// `midnight`, or with `end_of_day` its last, so "until 2016-02-03" includes
// all of the 3rd.
constexpr CaptureTime day_bound(CaptureTime midnight, bool end_of_day) {
    return end_of_day ? midnight + kSecondsPerDay - 1 : midnight;
}

// parse_time, a plain date as day_bound makes it; a date with a time is
// that time.
std::optional<CaptureTime> parse_time_bound(std::string_view text, bool end_of_day);

// "YYYY-MM-DDTHH:MM:SSZ".
std::string format_iso8601(schema::CaptureTime t);

}  // namespace newsindex::schema
