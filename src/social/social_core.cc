#include "social/social_core.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <unordered_map>

#include "social/outside_changes.h"

namespace atrium {

SocialCore::SocialCore(Store& s, IdGenerator& i, const Settings& st, Cluster* cluster)
    : store(s),
      ids(i),
      settings(st),
      cluster_(cluster),
      local_feeds_(cluster ? nullptr : std::make_unique<LocalFeeds>()),
      local_events_(cluster ? nullptr : std::make_unique<LocalEvents>()),
      graph(s),
      communities(s),
      statuses(s),
      accounts(s),
      viewer_states(s),
      filters(s),
      feeds(cluster ? cluster->feeds() : *local_feeds_),
      events(cluster ? cluster->events() : *local_events_),
      fanout(s, graph, communities, statuses, feeds, events,
             cluster ? &cluster->fan_out_queue() : nullptr) {
  // A command beside this process changed someone (OutsideChanges).
  principals.WatchFile(OutsideChanges::PathIn(st.data_dir), [this] {
    accounts.Clear();
    graph.Clear();
  });
  if (!cluster_) return;
  // Every invalidation is told to the other nodes; theirs drop ours.
  Cluster& c = *cluster_;
  graph.OnInvalidate([&c](int64_t id) { c.Invalidate(InvalidationKind::kGraph, id); });
  statuses.OnInvalidate([&c](int64_t id) { c.Invalidate(InvalidationKind::kStatus, id); });
  accounts.OnInvalidate([&c](int64_t id) { c.Invalidate(InvalidationKind::kAccount, id); });
  viewer_states.OnInvalidate(
      [&c](int64_t id) { c.Invalidate(InvalidationKind::kViewerState, id); });
  // Posts are numbered by every node's clock.
  viewer_states.SetClockSkew(ViewerStateCache::kClusterClockSkewMs);
  principals.OnInvalidate([&c](int64_t id) { c.Invalidate(InvalidationKind::kPrincipal, id); });
  filters.OnInvalidate([&c](int64_t id) { c.Invalidate(InvalidationKind::kFilters, id); });
  communities.OnChange([&c](int64_t id) { c.Invalidate(InvalidationKind::kCommunity, id); });
  c.OnInvalidate([this](InvalidationKind kind, int64_t id) {
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
      case InvalidationKind::kFilters:
        filters.Drop(id);
        break;
      case InvalidationKind::kCommunity:
        if (Status st = communities.Load(); !st.ok())
          spdlog::error("cannot reload the communities: {}", st.ToString());
        break;
    }
  });
  c.OnResubscribed([this] {
    // Invalidations may have been missed while Redis was away.
    graph.Clear();
    statuses.Clear();
    accounts.Clear();
    viewer_states.Clear();
    principals.Clear();
    filters.Clear();
    if (Status st = communities.Load(); !st.ok())
      spdlog::error("cannot reload the communities: {}", st.ToString());
  });
}

SocialCore::~SocialCore() {
  // The fan-out worker and the bus reader use the cluster; stop them first.
  fanout.Stop();
  Disconnect();
}

std::unique_ptr<Limiter> SocialCore::SharedLimiter(const std::string& name, const LimitRule& rule) {
  if (!cluster_) return nullptr;
  return cluster_->SharedLimiter(name, rule);
}

void SocialCore::Disconnect() {
  if (cluster_) cluster_->Disconnect();
}

Status SocialCore::Connect() {
  if (!cluster_) return Status::Ok();
  return cluster_->Connect();
}

Result<Viewer> SocialCore::ViewerFor(int64_t account_id) {
  auto g = graph.Get(account_id);
  if (!g.ok()) return g.status();
  return ViewerWith(account_id, *g);
}

int64_t SocialCore::ThreadOf(const StatusRecord& post) {
  // Bounded: a thread deeper than this is muted from this far up.
  constexpr int kMaxDepth = 256;
  int64_t id = post.id;
  int64_t parent = post.in_reply_to_id;
  for (int depth = 0; parent != 0 && depth < kMaxDepth; ++depth) {
    auto up = statuses.Get(parent);
    if (!up.ok()) break;
    id = (*up)->id;
    parent = (*up)->in_reply_to_id;
  }
  return id;
}

bool SocialCore::MutedThread(int64_t account, const StatusRecord& post) {
  auto rules = filters.Get(account);
  if (!rules.ok() || (*rules)->muted_threads.empty()) return false;
  const auto& muted = (*rules)->muted_threads;
  return std::binary_search(muted.begin(), muted.end(), ThreadOf(post));
}

Result<SocialCore::VisiblePost> SocialCore::Visible(const Viewer& viewer, int64_t status_id,
                                                    std::vector<StatusPtr>* seen) {
  auto s = statuses.Get(status_id);
  if (!s.ok()) return s.status();
  if (seen) seen->push_back(*s);
  VisiblePost out{*s, nullptr};
  if ((*s)->reblog_of_id != 0) {
    auto o = statuses.Get((*s)->reblog_of_id);
    if (o.ok()) {
      out.original = *o;
      if (seen) seen->push_back(*o);
    } else if (o.status().code() != Code::kNotFound) {
      return o.status();
    }
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
