#include "social/social_core.h"

#include <spdlog/spdlog.h>

#include <unordered_map>

#include "cluster/redis_bus.h"
#include "cluster/redis_client.h"
#include "cluster/redis_feeds.h"
#include "cluster/redis_queue.h"
#include "cluster/redis_rate_limiter.h"
#include "social/outside_changes.h"

namespace atrium {

struct SocialCore::Cluster {
  Cluster(const RedisAddress& address, const Settings& settings)
      : redis(address),
        bus(redis, settings.redis_prefix),
        queue(redis, settings.redis_prefix, bus.node(), settings.fanout_reclaim_ms) {}
  RedisClient redis;
  RedisBus bus;  // owned by events_ (see MakeCluster)
  RedisFanOutQueue queue;
};

namespace {

// The Redis address, or an unparsable URL left for Connect to report.
RedisAddress AddressOf(const Settings& settings) {
  auto a = ParseRedisUrl(settings.redis);
  return a.ok() ? *a : RedisAddress{};
}

// Events that forward to the cluster's bus (which the Cluster owns).
class BusEvents final : public Events {
 public:
  explicit BusEvents(RedisBus& bus) : bus_(bus) {}
  uint64_t Subscribe(Callback callback) override { return bus_.Subscribe(std::move(callback)); }
  void AddKey(uint64_t token, const std::string& key) override { bus_.AddKey(token, key); }
  void RemoveKey(uint64_t token, const std::string& key) override { bus_.RemoveKey(token, key); }
  void Unsubscribe(uint64_t token) override { bus_.Unsubscribe(token); }
  void Publish(const std::string& key, const Event& event) override { bus_.Publish(key, event); }
  bool MayHaveSubscribers(const std::string& key) override { return bus_.MayHaveSubscribers(key); }

