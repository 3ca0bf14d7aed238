// Parsing and formatting times at the edges (schema/time.h).
// Expected epoch seconds were computed independently (Python datetime):
// 2016-02-02T14:05:00Z = 1454421900, 2016-02-02T00:00:00Z = 1454371200.
#include "schema/time.h"

#include <gtest/gtest.h>

#include <optional>

using newsindex::schema::format_iso8601;
using newsindex::schema::is_date_only;
using newsindex::schema::parse_time;
using newsindex::schema::parse_time_bound;
using newsindex::schema::CaptureTime;

namespace {
constexpr CaptureTime k14h05 = 1454421900;     // 2016-02-02T14:05:00Z
constexpr CaptureTime kMidnight = 1454371200;  // 2016-02-02T00:00:00Z
constexpr CaptureTime kHour = 3600;
}  // namespace

TEST(ParseTime, Iso8601WithZ) {
    EXPECT_EQ(parse_time("2016-02-02T14:05:00Z"), k14h05);
    EXPECT_EQ(parse_time("2020-04-21T07:51:19Z"), 1587455479);
    EXPECT_EQ(parse_time("2016-02-29T12:00:00Z"), 1456747200);
    EXPECT_EQ(parse_time("2016-02-02t14:05:00z"), k14h05);
}

TEST(ParseTime, FractionalSecondsAreDropped) {
    EXPECT_EQ(parse_time("2016-02-02T14:05:00.5Z"), k14h05);
    EXPECT_EQ(parse_time("2016-02-02T14:05:00.123456789Z"), k14h05);
    EXPECT_EQ(parse_time("2016-02-02T14:05:00,999+00:00"), k14h05);
}

TEST(ParseTime, NumericOffsetsWithAndWithoutColon) {
    EXPECT_EQ(parse_time("2016-02-02T14:05:00+01:00"), k14h05 - kHour);
    EXPECT_EQ(parse_time("2016-02-02T14:05:00+0100"), k14h05 - kHour);
    EXPECT_EQ(parse_time("2016-02-02T14:05:00-05:00"), k14h05 + 5 * kHour);
    EXPECT_EQ(parse_time("2016-02-02T14:05:00+05:30"), k14h05 - 5 * kHour - 30 * 60);
    // Crossing midnight backwards into the previous year: 2015-12-31T23:30:00Z.
    EXPECT_EQ(parse_time("2016-01-01T00:30:00+01:00"), 1451604600);
}

TEST(ParseTime, SpaceInsteadOfT) {
    EXPECT_EQ(parse_time("2016-02-02 14:05:00"), k14h05);
    EXPECT_EQ(parse_time("2016-02-02 14:05:00+01:00"), k14h05 - kHour);
}

TEST(ParseTime, NoZoneMeansUtc) { EXPECT_EQ(parse_time("2016-02-02T14:05:00"), k14h05); }

TEST(ParseTime, MinutesWithoutSeconds) {
    EXPECT_EQ(parse_time("2016-02-02T14:05Z"), k14h05);
    EXPECT_EQ(parse_time("2016-02-02T14:05"), k14h05);
    EXPECT_EQ(parse_time("2016-02-02T14:05-05:00"), k14h05 + 5 * kHour);
}

TEST(ParseTime, BasicFormat) {
    EXPECT_EQ(parse_time("20160202T140500Z"), k14h05);
    EXPECT_EQ(parse_time("20160202T140500+0100"), k14h05 - kHour);
}

TEST(ParseTime, PlainDateIsMidnightUtc) {
    EXPECT_EQ(parse_time("2016-02-02"), kMidnight);
    EXPECT_EQ(parse_time("1970-01-01"), 0);
}

TEST(ParseTime, SurroundingWhitespaceIsIgnored) { EXPECT_EQ(parse_time("  2016-02-02T14:05:00Z\n"), k14h05); }

