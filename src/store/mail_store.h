// MailStore: what Atrium keeps to send e-mail — the outbox, how far each
// member's notifications were considered for mail, each member's e-mail
// preferences, and the installation's mail secret. Every method is one
// transaction; safe for concurrent use, on one node or many.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "store/social_records.h"

namespace atrium {

// The outbox kind of a moderator's warning sent by e-mail.
inline constexpr char kWarningMailKind[] = "warning";

enum class OutboxState { kQueued = 0, kSent = 1, kFailed = 2, kDropped = 3 };

// One message to send. What it says is rendered when it is sent, from
// `kind` and `payload`, so that it says only what is still true then.
struct OutboxRecord {
  int64_t id = 0;          // also the message's Message-ID, the same on every attempt
  int64_t account_id = 0;  // the recipient
  std::string kind;        // "notifications" or "digest" (payload: notification or post ids,
                           // comma-separated), or kWarningMailKind (payload: a warning's id)
  std::string payload;
  OutboxState state = OutboxState::kQueued;
  int64_t attempts = 0;  // attempts begun (counted when a sender claims it)
  int64_t next_attempt_at = 0;
  std::string last_error;
  int64_t created_at = 0;
  int64_t sent_at = 0;
};

struct OutboxStats {
  int64_t queued = 0;    // not sent yet (retrying included)
  int64_t retrying = 0;  // queued after at least one failed attempt
  int64_t sent = 0;
  int64_t failed = 0;    // given up after the last attempt
  int64_t dropped = 0;   // nothing left to say at send time (read, no longer visible, deactivated)
  int64_t failures = 0;  // failed attempts, all messages together
  std::string last_error;
  int64_t last_error_at = 0;     // 0: never
  int64_t oldest_queued_at = 0;  // when the oldest message not sent yet was queued; 0: none
};

// A member's notifications not yet considered for mail.
struct PendingNotifications {
  int64_t cursor = 0;                             // the last notification considered (0: none yet)
  std::vector<NotificationRecord> notifications;  // after the cursor, oldest first
};

// When a member's digest was last made and when the next is due.
struct DigestSchedule {
  int64_t account_id = 0;
  int64_t period_end = 0;  // the end of the period the last digest covered; 0: none yet
  int64_t next_at = 0;     // 0: not scheduled yet
};

class MailStore {
 public:
  virtual ~MailStore() = default;

  // The value kept under `name`: `candidate` if none was kept yet (it is
  // kept then), else the one kept first, on whichever node.
  virtual Result<std::string> KeepSecret(std::string_view name, std::string_view candidate) = 0;
  // Notifications up to this id existed before mail did: never mailed. The
  // first call (on any node) keeps the newest notification's id then.
  virtual Result<int64_t> NotificationFloor() = 0;

  // Members with notifications of ids in (after_id, up_to_id] past their
  // cursor, at most `limit`.
  virtual Result<std::vector<int64_t>> AccountsWithPendingNotifications(int64_t after_id,
                                                                        int64_t up_to_id,
                                                                        int limit) = 0;
  // The member's notifications past both their cursor and `after_id`,
  // oldest first, at most `limit`.
  virtual Result<PendingNotifications> Pending(int64_t account_id, int64_t after_id, int limit) = 0;
  // Moves the member's cursor from `expected` to `next` and, with a
  // message, queues it — both or neither. false (nothing written) if the
  // cursor was no longer `expected` (another node got there first).
  virtual Result<bool> AdvanceCursor(int64_t account_id, int64_t expected, int64_t next,
                                     const std::optional<OutboxRecord>& message) = 0;

  // Queues a message (state queued, no attempt yet).
  virtual Status Enqueue(const OutboxRecord& message) = 0;
  // Takes the queued message due soonest (next_attempt_at <= now) that no
  // live lease holds, leasing it to `owner` until `lease_until` and counting
  // the attempt; nullopt when there is none.
  virtual Result<std::optional<OutboxRecord>> Claim(std::string_view owner, int64_t now,
                                                    int64_t lease_until) = 0;
  // Ends a message `owner` holds: sent or dropped. kNotFound if the lease
  // was lost (another node took it over).
  virtual Status Finish(int64_t id, std::string_view owner, OutboxState state, int64_t now) = 0;
  // Records a failed attempt of a message `owner` holds: queued again for
  // `next_attempt_at`, or failed for good with `give_up`.
  virtual Status Retry(int64_t id, std::string_view owner, std::string_view error, int64_t now,
                       int64_t next_attempt_at, bool give_up) = 0;
  virtual Result<OutboxStats> Stats() = 0;
  // The messages not sent yet (retrying included) and the oldest one's
  // created_at.
  virtual Result<QueueBacklog> Backlog() = 0;
  // The recipient's messages, newest first (tests and the admin view).
  virtual Result<std::vector<OutboxRecord>> Messages(int64_t account_id, int limit) = 0;

  // Active members with an e-mail address whose digest is not off (their
  // "digest" preference, else `default_mode`) and is due at `now` (never
  // scheduled, or next_at <= now), after `after_id` by id, at most `limit`.
  virtual Result<std::vector<DigestSchedule>> DigestsDue(int64_t now, std::string_view default_mode,
                                                         int64_t after_id, int limit) = 0;
  // The member's digest schedule (all zero when none yet).
  virtual Result<DigestSchedule> Digest(int64_t account_id) = 0;
  // Moves the member's schedule from `expected_next_at` (0: none yet) to
  // `next` and, with a message, queues it — both or neither. false (nothing
  // written) if the schedule had moved (another node got there first).
  virtual Result<bool> AdvanceDigest(int64_t expected_next_at, const DigestSchedule& next,
                                     const std::optional<OutboxRecord>& message) = 0;

  // A member's e-mail preferences as stored (kind -> mode); what is not
  // stored takes its default.
  virtual Result<std::map<std::string, std::string>> Preferences(int64_t account_id) = 0;
  // Stores these preferences (others unchanged).
  virtual Status SetPreferences(int64_t account_id,
                                const std::map<std::string, std::string>& preferences) = 0;
};

}  // namespace atrium
