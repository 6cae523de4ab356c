// AccountJsonCache: the JSON bytes of a person's Account entity, written
// once and reused for every viewer shown the same view of them. A
// notification, a follower list or a repost names people over and over;
// each is written field by field only when their profile changes.
//
// An entry is valid for one version of the person (the AccountSnapshot it
// was written from), one view (VisibilityPolicy::ProfileViewOf: the whole
// profile, or the org-chart view) and one version of the custom emoji;
// when any of them differs, the next render writes it anew. Bounded: a
// shard over its share of `capacity` drops half.
//
// Thread-safe.
#pragma once

#include <memory>
#include <string>

#include "base/sharded_map.h"
#include "social/account_cache.h"
#include "social/visibility_policy.h"

namespace atrium::api {

struct CachedAccountJson {
  AccountPtr account;  // the version written
  ProfileView view = ProfileView::kFull;
  uint64_t emoji_version = 0;  // the custom emoji's version written
  std::string json;
};
using CachedAccountJsonPtr = std::shared_ptr<const CachedAccountJson>;

class AccountJsonCache {
 public:
  explicit AccountJsonCache(size_t capacity = 100000)
      : per_shard_(capacity / Entries::kShards + 1) {}
  AccountJsonCache(const AccountJsonCache&) = delete;
  AccountJsonCache& operator=(const AccountJsonCache&) = delete;

  // The entry for exactly this version and view, or null.
  CachedAccountJsonPtr Get(const AccountPtr& account, ProfileView view, uint64_t emoji_version);
  void Put(CachedAccountJsonPtr entry);

 private:
  // One slot per view of each person.
  using Entries = ShardedMap<int64_t, CachedAccountJsonPtr, 64>;
  static int64_t KeyOf(int64_t account_id, ProfileView view) {
    return account_id * 2 + (view == ProfileView::kFull ? 0 : 1);
  }

  const size_t per_shard_;
  Entries entries_;
};

}  // namespace atrium::api
