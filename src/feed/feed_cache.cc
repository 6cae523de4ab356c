#include "feed/feed_cache.h"

#include <algorithm>

namespace atrium {

std::string HomeFeedKey(int64_t account_id) { return "home:" + std::to_string(account_id); }
std::string ListFeedKey(int64_t list_id) { return "list:" + std::to_string(list_id); }

bool FeedCache::IsWarm(const std::string& key) {
  return feeds_.WithShard(key, [&](FeedMap::Shard& shard) { return shard.entries.count(key) > 0; });
}

void FeedCache::EvictIfFullLocked(FeedMap::Shard& shard) {
  size_t per_shard = max_feeds_ / FeedMap::kShards + 1;
  if (shard.entries.size() < per_shard) return;
  // Evict the least recently read quarter of this shard.
  std::vector<std::pair<uint64_t, std::string>> ages;
  ages.reserve(shard.entries.size());
  for (const auto& [k, f] : shard.entries) ages.emplace_back(f.last_read, k);
  size_t drop = std::max<size_t>(1, ages.size() / 4);
  std::nth_element(ages.begin(), ages.begin() + static_cast<long>(drop - 1), ages.end());
  for (size_t i = 0; i < drop; ++i) shard.entries.erase(ages[i].second);
}

void FeedCache::Put(const std::string& key, std::vector<FeedEntry> entries) {
  std::sort(entries.begin(), entries.end(),
            [](const FeedEntry& a, const FeedEntry& b) { return a.id > b.id; });
  entries.erase(std::unique(entries.begin(), entries.end(),
                            [](const FeedEntry& a, const FeedEntry& b) { return a.id == b.id; }),
                entries.end());
  if (entries.size() > cap_) entries.resize(cap_);
  const uint64_t now = Tick();
  feeds_.WithShard(key, [&](FeedMap::Shard& shard) {
    if (!shard.entries.count(key)) EvictIfFullLocked(shard);
    Feed& feed = shard.entries[key];
    feed.entries.assign(entries.begin(), entries.end());
    feed.last_read = now;
    feed.version = now;
  });
}

bool FeedCache::Push(const std::string& key, const FeedEntry& entry) {
  return feeds_.WithShard(key, [&](FeedMap::Shard& shard) {
    auto it = shard.entries.find(key);
    if (it == shard.entries.end()) return false;
    auto& e = it->second.entries;
    for (const FeedEntry& have : e) {
      if (have.id == entry.id) return false;
      if (entry.reblog_of != 0 && (have.id == entry.reblog_of || have.reblog_of == entry.reblog_of))
        return false;
    }
    auto pos = std::lower_bound(e.begin(), e.end(), entry,
                                [](const FeedEntry& a, const FeedEntry& b) { return a.id > b.id; });
    e.insert(pos, entry);
    if (e.size() > cap_) e.pop_back();
    it->second.version = Tick();
    return true;
  });
}

void FeedCache::Remove(int64_t id) {
  feeds_.ForEachShard([&](FeedMap::Shard& shard) {
    for (auto& [key, feed] : shard.entries) {
      auto& e = feed.entries;
      auto end = std::remove_if(
          e.begin(), e.end(), [id](const FeedEntry& x) { return x.id == id || x.reblog_of == id; });
      if (end == e.end()) continue;
      e.erase(end, e.end());
      feed.version = Tick();
    }
  });
}

bool FeedCache::Read(const std::string& key, const PageRequest& page, std::vector<FeedEntry>* out) {
  out->clear();
  const uint64_t now = Tick();
  return feeds_.WithShard(key, [&](FeedMap::Shard& shard) {
    auto it = shard.entries.find(key);
    if (it == shard.entries.end()) return false;
    it->second.last_read = now;
    return ReadPage(it->second.entries, page, out);
  });
}

bool FeedCache::ReadPage(const std::deque<FeedEntry>& e, const PageRequest& page,
                         std::vector<FeedEntry>* out) {
  const size_t limit = static_cast<size_t>(std::max(0, page.limit));
  if (page.min_id != 0) {
    // The entries just above min_id, oldest first, then newest first.
    auto first_above = std::lower_bound(e.begin(), e.end(), page.min_id,
                                        [](const FeedEntry& a, int64_t v) { return a.id > v; });
    // first_above points at the first entry with id <= min_id; walk back.
    std::vector<FeedEntry> tmp;
    for (auto r = std::make_reverse_iterator(first_above); r != e.rend() && tmp.size() < limit;
         ++r) {
      if (page.max_id != 0 && r->id >= page.max_id) break;
      tmp.push_back(*r);
    }
    out->assign(tmp.rbegin(), tmp.rend());
    return true;
  }
  auto start = e.begin();
  if (page.max_id != 0)
    start = std::lower_bound(e.begin(), e.end(), page.max_id,
                             [](const FeedEntry& a, int64_t v) { return a.id >= v; });
  for (auto i = start; i != e.end() && out->size() < limit; ++i) {
    if (page.since_id != 0 && i->id <= page.since_id) break;
    out->push_back(*i);
  }
  return true;
}

bool FeedCache::Version(const std::string& key, uint64_t* version) {
  // A read for eviction's sake, but not counted on the shared clock: one
  // atomic increment per request, bounced between cores, was most of this.
  const uint64_t now = clock_.load(std::memory_order_relaxed);
  return feeds_.WithShard(key, [&](FeedMap::Shard& shard) {
    auto it = shard.entries.find(key);
    if (it == shard.entries.end()) return false;
    it->second.last_read = now;
    *version = it->second.version;
    return true;
  });
}

void FeedCache::Evict(const std::string& key) {
  feeds_.WithShard(key, [&](FeedMap::Shard& shard) { shard.entries.erase(key); });
}

size_t FeedCache::WarmFeeds() { return feeds_.Size(); }

}  // namespace atrium
