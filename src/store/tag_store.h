// TagStore: what members do with hashtags beyond writing them — following
// them (their posts reach the follower's home stream), featuring them on
// their profile — and the week's counts that org trends are made of.
//
// Names are normalized hashtag names (base/status_text NormalizeHashtag);
// following or featuring a tag nobody used yet creates it. Trend counts are
// taken over one TrendScope at a time, so that the caller can combine the
// scopes a reader may see without counting anything per reader. Every
// method is one transaction; safe for concurrent use.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/social_records.h"

namespace atrium {

// A tag a member follows or features; `id` is the row's (the page cursor of
// followed tags, the id of a featured tag).
struct TagMarkRecord {
  int64_t id = 0;
  int64_t account_id = 0;
  std::string name;
  int64_t created_at = 0;
};

// A featured tag with the member's use of it (public posts outside
// restricted communities, as a profile shows them to everyone).
struct FeaturedTagRecord {
  TagMarkRecord tag;
  int64_t statuses_count = 0;
  int64_t last_status_at = 0;  // 0: never used
};

// Which posts trend counts are taken from: the organization's (community_id
// 0: public posts outside restricted communities, which every member may
// see) or one restricted community's (all of its posts, which only its
// members may see).
struct TrendScope {
  int64_t community_id = 0;
};

// Uses of one tag or link on one day (days since 1970-01-01, UTC).
struct DailyUse {
  std::string key;  // the tag's name, or the link's URL
  int64_t day = 0;
  int64_t uses = 0;      // posts
  int64_t accounts = 0;  // distinct authors
};

// A post and its engagement (favourites + reposts + replies).
struct ScoredPost {
  int64_t id = 0;
  int64_t score = 0;
};

class TagStore {
 public:
  virtual ~TagStore() = default;

  // Follows `name` as `account_id` with row id `id`; false if already followed.
  virtual Result<bool> Follow(int64_t id, int64_t account_id, const std::string& name,
                              int64_t now) = 0;
  // false if it was not followed.
  virtual Result<bool> Unfollow(int64_t account_id, const std::string& name) = 0;
  // Every tag `account_id` follows (for the social graph), by name.
  virtual Result<std::vector<std::string>> Followed(int64_t account_id) = 0;
  // A page of followed tags, newest follow first, cursor = the row id.
  virtual Result<std::vector<TagMarkRecord>> FollowedPage(int64_t account_id,
                                                          const PageRequest& page) = 0;
  // Who follows any of `names`, each once, in no particular order.
  virtual Result<std::vector<int64_t>> FollowerIds(const std::vector<std::string>& names) = 0;

  // Features `name` on `account_id`'s profile with row id `id`; kConflict
  // if it is featured already.
  virtual Status Feature(int64_t id, int64_t account_id, const std::string& name, int64_t now) = 0;
  // Removes the featured tag with row id `id` (or, with id 0, named `name`);
  // kNotFound if the member has no such featured tag.
  virtual Status Unfeature(int64_t account_id, int64_t id, const std::string& name) = 0;
  // The member's featured tags, oldest first, with their use.
  virtual Result<std::vector<FeaturedTagRecord>> Featured(int64_t account_id) = 0;
  // The tags the member used most in public posts, not featured yet.
  virtual Result<std::vector<std::string>> FeatureSuggestions(int64_t account_id, int limit) = 0;

  // Tag uses per day in `scope` by posts (not reposts) with id >= since_id.
  virtual Result<std::vector<DailyUse>> TagUses(const TrendScope& scope, int64_t since_id) = 0;
  // Link shares per day (posts with a preview card) in `scope` since since_id.
  virtual Result<std::vector<DailyUse>> LinkUses(const TrendScope& scope, int64_t since_id) = 0;
  // The `limit` posts (not reposts) in `scope` since since_id with the most
  // engagement, at least 1, most first.
  virtual Result<std::vector<ScoredPost>> TopPosts(const TrendScope& scope, int64_t since_id,
                                                   int limit) = 0;
};

}  // namespace atrium
