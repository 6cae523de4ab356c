// FeedCache: the cached home and list feeds, in process memory.
//
// A feed is the newest entries of one reader's stream, newest first, capped
// at `cap` entries. Fan-out on write pushes a new post into every warm feed
// it belongs to; a cold feed (never built, or evicted) is rebuilt from the
// store by the timeline service and Put here. Reposts are de-duplicated the
// way Mastodon does: a repost is not added when the original, or another
// repost of it, is already in the feed.
//
// Complexity: Push is O(cap) in the worst case (a scan for duplicates and an
// insertion into a sorted deque; posts nearly always arrive newest, so the
// insertion is at the front). Read is O(log cap + limit).
//
// Memory: 16 bytes an entry; at most `max_feeds` feeds stay warm, the least
// recently read are evicted beyond that.
//
// Thread-safe.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "base/sharded_map.h"
#include "store/social_records.h"

namespace atrium {

struct FeedEntry {
  int64_t id = 0;         // the post (for a repost: the repost's own id)
  int64_t reblog_of = 0;  // for a repost: the original
};

// Feeds are named by key: "home:<account id>" or "list:<list id>".
std::string HomeFeedKey(int64_t account_id);
std::string ListFeedKey(int64_t list_id);

class FeedCache {
 public:
  explicit FeedCache(size_t cap = 400, size_t max_feeds = 200000)
      : cap_(cap), max_feeds_(max_feeds) {}
  FeedCache(const FeedCache&) = delete;
  FeedCache& operator=(const FeedCache&) = delete;

  bool IsWarm(const std::string& key);
  // Replaces the feed with `entries` (any order; they are sorted and capped).
  void Put(const std::string& key, std::vector<FeedEntry> entries);
  // Adds an entry to a warm feed. Returns false (and does nothing) if the
  // feed is cold, already has the id, or the entry is a repost of something
  // the feed already shows.
  bool Push(const std::string& key, const FeedEntry& entry);
  // Removes an id from every warm feed that has it (after a delete).
  void Remove(int64_t id);
  // Removes every entry for which `drop(entry)` is true from one feed (after
  // an unfollow or a block). No-op on a cold feed.
  template <typename Fn>
  void RemoveIf(const std::string& key, Fn drop);
  // A page of a warm feed, newest first. Returns false if the feed is cold.
  bool Read(const std::string& key, const PageRequest& page, std::vector<FeedEntry>* out);
  // Drops a feed (it will be rebuilt on the next read).
  void Evict(const std::string& key);
  // The version of a warm feed (counts as a read), or false if it is cold.
  // Every change of the feed's entries — a Put, a Push, a removal — gives it
  // a new version, never one it or another feed had before.
  bool Version(const std::string& key, uint64_t* version);
  size_t WarmFeeds();

 private:
  struct Feed {
    std::deque<FeedEntry> entries;  // newest (largest id) first
    uint64_t last_read = 0;
    uint64_t version = 0;
  };
  using FeedMap = ShardedMap<std::string, Feed, 64>;
  // Makes room in a shard (its lock held) for one more feed.
  void EvictIfFullLocked(FeedMap::Shard& shard);
  // A page of one feed's entries (see Read).
  static bool ReadPage(const std::deque<FeedEntry>& entries, const PageRequest& page,
                       std::vector<FeedEntry>* out);

  const size_t cap_;
  const size_t max_feeds_;
  uint64_t Tick() { return clock_.fetch_add(1, std::memory_order_relaxed) + 1; }
  std::atomic<uint64_t> clock_{0};  // orders reads (for eviction) and numbers versions
  FeedMap feeds_;
};

template <typename Fn>
void FeedCache::RemoveIf(const std::string& key, Fn drop) {
  feeds_.WithShard(key, [&](FeedMap::Shard& shard) {
    auto it = shard.entries.find(key);
    if (it == shard.entries.end()) return;
    auto& e = it->second.entries;
    auto end = std::remove_if(e.begin(), e.end(), drop);
    if (end == e.end()) return;
    e.erase(end, e.end());
    it->second.version = Tick();
  });
}

}  // namespace atrium
