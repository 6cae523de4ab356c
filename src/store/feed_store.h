// FeedStore: the external blogs members connect (RSS or Atom feeds), what
// was last read from each, and every entry ever seen, so that no entry
// becomes a post twice — across restarts and on several nodes.
//
// A feed is read by the background worker: ClaimDue takes the due feed no
// live claim holds (one write transaction, one node), the worker reads it,
// then Polled records the outcome and the next time, freeing the claim.
// Every method is one transaction; safe for concurrent use.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/social_records.h"

namespace atrium {

struct FeedSubscriptionRecord {
  int64_t id = 0;
  int64_t account_id = 0;
  std::string url;
  Visibility visibility = Visibility::kPublic;  // of the posts made from it
  std::string title;                            // the feed's, once read
  std::string etag;                             // validators of the last 200 answer
  std::string last_modified;
  bool primed = false;  // read once (entries older than that were not posted)
  int failures = 0;     // errors in a row
  std::string last_error;
  int64_t last_polled_at = 0;
  int64_t next_poll_at = 0;
  int64_t created_at = 0;
};

class FeedStore {
 public:
  virtual ~FeedStore() = default;
  // Inserts `feed` (id set). kConflict if the member already connected that URL.
  virtual Status Create(const FeedSubscriptionRecord& feed) = 0;
  // The member's feeds, oldest first.
  virtual Result<std::vector<FeedSubscriptionRecord>> List(int64_t account_id) = 0;
  // The member's feed `id`; kNotFound if none (or another's).
  virtual Result<FeedSubscriptionRecord> Get(int64_t account_id, int64_t id) = 0;
  // Removes the member's feed `id` and what was seen of it; kNotFound if none.
  virtual Status Delete(int64_t account_id, int64_t id) = 0;
  // Claims the feed due soonest (next_poll_at <= now, no claim past now)
  // until `until`; nullopt when none is due.
  virtual Result<std::optional<FeedSubscriptionRecord>> ClaimDue(int64_t now, int64_t until) = 0;
  // Records a reading of `feed` (its title, etag, last_modified, primed,
  // failures, last_error, last_polled_at and next_poll_at as given) and
  // frees its claim. kNotFound if it was removed meanwhile.
  virtual Status Polled(const FeedSubscriptionRecord& feed) = 0;
  // Records that entry `key` of feed `subscription_id` was seen: true the
  // first time, false ever after.
  virtual Result<bool> MarkSeen(int64_t subscription_id, const std::string& key, int64_t now) = 0;
  // Names the post made of entry `key`.
  virtual Status SetEntryStatus(int64_t subscription_id, const std::string& key,
                                int64_t status_id) = 0;
  // Feeds waiting to be read (next_poll_at <= now), and the earliest such
  // next_poll_at (0: none).
  virtual Result<std::pair<int64_t, int64_t>> DueStats(int64_t now) = 0;
};

}  // namespace atrium
