// RedisFeeds: home and list feeds in Redis, shared by every node of a
// cluster, with FeedCache's rules (the same cap, newest first, the same
// repost de-duplication, a cold feed rebuilt from the store by the reader).
//
// A feed is a sorted set "<prefix>:feed:<key>" whose members are
// "<id, 20 digits>:<reblog_of>" (all of score 0, so ordered by member, and
// so by id: snowflake ids do not fit a double score exactly), and a marker
// "<prefix>:warm:<key>" that says the feed is built (an empty feed is warm
// too). Both expire `ttl_s` after the last read or build. Each operation is
// one Lua script, so concurrent pushes and rebuilds from several nodes see
// a consistent feed.
//
// When Redis was unreachable for a write (a push or an eviction lost), every
// feed is made cold once it is back, before the next operation: the feeds
// then rebuild from the store.
//
// Thread-safe.
#pragma once

#include <mutex>

#include "cluster/redis_client.h"
#include "feed/feeds.h"

namespace atrium {

class RedisFeeds final : public Feeds {
 public:
  RedisFeeds(RedisClient& redis, std::string prefix, size_t cap = 400, int64_t ttl_s = 7 * 86400)
      : redis_(redis), prefix_(std::move(prefix)), cap_(cap), ttl_s_(ttl_s) {}

  Result<bool> IsWarm(const std::string& key) override;
  Status Put(const std::string& key, std::vector<FeedEntry> entries) override;
  bool Push(const std::string& key, const FeedEntry& entry) override;
  void Remove(int64_t id, const std::vector<std::string>& keys) override;
  Result<bool> Read(const std::string& key, const PageRequest& page,
                    std::vector<FeedEntry>* out) override;
  void Evict(const std::string& key) override;

  // Makes every feed cold (after lost writes). Public for tests.
  Status ColdAll();

 private:
  std::string FeedKey(const std::string& key) const { return prefix_ + ":feed:" + key; }
  std::string WarmKey(const std::string& key) const { return prefix_ + ":warm:" + key; }
  // Before each operation: if writes were lost, make every feed cold first.
  Status Recover();

  RedisClient& redis_;
  const std::string prefix_;
  const size_t cap_;
  const int64_t ttl_s_;
  std::mutex recover_mu_;
};

// "00000000000000000042": ids as fixed-width text, so that text order is id order.
std::string PaddedId(int64_t id);

}  // namespace atrium
