// RedisFanOutQueue: the durable fan-out queue of a cluster, a Redis stream
// "<prefix>:fanout" read by the consumer group "fanout", one consumer a node.
//
// A node adds a job when a request changes something (the change is already
// committed to the store); whichever node reads it first does it and then
// acknowledges it (XACK). A job read by a node that dies before
// acknowledging stays pending in the group; after `reclaim_ms` another node
// takes it over (XAUTOCLAIM) and does it. So a job is done at least once:
// feed pushes are idempotent, and a live event may, rarely, arrive twice.
//
// Thread-safe.
#pragma once

#include "cluster/redis_client.h"
#include "feed/fan_out_queue.h"

namespace atrium {

class RedisFanOutQueue final : public FanOutQueue {
 public:
  RedisFanOutQueue(RedisClient& redis, std::string prefix, std::string consumer,
                   int64_t reclaim_ms = 10000);

  // Creates the stream and group if missing.
  Status Prepare();

  Status Add(const std::string& payload) override;
  Result<std::vector<Item>> Take(int max, int block_ms) override;
  void Done(const std::string& id) override;
  Result<bool> Idle() override;

 private:
  RedisClient& redis_;
  const std::string stream_;
  const std::string consumer_;
  const int64_t reclaim_ms_;
  std::mutex mu_;
  int64_t last_claim_ms_ = 0;
};

}  // namespace atrium