 private:
  RedisBus& bus_;
};

}  // namespace

SocialCore::SocialCore(Store& s, IdGenerator& i, const Settings& st)
    : store(s),
      ids(i),
      settings(st),
      cluster_(st.redis.empty() ? nullptr : std::make_unique<Cluster>(AddressOf(st), st)),
      feeds_(cluster_ ? std::unique_ptr<Feeds>(
                            std::make_unique<RedisFeeds>(cluster_->redis, st.redis_prefix))
                      : std::make_unique<LocalFeeds>()),
      events_(cluster_ ? std::unique_ptr<Events>(std::make_unique<BusEvents>(cluster_->bus))
                       : std::make_unique<LocalEvents>()),
      graph(s),
      communities(s),
      statuses(s),
      accounts(s),
      viewer_states(s),
      feeds(*feeds_),
      events(*events_),
      fanout(s, graph, communities, statuses, feeds, events,
             cluster_ ? &cluster_->queue : nullptr) {
  // A command beside this process changed someone (OutsideChanges).
  principals.WatchFile(OutsideChanges::PathIn(st.data_dir), [this] {
    accounts.Clear();
    graph.Clear();
  });
  if (!cluster_) return;
  // Every invalidation is told to the other nodes; theirs drop ours.
  RedisBus& bus = cluster_->bus;
  graph.OnInvalidate([&bus](int64_t id) { bus.Invalidate(InvalidationKind::kGraph, id); });
  statuses.OnInvalidate([&bus](int64_t id) { bus.Invalidate(InvalidationKind::kStatus, id); });
  accounts.OnInvalidate([&bus](int64_t id) { bus.Invalidate(InvalidationKind::kAccount, id); });
  viewer_states.OnInvalidate(
      [&bus](int64_t id) { bus.Invalidate(InvalidationKind::kViewerState, id); });
  // Posts are numbered by every node's clock.
  viewer_states.SetClockSkew(ViewerStateCache::kClusterClockSkewMs);
  principals.OnInvalidate([&bus](int64_t id) { bus.Invalidate(InvalidationKind::kPrincipal, id); });
  communities.OnChange([&bus](int64_t id) { bus.Invalidate(InvalidationKind::kCommunity, id); });
  bus.OnInvalidate([this](InvalidationKind kind, int64_t id) {
    switch (kind) {
      case InvalidationKind::kGraph:
        graph.Drop(id);
        break;
      case InvalidationKind::kStatus:
        statuses.Drop(id);
        break;
      case InvalidationKind::kAccount:
        accounts.Drop(id);
        break;
      case InvalidationKind::kViewerState:
        viewer_states.Drop(id);
        break;
      case InvalidationKind::kPrincipal:
        principals.Drop(id);
        break;
      case InvalidationKind::kCommunity:
        if (Status st = communities.Load(); !st.ok())
          spdlog::error("cannot reload the communities: {}", st.ToString());
        break;
    }
  });
  bus.OnResubscribed([this] {
    // Invalidations may have been missed while Redis was away.
    graph.Clear();
    statuses.Clear();
    accounts.Clear();
    viewer_states.Clear();
    principals.Clear();
    if (Status st = communities.Load(); !st.ok())
      spdlog::error("cannot reload the communities: {}", st.ToString());
  });
}

SocialCore::~SocialCore() {
  // The fan-out worker and the bus reader use the cluster; stop them first.
  fanout.Stop();
  Disconnect();
}

std::unique_ptr<Limiter> SocialCore::SharedLimiter(const std::string& name, int limit,
                                                   int64_t window_ms) {
  if (!cluster_) return nullptr;
  return std::make_unique<RedisRateLimiter>(cluster_->redis, settings.redis_prefix, name, limit,
                                            window_ms);
}

void SocialCore::Disconnect() {
  if (cluster_) cluster_->bus.Stop();
}

Status SocialCore::Connect() {
  if (!cluster_) return Status::Ok();
  auto address = ParseRedisUrl(settings.redis);
  if (!address.ok()) return address.status();
  auto ping = cluster_->redis.Command({"PING"});
  if (!ping.ok())
    return Status::Unavailable("cannot reach Redis at " + address->ForLog(),
                               ping.status().description());
  if (Status s = cluster_->queue.Prepare(); !s.ok())
    return Status::Unavailable(
        "cannot prepare the fan-out stream in Redis (Redis 6.2 or later "
        "is needed)",
        s.ToString());
  if (Status s = cluster_->bus.Start(); !s.ok()) return s;
  cluster_->redis.ClearLostWrites();
  spdlog::info("cluster mode: feeds, live events and fan-out on Redis at {} (prefix \"{}\")",
               address->ForLog(), settings.redis_prefix);
  return Status::Ok();
}

Result<Viewer> SocialCore::ViewerFor(int64_t account_id) {
  auto g = graph.Get(account_id);
  if (!g.ok()) return g.status();
  return ViewerWith(account_id, *g);
}

Result<SocialCore::VisiblePost> SocialCore::Visible(const Viewer& viewer, int64_t status_id) {
  auto s = statuses.Get(status_id);
  if (!s.ok()) return s.status();
  VisiblePost out{*s, nullptr};
  if ((*s)->reblog_of_id != 0) {
    auto o = statuses.Get((*s)->reblog_of_id);
    if (o.ok())
      out.original = *o;
    else if (o.status().code() != Code::kNotFound)
      return o.status();
  }
  if (!VisibilityPolicy::CanSee(viewer, *out.status, out.original.get())) return Status::NotFound();
  return out;
}

Result<std::vector<SocialCore::VisiblePost>> SocialCore::VisibleMany(
    const Viewer& viewer, const std::vector<int64_t>& ids_in, bool for_streams,
    std::vector<StatusPtr>* seen) {
  auto loaded = statuses.GetMany(ids_in);
  if (!loaded.ok()) return loaded.status();
  if (seen) seen->insert(seen->end(), loaded->begin(), loaded->end());
  std::vector<int64_t> originals;
  for (const auto& s : *loaded)
    if (s->reblog_of_id != 0) originals.push_back(s->reblog_of_id);
  std::unordered_map<int64_t, StatusPtr> by_id;
  if (!originals.empty()) {
    auto o = statuses.GetMany(originals);
    if (!o.ok()) return o.status();
    for (auto& p : *o) by_id[p->id] = p;
    if (seen) seen->insert(seen->end(), o->begin(), o->end());
  }
  std::vector<VisiblePost> out;
  out.reserve(loaded->size());
  for (auto& s : *loaded) {
    StatusPtr original;
    if (s->reblog_of_id != 0) {
      auto it = by_id.find(s->reblog_of_id);
      if (it != by_id.end()) original = it->second;
    }
    if (!VisibilityPolicy::CanSee(viewer, *s, original.get())) continue;
    if (for_streams && VisibilityPolicy::HiddenFromStreams(viewer, *s, original.get())) continue;
    out.push_back({std::move(s), std::move(original)});
  }
  return out;
}

}  // namespace atrium
