#include "base/id.h"

#include <charconv>
#include <stdexcept>

#include "base/clock.h"

namespace atrium {

IdGenerator::IdGenerator(int node) : node_(node) {
  if (node < 0 || node >= (1 << kIdNodeBits)) throw std::invalid_argument("node out of range");
}

int64_t IdGenerator::Next() {
  const int64_t node_part = Compose(kIdEpochMillis, node_, 0);
  int64_t now = Compose(NowMillis(), node_, 0);
  int64_t last = last_.load(std::memory_order_relaxed);
  while (true) {
    // Same or earlier millisecond (clock stepped back): continue the sequence.
    int64_t next = now > last ? now : last + 1;
    // Keep the node bits intact if the sequence overflows into them.
    if ((next & ((int64_t{1} << (kIdNodeBits + kIdSequenceBits)) - 1) &
         ~((int64_t{1} << kIdSequenceBits) - 1)) != node_part) {
      next = ((next >> (kIdNodeBits + kIdSequenceBits)) + 1) << (kIdNodeBits + kIdSequenceBits) |
             node_part;
    }
    if (last_.compare_exchange_weak(last, next, std::memory_order_relaxed)) return next;
  }
}

int64_t IdGenerator::LowestAt(int64_t millis) {
  if (millis < kIdEpochMillis) return 0;
  return Compose(millis, 0, 0);
}

int64_t IdGenerator::MillisOf(int64_t id) {
  return (id >> (kIdNodeBits + kIdSequenceBits)) + kIdEpochMillis;
}

int IdGenerator::NodeOf(int64_t id) {
  return static_cast<int>((id >> kIdSequenceBits) & ((1 << kIdNodeBits) - 1));
}

std::optional<int64_t> ParseId(std::string_view s) {
  if (s.empty() || s.size() > 19) return std::nullopt;
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

}  // namespace atrium
