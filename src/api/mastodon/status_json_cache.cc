#include "api/mastodon/status_json_cache.h"

#include "base/drop_half.h"

namespace atrium::api {

StatusJsonPtr StatusJsonCache::Get(const StatusPtr& record, const AccountPtr& author) {
  Shard& shard = ShardOf(record->id);
  std::lock_guard lock(shard.mu);
  auto it = shard.entries.find(record->id);
  if (it == shard.entries.end()) return nullptr;
  if (it->second->record != record || it->second->author != author) return nullptr;
  return it->second;
}

void StatusJsonCache::Put(StatusJsonPtr entry) {
  Shard& shard = ShardOf(entry->record->id);
  std::lock_guard lock(shard.mu);
  if (shard.entries.size() >= per_shard_) {
    DropHalf(shard.entries);
  }
  shard.entries[entry->record->id] = std::move(entry);
}

}  // namespace atrium::api
