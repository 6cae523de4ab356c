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

}  // namespace atrium
