// RedisCluster: the Cluster of the nodes that share one Redis (the `redis`
// setting): feeds in Redis (RedisFeeds), live events and invalidations over
// pub/sub (RedisBus), the fan-out jobs in a stream (RedisFanOutQueue), rate
// limits counted in Redis (RedisRateLimiter), all on one RedisClient.
//
// Made by the `atrium` command only (MakeRedisCluster); see feed/cluster.h.
// A RedisCluster that is never connected still publishes invalidations (what
// the commands run beside a server do, through OutsideChanges).
//
// Thread-safe once Connect returned.
#pragma once

#include <memory>

#include "base/settings.h"
#include "cluster/redis_bus.h"
#include "cluster/redis_client.h"
#include "cluster/redis_feeds.h"
#include "cluster/redis_queue.h"
#include "feed/cluster.h"

namespace atrium {

class RedisCluster final : public Cluster {
 public:
  // Reaches nothing yet; an unparsable URL is reported by Connect.
  explicit RedisCluster(const Settings& settings);
  ~RedisCluster() override;
  RedisCluster(const RedisCluster&) = delete;
  RedisCluster& operator=(const RedisCluster&) = delete;

  Status Connect() override;
  void Disconnect() override;
  Feeds& feeds() override { return feeds_; }
  Events& events() override { return bus_; }
  FanOutQueue& fan_out_queue() override { return queue_; }
  void Invalidate(InvalidationKind kind, int64_t id) override { bus_.Invalidate(kind, id); }
  void OnInvalidate(InvalidateFn fn) override { bus_.OnInvalidate(std::move(fn)); }
  void OnResubscribed(std::function<void()> fn) override { bus_.OnResubscribed(std::move(fn)); }
  std::unique_ptr<Limiter> SharedLimiter(const std::string& name, const LimitRule& rule) override;

 private:
  const Settings& settings_;
  RedisClient redis_;
  RedisBus bus_;
  RedisFeeds feeds_;
  RedisFanOutQueue queue_;
};

// A RedisCluster for `settings`, or null when the `redis` setting is empty
// (one node).
std::unique_ptr<Cluster> MakeRedisCluster(const Settings& settings);

}  // namespace atrium
