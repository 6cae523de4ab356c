#include "social/viewer_state_cache.h"

#include "base/clock.h"
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
  const int64_t now = NowMillis();
  {
    std::lock_guard lock(shard.mu);
    auto it = shard.readers.find(reader);
    for (int64_t id : status_ids) {
      if (it != shard.readers.end()) {
        Shard::Reader& r = it->second;
        auto known = r.marks.find(id);
        if (known != r.marks.end()) {
          out[id] = known->second;
          continue;
        }
        // Made after the entry's marks were read, by any node's clock.
        if (IdGenerator::MillisOf(id) > r.as_of_ms + clock_skew_ms_) {
          out[id] = StatusViewerState{};
          if (r.marks.size() < per_reader_) r.marks[id] = StatusViewerState{};
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
  StateMap* entry = nullptr;
  if (keep) {
    Shard::Reader& r = shard.readers[reader];
    if (r.stamp == 0) {
      r.stamp = ++next_stamp_;
      r.as_of_ms = now;  // before the store was read, and no drop since
    }
    entry = &r.marks;
  }
  if (entry && entry->size() + missing.size() > per_reader_) entry->clear();
  for (int64_t id : missing) {
    const StatusViewerState st = (*loaded)[id];
    out[id] = st;
    if (entry) (*entry)[id] = st;
  }
  return out;
}

uint64_t ViewerStateCache::Stamp(int64_t reader) {
  Shard& shard = ShardOf(reader);
  std::lock_guard lock(shard.mu);
  auto it = shard.readers.find(reader);
  return it == shard.readers.end() ? 0 : it->second.stamp;
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
  // Only into an entry that exists: a new one would need its stamp and the
  // time its marks were read (Get makes those).
  auto it = shard.readers.find(reader);
  if (it == shard.readers.end()) return;
  StateMap& marks = it->second.marks;
  if (marks.size() >= per_reader_) marks.clear();
  marks[status_id] = StatusViewerState{};
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
