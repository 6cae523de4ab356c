#include "cluster/redis_rate_limiter.h"

#include <algorithm>
#include <string>

namespace atrium {
namespace {

// LimitState::After on the hash KEYS[1], returning the wait it starts.
// ARGV: now, free, window, first wait (0: fixed window), maximum wait.
// O(1).
constexpr const char* kRecord = R"lua(
local now, free, window = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local first_wait, max_wait = tonumber(ARGV[4]), tonumber(ARGV[5])
local s = redis.call('HMGET', KEYS[1], 'n', 'start', 'expires')
local n, start, expires = tonumber(s[1]) or 0, tonumber(s[2]) or 0, tonumber(s[3]) or 0
if n == 0 or now >= expires then n = 0; start = now end
n = n + 1
local until_ms = 0
if first_wait > 0 then
  if n > free then
    local wait = max_wait
    if n - free - 1 < 40 then wait = math.min(first_wait * 2 ^ (n - free - 1), max_wait) end
    until_ms = now + wait
  end
  expires = math.max(now, until_ms) + window
else
  expires = start + window
  if n > free then until_ms = expires end
end
redis.call('HSET', KEYS[1], 'n', n, 'start', start, 'until', until_ms, 'expires', expires)
redis.call('PEXPIRE', KEYS[1], math.max(expires - now, 1))
return math.max(until_ms - now, 0)
)lua";

int64_t IntegerOf(const redisReply* reply) {
  if (reply->type == REDIS_REPLY_STRING) return std::strtoll(reply->str, nullptr, 10);
  if (reply->type == REDIS_REPLY_INTEGER) return reply->integer;
  return 0;
}

}  // namespace

int64_t RedisRateLimiter::RetryAfterMs(const std::string& key, int64_t now_ms) {
  const int64_t local = local_.RetryAfterMs(key, now_ms);
  auto r = redis_.Command({"HMGET", Key(key), "until", "expires"});
  if (!r.ok() || (*r)->type != REDIS_REPLY_ARRAY || (*r)->elements != 2) return local;
  LimitState state;
  state.until_ms = IntegerOf((*r)->element[0]);
  state.expires_ms = IntegerOf((*r)->element[1]);
  return std::max(local, state.WaitMs(now_ms));
}

int64_t RedisRateLimiter::Record(const std::string& key, int64_t now_ms) {
  auto r = redis_.Command({"EVAL", kRecord, "1", Key(key), std::to_string(now_ms),
                           std::to_string(rule_.free), std::to_string(rule_.window_ms),
                           std::to_string(rule_.first_wait_ms), std::to_string(rule_.max_wait_ms)});
  if (!r.ok()) return local_.Record(key, now_ms);
  return IntegerOf(r->get());
}

void RedisRateLimiter::Reset(const std::string& key) {
  (void)redis_.Command({"DEL", Key(key)});
  local_.Reset(key);
}

}  // namespace atrium
