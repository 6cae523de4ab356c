// Wall-clock helpers. Times are milliseconds since the Unix epoch (UTC).
#pragma once

#include <cstdint>
#include <string>

namespace atrium {

// Milliseconds since the Unix epoch. Thread-safe.
int64_t NowMillis();

// "2026-11-25T23:18:46.123Z" — the ISO 8601 form Mastodon uses in JSON.
std::string FormatIso8601(int64_t millis);

// "2026-11-25" — the date-only form Mastodon uses for last_status_at.
std::string FormatDate(int64_t millis);

}  // namespace atrium
