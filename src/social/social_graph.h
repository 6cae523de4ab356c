// SocialGraph: an in-memory cache of each member's outgoing relationships —
// whom they follow (and whose reposts they hide), block, and mute, who
// blocks them, who is in their exclusive lists, which communities they
// belong to, which hashtags they follow — so that the
// visibility policy can answer "may this viewer see this post" without a
// store round trip per post.
//
// Entries are loaded lazily from the RelationshipStore on first use and
// dropped (Invalidate) by the services that change relationships; a dropped
// entry is simply loaded again. An entry is an immutable snapshot shared by
// readers, so a request sees one consistent view of its viewer.
//
// Cost: one entry is a few sorted vectors of ids; a member who follows 200
// people costs about 2 KiB. Look-ups are binary searches, O(log n).
//
// It also keeps the reverse for fan-out: who follows an account (8 bytes a
// follower), loaded on the account's first post and dropped with the
// account's entry: every change to a follow drops both sides' entries (here
// and, in cluster mode, on every node, through OnInvalidate), so the list of
// the account followed goes too.
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/sharded_map.h"
#include "base/status.h"
#include "store/store.h"

namespace atrium {

struct GraphEntry {
  int64_t account_id = 0;
  std::vector<int64_t> following;               // sorted
  std::vector<int64_t> blocking;                // sorted: whom this account blocks
  std::vector<int64_t> blocked_by;              // sorted: who blocks this account
  std::vector<int64_t> muting;                  // sorted
  std::vector<int64_t> muting_notifications;    // sorted: mutes that also hide notifications
  std::vector<int64_t> hiding_reblogs;          // sorted: followed, but their reposts hidden
  std::vector<int64_t> exclusive_list_members;  // sorted: in one of this account's exclusive lists
  std::vector<int64_t> communities;             // sorted: communities this account is a member of
  std::vector<std::string> followed_tags;       // sorted: normalized names of the tags followed
  int64_t earliest_mute_expiry = 0;             // 0: no expiring mutes

  bool Follows(int64_t id) const { return Contains(following, id); }
  // Either side blocks the other.
  bool BlockedEitherWay(int64_t id) const {
    return Contains(blocking, id) || Contains(blocked_by, id);
  }
  bool Mutes(int64_t id) const { return Contains(muting, id); }
  bool MutesNotificationsOf(int64_t id) const { return Contains(muting_notifications, id); }
  bool HidesRebogsOf(int64_t id) const { return Contains(hiding_reblogs, id); }
  bool ListsExclusively(int64_t id) const { return Contains(exclusive_list_members, id); }
  bool MemberOf(int64_t community_id) const { return Contains(communities, community_id); }
  // Follows any of `tags` (normalized names).
  bool FollowsAnyTag(const std::vector<std::string>& tags) const;

  static bool Contains(const std::vector<int64_t>& sorted, int64_t id);
};

class SocialGraph {
 public:
  explicit SocialGraph(Store& store) : store_(store) {}
  SocialGraph(const SocialGraph&) = delete;
  SocialGraph& operator=(const SocialGraph&) = delete;

  // The entry of `account_id`, loading it if needed.
  Result<std::shared_ptr<const GraphEntry>> Get(int64_t account_id);
  // The ids of the accounts that follow `account_id`, in follow order,
  // loading them if needed.
  Result<std::shared_ptr<const std::vector<int64_t>>> FollowerIds(int64_t account_id);
  // Forgets the entries of these accounts (after a relationship changed).
  // Drops the entry here and, in cluster mode, on every other node.
  void Invalidate(int64_t account_id) {
    Drop(account_id);
    if (on_invalidate_) on_invalidate_(account_id);
  }
  // Drops the entry here only (another node changed it).
  void Drop(int64_t account_id);
  // Called by Invalidate; set once, before serving.
  void OnInvalidate(std::function<void(int64_t)> fn) { on_invalidate_ = std::move(fn); }
  void InvalidateBoth(int64_t a, int64_t b) {
    Invalidate(a);
    Invalidate(b);
  }
  void Clear();

 private:
  std::function<void(int64_t)> on_invalidate_;
  // Beside each shard's graph entries, under the same lock.
  struct ShardFollowers {
    std::unordered_map<int64_t, std::shared_ptr<const std::vector<int64_t>>> followers;
    // Bumped by every invalidation, so that a load that raced with one is
    // not cached.
    uint64_t generation = 0;
  };
  using Entries = ShardedMap<int64_t, std::shared_ptr<const GraphEntry>, 64, ShardFollowers>;

  Store& store_;
  Entries entries_;
};

}  // namespace atrium
