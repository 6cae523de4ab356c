#include "api/mastodon/status_json_cache.h"

#include "base/drop_half.h"

namespace atrium::api {

StatusJsonPtr StatusJsonCache::Get(const StatusPtr& record, const AccountPtr& author,
                                   uint64_t emoji_version) {
  return entries_.WithShard(record->id, [&](Entries::Shard& shard) -> StatusJsonPtr {
    auto it = shard.entries.find(record->id);
    if (it == shard.entries.end()) return nullptr;
    if (it->second->record != record || it->second->author != author ||
        it->second->emoji_version != emoji_version)
      return nullptr;
    return it->second;
  });
}

void StatusJsonCache::Put(StatusJsonPtr entry) {
  const int64_t id = entry->record->id;
  entries_.WithShard(id, [&](Entries::Shard& shard) {
    if (shard.entries.size() >= per_shard_) {
      DropHalf(shard.entries);
    }
    shard.entries[id] = std::move(entry);
  });
}

}  // namespace atrium::api
