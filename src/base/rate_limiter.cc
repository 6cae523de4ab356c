#include "base/rate_limiter.h"

#include <algorithm>

namespace atrium {

LimitRule LimitRule::Window(int64_t limit, int64_t window_ms) {
  LimitRule r;
  r.free = std::max<int64_t>(limit, 1) - 1;  // the limit-th event starts the wait
  r.window_ms = window_ms;
  return r;
}

LimitRule LimitRule::Backoff(int64_t free, int64_t first_wait_ms, int64_t max_wait_ms,
                             int64_t forget_ms) {
  LimitRule r;
  r.free = free;
  r.first_wait_ms = std::max<int64_t>(first_wait_ms, 1);
  r.max_wait_ms = std::max(max_wait_ms, r.first_wait_ms);
  r.window_ms = forget_ms;
  return r;
}

int64_t LimitRule::BackoffWait(int64_t count) const {
  if (count <= free) return 0;
  const int64_t doublings = count - free - 1;
  // Past 40 doublings any first wait is over any maximum (and the shift safe).
  if (doublings >= 40) return max_wait_ms;
  return std::min(first_wait_ms << doublings, max_wait_ms);
}

LimitState LimitState::After(const LimitRule& rule, int64_t now_ms) const {
  LimitState next = *this;
  if (next.count == 0 || now_ms >= next.expires_ms) next = LimitState{0, now_ms, 0, 0};
  ++next.count;
  if (rule.backoff()) {
    const int64_t wait = rule.BackoffWait(next.count);
    next.until_ms = wait > 0 ? now_ms + wait : 0;
    next.expires_ms = std::max(now_ms, next.until_ms) + rule.window_ms;
  } else {
    next.expires_ms = next.start_ms + rule.window_ms;
    next.until_ms = next.count > rule.free ? next.expires_ms : 0;
  }
  return next;
}

int64_t RateLimiter::RetryAfterMs(const std::string& key, int64_t now_ms) {
  std::lock_guard lock(mu_);
  auto it = keys_.find(key);
  if (it == keys_.end()) return 0;
  if (now_ms >= it->second.expires_ms) {
    keys_.erase(it);
    return 0;
  }
  return it->second.WaitMs(now_ms);
}

int64_t RateLimiter::Record(const std::string& key, int64_t now_ms) {
  std::lock_guard lock(mu_);
  SweepLocked(now_ms);
  LimitState& state = keys_[key];
  state = state.After(rule_, now_ms);
  return state.WaitMs(now_ms);
}

void RateLimiter::Reset(const std::string& key) {
  std::lock_guard lock(mu_);
  keys_.erase(key);
}

void RateLimiter::SweepLocked(int64_t now_ms) {
  // At most once per window: each sweep is O(keys).
  if (now_ms - last_sweep_ms_ < std::max<int64_t>(rule_.window_ms, 1)) return;
  last_sweep_ms_ = now_ms;
  std::erase_if(keys_, [now_ms](const auto& entry) { return now_ms >= entry.second.expires_ms; });
}

}  // namespace atrium
