#include "social/account_cache.h"

#include <algorithm>

#include "base/clock.h"
#include "base/drop_half.h"
#include "base/metrics.h"

namespace atrium {

Result<AccountPtr> AccountCache::Load(int64_t id) {
  auto a = store_.accounts().Get(id);
  if (!a.ok()) return a.status();
  auto snap = std::make_shared<AccountSnapshot>();
  snap->account = std::move(a).value();
  snap->loaded_at = NowMillis();
  auto counts = store_.relationships().Counts(id);
  if (!counts.ok()) return counts.status();
  snap->followers_count = counts->followers;
  snap->following_count = counts->following;
  auto stats = store_.statuses().Stats(id);
  if (!stats.ok()) return stats.status();
  snap->statuses_count = stats->statuses_count;
  snap->last_status_at = stats->last_status_at;
  auto fields = store_.directory().Fields(id);
  if (!fields.ok()) return fields.status();
  snap->fields = std::move(fields).value();
  return AccountPtr(std::move(snap));
}

namespace {

// The cache's lookups and evictions in the process's metrics.
const Metrics::CacheCounters& Counters() {
  static const Metrics::CacheCounters counters = Metrics::Get().Cache("account");
  return counters;
}

}  // namespace

Result<AccountPtr> AccountCache::Get(int64_t id) {
  uint64_t generation = 0;
  AccountPtr cached = entries_.WithShard(id, [&](Entries::Shard& shard) -> AccountPtr {
    auto it = shard.entries.find(id);
    if (it != shard.entries.end() && NowMillis() - it->second->loaded_at < ttl_ms_)
      return it->second;
    generation = shard.extra.value;
    return nullptr;
  });
  if (cached) {
    Counters().hits.Increment();
    return cached;
  }
  Counters().misses.Increment();
  auto loaded = Load(id);
  if (!loaded.ok()) return loaded;
  entries_.WithShard(id, [&](Entries::Shard& shard) {
    if (shard.extra.value != generation) return;
    if (shard.entries.size() >= per_shard_) {
      const size_t before = shard.entries.size();
      DropHalf(shard.entries);
      Counters().evictions.Increment(static_cast<double>(before - shard.entries.size()));
    }
    shard.entries[id] = *loaded;
  });
  return loaded;
}

Result<std::unordered_map<int64_t, AccountPtr>> AccountCache::GetMany(
    const std::vector<int64_t>& ids) {
  std::unordered_map<int64_t, AccountPtr> out;
  for (int64_t id : ids) {
    if (out.count(id)) continue;
    auto a = Get(id);
    if (a.ok()) {
      out[id] = *a;
    } else if (a.status().code() != Code::kNotFound) {
      return a.status();
    }
  }
  return out;
}

AccountPtr AccountCache::Peek(int64_t id) {
  return entries_.WithShard(id, [&](Entries::Shard& shard) -> AccountPtr {
    auto it = shard.entries.find(id);
    if (it == shard.entries.end() || NowMillis() - it->second->loaded_at >= ttl_ms_) return nullptr;
    return it->second;
  });
}

AccountPtr AccountCache::Cached(int64_t id) {
  return entries_.WithShard(id, [id](Entries::Shard& shard) -> AccountPtr {
    auto it = shard.entries.find(id);
    return it == shard.entries.end() ? nullptr : it->second;
  });
}

void AccountCache::PostCounted(const AccountPtr& before, const StatusRecord& s, int delta) {
  if (!CountsOnAuthor(s)) return;  // the store changed nothing of the author's
  const int64_t id = s.account_id;
  // The store's rule (ApplyCounters in the status stores), on a copy made
  // outside the lock; it keeps loaded_at, so it expires when `before` would.
  std::shared_ptr<AccountSnapshot> counted;
  if (before && before->account.id == id) {
    counted = std::make_shared<AccountSnapshot>(*before);
    counted->statuses_count = std::max<int64_t>(counted->statuses_count + delta, 0);
    if (delta > 0) counted->last_status_at = std::max(counted->last_status_at, s.created_at);
  }
  entries_.WithShard(id, [&](Entries::Shard& shard) {
    ++shard.extra.value;  // a load that began before the write must not land
    auto it = shard.entries.find(id);
    if (it != shard.entries.end()) {
      if (counted && it->second == before) {
        it->second = std::move(counted);
      } else {
        shard.entries.erase(it);
      }
    }
    // Counted even when not cached: a page may hold the old snapshot.
    changes_.fetch_add(1, std::memory_order_acq_rel);
  });
  if (on_invalidate_) on_invalidate_(id);
}

void AccountCache::Drop(int64_t id) {
  entries_.WithShard(id, [&](Entries::Shard& shard) {
    shard.entries.erase(id);
    ++shard.extra.value;
    changes_.fetch_add(1, std::memory_order_acq_rel);
  });
}

void AccountCache::Clear() {
  entries_.ForEachShard([](Entries::Shard& shard) {
    shard.entries.clear();
    ++shard.extra.value;
  });
  changes_.fetch_add(1, std::memory_order_acq_rel);
}

}  // namespace atrium