TEST(ParseTime, Rfc822AsFeedsWriteIt) {
    EXPECT_EQ(parse_time("Tue, 02 Feb 2016 14:05:00 GMT"), k14h05);
    EXPECT_EQ(parse_time("Tue, 02 Feb 2016 14:05:00 +0100"), k14h05 - kHour);
    EXPECT_EQ(parse_time("Tue, 02 Feb 2016 14:05:00 -0500"), k14h05 + 5 * kHour);
    EXPECT_EQ(parse_time("Tue, 2 Feb 2016 14:05:00 +0000"), k14h05);
    EXPECT_EQ(parse_time("Tue, 02 Feb 2016 14:05 GMT"), k14h05);
}

TEST(ParseTime, Rfc822WithoutWeekday) {
    EXPECT_EQ(parse_time("02 Feb 2016 14:05:00 GMT"), k14h05);
    EXPECT_EQ(parse_time("2 Feb 2016 14:05:00 +0100"), k14h05 - kHour);
}

TEST(ParseTime, Rfc822ZoneNames) {
    for (const char* utc : {"GMT", "UTC", "UT", "Z"})
        EXPECT_EQ(parse_time(std::string("Tue, 02 Feb 2016 14:05:00 ") + utc), k14h05) << utc;
    struct Zone {
        const char* name;
        int hours_behind_utc;
    };
    for (Zone zone : {Zone{"EST", 5}, Zone{"EDT", 4}, Zone{"CST", 6}, Zone{"CDT", 5}, Zone{"MST", 7},
                      Zone{"MDT", 6}, Zone{"PST", 8}, Zone{"PDT", 7}}) {
        EXPECT_EQ(parse_time(std::string("Tue, 02 Feb 2016 14:05:00 ") + zone.name),
                  k14h05 + zone.hours_behind_utc * kHour)
            << zone.name;
    }
}

TEST(ParseTime, RejectsImpossibleDatesAndTimes) {
    EXPECT_EQ(parse_time("2016-02-30T14:05:00Z"), std::nullopt);
    EXPECT_EQ(parse_time("2015-02-29"), std::nullopt);
    EXPECT_EQ(parse_time("2016-13-02T14:05:00Z"), std::nullopt);
    EXPECT_EQ(parse_time("2016-02-02T25:05:00Z"), std::nullopt);
    EXPECT_EQ(parse_time("2016-02-02T14:61:00Z"), std::nullopt);
    EXPECT_EQ(parse_time("2016-02-02T14:05:61Z"), std::nullopt);
    EXPECT_EQ(parse_time("Tue, 30 Feb 2016 14:05:00 GMT"), std::nullopt);
}

TEST(ParseTime, RejectsAWeekdayThatDoesNotMatchTheDate) {
    EXPECT_EQ(parse_time("Wed, 02 Feb 2016 14:05:00 GMT"), std::nullopt);
}

TEST(ParseTime, RejectsTrailingGarbage) {
    EXPECT_EQ(parse_time("2016-02-02T14:05:00Zx"), std::nullopt);
    EXPECT_EQ(parse_time("2016-02-02T14:05:00Z 2016"), std::nullopt);
    EXPECT_EQ(parse_time("2016-02-02x"), std::nullopt);
    EXPECT_EQ(parse_time("Tue, 02 Feb 2016 14:05:00 GMT!"), std::nullopt);
    EXPECT_EQ(parse_time("Tue, 02 Feb 2016 14:05:00 CEST"), std::nullopt);
}

TEST(ParseTime, RejectsYearsOutside1900To2200) {
    EXPECT_EQ(parse_time("1899-12-31T23:59:59Z"), std::nullopt);
    EXPECT_EQ(parse_time("1900-01-01"), -2208988800);
    EXPECT_EQ(parse_time("2201-01-01"), std::nullopt);
    EXPECT_EQ(parse_time("2200-12-31T23:59:59Z"), 7289654399);
}

