// RedisRateLimiter: a Limiter whose counts every node of a cluster shares,
// so that N nodes allow no more sign-in failures than one. A count is the
// Redis key "<prefix>:limit:<name>:<key>", created by the first event of a
// window with the window as its expiry and incremented atomically (one Lua
// script), so the window is fixed as in RateLimiter.
//
// While Redis cannot be reached the node counts by itself (`local`, the
// same limits), so password guessing is never unlimited.
//
// Thread-safe.
#pragma once

#include <string>

#include "base/rate_limiter.h"
#include "cluster/redis_client.h"

namespace atrium {

class RedisRateLimiter final : public Limiter {
 public:
  RedisRateLimiter(RedisClient& redis, std::string prefix, std::string name, int limit,
                   int64_t window_ms)
      : redis_(redis),
        prefix_(std::move(prefix) + ":limit:" + std::move(name) + ":"),
        limit_(limit),
        window_ms_(window_ms),
        local_(limit, window_ms) {}

  bool Exceeded(const std::string& key, int64_t now_ms) override;
  void Record(const std::string& key, int64_t now_ms) override;
  void Reset(const std::string& key) override;
  int64_t RetryAfterMs(const std::string& key, int64_t now_ms) override;

 private:
  std::string Key(const std::string& key) const { return prefix_ + key; }

  RedisClient& redis_;
  const std::string prefix_;
  const int limit_;
  const int64_t window_ms_;
  RateLimiter local_;  // while Redis is away
};

}  // namespace atrium
