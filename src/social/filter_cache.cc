#include "social/filter_cache.h"

#include <algorithm>

#include "base/drop_half.h"
#include "base/word_match.h"

namespace atrium {

Result<ReaderFiltersPtr> FilterCache::Get(int64_t reader) {
  ReaderFiltersPtr found;
  uint64_t generation = 0;
  readers_.WithShard(reader, [&](Readers::Shard& shard) {
    auto it = shard.entries.find(reader);
    if (it != shard.entries.end()) found = it->second;
    generation = shard.extra.value;
  });
  if (found) return found;
  auto filters = store_.filters().List(reader);
  if (!filters.ok()) return filters.status();
  auto muted = store_.filters().MutedThreads(reader);
  if (!muted.ok()) return muted.status();
  auto entry = std::make_shared<ReaderFilters>();
  entry->filters = std::move(filters).value();
  entry->muted_threads = std::move(muted).value();
  std::sort(entry->muted_threads.begin(), entry->muted_threads.end());
  for (const FilterRecord& f : entry->filters) {
    std::vector<FoldedKeyword> folded;
    for (const FilterKeywordRecord& k : f.keywords) {
      FoldedKeyword fk;
      fk.words = FoldPhrase(k.keyword);
      for (const std::string& w : fk.words) fk.joined += (fk.joined.empty() ? "" : " ") + w;
      folded.push_back(std::move(fk));
    }
    entry->folded.push_back(std::move(folded));
    if (f.expires_at == 0)
      entry->never_expires = true;
    else
      entry->latest_expiry = std::max(entry->latest_expiry, f.expires_at);
  }
  ReaderFiltersPtr out = entry;
  readers_.WithShard(reader, [&](Readers::Shard& shard) {
    if (shard.extra.value != generation) return;  // dropped while loading
    if (!shard.entries.count(reader) && shard.entries.size() >= per_shard_) DropHalf(shard.entries);
    shard.entries[reader] = out;
  });
  return out;
}

void FilterCache::Drop(int64_t reader) {
  readers_.WithShard(reader, [&](Readers::Shard& shard) {
    shard.entries.erase(reader);
    ++shard.extra.value;
  });
}

void FilterCache::Clear() {
  readers_.ForEachShard([](Readers::Shard& shard) {
    shard.entries.clear();
    ++shard.extra.value;
  });
}

}  // namespace atrium
