#include "cluster/redis_rate_limiter.h"

#include <string>

namespace atrium {
namespace {

// INCR, with the window as the expiry of a new count. Returns the count.
constexpr const char* kRecord = R"lua(
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n
)lua";

// The count of `reply` (a GET's answer): 0 when missing.
int64_t CountOf(const redisReply* reply) {
  if (reply->type == REDIS_REPLY_STRING) return std::strtoll(reply->str, nullptr, 10);
  if (reply->type == REDIS_REPLY_INTEGER) return reply->integer;
  return 0;
}

}  // namespace

bool RedisRateLimiter::Exceeded(const std::string& key, int64_t now_ms) {
  auto r = redis_.Command({"GET", Key(key)});
  if (!r.ok()) return local_.Exceeded(key, now_ms);
  return CountOf(r->get()) >= limit_ || local_.Exceeded(key, now_ms);
}

void RedisRateLimiter::Record(const std::string& key, int64_t now_ms) {
  auto r = redis_.Command({"EVAL", kRecord, "1", Key(key), std::to_string(window_ms_)});
  if (!r.ok()) local_.Record(key, now_ms);
}

void RedisRateLimiter::Reset(const std::string& key) {
  (void)redis_.Command({"DEL", Key(key)});
  local_.Reset(key);
}

int64_t RedisRateLimiter::RetryAfterMs(const std::string& key, int64_t now_ms) {
  int64_t wait = local_.RetryAfterMs(key, now_ms);
  auto count = redis_.Command({"GET", Key(key)});
  if (!count.ok() || CountOf(count->get()) < limit_) return wait;
  auto ttl = redis_.Command({"PTTL", Key(key)});
  if (ttl.ok() && (*ttl)->type == REDIS_REPLY_INTEGER && (*ttl)->integer > wait)
    wait = (*ttl)->integer;
  return wait;
}

}  // namespace atrium
