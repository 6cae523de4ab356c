#include "social/status_cache.h"

#include "base/drop_half.h"
#include "base/metrics.h"

namespace atrium {

uint64_t StatusCache::GenerationOf(int64_t id) {
  return entries_.WithShard(id, [](Entries::Shard& shard) { return shard.extra.value; });
}

namespace {

// The cache's lookups and evictions in the process's metrics.
const Metrics::CacheCounters& Counters() {
  static const Metrics::CacheCounters counters = Metrics::Get().Cache("status");
  return counters;
}

}  // namespace

void StatusCache::Insert(const StatusPtr& status, uint64_t generation) {
  entries_.WithShard(status->id, [&](Entries::Shard& shard) {
    if (shard.extra.value != generation) return;  // raced with an invalidation
    if (shard.entries.size() >= per_shard_) {
      const size_t before = shard.entries.size();
      DropHalf(shard.entries);
      Counters().evictions.Increment(static_cast<double>(before - shard.entries.size()));
    }
    auto [it, added] = shard.entries.try_emplace(status->id, status);
    if (!added && it->second != status) {
      it->second = status;
      changes_.fetch_add(1, std::memory_order_acq_rel);
    }
  });
}

StatusPtr StatusCache::Peek(int64_t id) {
  return entries_.WithShard(id, [id](Entries::Shard& shard) -> StatusPtr {
    auto it = shard.entries.find(id);
    return it == shard.entries.end() ? nullptr : it->second;
  });
}

Result<StatusPtr> StatusCache::Get(int64_t id) {
  uint64_t generation = 0;
  StatusPtr cached = entries_.WithShard(id, [&](Entries::Shard& shard) -> StatusPtr {
    auto it = shard.entries.find(id);
    if (it != shard.entries.end()) return it->second;
    generation = shard.extra.value;
    return nullptr;
  });
  if (cached) {
    Counters().hits.Increment();
    return cached;
  }
  Counters().misses.Increment();
  auto loaded = store_.statuses().Get(id);
  if (!loaded.ok()) return loaded.status();
  auto ptr = std::make_shared<const StatusRecord>(std::move(loaded).value());
  Insert(ptr, generation);
  return ptr;
}

Result<std::vector<StatusPtr>> StatusCache::GetMany(const std::vector<int64_t>& ids) {
  std::vector<StatusPtr> out(ids.size());
  std::vector<int64_t> misses;
  std::unordered_map<int64_t, uint64_t> generations;
  for (size_t i = 0; i < ids.size(); ++i) {
    entries_.WithShard(ids[i], [&](Entries::Shard& shard) {
      auto it = shard.entries.find(ids[i]);
      if (it != shard.entries.end()) {
        out[i] = it->second;
      } else {
        misses.push_back(ids[i]);
        generations[ids[i]] = shard.extra.value;
      }
    });
  }
  Counters().hits.Increment(static_cast<double>(ids.size() - misses.size()));
  if (!misses.empty()) {
    Counters().misses.Increment(static_cast<double>(misses.size()));
    auto loaded = store_.statuses().GetMany(misses);
    if (!loaded.ok()) return loaded.status();
    std::unordered_map<int64_t, StatusPtr> by_id;
    for (auto& s : *loaded) {
      auto ptr = std::make_shared<const StatusRecord>(std::move(s));
      Insert(ptr, generations[ptr->id]);
      by_id[ptr->id] = ptr;
    }
    for (size_t i = 0; i < ids.size(); ++i)
      if (!out[i]) {
        auto it = by_id.find(ids[i]);
        if (it != by_id.end()) out[i] = it->second;
      }
  }
  std::vector<StatusPtr> present;
  present.reserve(out.size());
  for (auto& p : out)
    if (p) present.push_back(std::move(p));
  return present;
}

void StatusCache::Put(StatusRecord status) {
  auto ptr = std::make_shared<const StatusRecord>(std::move(status));
  Insert(ptr, GenerationOf(ptr->id));
}

void StatusCache::Drop(int64_t id) {
  entries_.WithShard(id, [&](Entries::Shard& shard) {
    shard.entries.erase(id);
    ++shard.extra.value;
    changes_.fetch_add(1, std::memory_order_acq_rel);
  });
}

void StatusCache::Clear() {
  entries_.ForEachShard([](Entries::Shard& shard) {
    shard.entries.clear();
    ++shard.extra.value;
  });
  changes_.fetch_add(1, std::memory_order_acq_rel);
}

}  // namespace atrium
