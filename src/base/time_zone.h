// Local time for mail sent "in the morning" and quiet hours: a time zone is
// an IANA name read from the system's zoneinfo (TZif files under TZDIR or
// /usr/share/zoneinfo, e.g. "Europe/Berlin"), "UTC", or a fixed offset
// ("+01:00", "-05:30"). Transitions after the last one a TZif file lists
// (2037 in Debian's) keep its last offset.
//
// Thread-safe (zones read once are cached).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

namespace atrium {

// Whether `zone` names a time zone this machine knows.
bool IsTimeZone(std::string_view zone);

// The offset from UTC in seconds in force in `zone` at `utc_ms`; nullopt
// for a zone that IsTimeZone refuses.
std::optional<int64_t> UtcOffsetAt(std::string_view zone, int64_t utc_ms);

// "08:00" -> 480 (minutes after midnight); nullopt unless HH:MM, 00:00-23:59.
std::optional<int> ParseClockTime(std::string_view text);

// Quiet hours "22:00-07:00": {start, end} in minutes after midnight (the
// end may come first: the hours wrap past midnight); nullopt otherwise or
// when start equals end.
std::optional<std::pair<int, int>> ParseQuietHours(std::string_view text);

// The first moment after `after_ms` when the clock in `zone` reads
// `minute_of_day` on a day whose weekday is `weekday` (0 Sunday .. 6
// Saturday; -1: any day), in ms since the epoch. An unknown zone is UTC.
int64_t NextLocalTime(std::string_view zone, int64_t after_ms, int minute_of_day, int weekday);

// The minute of the day (0-1439) the clock in `zone` reads at `utc_ms`.
int LocalMinuteOfDay(std::string_view zone, int64_t utc_ms);

}  // namespace atrium
