// HomePageCache: each reader's first home page, as the bytes last sent,
// served again while nothing it was made from has changed.
//
// Most reads of a home stream are a client opening or refreshing the first
// page; between two of them the page usually stays the same. A cached page
// remembers what it was made from, and is served only while all of it is
// unchanged:
//   - the reader's feed (its version, FeedCache::Version: every push,
//     removal or rebuild changes it);
//   - the reader's graph and the communities snapshot (follows, mutes,
//     blocks, memberships, community types and names: both are immutable
//     snapshots, replaced on change, so pointer equality says "unchanged");
//   - the reader's own marks (ViewerStateCache::Stamp);
//   - the custom emoji (CustomEmojiService::Catalog, a snapshot replaced on
//     change: pointer equality again);
//   - every post looked at — shown or left out by the visibility policy,
//     originals and quotes included — and every account snapshot written
//     (StatusCache and AccountCache: unchanged while neither cache counted a
//     change since, or, when they did, while each still holds that very
//     snapshot);
//   - and no longer than the account snapshots' time to live.
// Whatever changes any of these goes through the caches' invalidation
// first, on this node and (by the invalidation bus) on every other, so a
// cached page is never older than what a fresh rendering would show.
//
// Only first pages are kept (no parameter but `limit`, and the query string
// is part of the key), only of unfiltered home streams, and only with feeds that
// keep versions (the in-process feeds; not Redis). A page that quotes a post
// the reader may not see is not kept. Bounded by bytes: a shard over its
// share drops half its pages.
//
// Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/sharded_map.h"
#include "social/custom_emoji_service.h"
#include "social/social_core.h"

namespace atrium::api {

// What a home page was made from, read before making it.
struct HomePageInputs {
  uint64_t feed_version = 0;
  uint64_t marks_stamp = 0;      // 0: the reader had no marks entry (never valid)
  uint64_t status_changes = 0;   // StatusCache::Changes()
  uint64_t account_changes = 0;  // AccountCache::Changes()
  std::shared_ptr<const GraphEntry> graph;
  std::shared_ptr<const CommunityIndex> communities;
  // The custom emoji (an immutable snapshot, replaced on change), or null.
  std::shared_ptr<const CustomEmojiCatalog> emojis;
};

struct CachedHomePage {
  std::string query;  // the request's query string (only `limit`, or nothing)
  std::shared_ptr<const std::string> body;
  std::string link;  // the Link header, or ""
  HomePageInputs inputs;
  std::vector<StatusPtr> posts;
  std::vector<AccountPtr> accounts;
  int64_t expires_at = 0;  // ms: the oldest account snapshot's end of life
  // The change counts last found to leave the page valid (updated when a
  // check of every snapshot passes, so the next check is quick again).
  mutable std::atomic<uint64_t> checked_status_changes{0};
  mutable std::atomic<uint64_t> checked_account_changes{0};
};
using CachedHomePagePtr = std::shared_ptr<const CachedHomePage>;

class HomePageCache {
 public:
  // `max_bytes` bounds the bodies kept; 0 keeps nothing.
  HomePageCache(SocialCore& social, size_t max_bytes);
  HomePageCache(const HomePageCache&) = delete;
  HomePageCache& operator=(const HomePageCache&) = delete;

  bool enabled() const { return max_bytes_ > 0; }
  // The custom emoji pages are made with (none: not an input); outlives this.
  void UseCustomEmojis(CustomEmojiService* emojis) { emojis_ = emojis; }
  // The inputs of `viewer`'s home page as they are now; false if the feed
  // keeps no version (cold, or not the in-process feeds).
  bool ReadInputs(const Viewer& viewer, HomePageInputs* out);
  // The reader's page (one is kept per reader) for this query string if it
  // is still what a rendering would give with `now` (from ReadInputs), or
  // null.
  CachedHomePagePtr Find(int64_t reader, const std::string& query, const HomePageInputs& now);
  void Put(int64_t reader, std::shared_ptr<CachedHomePage> page);

  size_t BytesForTest();

 private:
  bool StillValid(const CachedHomePage& page, const HomePageInputs& now);

  CustomEmojiService* emojis_ = nullptr;

  struct ShardBytes {
    size_t value = 0;  // the sizes of the shard's page bodies
  };
  using Pages = ShardedMap<int64_t, CachedHomePagePtr, 16, ShardBytes>;  // by reader: one each

  SocialCore& social_;
  const size_t max_bytes_;
  Pages pages_;
};

}  // namespace atrium::api
