// StatusJsonCache: the JSON bytes of posts, written once and reused for
// every viewer. A cached entry holds the parts of a Status entity that are
// the same for everyone; the renderer adds what differs per viewer (the
// quote, which depends on what the viewer may see, and the viewer's own
// likes, reposts, bookmarks and pins).
//
// An entry is valid for one version of the post (the StatusRecord snapshot
// it was written from), one version of its author (the AccountSnapshot)
// and one version of the custom emoji (CustomEmojiCatalog::version): when
// any of them is replaced, the next render writes the entry anew. Bounded: a shard over its share
// of `capacity` drops half.
//
// Thread-safe.
#pragma once

#include <memory>
#include <string>

#include "base/sharded_map.h"
#include "social/account_cache.h"
#include "social/status_cache.h"

namespace atrium::api {

struct StatusJson {
  StatusPtr record;            // the version written
  AccountPtr author;           // the author version written
  uint64_t emoji_version = 0;  // the custom emoji's version written
  std::string head;            // members before "quote"
  std::string tail;            // members after "quote", before the viewer's state
};
using StatusJsonPtr = std::shared_ptr<const StatusJson>;

class StatusJsonCache {
 public:
  explicit StatusJsonCache(size_t capacity = 200000)
      : per_shard_(capacity / Entries::kShards + 1) {}
  StatusJsonCache(const StatusJsonCache&) = delete;
  StatusJsonCache& operator=(const StatusJsonCache&) = delete;

  // The entry for exactly these versions, or null.
  StatusJsonPtr Get(const StatusPtr& record, const AccountPtr& author, uint64_t emoji_version);
  void Put(StatusJsonPtr entry);

 private:
  using Entries = ShardedMap<int64_t, StatusJsonPtr, 64>;

  const size_t per_shard_;
  Entries entries_;
};

}  // namespace atrium::api
