#include "api/mastodon/account_json_cache.h"

#include "base/drop_half.h"

namespace atrium::api {

CachedAccountJsonPtr AccountJsonCache::Get(const AccountPtr& account, ProfileView view,
                                           uint64_t emoji_version) {
  const int64_t key = KeyOf(account->account.id, view);
  return entries_.WithShard(key, [&](Entries::Shard& shard) -> CachedAccountJsonPtr {
    auto it = shard.entries.find(key);
    if (it == shard.entries.end()) return nullptr;
    if (it->second->account != account || it->second->view != view ||
        it->second->emoji_version != emoji_version)
      return nullptr;
    return it->second;
  });
}

void AccountJsonCache::Put(CachedAccountJsonPtr entry) {
  const int64_t key = KeyOf(entry->account->account.id, entry->view);
  entries_.WithShard(key, [&](Entries::Shard& shard) {
    if (shard.entries.size() >= per_shard_) DropHalf(shard.entries);
    shard.entries[key] = std::move(entry);
  });
}

}  // namespace atrium::api
