// Time-ordered 64-bit identifiers.
//
// Layout, most significant bit first: 1 bit zero (ids stay positive in a
// signed 64-bit column), 41 bits of milliseconds since 2020-01-01 UTC (good
// until 2089), 10 bits of node number (0-1023, one per `atrium serve` node),
// 12 bits of sequence within the millisecond. Ids from one generator are
// strictly increasing; ids from different nodes never collide. Sorting by id
// sorts by creation time, which is what pagination by max_id/min_id needs.
//
// An IdGenerator is safe for concurrent use from many threads.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace atrium {

inline constexpr int64_t kIdEpochMillis = 1577836800000;  // 2020-01-01T00:00:00Z
inline constexpr int kIdNodeBits = 10;
inline constexpr int kIdSequenceBits = 12;

class IdGenerator {
 public:
  // node must be in [0, 1023].
  explicit IdGenerator(int node);
  IdGenerator(const IdGenerator&) = delete;
  IdGenerator& operator=(const IdGenerator&) = delete;

  // Returns a new id, greater than every id this generator returned before.
  // If more than 4096 ids are asked for in one millisecond, borrows from the
  // next millisecond rather than waiting.
  int64_t Next();

  // The id of `sequence` made by `node` at `unix_millis`, in the layout
  // above: for ids of given times (the seed's) rather than the clock's.
  // unix_millis must be at or after 2020-01-01, node in [0, 1023], sequence
  // in [0, 4095].
  static constexpr int64_t Compose(int64_t unix_millis, int node, int sequence) {
    return (unix_millis - kIdEpochMillis) << (kIdNodeBits + kIdSequenceBits) |
           static_cast<int64_t>(node) << kIdSequenceBits | sequence;
  }
  // The smallest id that could be made at `millis`; for time-based cursors.
  static int64_t LowestAt(int64_t millis);
  // The creation time encoded in an id.
  static int64_t MillisOf(int64_t id);
  static int NodeOf(int64_t id);

 private:
  int node_;
  std::atomic<int64_t> last_{0};
};

// Which of `shards` shards an id belongs to, for caches split by id. Not the
// id's low bits: those are the sequence within a millisecond, which is 0 for
// nearly every id when writes are not frequent, so they would put almost
// everything in one shard. A multiplicative (Fibonacci) hash mixes the
// time bits in.
inline size_t IdShard(int64_t id, size_t shards) {
  return static_cast<size_t>((static_cast<uint64_t>(id) * 0x9E3779B97F4A7C15ULL) >> 32) % shards;
}

// Ids travel as decimal strings in JSON. Returns nullopt unless `s` is a
// positive decimal integer that fits in 63 bits.
std::optional<int64_t> ParseId(std::string_view s);

}  // namespace atrium
