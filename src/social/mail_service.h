// MailService: the e-mail Atrium sends — immediate notifications, each
// member's e-mail preferences, one-click unsubscribe — and the outbox
// worker that sends it.
//
// How a notification becomes mail. Nothing is sent from the request that
// made the notification. The worker (one thread per process, every
// `mail-poll`) looks for members with notifications older than
// `mail-delay` past their mail cursor; for each it takes every notification
// past the cursor (the newer ones too: several arriving together go in one
// message), keeps those still unread (after the notifications marker),
// of a kind the member wants immediately, that the visibility policy still
// lets them see, and — in one transaction — moves the cursor past them and
// writes one message to the outbox (store/mail_store.h). A message only
// names its notifications; it is rendered when it is sent, and the same
// checks run again then, so it never quotes what the recipient may no
// longer see, nor goes to a deactivated member (then it is dropped).
//
// The digest. Each member with an e-mail address whose digest is not off
// has a schedule in the store (mail_digests): the end of the period the last
// digest covered and when the next is due — mail-digest-time in the
// member's time zone, every day (daily) or on mail-digest-day (weekly). A
// member seen for the first time is only scheduled. When one is due, the
// worker picks the period's best posts (social/mail_digest.h) and, in one
// transaction (MailStore::AdvanceDigest, a compare-and-set of the schedule),
// moves the schedule on and queues a message naming those posts — or, with
// nothing worth sending, only moves the schedule. At send time each post is
// asked of the visibility policy again; one no longer visible is left out.
//
// Quiet hours: a message queued in a member's quiet hours (their own, else
// mail-quiet-hours) waits in the outbox until they end.
//
// Sending: a message is claimed with a lease in the store (so one node
// sends it), handed to the SMTP server, then marked sent. A failure is
// retried after `mail-retry`, doubling each time (at most an hour), and
// given up after `mail-max-attempts`. Delivery is at least once: if the
// process dies after the SMTP server accepted a message and before it was
// marked sent, it is sent again once the lease has run out; both copies
// carry the same Message-ID (<outbox id>.mail@host), by which a reader or a
// mail system can tell them apart.
//
// Thread-safe.
#pragma once

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "base/mail_message.h"
#include "base/smtp_client.h"
#include "social/mail_digest.h"
#include "social/mail_templates.h"
#include "social/notification_service.h"
#include "social/social_core.h"
#include "social/unsubscribe_token.h"
#include "store/mail_store.h"

namespace atrium {

// A member's e-mail preferences, every kind filled in.
struct EmailPreferences {
  std::map<std::string, std::string> kinds;  // kind -> immediate, digest or never
  std::string digest;                        // daily, weekly or off
  std::string time_zone;                     // base/time_zone.h
  std::string quiet_hours;                   // "22:00-07:00"; empty: none
};

class MailService {
 public:
  // The kinds of notification mail, in the order they are shown.
  static const std::vector<std::string>& Kinds();

  MailService(SocialCore& core, NotificationService& notifications, TimelineService& timelines,
              SearchService& search);
  ~MailService();
  MailService(const MailService&) = delete;
  MailService& operator=(const MailService&) = delete;

  // Whether smtp-url is set (without it nothing is queued or sent).
  bool configured() const { return !core_.settings.smtp_url.empty(); }
  // Reads the SMTP password file (a clear error if it cannot) and starts
  // the worker when configured. Call once, before serving.
  Status Start();
  // Stops the worker (a message being sent finishes first). Idempotent.
  void Stop();
  // One round of the worker: queues what is due, sends what is queued.
  void RunOnce();

  Result<EmailPreferences> Preferences(int64_t account_id);
  // Changes the given preferences (the kinds, "digest", "time_zone",
  // "quiet_hours"); 422 for an unknown one or a value it cannot take, and
  // then nothing changes. A new digest mode or time zone reschedules the
  // next digest. The preferences after the change.
  Result<EmailPreferences> UpdatePreferences(int64_t account_id,
                                             const std::map<std::string, std::string>& changes);

  // What the member's next digest would hold if it were made now (the
  // posts since the last one, or the last period's when there was none).
  Result<std::vector<VisiblePost>> DigestPreview(int64_t account_id);
  // When the member's next digest is due (0: not scheduled yet).
  Result<int64_t> NextDigestAt(int64_t account_id);

