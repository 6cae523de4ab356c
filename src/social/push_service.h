// PushService: Web Push (RFC 8030) of members' notifications to their
// phones and browsers, in the shape Mastodon apps use.
//
// Subscriptions. Each access token (an app) or browser session has at most
// one subscription: the push service's endpoint, the browser's keys, which
// notification types to push (alerts) and from whom (policy: all,
// followed, follower, none). Subscribing again replaces it; it goes with
// the token or session.
//
// Keys. The installation's VAPID key pair (RFC 8292) is made by the first
// node that needs it and kept in the store (every node reads the same one);
// only its public half ever leaves the server.
//
// Delivery. When the store writes a notification it queues, in the same
// transaction, one delivery for each of the recipient's subscriptions whose
// alerts name its type (store/push_store.h), so nothing is lost to a crash.
// The background worker (RunDue) claims each with a lease (one node sends
// it), and only then reads what to say: the notification as the recipient
// may still see it (NotificationService::Get — blocks, mutes, the
// visibility policy, the notification policy), the sender against the
// subscription's policy. What remains is Mastodon's JSON payload (the
// post's text as plain text, shortened), encrypted for the subscription
// (RFC 8291, aes128gcm) and POSTed with a VAPID Authorization header under
// the outbound policy (base/safe_fetch.h). A 404 or 410 from the push
// service deletes the subscription; other failures are retried with
// doubling waits (push-retry, push-max-attempts). Delivery is at least once.
//
// Thread-safe.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/web_push.h"
#include "social/notification_service.h"
#include "social/principal.h"
#include "social/social_core.h"
#include "store/push_store.h"

namespace atrium {

// What a subscribe or an update asks for: the alerts on (every other type
// off) and the policy. Mastodon's `data`.
struct PushData {
  std::vector<std::string> alerts;
  std::string policy = "all";
};

struct PushSubscribeRequest {
  std::string endpoint;
  std::string p256dh;
  std::string auth;
  PushData data;
};

class PushService {
 public:
  // The notification types a subscription may ask for, in Mastodon's order
  // and then Atrium's own.
  static const std::vector<std::string>& AlertTypes();
  static const std::vector<std::string>& Policies();

  PushService(SocialCore& core, NotificationService& notifications);
  PushService(const PushService&) = delete;
  PushService& operator=(const PushService&) = delete;

  // The VAPID public key (base64url, uncompressed P-256), made and kept in
  // the store at first use.
  Result<std::string> ServerKey();
  // ServerKey, or "" when it cannot be read (logged): for the documents
  // that only mention it (the instance, the app).
  std::string PublicKey();

  // Makes the subscription of the principal's token or session (replacing
  // any earlier one). 422 naming the field for an endpoint that is not
  // https (http only to a loopback address with
  // push-allow-insecure-loopback), keys that are not a P-256 key and a
  // 16-byte secret, an unknown alert or policy; 403 for a principal with
  // neither a token nor a session (nothing then changes).
  Result<PushSubscriptionRecord> Subscribe(const Principal& principal,
                                           const PushSubscribeRequest& request);
  // The principal's subscription; 404 when there is none.
  Result<PushSubscriptionRecord> Get(const Principal& principal);
  // Replaces the alerts and policy (Mastodon's update: what is not given
  // is off). 404 when there is no subscription, 422 as Subscribe.
  Result<PushSubscriptionRecord> Update(const Principal& principal, const PushData& data);
  // Deletes the principal's subscription (none: nothing to do).
  Status Unsubscribe(const Principal& principal);

  // One round of the worker: sends at most `limit` deliveries that are due,
  // claiming no more after a few seconds; how many were attempted.
  Result<int> RunDue(int limit);
  // Sets the push queue gauges (base/metrics.h).
  Status MeasureBacklog();

 private:
  Status CheckData(const PushData& data) const;
  Status CheckEndpoint(const std::string& endpoint) const;
  Result<VapidKeys> Keys();
  void Deliver(const PushJobRecord& job);
  // The payload for the job, or nullopt when there is nothing to push
  // (the subscription, the notification or its visibility gone).
  Result<std::optional<std::string>> Payload(const PushSubscriptionRecord& subscription,
                                             const PushJobRecord& job);

  SocialCore& core_;
  NotificationService& notifications_;
  const std::string owner_;  // this process's name on leases

  std::mutex mu_;
  std::optional<VapidKeys> keys_;  // guarded by mu_
};

}  // namespace atrium
