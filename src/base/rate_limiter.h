// RateLimiter: counts events per key in a fixed window and says when a key
// has had too many. Used to slow down password guessing, per account and per
// client address. Memory is bounded: keys whose window has passed are swept.
//
// Safe for concurrent use from many threads.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace atrium {

class RateLimiter {
 public:
  // At most `limit` events per key within `window_ms`.
  RateLimiter(int limit, int64_t window_ms) : limit_(limit), window_ms_(window_ms) {}
  RateLimiter(const RateLimiter&) = delete;
  RateLimiter& operator=(const RateLimiter&) = delete;

  // True if `key` has already reached the limit at time `now_ms`; the caller
  // should refuse without doing the work.
  bool Exceeded(const std::string& key, int64_t now_ms);
  // Records one event for `key` at `now_ms`.
  void Record(const std::string& key, int64_t now_ms);
  // Forgets `key` (for example after a successful sign-in).
  void Reset(const std::string& key);
  // Milliseconds until `key` may try again; 0 if it may now.
  int64_t RetryAfterMs(const std::string& key, int64_t now_ms);

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