  // The link that stops `kind` of mail for the member (kinds joined by
  // '-': each of them).
  Result<std::string> UnsubscribeUrl(int64_t account_id, std::string_view kind);
  // What a token names; 404 for a token Atrium did not sign (or whose
  // member is gone), the same for every kind of wrong.
  Result<UnsubscribeTarget> CheckUnsubscribe(std::string_view token);
  // Stops the mail the token names: those preferences become "never"
  // ("off" for the digest). The target.
  Result<UnsubscribeTarget> Unsubscribe(std::string_view token);
  // "mails about mentions", … for a kind.
  static std::string KindDescription(std::string_view kind);

  Result<OutboxStats> Stats();
  // Sets the mail queue gauges (base/metrics.h) from the outbox: messages
  // not sent yet and how long the oldest has waited.
  Status MeasureBacklog();
  // When this process's worker last finished a round (0: never).
  int64_t last_round_at() const { return last_round_at_.load(); }

  // The SMTP server the settings name, its password read from
  // smtp-password-file (400 with the reason if it cannot be read).
  static Result<SmtpServer> SmtpServerOf(const Settings& settings);
  // `atrium mail test`: sends one message to `to` at once (not through the
  // outbox); what the SMTP server answered. 400 when mail is not configured
  // or `to` is not an address.
  static Result<SmtpReply> SendTest(const Settings& settings, const std::string& to);

 private:
  struct Item;
  void Run();
  Result<std::string> Secret();
  void Compose(int64_t now);
  void ComposeFor(int64_t account_id, int64_t floor, int64_t now);
  // What a queued digest holds that the recipient may still see.
  struct DigestItems {
    std::vector<VisiblePost> posts;
    std::vector<Item> notifications;
    std::vector<VisiblePost> questions;
    std::vector<std::pair<int64_t, int64_t>> members;  // (community, account)
    DigestReach reach;
  };
  // The notifications among `notifications` that may be mailed, of the
  // kinds the member set to `mode` ("immediate", or "digest" for the
  // digest's "for you").
  std::vector<Item> Select(const Account& account,
                           const std::vector<NotificationRecord>& notifications,
                           std::string_view mode);
  void ComposeDigests(int64_t now);
  void ComposeDigest(const DigestSchedule& schedule, int64_t now);
  // The start of the period a digest made at `now` covers.
  int64_t DigestSince(const EmailPreferences& prefs, int64_t period_end, int64_t now) const;
  int64_t NextDigest(const EmailPreferences& prefs, int64_t now) const;
  // When a message queued at `now` may go: now, or the end of quiet hours.
  int64_t AfterQuietHours(const EmailPreferences& prefs, int64_t now) const;
  void Deliver(const OutboxRecord& message, int64_t now);
  // Every section of the member's digest for [since, until).
  Result<DigestContent> MakeDigest(int64_t account_id, const Viewer& viewer, int64_t since,
                                   int64_t until);
  DigestItems ReadDigest(const Account& account, const OutboxRecord& message);
  // A notification or a post as a line of a message (no actor: its
  // author is gone, leave it out).
  MailItem NotificationItem(const Item& item, const std::string& base);
  MailItem PostItem(const StatusRecord& status, const std::string& base);
  void Send(const OutboxRecord& message, const Account& account, const Result<std::string>& text);
  Result<std::string> Render(const Account& account, const std::vector<Item>& items,
                             int64_t message_id, int64_t now);
  // A moderator's warning (kWarningMailKind) to the person warned.
  Result<std::string> RenderWarning(const Account& account, const OutboxRecord& message,
                                    int64_t now);
  Result<std::string> RenderDigest(const Account& account, const DigestItems& items,
                                   int64_t message_id, int64_t now);
  // A message's envelope and headers, its parts from `rendered`.
  Result<std::string> Build(const Account& account, const std::string& list,
                            const std::string& unsubscribe_url, const RenderedMail& rendered,
                            int64_t message_id, int64_t now);

  SocialCore& core_;
  NotificationService& notifications_;
  MailDigest digest_;
  std::atomic<int64_t> last_round_at_{0};
  SmtpServer smtp_;
  MailAddress from_;
  const std::string owner_;  // this process's name on leases

  std::mutex mu_;
  std::string secret_;  // guarded by mu_
  int64_t floor_ = -1;  // guarded by mu_; -1: not read yet
  bool stopping_ = false;
  std::condition_variable wake_;
  std::thread worker_;
};

}  // namespace atrium
