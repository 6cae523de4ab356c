#include "social/outside_changes.h"

#include <spdlog/spdlog.h>

#include <fstream>

#include "cluster/redis_bus.h"
#include "cluster/redis_client.h"

namespace atrium {

struct OutsideChanges::Cluster {
  Cluster(const RedisAddress& address, const std::string& prefix)
      : redis(address), bus(redis, prefix) {}
  RedisClient redis;
  RedisBus bus;  // publishing only: never started
};

OutsideChanges::OutsideChanges(const Settings& settings) : settings_(settings) {
  if (settings.redis.empty()) return;
  auto address = ParseRedisUrl(settings.redis);
  if (!address.ok()) {
    spdlog::warn("cannot tell the cluster about changes: {}", address.status().ToString());
    return;
  }
  cluster_ = std::make_unique<Cluster>(*address, settings.redis_prefix);
}

OutsideChanges::~OutsideChanges() = default;

std::string OutsideChanges::PathIn(const std::string& data_dir) {
  return data_dir + "/outside-changes";
}

void OutsideChanges::AccountChanged(int64_t account_id) {
  std::ofstream out(PathIn(settings_.data_dir), std::ios::app);
  out << account_id << '\n';
  out.flush();
  if (!out) spdlog::warn("cannot write {}", PathIn(settings_.data_dir));
  if (!cluster_) return;
  // As Services' change listener does on a node.
  cluster_->bus.Invalidate(InvalidationKind::kAccount, account_id);
  cluster_->bus.Invalidate(InvalidationKind::kGraph, account_id);
  cluster_->bus.Invalidate(InvalidationKind::kPrincipal, account_id);
}

}  // namespace atrium
