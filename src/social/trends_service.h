// TrendsService: org trends — the tags, posts and links people talk about
// this week — as each reader may see them.
//
// Counts are taken per visibility class, never per reader: the
// organization's (public posts outside restricted communities, which every
// member may see) and each restricted community's (its members only). Each
// class is counted by the store (TagStore::TagUses, LinkUses, TopPosts over
// the last seven days) and kept as an immutable snapshot for
// `trends-refresh`; a reader's trends are the organization's snapshot
// merged with those of the restricted communities they belong to, so a
// restricted community's tag, post or link count never reaches anyone
// else. Trending posts also pass the visibility policy per reader (blocks,
// mutes). Authors counted across classes are summed, not de-duplicated.
//
// Thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "social/social_core.h"

namespace atrium {

// One day of a tag's or link's use: `day` is the day's start (Unix
// seconds, UTC).
struct DayCount {
  int64_t day = 0;
  int64_t uses = 0;
  int64_t accounts = 0;
};

// A trending tag or link (key: the name or URL) and its last seven days,
// today first.
struct Trend {
  std::string key;
  std::vector<DayCount> history;
};

struct TrendingLink {
  LinkCardRecord card;
  std::vector<DayCount> history;
};

class TrendsService {
 public:
  explicit TrendsService(SocialCore& core);
  TrendsService(const TrendsService&) = delete;
  TrendsService& operator=(const TrendsService&) = delete;

  // The tags the viewer may see most people use this week, most first,
  // from `offset`, at most `limit`.
  Result<std::vector<Trend>> Tags(const Viewer& viewer, int offset, int limit);
  // The posts with the most engagement this week the viewer may see.
  Result<std::vector<SocialCore::VisiblePost>> Statuses(const Viewer& viewer, int offset,
                                                        int limit);
  // The links (with preview cards) most shared this week.
  Result<std::vector<TrendingLink>> Links(const Viewer& viewer, int offset, int limit);
  // The week of one tag (normalized name), as the viewer may count it.
  Result<std::vector<DayCount>> TagHistory(const Viewer& viewer, const std::string& name);

 private:
  // What one visibility class holds this week.
  struct Snapshot {
    int64_t computed_at = 0;
    int64_t today = 0;  // days since 1970-01-01 when counted
    std::vector<DailyUse> tags;
    std::vector<DailyUse> links;
    std::vector<ScoredPost> posts;
  };
  using SnapshotPtr = std::shared_ptr<const Snapshot>;
  // The snapshots of the classes `viewer` belongs to.
  Result<std::vector<SnapshotPtr>> SnapshotsFor(const Viewer& viewer);
  Result<SnapshotPtr> SnapshotOf(int64_t community_id);
  // Merges the classes' uses per key and ranks them.
  static std::vector<Trend> Rank(const std::vector<SnapshotPtr>& snapshots,
                                 std::vector<DailyUse> Snapshot::*uses, int64_t today);

  SocialCore& core_;
  std::mutex mu_;
  std::unordered_map<int64_t, SnapshotPtr> snapshots_;  // by community id; 0: the organization
};

}  // namespace atrium
