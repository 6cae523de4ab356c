// PushStore: what Atrium keeps to send Web Push — each sign-in's push
// subscription (one per access token or browser session, as Mastodon) and
// the deliveries waiting to go. A delivery is written by the store in the
// same transaction as the notification it is about (for each subscription
// of the recipient whose alerts name the notification's type and whose
// policy is not "none"), so none is lost to a crash. Every method is one
// transaction; safe for concurrent use, on one node or many.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "store/social_records.h"

namespace atrium {

// Whose subscription: an access token's, else a browser session's (named
// by its token's hash, as the session is found).
struct PushOwner {
  int64_t token_id = 0;
  std::string session_token_hash;
};

struct PushSubscriptionRecord {
  int64_t id = 0;
  int64_t account_id = 0;
  std::string endpoint;
  std::string p256dh;               // the browser's public key, as it sent it
  std::string auth;                 // the browser's auth secret, as it sent it
  std::vector<std::string> alerts;  // notification types to push, sorted
  std::string policy = "all";       // all, followed, follower or none
  int64_t created_at = 0;
};

enum class PushJobState { kQueued = 0, kSent = 1, kFailed = 2, kDropped = 3 };

// One notification to push to one subscription.
struct PushJobRecord {
  int64_t id = 0;
  int64_t subscription_id = 0;
  int64_t notification_id = 0;
  int64_t attempts = 0;  // attempts begun, this one included
  int64_t created_at = 0;
};

class PushStore {
 public:
  virtual ~PushStore() = default;

  // Makes `subscription` the owner's one subscription (any earlier one is
  // deleted with its deliveries). 404 for a session that no longer exists.
  virtual Status Replace(const PushOwner& owner, const PushSubscriptionRecord& subscription) = 0;
  // The owner's subscription; 404 when there is none.
  virtual Result<PushSubscriptionRecord> Get(const PushOwner& owner) = 0;
  // Changes the owner's subscription's alerts and policy; the subscription
  // after the change, 404 when there is none.
  virtual Result<PushSubscriptionRecord> Update(const PushOwner& owner,
                                                const std::vector<std::string>& alerts,
                                                const std::string& policy) = 0;
  // Deletes the owner's subscription (none: nothing to do).
  virtual Status Delete(const PushOwner& owner) = 0;
  // A subscription by id; 404 when it is gone.
  virtual Result<PushSubscriptionRecord> Find(int64_t id) = 0;
  // Deletes a subscription by id (the push service said it is gone).
  virtual Status Remove(int64_t id) = 0;

  // Takes the queued delivery due soonest that no live lease holds, leased
  // to `owner` until `lease_until` (store/sql/leased_queue.h).
  virtual Result<std::optional<PushJobRecord>> Claim(std::string_view owner, int64_t now,
                                                     int64_t lease_until) = 0;
  // Ends a delivery `owner` holds: sent or dropped. 404 if the lease was lost.
  virtual Status Finish(int64_t id, std::string_view owner, PushJobState state, int64_t now) = 0;
  // A failed attempt: queued again for `next_attempt_at`, or failed for
  // good with `give_up`. 404 if the lease was lost.
  virtual Status Retry(int64_t id, std::string_view owner, std::string_view error, int64_t now,
                       int64_t next_attempt_at, bool give_up) = 0;
  // Deliveries not sent yet (retrying included) and the oldest one's
  // created_at.
  virtual Result<QueueBacklog> Backlog() = 0;
  // Deletes at most `limit` deliveries that ended before `before`; how many.
  virtual Result<int64_t> Prune(int64_t before, int limit) = 0;
};

}  // namespace atrium
