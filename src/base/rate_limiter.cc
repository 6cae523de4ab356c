#include "base/rate_limiter.h"

namespace atrium {

bool RateLimiter::Exceeded(const std::string& key, int64_t now_ms) {
  std::lock_guard lock(mu_);
  auto it = windows_.find(key);
  if (it == windows_.end()) return false;
  if (now_ms - it->second.start_ms >= window_ms_) {
    windows_.erase(it);
    return false;
  }
  return it->second.count >= limit_;
}

void RateLimiter::Record(const std::string& key, int64_t now_ms) {
  std::lock_guard lock(mu_);
  SweepLocked(now_ms);
  Window& w = windows_[key];
  if (w.count == 0 || now_ms - w.start_ms >= window_ms_) {
    w.start_ms = now_ms;
    w.count = 0;
  }
  ++w.count;
}

void RateLimiter::Reset(const std::string& key) {
  std::lock_guard lock(mu_);
  windows_.erase(key);
}

int64_t RateLimiter::RetryAfterMs(const std::string& key, int64_t now_ms) {
  std::lock_guard lock(mu_);
  auto it = windows_.find(key);
  if (it == windows_.end() || it->second.count < limit_) return 0;
  int64_t left = it->second.start_ms + window_ms_ - now_ms;
  return left > 0 ? left : 0;
}

void RateLimiter::SweepLocked(int64_t now_ms) {
  if (now_ms - last_sweep_ms_ < window_ms_) return;
  last_sweep_ms_ = now_ms;
  for (auto it = windows_.begin(); it != windows_.end();) {
    if (now_ms - it->second.start_ms >= window_ms_)
      it = windows_.erase(it);
    else
      ++it;
  }
}

}  // namespace atrium
