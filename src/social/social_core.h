// SocialCore: the shared machinery every social service uses — the store,
// id generator, settings, the in-memory social graph and post cache, the
// feeds, the live events and the fan-out worker — plus the two questions
// every service asks: who is this viewer, and may they see this post.
//
// Without a Cluster, feeds and events are in process (one node). With one
// (cluster mode: the `atrium` command makes a RedisCluster and hands it in)
// they are the cluster's, fan-out jobs go through its durable queue, and
// every cache invalidation is also published so that the other nodes drop
// their copies; Connect() reaches the cluster before serving. The services
// above do not know which runs.
//
// Built once by `serve`; outlives every request. Thread-safe.
#pragma once

#include <memory>

#include "base/id.h"
#include "base/rate_limiter.h"
#include "base/settings.h"
#include "feed/cluster.h"
#include "feed/feeds.h"
#include "social/account_cache.h"
#include "social/community_registry.h"
#include "social/fan_out_service.h"
#include "social/filter_cache.h"
#include "social/principal_cache.h"
#include "social/social_graph.h"
#include "social/status_cache.h"
#include "social/viewer_state_cache.h"
#include "social/visibility_policy.h"
#include "store/store.h"

namespace atrium {

class SocialCore {
 public:
  // `cluster`: null on one node; else it outlives this.
  SocialCore(Store& store, IdGenerator& ids, const Settings& settings, Cluster* cluster = nullptr);
  SocialCore(const SocialCore&) = delete;
  SocialCore& operator=(const SocialCore&) = delete;
  ~SocialCore();

  // Cluster mode: reaches the cluster (a clear error if it cannot) and
  // starts listening to the other nodes. A no-op on one node.
  Status Connect();
  // Stops listening to the other nodes (after the fan-out worker stopped).
  void Disconnect();
  bool clustered() const { return cluster_ != nullptr; }
  // Cluster mode: a Limiter named `name`, under `rule`, whose counts every
  // node shares; null on one node.
  std::unique_ptr<Limiter> SharedLimiter(const std::string& name, const LimitRule& rule);

  // OK if the store answers and its schema is current (the readiness probe).
  Status CheckReady() { return store.CheckReady(); }

  // The viewer for an account (its social graph loaded).
  Result<Viewer> ViewerFor(int64_t account_id);
  // The viewer for an account whose graph entry is at hand.
  Viewer ViewerWith(int64_t account_id, std::shared_ptr<const GraphEntry> graph) const {
    return Viewer{account_id, std::move(graph), communities.Snapshot()};
  }

  // A post the viewer may see, with its original when it is a repost.
  // kNotFound if it does not exist or the viewer may not see it — the two
  // are indistinguishable on purpose. With `seen`, the posts looked at
  // (visible or not; the original of a repost too) are appended to it.
  struct VisiblePost {
    StatusPtr status;
    StatusPtr original;  // for a repost
  };
  Result<VisiblePost> Visible(const Viewer& viewer, int64_t status_id,
                              std::vector<StatusPtr>* seen = nullptr);
  // The posts among `ids` the viewer may see (and, when `for_streams`, that
  // no mute hides), in the order of `ids`.
  // With `seen`, every post looked at (visible or not, originals of reposts
  // included) is appended to it: what the answer was decided from.
  Result<std::vector<VisiblePost>> VisibleMany(const Viewer& viewer,
                                               const std::vector<int64_t>& ids, bool for_streams,
                                               std::vector<StatusPtr>* seen = nullptr);

  // The first post of the thread `post` is in (itself when it is no reply;
  // as far up as the posts that remain go).
  int64_t ThreadOf(const StatusRecord& post);
  // Has `account` muted the thread of `post` (no notification about it)?
  bool MutedThread(int64_t account, const StatusRecord& post);

  Store& store;
  IdGenerator& ids;
  const Settings& settings;

 private:
  Cluster* const cluster_;                // null on one node
  std::unique_ptr<Feeds> local_feeds_;    // one node only
  std::unique_ptr<Events> local_events_;  // one node only

 public:
  SocialGraph graph;
  CommunityRegistry communities;  // loaded by `serve` (Load) before serving
  StatusCache statuses;
  AccountCache accounts;
  ViewerStateCache viewer_states;  // each reader's likes, reposts, bookmarks, pins
  PrincipalCache principals;       // AuthService's, invalidated across nodes here
  FilterCache filters;             // each reader's filters and muted threads
  Feeds& feeds;
  Events& events;
  FanOutService fanout;
};

}  // namespace atrium
