// Cluster: what a node shares with the other nodes of a cluster (cluster
// mode, the `redis` setting) — the feeds, the live events, the durable
// fan-out queue, the cache invalidations and the shared rate limits.
//
// SocialCore (src/social) takes one, or none on a single node, and never
// knows what implements it; src/cluster implements it over Redis
// (RedisCluster), and the `atrium` command (src/main.cc) is the one place
// that makes one and hands it in. Built before the services, outlives them.
//
// Thread-safe once Connect returned; the On* callbacks are set before.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "base/rate_limiter.h"
#include "base/status.h"
#include "feed/fan_out_queue.h"
#include "feed/feeds.h"
#include "feed/invalidation.h"

namespace atrium {

class Cluster {
 public:
  using InvalidateFn = std::function<void(InvalidationKind kind, int64_t id)>;
  virtual ~Cluster() = default;

  // Reaches the shared backend and starts listening to the other nodes;
  // a clear kUnavailable if it cannot. Before serving.
  virtual Status Connect() = 0;
  // Stops listening (after the fan-out worker stopped). Idempotent.
  virtual void Disconnect() = 0;

  virtual Feeds& feeds() = 0;
  virtual Events& events() = 0;
  virtual FanOutQueue& fan_out_queue() = 0;

  // Tells the other nodes that the entry `id` of `kind` is stale (this node
  // dropped its own already). Logs and carries on if it cannot.
  virtual void Invalidate(InvalidationKind kind, int64_t id) = 0;
  // Called for each other node's Invalidate. Set before Connect.
  virtual void OnInvalidate(InvalidateFn fn) = 0;
  // Called when invalidations may have been missed (the backend was away):
  // the caches start over. Set before Connect.
  virtual void OnResubscribed(std::function<void()> fn) = 0;

  // A Limiter named `name`, under `rule`, whose counts every node shares.
  virtual std::unique_ptr<Limiter> SharedLimiter(const std::string& name,
                                                 const LimitRule& rule) = 0;
};

}  // namespace atrium
