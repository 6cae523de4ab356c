#include "social/viewer_state_cache.h"

#include "base/drop_half.h"
#include "base/id.h"

namespace atrium {

ViewerStateCache::Shard& ViewerStateCache::ShardOf(int64_t reader) {
  return shards_[IdShard(reader, kShards)];
}

Result<ViewerStateCache::StateMap> ViewerStateCache::Get(int64_t reader,
                                                         const std::vector<int64_t>& status_ids) {
  StateMap out;
  std::vector<int64_t> missing;
  Shard& shard = ShardOf(reader);
  uint64_t generation;
  {
    std::lock_guard lock(shard.mu);
    auto it = shard.readers.find(reader);
    for (int64_t id : status_ids) {
      if (it != shard.readers.end()) {
        auto known = it->second.find(id);
        if (known != it->second.end()) {
          out[id] = known->second;
          continue;
        }
      }
      if (!out.count(id)) missing.push_back(id);
    }
    generation = shard.generation;
  }
  if (missing.empty()) return out;
  auto loaded = store_.statuses().ViewerState(reader, missing);
  if (!loaded.ok()) return loaded.status();
  std::lock_guard lock(shard.mu);
  const bool keep = shard.generation == generation;
  if (keep && !shard.readers.count(reader) && shard.readers.size() >= per_shard_)
    DropHalf(shard.readers);
  StateMap* entry = keep ? &shard.readers[reader] : nullptr;
  if (entry && entry->size() + missing.size() > per_reader_) entry->clear();
  for (int64_t id : missing) {
    const StatusViewerState st = (*loaded)[id];
    out[id] = st;
    if (entry) (*entry)[id] = st;
  }
  return out;
}

uint64_t ViewerStateCache::Ticket(int64_t reader) {
  Shard& shard = ShardOf(reader);
  std::lock_guard lock(shard.mu);
  return shard.generation;
}

void ViewerStateCache::NewPostWritten(int64_t reader, int64_t status_id, uint64_t ticket) {
  Shard& shard = ShardOf(reader);
  std::lock_guard lock(shard.mu);
  if (shard.generation != ticket) return;
  if (!shard.readers.count(reader) && shard.readers.size() >= per_shard_) DropHalf(shard.readers);
  StateMap& entry = shard.readers[reader];
  if (entry.size() >= per_reader_) entry.clear();
  entry[status_id] = StatusViewerState{};
}

void ViewerStateCache::Drop(int64_t reader) {
  Shard& shard = ShardOf(reader);
  std::lock_guard lock(shard.mu);
  shard.readers.erase(reader);
  ++shard.generation;
}

void ViewerStateCache::Clear() {
  for (Shard& shard : shards_) {
    std::lock_guard lock(shard.mu);
    shard.readers.clear();
    ++shard.generation;
  }
}

}  // namespace atrium
