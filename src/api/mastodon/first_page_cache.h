// FirstPageCache: each reader's first page of one list (the home stream;
// the notifications, the likes or bookmarks, and the streams read by post
// id, in three more instances), as the bytes last sent, served again while
// nothing it was made from has changed.
//
// Most reads of a home stream or of notifications are a client opening or
// refreshing the first page; between two of them the page usually stays the
// same. A cached page remembers what it was made from, and is served only
// while all of it is unchanged:
//   - what the list was read from: for the home stream the reader's feed
//     (its version, FeedCache::Version: every push, removal or rebuild
//     changes it); for notifications the ids of the rows read, which the
//     caller checks against the store (NotificationService::Unchanged)
//     after Find; for a person's posts, a community's and a tag's the
//     same (TimelineService::AccountUnchanged and the others, StreamPage);
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
// is part of the key), only of unfiltered lists, and for the home stream
// only with feeds that keep versions (the in-process feeds; not Redis). A page that quotes a post
// the reader may not see is not kept. Bounded by bytes: a shard over its
// share drops half its pages.
//
// Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "api/context.h"
#include "base/metrics.h"
#include "base/sharded_map.h"
#include "http/message.h"
#include "social/custom_emoji_service.h"
#include "social/social_core.h"
#include "social/timeline_service.h"

namespace atrium::api {

// What a home page was made from, read before making it.
struct FirstPageInputs {
  uint64_t feed_version = 0;     // the home stream's; 0 for other lists
  uint64_t marks_stamp = 0;      // 0: the reader had no marks entry (never valid)
  uint64_t status_changes = 0;   // StatusCache::Changes()
  uint64_t account_changes = 0;  // AccountCache::Changes()
  std::shared_ptr<const GraphEntry> graph;
  std::shared_ptr<const CommunityIndex> communities;
  // The custom emoji (an immutable snapshot, replaced on change), or null.
  std::shared_ptr<const CustomEmojiCatalog> emojis;
};

struct CachedFirstPage {
  std::string query;  // the request's query string (only `limit`, or nothing)
  std::shared_ptr<const std::string> body;
  std::string link;  // the Link header, or ""
  FirstPageInputs inputs;
  std::vector<StatusPtr> posts;
  std::vector<AccountPtr> accounts;
  // For lists read from the store: the ids of the rows read, newest first,
  // and whether the rows ended there (the caller checks them).
  std::vector<int64_t> source_ids;
  bool source_ended = false;
  int64_t expires_at = 0;  // ms: the oldest account snapshot's end of life
  // The change counts last found to leave the page valid (updated when a
  // check of every snapshot passes, so the next check is quick again).
  mutable std::atomic<uint64_t> checked_status_changes{0};
  mutable std::atomic<uint64_t> checked_account_changes{0};
};
using CachedFirstPagePtr = std::shared_ptr<const CachedFirstPage>;

class FirstPageCache {
 public:
  // `max_bytes` bounds the bodies kept; 0 keeps nothing. `name` names the
  // cache in the metrics (home_page, notification_page).
  FirstPageCache(SocialCore& social, size_t max_bytes, const char* name);
  FirstPageCache(const FirstPageCache&) = delete;
  FirstPageCache& operator=(const FirstPageCache&) = delete;

  bool enabled() const { return max_bytes_ > 0; }
  // The custom emoji pages are made with (none: not an input); outlives this.
  void UseCustomEmojis(CustomEmojiService* emojis) { emojis_ = emojis; }
  // The inputs of `viewer`'s home page as they are now; false if the feed
  // keeps no version (cold, or not the in-process feeds).
  bool ReadInputs(const Viewer& viewer, FirstPageInputs* out);
  // The same without a feed (feed_version 0), for a list the caller checks
  // itself; false when the cache is off.
  bool ReadSharedInputs(const Viewer& viewer, FirstPageInputs* out);
  // The reader's page (one is kept per reader) for this query string if it
  // is still what a rendering would give with `now` (from ReadInputs), or
  // null.
  CachedFirstPagePtr Find(int64_t reader, const std::string& query, const FirstPageInputs& now);
  void Put(int64_t reader, std::shared_ptr<CachedFirstPage> page);

  size_t BytesForTest();

 private:
  bool StillValid(const CachedFirstPage& page, const FirstPageInputs& now);

  CustomEmojiService* emojis_ = nullptr;
  const Metrics::CacheCounters counters_;

  struct ShardBytes {
    size_t value = 0;  // the sizes of the shard's page bodies
  };
  using Pages = ShardedMap<int64_t, CachedFirstPagePtr, 16, ShardBytes>;  // by reader: one each

  SocialCore& social_;
  const size_t max_bytes_;
  Pages pages_;
};

// A kept page as the response: its bytes (shared, not copied) and its Link
// header.
http::Response CachedResponse(const CachedFirstPage& page);
// A page to keep from the response just made (its shared body and Link
// header), answering `query`, made from `inputs`; the caller adds the posts
// and people it depends on, then puts it.
std::shared_ptr<CachedFirstPage> PageOf(const http::Response& response, std::string query,
                                        FirstPageInputs inputs);

// May this request be answered from, and kept in, a FirstPageCache? Only a
// first page of the unfiltered list (no parameter but `limit`), for a reader
// whose own filters and muted threads change nothing.
bool CacheableFirstPage(ApiContext& ctx, const http::Request& req, int64_t reader);

// A stream read from the store by post id (a person's posts, a community's,
// a tag's): `read` reads the page asked for (TimelineService::Account,
// Community, Tag); `unchanged` says whether the ids a first page was read
// from are still its source's newest (TimelineService::AccountUnchanged,
// CommunityUnchanged, TagUnchanged). A first page is answered from the
// reader's kept page (ctx.stream_pages, keyed by path and query) while
// `unchanged` holds and nothing else it was made from changed, and kept
// when made anew. The caller checks first that the reader may read the
// stream at all.
using StreamRead = std::function<Result<PostPage>()>;
using StreamUnchanged = std::function<Result<bool>(const std::vector<int64_t>& ids, bool ended)>;
http::Response StreamPage(ApiContext& ctx, const http::Request& req, const Viewer& viewer,
                          FilterContext filters, const StreamRead& read,
                          const StreamUnchanged& unchanged);

}  // namespace atrium::api
