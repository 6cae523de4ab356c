#include "social/viewer_state_cache.h"

#include "base/clock.h"
#include "base/drop_half.h"
#include "base/id.h"

namespace atrium {

Result<ViewerStateCache::StateMap> ViewerStateCache::Get(int64_t reader,
                                                         const std::vector<int64_t>& status_ids) {
  StateMap out;
  std::vector<int64_t> missing;
  uint64_t generation = 0;
  const int64_t now = NowMillis();
  readers_.WithShard(reader, [&](Readers::Shard& shard) {
    auto it = shard.entries.find(reader);
    for (int64_t id : status_ids) {
      if (it != shard.entries.end()) {
        Reader& r = it->second;
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
    generation = shard.extra.value;
  });
  if (missing.empty()) return out;
  auto loaded = store_.statuses().ViewerState(reader, missing);
  if (!loaded.ok()) return loaded.status();
  readers_.WithShard(reader, [&](Readers::Shard& shard) {
    const bool keep = shard.extra.value == generation;
    if (keep && !shard.entries.count(reader) && shard.entries.size() >= per_shard_)
      DropHalf(shard.entries);
    StateMap* entry = nullptr;
    if (keep) {
      Reader& r = shard.entries[reader];
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
  });
  return out;
}

uint64_t ViewerStateCache::Stamp(int64_t reader) {
  return readers_.WithShard(reader, [reader](Readers::Shard& shard) -> uint64_t {
    auto it = shard.entries.find(reader);
    return it == shard.entries.end() ? 0 : it->second.stamp;
  });
}

uint64_t ViewerStateCache::Ticket(int64_t reader) {
  return readers_.WithShard(reader, [](Readers::Shard& shard) { return shard.extra.value; });
}

void ViewerStateCache::NewPostWritten(int64_t reader, int64_t status_id, uint64_t ticket) {
  readers_.WithShard(reader, [&](Readers::Shard& shard) {
    if (shard.extra.value != ticket) return;
    // Only into an entry that exists: a new one would need its stamp and the
    // time its marks were read (Get makes those).
    auto it = shard.entries.find(reader);
    if (it == shard.entries.end()) return;
    StateMap& marks = it->second.marks;
    if (marks.size() >= per_reader_) marks.clear();
    marks[status_id] = StatusViewerState{};
  });
}

void ViewerStateCache::Drop(int64_t reader) {
  readers_.WithShard(reader, [reader](Readers::Shard& shard) {
    shard.entries.erase(reader);
    ++shard.extra.value;
  });
}

void ViewerStateCache::Clear() {
  readers_.ForEachShard([](Readers::Shard& shard) {
    shard.entries.clear();
    ++shard.extra.value;
  });
}

}  // namespace atrium
