// Wall-clock helpers. Times are milliseconds since the Unix epoch (UTC).
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace atrium {

// Milliseconds since the Unix epoch. Thread-safe.
int64_t NowMillis();

// A source of the current time, for code whose behaviour depends on time
// passing (waits, expiries): it takes a Clock, and its tests turn a
// ManualClock forward instead of sleeping. Implementations are thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  // Milliseconds since the Unix epoch.
  virtual int64_t NowMillis() const = 0;
  // The wall clock (::atrium::NowMillis); lives for the whole process.
  static const Clock& System();
};

// A Clock that stands still until told to move. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t now_ms = 1'700'000'000'000) : now_ms_(now_ms) {}
  int64_t NowMillis() const override { return now_ms_.load(); }
  void Advance(int64_t ms) { now_ms_.fetch_add(ms); }

 private:
  std::atomic<int64_t> now_ms_;
};

// "2026-11-25T23:18:46.123Z" — the ISO 8601 form Mastodon uses in JSON.
std::string FormatIso8601(int64_t millis);

// A date and time in ISO 8601 / RFC 3339 ("2026-11-25T23:18:46.123Z",
// "2026-11-25T23:18+01:00", "2026-11-25 23:18:46"; no zone is UTC), or a
// date alone ("2026-11-25", its midnight UTC), as
// milliseconds since the epoch; nullopt for anything else, or a date or
// time that does not exist.
std::optional<int64_t> ParseIso8601(std::string_view text);

// "2026-11-25" — the date-only form Mastodon uses for last_status_at.
std::string FormatDate(int64_t millis);

}  // namespace atrium
