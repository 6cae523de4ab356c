// Limiter: counts events per key in a fixed window and says when a key has
// had too many. Used to slow down password guessing, per account and per
// client address. RateLimiter counts in this process; in a cluster the
// counts are shared by every node (RedisRateLimiter, src/cluster/).
//
// RateLimiter's memory is bounded: keys whose window has passed are swept.
// Safe for concurrent use from many threads.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace atrium {

class Limiter {
 public:
  virtual ~Limiter() = default;
  // True if `key` has already reached the limit at time `now_ms`; the caller
  // should refuse without doing the work.
  virtual bool Exceeded(const std::string& key, int64_t now_ms) = 0;
  // Records one event for `key` at `now_ms`.
  virtual void Record(const std::string& key, int64_t now_ms) = 0;
  // Forgets `key` (for example after a successful sign-in).
  virtual void Reset(const std::string& key) = 0;
  // Milliseconds until `key` may try again; 0 if it may now.
  virtual int64_t RetryAfterMs(const std::string& key, int64_t now_ms) = 0;
};

class RateLimiter final : public Limiter {
 public:
  // At most `limit` events per key within `window_ms`.
  RateLimiter(int limit, int64_t window_ms) : limit_(limit), window_ms_(window_ms) {}
  RateLimiter(const RateLimiter&) = delete;
  RateLimiter& operator=(const RateLimiter&) = delete;

  bool Exceeded(const std::string& key, int64_t now_ms) override;
  void Record(const std::string& key, int64_t now_ms) override;
  void Reset(const std::string& key) override;
  int64_t RetryAfterMs(const std::string& key, int64_t now_ms) override;
  int limit() const { return limit_; }
  int64_t window_ms() const { return window_ms_; }

 private:
  struct Window {
    int64_t start_ms = 0;
    int count = 0;
  };
  void SweepLocked(int64_t now_ms);

  const int limit_;
  const int64_t window_ms_;
  std::mutex mu_;
  std::unordered_map<std::string, Window> windows_;
  int64_t last_sweep_ms_ = 0;
};

}  // namespace atrium
