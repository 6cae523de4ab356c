#include "base/time_zone.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace atrium {
namespace {

constexpr int64_t kDayMs = 86400000;

// A zone's offsets: `offsets[i]` is in force from `transitions[i]` (s since
// the epoch); before the first transition, `initial`.
struct Zone {
  std::vector<int64_t> transitions;
  std::vector<int64_t> offsets;
  int64_t initial = 0;
};

std::optional<int64_t> FixedOffset(std::string_view z) {
  if (z == "UTC" || z == "Z" || z == "GMT") return 0;
  if (z.size() != 6 || (z[0] != '+' && z[0] != '-') || z[3] != ':') return std::nullopt;
  auto digit = [&](size_t i) { return z[i] >= '0' && z[i] <= '9' ? z[i] - '0' : -1; };
  for (size_t i : {1, 2, 4, 5})
    if (digit(i) < 0) return std::nullopt;
  int hours = digit(1) * 10 + digit(2), minutes = digit(4) * 10 + digit(5);
  if (hours > 14 || minutes > 59) return std::nullopt;
  int64_t seconds = hours * 3600 + minutes * 60;
  return z[0] == '-' ? -seconds : seconds;
}

bool SafeName(std::string_view z) {
  if (z.empty() || z.size() > 64 || z.front() == '/' || z.find("..") != std::string_view::npos)
    return false;
  return std::all_of(z.begin(), z.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' ||
           c == '_' || c == '-' || c == '+';
  });
}

int64_t BigEndian(const std::string& b, size_t at, size_t bytes) {
  uint64_t v = 0;
  for (size_t i = 0; i < bytes; ++i) v = (v << 8) | static_cast<unsigned char>(b[at + i]);
  if (bytes == 4) return static_cast<int32_t>(static_cast<uint32_t>(v));
  return static_cast<int64_t>(v);
}

// Reads a TZif file (RFC 8536): the version 2+ block (64-bit times) when
// there is one, else version 1's.
std::optional<Zone> ReadTzif(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string b((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto parse = [&](size_t at, size_t time_bytes, size_t* end) -> std::optional<Zone> {
    if (b.size() < at + 44 || b.compare(at, 4, "TZif") != 0) return std::nullopt;
    int64_t counts[6];
    for (int i = 0; i < 6; ++i) counts[i] = BigEndian(b, at + 20 + 4 * i, 4);
    int64_t isut = counts[0], isstd = counts[1], leap = counts[2], timecnt = counts[3],
            typecnt = counts[4], charcnt = counts[5];
    if (typecnt <= 0 || timecnt < 0 || leap < 0 || charcnt < 0 || isut < 0 || isstd < 0)
      return std::nullopt;
    size_t data = at + 44;
    size_t size = timecnt * time_bytes + timecnt + typecnt * 6 + charcnt + leap * (time_bytes + 4) +
                  isstd + isut;
    if (b.size() < data + size) return std::nullopt;
    *end = data + size;
    std::vector<int64_t> type_offsets;
    size_t types = data + timecnt * time_bytes + timecnt;
    for (int64_t i = 0; i < typecnt; ++i) type_offsets.push_back(BigEndian(b, types + 6 * i, 4));
    Zone z;
    z.initial = type_offsets[0];
    for (int64_t i = 0; i < timecnt; ++i) {
      size_t index = static_cast<unsigned char>(b[data + timecnt * time_bytes + i]);
      if (index >= type_offsets.size()) return std::nullopt;
      z.transitions.push_back(BigEndian(b, data + i * time_bytes, time_bytes));
      z.offsets.push_back(type_offsets[index]);
    }
    return z;
  };
  size_t end = 0;
  auto v1 = parse(0, 4, &end);
  if (!v1 || b[4] < '2') return v1;
  size_t end2 = 0;
  auto v2 = parse(end, 8, &end2);
  return v2 ? v2 : v1;
}

std::shared_ptr<const Zone> LoadZone(std::string_view name) {
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<const Zone>, std::less<>> cache;
  std::lock_guard lock(mu);
  if (auto it = cache.find(name); it != cache.end()) return it->second;
  std::shared_ptr<const Zone> zone;
  if (SafeName(name)) {
    const char* dir = std::getenv("TZDIR");
    std::string path = std::string(dir && *dir ? dir : "/usr/share/zoneinfo") + "/";
    path += name;
    if (auto z = ReadTzif(path)) zone = std::make_shared<const Zone>(std::move(*z));
  }
  if (cache.size() < 1000) cache.emplace(std::string(name), zone);
  return zone;
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

bool IsTimeZone(std::string_view zone) {
  return FixedOffset(zone).has_value() || LoadZone(zone) != nullptr;
}

std::optional<int64_t> UtcOffsetAt(std::string_view zone, int64_t utc_ms) {
  if (auto fixed = FixedOffset(zone)) return fixed;
  auto z = LoadZone(zone);
  if (!z) return std::nullopt;
  int64_t t = FloorDiv(utc_ms, 1000);
  auto it = std::upper_bound(z->transitions.begin(), z->transitions.end(), t);
  if (it == z->transitions.begin()) return z->initial;
  return z->offsets[it - z->transitions.begin() - 1];
}

std::optional<int> ParseClockTime(std::string_view t) {
  if (t.size() != 5 || t[2] != ':') return std::nullopt;
  for (size_t i : {0, 1, 3, 4})
    if (t[i] < '0' || t[i] > '9') return std::nullopt;
  int h = (t[0] - '0') * 10 + (t[1] - '0'), m = (t[3] - '0') * 10 + (t[4] - '0');
  if (h > 23 || m > 59) return std::nullopt;
  return h * 60 + m;
}

std::optional<std::pair<int, int>> ParseQuietHours(std::string_view text) {
  if (text.size() != 11 || text[5] != '-') return std::nullopt;
  auto start = ParseClockTime(text.substr(0, 5)), end = ParseClockTime(text.substr(6));
  if (!start || !end || *start == *end) return std::nullopt;
  return std::pair{*start, *end};
}

int64_t NextLocalTime(std::string_view zone, int64_t after_ms, int minute_of_day, int weekday) {
  int64_t offset_ms = UtcOffsetAt(zone, after_ms).value_or(0) * 1000;
  int64_t day = FloorDiv(after_ms + offset_ms, kDayMs);
  for (int64_t d = day; d < day + 9; ++d) {
    int64_t dow = ((d % 7) + 11) % 7;  // 1970-01-01 was a Thursday (4)
    if (weekday >= 0 && dow != weekday) continue;
    int64_t local = d * kDayMs + int64_t{minute_of_day} * 60000;
    // The offset in force then (two passes settle a transition between).
    int64_t utc = local - offset_ms;
    utc = local - UtcOffsetAt(zone, utc).value_or(0) * 1000;
    if (utc > after_ms) return utc;
  }
  return after_ms + kDayMs;  // not reached
}

int LocalMinuteOfDay(std::string_view zone, int64_t utc_ms) {
  int64_t local = utc_ms + UtcOffsetAt(zone, utc_ms).value_or(0) * 1000;
  return static_cast<int>(FloorDiv(local, 60000) % 1440 + 1440) % 1440;
}

}  // namespace atrium
