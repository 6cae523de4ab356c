#include "cluster/redis_cluster.h"

#include <spdlog/spdlog.h>

#include "cluster/redis_rate_limiter.h"

namespace atrium {

namespace {

// The Redis address, or an unparsable URL left for Connect to report.
RedisAddress AddressOf(const Settings& settings) {
  auto a = ParseRedisUrl(settings.redis);
  return a.ok() ? *a : RedisAddress{};
}

}  // namespace

RedisCluster::RedisCluster(const Settings& settings)
    : settings_(settings),
      redis_(AddressOf(settings)),
      bus_(redis_, settings.redis_prefix),
      feeds_(redis_, settings.redis_prefix),
      queue_(redis_, settings.redis_prefix, bus_.node(), settings.fanout_reclaim_ms) {}

RedisCluster::~RedisCluster() { Disconnect(); }

Status RedisCluster::Connect() {
  auto address = ParseRedisUrl(settings_.redis);
  if (!address.ok()) return address.status();
  auto ping = redis_.Command({"PING"});
  if (!ping.ok())
    return Status::Unavailable("cannot reach Redis at " + address->ForLog(),
                               ping.status().description());
  if (Status s = queue_.Prepare(); !s.ok())
    return Status::Unavailable(
        "cannot prepare the fan-out stream in Redis (Redis 6.2 or later "
        "is needed)",
        s.ToString());
  if (Status s = bus_.Start(); !s.ok()) return s;
  redis_.ClearLostWrites();
  spdlog::info("cluster mode: feeds, live events and fan-out on Redis at {} (prefix \"{}\")",
               address->ForLog(), settings_.redis_prefix);
  return Status::Ok();
}

void RedisCluster::Disconnect() { bus_.Stop(); }

std::unique_ptr<Limiter> RedisCluster::SharedLimiter(const std::string& name,
                                                     const LimitRule& rule) {
  return std::make_unique<RedisRateLimiter>(redis_, settings_.redis_prefix, name, rule);
}

std::unique_ptr<Cluster> MakeRedisCluster(const Settings& settings) {
  if (settings.redis.empty()) return nullptr;
  return std::make_unique<RedisCluster>(settings);
}

}  // namespace atrium
