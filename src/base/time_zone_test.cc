#include "base/time_zone.h"

#include <gtest/gtest.h>

#include "base/clock.h"

namespace atrium {
namespace {

int64_t At(const char* iso) { return *ParseIso8601(iso); }

TEST(TimeZoneTest, FixedOffsetsAndUtc) {
  EXPECT_EQ(UtcOffsetAt("UTC", 0), 0);
  EXPECT_EQ(UtcOffsetAt("+05:30", 0), 5 * 3600 + 30 * 60);
  EXPECT_EQ(UtcOffsetAt("-03:00", 0), -3 * 3600);
  EXPECT_FALSE(IsTimeZone("+25:00"));
  EXPECT_FALSE(IsTimeZone("../etc/passwd"));
  EXPECT_FALSE(IsTimeZone("Nowhere/Atlantis"));
  EXPECT_FALSE(IsTimeZone(""));
}

TEST(TimeZoneTest, IanaZonesFollowDaylightSaving) {
  if (!IsTimeZone("Europe/Berlin")) GTEST_SKIP() << "no zoneinfo on this machine";
  EXPECT_EQ(UtcOffsetAt("Europe/Berlin", At("2026-01-15T12:00:00Z")), 3600);
  EXPECT_EQ(UtcOffsetAt("Europe/Berlin", At("2026-07-15T12:00:00Z")), 7200);
  EXPECT_EQ(UtcOffsetAt("America/New_York", At("2026-07-15T12:00:00Z")), -4 * 3600);
}

TEST(TimeZoneTest, NextLocalTime) {
  // Any day: later the same day, else the next.
  EXPECT_EQ(NextLocalTime("UTC", At("2026-12-07T06:00:00Z"), 8 * 60, -1),
            At("2026-12-07T08:00:00Z"));
  EXPECT_EQ(NextLocalTime("UTC", At("2026-12-07T08:00:00Z"), 8 * 60, -1),
            At("2026-12-08T08:00:00Z"));
  EXPECT_EQ(NextLocalTime("+02:00", At("2026-12-07T07:00:00Z"), 8 * 60, -1),
            At("2026-12-08T06:00:00Z"));
  // 2026-12-07 is a Monday (1): the next Monday morning from a Tuesday.
  EXPECT_EQ(NextLocalTime("UTC", At("2026-12-08T10:00:00Z"), 8 * 60, 1),
            At("2026-12-14T08:00:00Z"));
  if (IsTimeZone("Europe/Berlin"))
    EXPECT_EQ(NextLocalTime("Europe/Berlin", At("2026-07-01T00:00:00Z"), 8 * 60, -1),
              At("2026-07-01T06:00:00Z"));
}

TEST(TimeZoneTest, ClockTimes) {
  EXPECT_EQ(ParseClockTime("08:00"), 480);
  EXPECT_EQ(ParseClockTime("23:59"), 1439);
  EXPECT_FALSE(ParseClockTime("24:00"));
  EXPECT_FALSE(ParseClockTime("8:00"));
  EXPECT_EQ(LocalMinuteOfDay("-01:00", At("2026-12-07T00:30:00Z")), 23 * 60 + 30);
}

}  // namespace
}  // namespace atrium
