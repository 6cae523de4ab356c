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

std::optional<int64_t> ParseIso8601(std::string_view text) {
  auto digits = [&](size_t at, size_t n) -> std::optional<int> {
    if (at + n > text.size()) return std::nullopt;
    int v = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  auto year = digits(0, 4), month = digits(5, 2), day = digits(8, 2);
  if (!year || !month || !day || text[4] != '-' || text[7] != '-') return std::nullopt;
  int hour = 0, minute = 0, second = 0, millis = 0;
  size_t at = 10;
  if (text.size() > at) {
    if (text[at] != 'T') return std::nullopt;
    auto h = digits(11, 2), m = digits(14, 2), sec = digits(17, 2);
    if (!h || !m || !sec || text[13] != ':' || text[16] != ':') return std::nullopt;
    hour = *h, minute = *m, second = *sec;
    at = 19;
    if (text.size() > at && text[at] == '.') {
      auto ms = digits(20, 3);
      if (!ms) return std::nullopt;
      millis = *ms;
      at = 23;
    }
    if (text.size() > at && text[at] == 'Z') ++at;
    if (text.size() != at) return std::nullopt;
  }
  if (*month < 1 || *month > 12 || *day < 1 || hour > 23 || minute > 59 || second > 59)
    return std::nullopt;
  std::tm tm{};
  tm.tm_year = *year - 1900;
  tm.tm_mon = *month - 1;
  tm.tm_mday = *day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  const int64_t seconds = timegm(&tm);
  if (tm.tm_mday != *day) return std::nullopt;  // 31 April rolled over into May
  return seconds * 1000 + millis;
}

}  // namespace atrium
