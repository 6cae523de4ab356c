// Limiter: counts events per key and says how long a key must wait before
// its next one. Used to slow down password guessing and app registration.
// How events turn into waits is a LimitRule: a fixed window (at most N
// events per window), or an exponential backoff (a few free events, then a
// wait that doubles with each further one). RateLimiter counts in this
// process; in a cluster the counts are shared by every node
// (RedisRateLimiter, src/cluster/), under the same rules.
//
// Times are passed in (milliseconds since the epoch, from a Clock), so a
// limiter never reads the clock itself and its tests need not wait.
//
// RateLimiter's memory is bounded: keys whose state has expired are swept.
// Safe for concurrent use from many threads.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace atrium {

// How a key's events turn into a wait. A value.
struct LimitRule {
  // Events of a key that cost no wait.
  int64_t free = 0;
  // Fixed window: the window, which starts with a key's first event.
  // Backoff: how long a key's count is kept once its last wait has ended.
  int64_t window_ms = 0;
  // 0: a fixed window: once more than `free` events fall in the window, the
  // key waits until it ends. Otherwise the wait after event free+1, doubled
  // by each further event, at most `max_wait_ms`.
  int64_t first_wait_ms = 0;
  int64_t max_wait_ms = 0;

  // At most `limit` (>= 1) events per key in each window of `window_ms`.
  static LimitRule Window(int64_t limit, int64_t window_ms);
  // `free` events, then waits of first_wait_ms, twice that, four times …,
  // at most max_wait_ms; the count is forgotten `forget_ms` after the last
  // wait ends.
  static LimitRule Backoff(int64_t free, int64_t first_wait_ms, int64_t max_wait_ms,
                           int64_t forget_ms);

  bool backoff() const { return first_wait_ms > 0; }
  // Backoff: the wait that the key's `count`th event starts (0 for the free ones).
  int64_t BackoffWait(int64_t count) const;
};

// What a limiter keeps for one key. A value.
struct LimitState {
  int64_t count = 0;       // events counted
  int64_t start_ms = 0;    // the first of them
  int64_t until_ms = 0;    // the key may not go ahead before this
  int64_t expires_ms = 0;  // the state is forgotten from this time on

  // The state after one more event at `now_ms` under `rule` (an expired
  // state counts as none).
  LimitState After(const LimitRule& rule, int64_t now_ms) const;
  // Milliseconds left to wait at `now_ms`; 0 if the key may go ahead.
  int64_t WaitMs(int64_t now_ms) const {
    return now_ms < expires_ms && until_ms > now_ms ? until_ms - now_ms : 0;
  }
};

class Limiter {
 public:
  virtual ~Limiter() = default;
  // Milliseconds `key` must still wait at `now_ms` before its next event;
  // 0 if it may go ahead. A caller refuses without doing the work while it
  // is not 0.
  virtual int64_t RetryAfterMs(const std::string& key, int64_t now_ms) = 0;
  // Records one event of `key` at `now_ms`; returns the wait it starts (0:
  // none).
  virtual int64_t Record(const std::string& key, int64_t now_ms) = 0;
  // Forgets `key` (for example after a successful sign-in).
  virtual void Reset(const std::string& key) = 0;

  // True if `key` must wait at `now_ms`.
  bool Exceeded(const std::string& key, int64_t now_ms) { return RetryAfterMs(key, now_ms) > 0; }
};

class RateLimiter final : public Limiter {
 public:
  explicit RateLimiter(const LimitRule& rule) : rule_(rule) {}
  // At most `limit` events per key within `window_ms`.
  RateLimiter(int64_t limit, int64_t window_ms)
      : RateLimiter(LimitRule::Window(limit, window_ms)) {}
  RateLimiter(const RateLimiter&) = delete;
  RateLimiter& operator=(const RateLimiter&) = delete;

  int64_t RetryAfterMs(const std::string& key, int64_t now_ms) override;
  int64_t Record(const std::string& key, int64_t now_ms) override;
  void Reset(const std::string& key) override;
  const LimitRule& rule() const { return rule_; }

 private:
  void SweepLocked(int64_t now_ms);

  const LimitRule rule_;
  std::mutex mu_;
  std::unordered_map<std::string, LimitState> keys_;
  int64_t last_sweep_ms_ = 0;
};

}  // namespace atrium