TEST(ParseTime, TimesBefore1970AreNegativeSeconds) {
    EXPECT_EQ(parse_time("1969-12-31T23:59:59Z"), -1);
    EXPECT_EQ(parse_time("1969-12-31"), -86400);
    EXPECT_EQ(parse_time("19691231T235959Z"), -1);
    EXPECT_EQ(parse_time("Wed, 31 Dec 1969 23:59:59 GMT"), -1);
    EXPECT_EQ(parse_time("1970-01-01T00:59:59+01:00"), -1);
}

TEST(ParseTime, ALeapSecondIsTheLastSecondOfItsMinute) {
    const CaptureTime last = *parse_time("2016-12-31T23:59:59Z");
    EXPECT_EQ(parse_time("2016-12-31T23:59:60Z"), last);
    EXPECT_EQ(parse_time("2016-12-31T23:59:60.5Z"), last);
    EXPECT_EQ(parse_time("20161231T235960Z"), last);
    EXPECT_EQ(parse_time("Sat, 31 Dec 2016 23:59:60 GMT"), last);
    EXPECT_EQ(parse_time("2017-01-01T00:59:60+01:00"), last);
    EXPECT_EQ(parse_time("1969-12-31T23:59:60Z"), -1);
    // Only :60 is a leap second; 61 and a 60th minute are still errors.
    EXPECT_EQ(parse_time("2016-12-31T23:59:61Z"), std::nullopt);
    EXPECT_EQ(parse_time("2016-12-31T23:60:00Z"), std::nullopt);
    EXPECT_EQ(parse_time("2016-12-31T23:59:600Z"), std::nullopt);
}

TEST(ParseTime, RejectsWhatIsNoTime) {
    for (const char* text : {"", "   ", "yesterday", "2016", "2016-02", "14:05:00", "1454421900",
                             "2016-2-2T14:05:00Z", "2016-02-02T", "2016-02-02T14:05:00.Z",
                             "+2016-02-02", "2016-02-02T1405"})
        EXPECT_EQ(parse_time(text), std::nullopt) << '"' << text << '"';
}

TEST(IsDateOnly, PlainDatesOnly) {
    EXPECT_TRUE(is_date_only("2016-02-03"));
    EXPECT_TRUE(is_date_only(" 2016-02-03 "));
    EXPECT_FALSE(is_date_only("2016-02-03T00:00:00Z"));
    EXPECT_FALSE(is_date_only("2016-02-30"));
    EXPECT_FALSE(is_date_only("Wed, 03 Feb 2016 00:00:00 GMT"));
}

TEST(ParseTimeBound, PlainDateAtTheEndMeansItsLastSecond) {
    EXPECT_EQ(parse_time_bound("2016-02-02", true), kMidnight + 86399);
    EXPECT_EQ(parse_time_bound(" 2016-02-02 ", true), kMidnight + 86399);
    EXPECT_EQ(parse_time_bound("2016-02-02", false), kMidnight);
    EXPECT_EQ(parse_time_bound("2016-02-02T14:05:00Z", true), k14h05);
    EXPECT_EQ(parse_time_bound("2016-02-30", true), std::nullopt);
}

TEST(FormatIso8601, WritesUtcWithZ) {
    EXPECT_EQ(format_iso8601(k14h05), "2016-02-02T14:05:00Z");
    EXPECT_EQ(format_iso8601(0), "1970-01-01T00:00:00Z");
    EXPECT_EQ(format_iso8601(1451604600), "2015-12-31T23:30:00Z");
}

TEST(FormatIso8601, RoundTripsThroughParseTime) {
    for (CaptureTime t : {CaptureTime{0}, k14h05, CaptureTime{1587455479}, CaptureTime{7289654399},
                          CaptureTime{-1}, CaptureTime{-2208988800}})
        EXPECT_EQ(parse_time(format_iso8601(t)), t);
}
