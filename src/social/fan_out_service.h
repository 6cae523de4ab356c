// FanOutService: the follow-up work of a change to a post, done off the
// request thread — delivering a new post into the home and list feeds it
// belongs to, and publishing live events for new posts, edits, deletes and
// notifications.
//
// Which home feeds a post goes to (Mastodon's rules):
//   * the author's own;
//   * for a post in a community that is not a reply: each member's;
//   * for a public post that is not a repost: each member's who follows one
//     of its tags, as if they followed its author;
//   * each follower's (for a direct post: each follower it mentions), unless
//     the follower blocks or mutes the author (or is blocked), the author is
//     in one of the follower's exclusive lists, the post is a repost and the
//     follower hides the author's reposts, or the post is a reply to someone
//     else whom the follower does not follow.
// A direct post also goes, as a `conversation` event, to the direct stream
// of the author and of everyone mentioned (and its delete as a `delete`);
// mentions reach people as notifications.
// Only warm feeds are written (a cold one is rebuilt on its next read, from
// the store, by the same rules: see TimelineService); readers whose feed is
// cold and who hold no live stream are skipped before anything is loaded
// for them.
//
// Work is queued and done by one background thread, in order. On one node
// the queue is in process: feeds are a cache, so work lost in a crash costs
// nothing there (feeds rebuild from the store, and the live streams died with
// the process). In cluster mode the queue is a FanOutQueue shared by every
// node (a Redis stream), so the warm feeds and live streams of the other
// nodes still get a change whose node died before delivering it: jobs then
// carry ids and are done by whichever node takes them.
// Drain() waits for the queue to empty (for tests and shutdown).
//
// Thread-safe.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "feed/fan_out_queue.h"
#include "feed/feeds.h"
#include "social/community_registry.h"
#include "social/social_graph.h"
#include "social/status_cache.h"
#include "social/visibility_policy.h"
#include "store/store.h"

namespace atrium {

class FanOutService {
 public:
  // `queue`: null for the in-process queue.
  FanOutService(Store& store, SocialGraph& graph, CommunityRegistry& communities,
                StatusCache& statuses, Feeds& feeds, Events& events, FanOutQueue* queue = nullptr);
  FanOutService(const FanOutService&) = delete;
  FanOutService& operator=(const FanOutService&) = delete;
  ~FanOutService();

  // Delivers a new post (or repost) to feeds and live streams.
  void PostCreated(const StatusRecord& status);
  // Publishes status.update for an edited post.
  void PostEdited(const StatusRecord& status);
  // Removes deleted posts from feeds and publishes delete events.
  void PostsDeleted(const StatusRecord& status, const std::vector<int64_t>& ids);
  // Publishes a notification to its recipient's streams.
  void Notified(const NotificationRecord& notification);
  // Publishes notifications_merged to `account_id`'s streams: notifications
  // their policy kept aside (accepted requests) are in the list now.
  void NotificationsMerged(int64_t account_id);

  // Would `status` (with `original` for a repost) belong in the home feed of
  // `reader`? The rule above, shared with the timeline service's feed
  // rebuild.
  static bool BelongsInHome(const Viewer& reader, const StatusRecord& status,
                            const StatusRecord* original);
  // Does `reader` follow one of the tags of `status`, a public post that is
  // not a repost?
  static bool ByFollowedTag(const GraphEntry& reader, const StatusRecord& status);
  // Closes `account_id`'s live streams of a community they no longer belong to.
  void LeftCommunity(int64_t community_id, int64_t account_id);

  // Waits until every queued job has run.
  void Drain();
  // Stops the worker after the queued jobs. Idempotent.
  void Stop();

 private:
  void Enqueue(std::function<void()> job);
  // Cluster mode: the job goes to the shared queue.
  void EnqueueShared(const std::string& payload);
  void Run();
  void RunShared();
  void Execute(const std::string& payload);
  void DeliverNew(const StatusRecord& status);
  void DeliverEdited(const StatusRecord& status);
  void DeliverDeleted(const StatusRecord& status, const std::vector<int64_t>& ids);
  void DeliverLeft(int64_t community_id, int64_t account_id);
  void DeliverNotification(const NotificationRecord& n);
  void DeliverMerged(int64_t account_id);
  std::vector<int64_t> UserIds(const StatusRecord& status);
  std::vector<std::string> PublicStreams(const StatusRecord& status);
  // The user streams a change to `status` concerns: the author, followers,
  // the people mentioned, the community's members.
  std::vector<std::string> UserStreams(const StatusRecord& status);
  Viewer ViewerOf(int64_t account_id, std::shared_ptr<const GraphEntry> graph);

  Store& store_;
  SocialGraph& graph_;
  CommunityRegistry& communities_;
  StatusCache& statuses_;
  Feeds& feeds_;
  Events& events_;
  FanOutQueue* shared_;

  std::mutex mu_;
  std::condition_variable cv_;
  std::condition_variable idle_cv_;
  std::deque<std::function<void()>> queue_;
  bool busy_ = false;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace atrium
