// StatusCache: posts by id, shared as immutable snapshots, so that reading a
// stream hydrates posts from memory rather than the store.
//
// Every change to a post goes through a service that calls Invalidate (or
// Put) after writing the store; readers then load the new version. The cache
// is bounded: a shard over its share of `capacity` drops half its entries
// (they are reloaded on demand).
//
// Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "base/sharded_map.h"
#include "base/status.h"
#include "store/store.h"

namespace atrium {

using StatusPtr = std::shared_ptr<const StatusRecord>;

class StatusCache {
 public:
  StatusCache(Store& store, size_t capacity = 200000)
      : store_(store), per_shard_(capacity / Entries::kShards + 1) {}
  StatusCache(const StatusCache&) = delete;
  StatusCache& operator=(const StatusCache&) = delete;

  // The post, or kNotFound.
  Result<StatusPtr> Get(int64_t id);
  // The posts among `ids` that exist, in the order of `ids` (missing ones are
  // left out). Loads the misses from the store in one batch.
  Result<std::vector<StatusPtr>> GetMany(const std::vector<int64_t>& ids);
  void Put(StatusRecord status);
  // Drops the entry here and, in cluster mode, on every other node.
  void Invalidate(int64_t id) {
    Drop(id);
    if (on_invalidate_) on_invalidate_(id);
  }
  // Drops every entry here (after missing another node's invalidations).
  void Clear();
  // Drops the entry here only (another node changed it).
  void Drop(int64_t id);
  // The cached post, or null; never reads the store. A page rendered from
  // a snapshot is current while Peek still returns that very snapshot.
  StatusPtr Peek(int64_t id);
  // How many times an entry was dropped or replaced here so far. A page
  // rendered after reading Changes() == N holds no post changed since,
  // while Changes() is still N. (Read it before reading the posts.)
  uint64_t Changes() const { return changes_.load(std::memory_order_acquire); }
  // Called by Invalidate; set once, before serving.
  void OnInvalidate(std::function<void(int64_t)> fn) { on_invalidate_ = std::move(fn); }

 private:
  std::function<void(int64_t)> on_invalidate_;
  std::atomic<uint64_t> changes_{0};
  using Entries = ShardedMap<int64_t, StatusPtr, 64, ShardGeneration>;
  uint64_t GenerationOf(int64_t id);
  void Insert(const StatusPtr& status, uint64_t generation);

  Store& store_;
  const size_t per_shard_;
  Entries entries_;
};

}  // namespace atrium
