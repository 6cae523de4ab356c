// Feeds and Events: the two shapes the social services write through, with
// an in-process implementation (one node: FeedCache, EventHub) and a Redis
// one (cluster mode: src/cluster, through Cluster). SocialCore uses the
// cluster's when it is given one; nothing above it knows which runs.
//
// Feeds: the cached home and list feeds (see FeedCache for the rules: a cap,
// newest first, repost de-duplication, cold feeds rebuilt from the store).
// The read side reports an unreachable backend as kUnavailable (503); the
// write side (fan-out, evictions) cannot fail a request, so a backend that
// loses writes must make every feed cold again once it is back.
//
// Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "feed/event_hub.h"
#include "feed/feed_cache.h"

namespace atrium {

class Feeds {
 public:
  virtual ~Feeds() = default;
  virtual Result<bool> IsWarm(const std::string& key) = 0;
  // Replaces the feed with `entries` (any order; sorted, de-duplicated, capped).
  virtual Status Put(const std::string& key, std::vector<FeedEntry> entries) = 0;
  // Adds an entry to a warm feed; false if cold, present, or a repost of
  // something the feed already shows.
  virtual bool Push(const std::string& key, const FeedEntry& entry) = 0;
  // Removes a deleted post (and reposts of it) from feeds. `keys` names the
  // feeds that may hold it; an implementation may look beyond them.
  virtual void Remove(int64_t id, const std::vector<std::string>& keys) = 0;
  // A page of a warm feed, newest first; false if the feed is cold.
  virtual Result<bool> Read(const std::string& key, const PageRequest& page,
                            std::vector<FeedEntry>* out) = 0;
  // Drops a feed (it is rebuilt on its next read).
  virtual void Evict(const std::string& key) = 0;
  // The version of a warm feed, which changes with every change of its
  // entries (FeedCache::Version); nothing if the feed is cold or the
  // implementation keeps no versions (then nothing may be cached by it).
  virtual std::optional<uint64_t> Version(const std::string&) { return std::nullopt; }
};

// The embedded Feeds: FeedCache in this process.
class LocalFeeds final : public Feeds {
 public:
  explicit LocalFeeds(size_t cap = 400) : cache_(cap) {}
  Result<bool> IsWarm(const std::string& key) override { return cache_.IsWarm(key); }
  Status Put(const std::string& key, std::vector<FeedEntry> entries) override {
    cache_.Put(key, std::move(entries));
    return Status::Ok();
  }
  bool Push(const std::string& key, const FeedEntry& entry) override {
    return cache_.Push(key, entry);
  }
  void Remove(int64_t id, const std::vector<std::string>&) override { cache_.Remove(id); }
  Result<bool> Read(const std::string& key, const PageRequest& page,
                    std::vector<FeedEntry>* out) override {
    return cache_.Read(key, page, out);
  }
  void Evict(const std::string& key) override { cache_.Evict(key); }
  std::optional<uint64_t> Version(const std::string& key) override {
    uint64_t v = 0;
    if (!cache_.Version(key, &v)) return std::nullopt;
    return v;
  }
  FeedCache& cache() { return cache_; }

 private:
  FeedCache cache_;
};

// Events: live events from the services to streaming connections (see
// EventHub). In cluster mode a published event reaches the subscribers of
// every node.
class Events {
 public:
  using Callback = EventHub::Callback;
  virtual ~Events() = default;
  virtual uint64_t Subscribe(Callback callback) = 0;
  virtual void AddKey(uint64_t token, const std::string& key) = 0;
  virtual void RemoveKey(uint64_t token, const std::string& key) = 0;
  virtual void Unsubscribe(uint64_t token) = 0;
  virtual void Publish(const std::string& key, const Event& event) = 0;
  // False only when certainly nobody, on any node, listens on `key` (so a
  // publisher may skip the work of preparing an event for it).
  virtual bool MayHaveSubscribers(const std::string& key) = 0;
};

// The embedded Events: an EventHub in this process.
class LocalEvents final : public Events {
 public:
  uint64_t Subscribe(Callback callback) override { return hub_.Subscribe(std::move(callback)); }
  void AddKey(uint64_t token, const std::string& key) override { hub_.AddKey(token, key); }
  void RemoveKey(uint64_t token, const std::string& key) override { hub_.RemoveKey(token, key); }
  void Unsubscribe(uint64_t token) override { hub_.Unsubscribe(token); }
  void Publish(const std::string& key, const Event& event) override { hub_.Publish(key, event); }
  bool MayHaveSubscribers(const std::string& key) override { return hub_.HasSubscribers(key); }
  EventHub& hub() { return hub_; }

 private:
  EventHub hub_;
};

}  // namespace atrium
