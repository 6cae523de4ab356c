#include "base/clock.h"

#include <fmt/format.h>

#include <chrono>
#include <ctime>

namespace atrium {

int64_t NowMillis() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

namespace {
class SystemClock final : public Clock {
 public:
  int64_t NowMillis() const override { return ::atrium::NowMillis(); }
};
}  // namespace

const Clock& Clock::System() {
  static const SystemClock clock;
  return clock;
}

static std::tm ToUtc(int64_t millis) {
  std::time_t secs = static_cast<std::time_t>(millis / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return tm;
}

std::string FormatIso8601(int64_t millis) {
  std::tm tm = ToUtc(millis);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, millis % 1000);
}

std::string FormatDate(int64_t millis) {
  std::tm tm = ToUtc(millis);
  return fmt::format("{:04}-{:02}-{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

namespace {

// Reads exactly `digits` decimal digits at `pos` (advanced past them).
std::optional<int> Digits(std::string_view t, size_t& pos, int digits) {
  if (pos + digits > t.size()) return std::nullopt;
  int v = 0;
  for (int i = 0; i < digits; ++i) {
    char c = t[pos + i];
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  pos += digits;
  return v;
}

bool Expect(std::string_view t, size_t& pos, char c) {
  if (pos >= t.size() || t[pos] != c) return false;
  ++pos;
  return true;
}

// Days from 1970-01-01 to the civil date (proleptic Gregorian).
int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

}  // namespace

std::optional<int64_t> ParseIso8601(std::string_view t) {
  size_t pos = 0;
  auto year = Digits(t, pos, 4);
  if (!year || !Expect(t, pos, '-')) return std::nullopt;
  auto month = Digits(t, pos, 2);
  if (!month || !Expect(t, pos, '-')) return std::nullopt;
  auto day = Digits(t, pos, 2);
  if (!day) return std::nullopt;
  if (pos == t.size()) {  // a date alone: its midnight, UTC
    if (*month < 1 || *month > 12 || *day < 1 || *day > DaysInMonth(*year, *month))
      return std::nullopt;
    return DaysFromCivil(*year, *month, *day) * 86400 * 1000;
  }
  if (t[pos] != 'T' && t[pos] != 't' && t[pos] != ' ') return std::nullopt;
  ++pos;
  auto hour = Digits(t, pos, 2);
  if (!hour || !Expect(t, pos, ':')) return std::nullopt;
  auto minute = Digits(t, pos, 2);
  if (!minute) return std::nullopt;
  int second = 0, millis = 0;
  if (pos < t.size() && t[pos] == ':') {
    ++pos;
    auto s = Digits(t, pos, 2);
    if (!s) return std::nullopt;
    second = *s;
    if (pos < t.size() && t[pos] == '.') {
      ++pos;
      int n = 0;
      while (pos < t.size() && t[pos] >= '0' && t[pos] <= '9') {
        if (n < 3) millis = millis * 10 + (t[pos] - '0');
        ++n;
        ++pos;
      }
      if (n == 0) return std::nullopt;
      for (; n < 3; ++n) millis *= 10;
    }
  }
  int offset_minutes = 0;
  if (pos < t.size()) {
    if (t[pos] == 'Z' || t[pos] == 'z') {
      ++pos;
    } else if (t[pos] == '+' || t[pos] == '-') {
      const int sign = t[pos] == '-' ? -1 : 1;
      ++pos;
      auto oh = Digits(t, pos, 2);
      if (!oh) return std::nullopt;
      if (pos < t.size() && t[pos] == ':') ++pos;
      auto om = Digits(t, pos, 2);
      if (!om || *oh > 23 || *om > 59) return std::nullopt;
      offset_minutes = sign * (*oh * 60 + *om);
    } else {
      return std::nullopt;
    }
  }
  if (pos != t.size()) return std::nullopt;
  if (*month < 1 || *month > 12 || *day < 1 || *day > DaysInMonth(*year, *month) || *hour > 23 ||
      *minute > 59 || second > 59)
    return std::nullopt;
  const int64_t days = DaysFromCivil(*year, *month, *day);
  const int64_t seconds = days * 86400 + *hour * 3600 + *minute * 60 + second -
                          static_cast<int64_t>(offset_minutes) * 60;
  return seconds * 1000 + millis;
}

}  // namespace atrium
