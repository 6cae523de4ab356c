// FilterCache: each reader's filters and muted threads, as the store holds
// them, so that rendering a timeline for a reader without any costs one
// lookup and no store query.
//
// An entry belongs to one reader and is an immutable snapshot (replaced,
// never changed). Only the reader changes their filters and mutes, and
// FilterService calls Invalidate(reader) after writing the store, which drops
// the entry here and, in cluster mode, on every other node. A load that
// started before a drop is not kept. Bounded by `capacity` readers (a shard
// over its share drops half its readers). Expired filters stay in the
// snapshot; whoever reads it compares their end with the clock.
//
// Thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/sharded_map.h"
#include "base/status.h"
#include "store/store.h"

namespace atrium {

// A keyword as matching compares it: its folded words (word_match.h).
struct FoldedKeyword {
  std::vector<std::string> words;
  std::string joined;  // the words joined by one space
};

struct ReaderFilters {
  std::vector<FilterRecord> filters;
  // Beside each filter, its keywords folded, in the same order.
  std::vector<std::vector<FoldedKeyword>> folded;
  std::vector<int64_t> muted_threads;  // sorted
  int64_t latest_expiry = 0;           // ms; the latest end of a filter that ends
  bool never_expires = false;          // a filter without an end
  // Whether a filter may still apply at `now` (ms).
  bool AnyFilterAt(int64_t now) const { return never_expires || latest_expiry > now; }
};
using ReaderFiltersPtr = std::shared_ptr<const ReaderFilters>;

class FilterCache {
 public:
  explicit FilterCache(Store& store, size_t capacity = 200000)
      : store_(store), per_shard_(capacity / Readers::kShards + 1) {}
  FilterCache(const FilterCache&) = delete;
  FilterCache& operator=(const FilterCache&) = delete;

  // `reader`'s filters and muted threads (loaded from the store if absent).
  Result<ReaderFiltersPtr> Get(int64_t reader);
  // Drops the reader's entry here and, in cluster mode, on every other node.
  void Invalidate(int64_t reader) {
    Drop(reader);
    if (on_invalidate_) on_invalidate_(reader);
  }
  // Drops the reader's entry here only (another node changed it).
  void Drop(int64_t reader);
  // Drops every entry here (after missing another node's invalidations).
  void Clear();
  // Called by Invalidate; set once, before serving.
  void OnInvalidate(std::function<void(int64_t)> fn) { on_invalidate_ = std::move(fn); }

 private:
  using Readers = ShardedMap<int64_t, ReaderFiltersPtr, 64, ShardGeneration>;

  Store& store_;
  const size_t per_shard_;
  std::function<void(int64_t)> on_invalidate_;
  Readers readers_;
};

}  // namespace atrium
