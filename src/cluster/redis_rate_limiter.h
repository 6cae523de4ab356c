// RedisRateLimiter: a Limiter whose counts every node of a cluster shares,
// so that N nodes allow no more than one: no more sign-in failures, no
// shorter waits, no more app registrations. A key's LimitState is the Redis
// hash "<prefix>:limit:<name>:<key>" (fields n, start, until, expires),
// changed atomically by one Lua script that applies the LimitRule as
// LimitState::After does, and given the state's remaining life as its
// expiry, so Redis forgets it as RateLimiter would.
//
// Times are the callers' (each node's clock); nodes' clocks are assumed to
// agree to well under a second.
//
// While Redis cannot be reached the node counts by itself (`local`, the
// same rule), so password guessing is never unlimited.
//
// Thread-safe.
#pragma once

#include <string>

#include "base/rate_limiter.h"
#include "cluster/redis_client.h"

namespace atrium {

class RedisRateLimiter final : public Limiter {
 public:
  RedisRateLimiter(RedisClient& redis, std::string prefix, std::string name, const LimitRule& rule)
      : redis_(redis),
        prefix_(std::move(prefix) + ":limit:" + std::move(name) + ":"),
        rule_(rule),
        local_(rule) {}
  // At most `limit` events per key within `window_ms`.
  RedisRateLimiter(RedisClient& redis, std::string prefix, std::string name, int64_t limit,
                   int64_t window_ms)
      : RedisRateLimiter(redis, std::move(prefix), std::move(name),
                         LimitRule::Window(limit, window_ms)) {}

  int64_t RetryAfterMs(const std::string& key, int64_t now_ms) override;
  int64_t Record(const std::string& key, int64_t now_ms) override;
  void Reset(const std::string& key) override;

 private:
  std::string Key(const std::string& key) const { return prefix_ + key; }

  RedisClient& redis_;
  const std::string prefix_;
  const LimitRule rule_;
  RateLimiter local_;  // while Redis is away
};

}  // namespace atrium
