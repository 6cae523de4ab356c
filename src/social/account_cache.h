// AccountCache: people as the API shows them — the account record and its
// counts (followers, following, posts, last post) — cached by id, because
// every post in every stream embeds its author.
//
// The services that change an account or its counts call Invalidate after
// writing the store (a follow made or undone, a profile edited, a
// deactivation), which in cluster mode reaches every node; an entry
// therefore lives until its account changes, and the JSON built from it
// (StatusJsonCache, keyed by this snapshot) with it. A post created or
// deleted changes only the author's post count and last post time, by a rule
// known here (CountsOnAuthor): PostCounted replaces the author's entry with a
// new snapshot so counted, sparing the reload (four queries) that rendering
// the post would otherwise pay, and drops it on every other node. Changes made by
// another process on the same store (the `atrium` commands beside a running
// server) reach it through OutsideChanges; anything unannounced is picked up
// when an entry expires, `ttl_ms` after it was loaded. Bounded like
// StatusCache.
//
// Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

#include "base/sharded_map.h"
#include "base/status.h"
#include "store/store.h"

namespace atrium {

struct AccountSnapshot {
  Account account;
  int64_t loaded_at = 0;  // ms
  int64_t followers_count = 0;
  int64_t following_count = 0;
  int64_t statuses_count = 0;
  int64_t last_status_at = 0;        // ms; 0: never posted
  std::vector<ProfileField> fields;  // the person's own links and items
};
using AccountPtr = std::shared_ptr<const AccountSnapshot>;

class AccountCache {
 public:
  // `ttl_ms`: a backstop for changes nothing announced (every service,
  // node and `atrium` command announces its own); 10 minutes. (It was one
  // minute, which expired every snapshot, and every cached home page built
  // from them, while a large organization's benchmark was still warming up.)
  AccountCache(Store& store, int64_t ttl_ms = 600000, size_t capacity = 200000)
      : store_(store), ttl_ms_(ttl_ms), per_shard_(capacity / Entries::kShards + 1) {}
  AccountCache(const AccountCache&) = delete;
  AccountCache& operator=(const AccountCache&) = delete;

  Result<AccountPtr> Get(int64_t id);
  // The accounts among `ids` that exist, keyed by id.
  Result<std::unordered_map<int64_t, AccountPtr>> GetMany(const std::vector<int64_t>& ids);
  // Drops the entry here and, in cluster mode, on every other node.
  void Invalidate(int64_t id) {
    Drop(id);
    if (on_invalidate_) on_invalidate_(id);
  }
  // The entry for `id` as cached now, or null; loads nothing. What a change
  // about to be written starts from: see PostCounted.
  AccountPtr Cached(int64_t id);
  // After the store has counted post `s` for its author (created: delta +1,
  // deleted: -1; see CountsOnAuthor): if the author's entry is still
  // `before` (taken with Cached before the write), replaces it with a new
  // snapshot counted as the store did — statuses_count + delta, never below
  // 0, and for a new post last_status_at raised to its time — so that JSON
  // cached for the old snapshot is not reused. If the entry changed
  // meanwhile (loaded, dropped, or counted by a concurrent post) it is
  // dropped instead. Either way the other nodes drop theirs, as for
  // Invalidate. Does nothing for a post that does not count.
  void PostCounted(const AccountPtr& before, const StatusRecord& s, int delta);
  // Drops every entry here (after missing another node's invalidations).
  void Clear();
  // Drops the entry here only (another node changed it).
  void Drop(int64_t id);
  // The cached snapshot if it is still fresh, or null; never reads the
  // store (see StatusCache::Peek).
  AccountPtr Peek(int64_t id);
  // How many times an entry was dropped here so far (see
  // StatusCache::Changes). Snapshots that expire are not counted: a page
  // built from them must not outlive the time to live.
  uint64_t Changes() const { return changes_.load(std::memory_order_acquire); }
  int64_t ttl_ms() const { return ttl_ms_; }
  // Called by Invalidate; set once, before serving.
  void OnInvalidate(std::function<void(int64_t)> fn) { on_invalidate_ = std::move(fn); }

 private:
  std::function<void(int64_t)> on_invalidate_;
  std::atomic<uint64_t> changes_{0};
  using Entries = ShardedMap<int64_t, AccountPtr, 64, ShardGeneration>;
  Result<AccountPtr> Load(int64_t id);

  Store& store_;
  const int64_t ttl_ms_;
  const size_t per_shard_;
  Entries entries_;
};

}  // namespace atrium
