// ShardedMap: a hash map split into `N` shards, each an unordered_map behind
// its own mutex, so that threads working on different keys rarely wait for
// each other. Every in-memory cache of the server (posts, accounts, graph
// entries, readers' marks, principals, feeds, post JSON, home pages) is one
// of these with its own rules around it; the rules (what to load, when to
// drop) stay in the cache, the locking and the split live here.
//
// A shard may also hold `Extra`, state its owner keeps per shard under the
// same lock (a generation counter that a racing load checks, a byte count,
// a second map). Empty by default, and then it takes no space.
//
// Which shard a key belongs to: ShardIndex below (ids by IdShard, which mixes
// the time bits in; strings by std::hash).
//
// Thread-safe: every access to a shard's map goes through WithShard or
// ForEachShard, which hold that shard's lock while the callback runs. The
// callback must not call back into the same ShardedMap (the mutex is not
// recursive) and must not keep references to the map past its return.
//
// Cost: a lookup is one hash to pick the shard, one uncontended lock and an
// unordered_map lookup; the callbacks are templates, inlined, and allocate
// nothing. Memory: N × (a mutex, an empty unordered_map, Extra) up front,
// then the map's own cost per entry.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

#include "base/id.h"

namespace atrium {

// The shard of `key` among `shards`.
inline size_t ShardIndex(int64_t key, size_t shards) { return IdShard(key, shards); }
inline size_t ShardIndex(const std::string& key, size_t shards) {
  return std::hash<std::string>{}(key) % shards;
}

struct NoShardExtra {};

// The Extra of most caches: bumped by every drop in the shard, read before a
// load from the store and compared after it, so that a load that raced with
// a drop is not kept.
struct ShardGeneration {
  uint64_t value = 0;
};

template <typename Key, typename Value, size_t N, typename Extra = NoShardExtra>
class ShardedMap {
 public:
  static constexpr size_t kShards = N;
  using Map = std::unordered_map<Key, Value>;

  // One shard as its callback sees it, the lock held.
  struct Shard {
    Map entries;
    [[no_unique_address]] Extra extra{};
  };

  ShardedMap() = default;
  ShardedMap(const ShardedMap&) = delete;
  ShardedMap& operator=(const ShardedMap&) = delete;

  // Runs fn(Shard&) with the shard of `key` locked; returns what fn
  // returns. O(1) plus fn.
  template <typename Fn>
  decltype(auto) WithShard(const Key& key, Fn&& fn) {
    Slot& slot = slots_[ShardIndex(key, N)];
    std::lock_guard lock(slot.mu);
    return fn(slot.shard);
  }

  // Runs fn(Shard&) on every shard in turn, each locked while fn runs on it
  // (never two at once): what a whole-map walk sees is not one snapshot.
  // O(N) plus fn.
  template <typename Fn>
  void ForEachShard(Fn&& fn) {
    for (Slot& slot : slots_) {
      std::lock_guard lock(slot.mu);
      fn(slot.shard);
    }
  }

  // How many entries all shards hold, each counted under its lock. O(N).
  size_t Size() {
    size_t n = 0;
    ForEachShard([&n](Shard& shard) { n += shard.entries.size(); });
    return n;
  }

 private:
  struct Slot {
    std::mutex mu;
    Shard shard;
  };
  Slot slots_[N];
};

}  // namespace atrium
