#include "social/mail_service.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

#include "base/clock.h"
#include "base/crypto.h"
#include "base/job_worker.h"
#include "base/mail_kinds.h"
#include "base/mail_message.h"
#include "base/metrics.h"
#include "base/process_name.h"
#include "base/time_zone.h"
#include "social/mail_templates.h"
#include "social/post_permalink.h"

namespace atrium {
namespace {

// Notifications older than mail-delay by more than this are not mailed
// (after a long stop of the mail worker, old news is not worth a mail).
constexpr int64_t kLookbackMs = int64_t{24} * 60 * 60 * 1000;
// At most this many members, and notifications per member, in one round.
constexpr int kAccountsPerRound = 100;
constexpr int kNotificationsPerMail = 50;
// A message is held this long beyond the SMTP timeout by the node sending it.
constexpr int64_t kLeaseMarginMs = 60000;
constexpr int64_t kMaxRetryMs = 60 * 60 * 1000;
constexpr size_t kExcerptBytes = 300;
constexpr const char* kSecretName = "unsubscribe_key";

const std::vector<std::string> kModes = {"immediate", "digest", "never"};
// Joins the kinds an unsubscribe link stops ("mention-reply").
constexpr char kKindSeparator = '-';
constexpr int64_t kDayMs = int64_t{24} * 60 * 60 * 1000;
constexpr int kDigestAccountsPerRound = 100;
// A digest names at most this many open questions and new members.
constexpr int kDigestQuestions = 3;
constexpr int kDigestMembers = 10;

// The kinds in "mention-reply".
std::vector<std::string> SplitKinds(std::string_view kinds) {
  std::vector<std::string> out;
  while (true) {
    size_t sep = kinds.find(kKindSeparator);
    out.emplace_back(kinds.substr(0, sep));
    if (sep == std::string_view::npos) return out;
    kinds.remove_prefix(sep + 1);
  }
}
const std::vector<std::string> kDigestModes = {"daily", "weekly", "off"};

bool Contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// Text shortened to about `max` bytes on a character boundary, with an
// ellipsis when cut.
std::string Shorten(std::string_view text, size_t max) {
  if (text.size() <= max) return std::string(text);
  size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xc0) == 0x80) --n;
  return std::string(text.substr(0, n)) + "…";
}

std::string Payload(const std::vector<int64_t>& ids) {
  std::string out;
  for (int64_t id : ids) {
    if (!out.empty()) out += ',';
    out += std::to_string(id);
  }
  return out;
}

// What a moderator's action did, as the warning mail says it.
std::string WarningActionDescription(std::string_view action) {
  if (action == "sensitive") return "Your attachments will be marked sensitive";
  if (action == "silence") return "Your account was limited: you can read but not post";
  if (action == "disable" || action == "suspend") return "Your account was deactivated";
  return "You received a warning";
}

std::vector<int64_t> ParsePayload(std::string_view payload) {
  std::vector<int64_t> out;
  while (!payload.empty()) {
    size_t comma = payload.find(',');
    std::string_view part = payload.substr(0, comma);
    int64_t id = 0;
    auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), id);
    if (ec == std::errc() && end == part.data() + part.size()) out.push_back(id);
    if (comma == std::string_view::npos) break;
    payload.remove_prefix(comma + 1);
  }
  return out;
}

// The installation's host name, for message ids and list ids.
std::string MailHost(const Settings& settings) {
  std::string url = settings.BaseUrl();
  size_t scheme = url.find("://");
  std::string host = scheme == std::string::npos ? url : url.substr(scheme + 3);
  host = host.substr(0, host.find('/'));
  if (!host.empty() && host.front() == '[') return "localhost";  // an IPv6 literal
  host = host.substr(0, host.find(':'));
  return host.empty() ? "localhost" : host;
}

// The From address: mail-from, or the installation's title at noreply@host.
MailAddress SenderOf(const Settings& settings) {
  MailAddress from;
  if (!settings.mail_from.empty()) ParseMailAddress(settings.mail_from, &from);
  if (from.address.empty()) from = {settings.title, "noreply@" + MailHost(settings)};
  return from;
}

}  // namespace

// One notification to mail, with what it is about.
struct MailService::Item {
  NotificationRecord notification;
  std::string kind;
  StatusPtr status;  // null when it is about no post
};

const std::vector<std::string>& MailService::Kinds() { return MailKinds(); }

std::string MailService::KindDescription(std::string_view kind) {
  if (size_t sep = kind.find(kKindSeparator); sep != std::string_view::npos) {
    // "mails about mentions and about replies to your posts"
    std::string out = KindDescription(kind.substr(0, sep));
    std::string_view rest = kind.substr(sep + 1);
    while (!rest.empty()) {
      size_t next = rest.find(kKindSeparator);
      std::string part = KindDescription(rest.substr(0, next));
      if (part.rfind("mails ", 0) == 0) part.erase(0, 6);
      out += (next == std::string_view::npos ? " and " : ", ") + part;
      if (next == std::string_view::npos) break;
      rest.remove_prefix(next + 1);
    }
    return out;
  }
  if (kind == "mention") return "mails about mentions";
  if (kind == "direct") return "mails about direct messages";
  if (kind == "follow_request") return "mails about follow requests and invitations";
  if (kind == "reply") return "mails about replies to your posts";
  if (kind == "answer") return "mails about answers to your questions";
  if (kind == "digest") return "the digest";
  return "these mails";
}

MailService::MailService(SocialCore& core, NotificationService& notifications,
                         TimelineService& timelines, SearchService& search)
    : core_(core),
      notifications_(notifications),
      digest_(core, timelines, search),
      owner_(LeaseOwnerName(core.settings.node_id)) {
  from_ = SenderOf(core.settings);
}

MailService::~MailService() { Stop(); }

Result<SmtpServer> MailService::SmtpServerOf(const Settings& s) {
  SmtpServer server;
  server.url = s.smtp_url;
  server.starttls_required = s.smtp_starttls == "required";
  server.user = s.smtp_user;
  if (!s.smtp_password_file.empty()) {
    std::ifstream in(s.smtp_password_file, std::ios::binary);
    if (!in)
      return Status::BadRequest("Invalid configuration",
                                "cannot read smtp-password-file " + s.smtp_password_file);
    std::stringstream text;
    text << in.rdbuf();
    server.password = text.str();
    if (!server.password.empty() && server.password.back() == '\n') server.password.pop_back();
    if (!server.password.empty() && server.password.back() == '\r') server.password.pop_back();
  }
  return server;
}

Status MailService::Start() {
  auto server = SmtpServerOf(core_.settings);
  if (!server.ok()) return server.status();
  smtp_ = std::move(server).value();
  if (!configured()) return Status::Ok();
  worker_ = std::thread([this] { Run(); });
  return Status::Ok();
}

void MailService::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
}

void MailService::Run() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    lock.unlock();
    try {
      RunOnce();
    } catch (const std::exception& e) {
      spdlog::error("mail worker: {}", e.what());
    }
    lock.lock();
    wake_.wait_for(lock, std::chrono::milliseconds(core_.settings.mail_poll_ms),
                   [this] { return stopping_; });
  }
}

void MailService::RunOnce() {
  if (!configured()) return;
  Compose(NowMillis());
  ComposeDigests(NowMillis());
  for (;;) {
    {
      std::lock_guard lock(mu_);
      if (stopping_) return;
    }
    int64_t now = NowMillis();
    auto claimed = core_.store.mail().Claim(owner_, now, now + smtp_.timeout_ms + kLeaseMarginMs);
    if (!claimed.ok()) {
      spdlog::warn("mail: cannot claim a message: {}", claimed.status().ToString());
      break;
    }
    if (!*claimed) break;
    Deliver(**claimed, now);
  }
  // The queue gauges, fresh after each round (the background thread sets
  // them too, also on nodes that send no mail).
  if (Status st = MeasureBacklog(); !st.ok())
    spdlog::warn("mail: cannot measure the outbox: {}", st.ToString());
  last_round_at_.store(NowMillis());
}

Result<std::string> MailService::Secret() {
  std::lock_guard lock(mu_);
  if (secret_.empty()) {
    auto kept = core_.store.mail().KeepSecret(kSecretName, RandomToken(32));
    if (!kept.ok()) return kept.status();
    secret_ = *kept;
  }
  return secret_;
}

void MailService::Compose(int64_t now) {
  int64_t floor;
  {
    std::lock_guard lock(mu_);
    if (floor_ < 0) {
      auto stored = core_.store.mail().NotificationFloor();
      if (!stored.ok()) return;
      floor_ = *stored;
    }
    floor = floor_;
  }
  int64_t delay = core_.settings.mail_delay_ms;
  floor = std::max(floor, IdGenerator::LowestAt(now - delay - kLookbackMs));
  int64_t due = IdGenerator::LowestAt(now - delay + 1) - 1;  // made at or before now - delay
  if (due <= floor) return;
  auto accounts =
      core_.store.mail().AccountsWithPendingNotifications(floor, due, kAccountsPerRound);
  if (!accounts.ok()) {
    spdlog::warn("mail: cannot read notifications: {}", accounts.status().ToString());
    return;
  }
  for (int64_t account_id : *accounts) ComposeFor(account_id, floor, now);
}

void MailService::ComposeFor(int64_t account_id, int64_t floor, int64_t now) {
  auto pending = core_.store.mail().Pending(account_id, floor, kNotificationsPerMail);
  if (!pending.ok() || pending->notifications.empty()) return;
  auto account = core_.store.accounts().Get(account_id);
  std::vector<Item> items;
  if (account.ok()) items = Select(*account, pending->notifications, "immediate");
  std::optional<OutboxRecord> message;
  auto prefs = Preferences(account_id);
  if (!items.empty() && prefs.ok()) {
    std::vector<int64_t> ids;
    for (const Item& item : items) ids.push_back(item.notification.id);
    OutboxRecord m;
    m.id = core_.ids.Next();
    m.account_id = account_id;
    m.kind = "notifications";
    m.payload = Payload(ids);
    m.next_attempt_at = AfterQuietHours(*prefs, now);
    m.created_at = now;
    message = std::move(m);
  }
  auto advanced = core_.store.mail().AdvanceCursor(account_id, pending->cursor,
                                                   pending->notifications.back().id, message);
  if (!advanced.ok())
    spdlog::warn("mail: cannot queue a message: {}", advanced.status().ToString());
}

std::vector<MailService::Item> MailService::Select(
    const Account& account, const std::vector<NotificationRecord>& notifications,
    std::string_view mode) {
  std::vector<Item> out;
  if (!account.active || account.email.empty() || !IsMailAddress(account.email)) return out;
  auto prefs = Preferences(account.id);
  if (!prefs.ok()) return out;
  int64_t last_read = 0;
  auto markers = core_.store.markers().Get(account.id, {"notifications"});
  if (!markers.ok()) return out;
  if (!markers->empty()) last_read = markers->front().last_read_id;
  auto viewer = core_.ViewerFor(account.id);
  if (!viewer.ok()) return out;
  for (const NotificationRecord& n : notifications) {
    if (n.id <= last_read) continue;
    Item item{n, "", nullptr};
    if (n.status_id != 0) {
      auto post = core_.Visible(*viewer, n.status_id);
      if (!post.ok()) continue;
      item.status = post->status;
    }
    if (n.type == "mention") {
      item.kind =
          item.status && item.status->visibility == Visibility::kDirect ? "direct" : "mention";
    } else if (n.type == "reply") {
      item.kind = "reply";
      if (item.status && item.status->in_reply_to_id != 0) {
        auto parent = core_.statuses.Get(item.status->in_reply_to_id);
        if (parent.ok() && (*parent)->kind == StatusKind::kQuestion) item.kind = "answer";
      }
    } else if (n.type == "answer_accepted") {
      item.kind = "answer";
    } else if (n.type == "follow_request" || n.type == "connection_request") {
      item.kind = "follow_request";
    } else {
      continue;
    }
    if (prefs->kinds[item.kind] != mode) continue;
    if (!notifications_.Shows(*viewer, n)) continue;
    out.push_back(std::move(item));
  }
  return out;
}

void MailService::Deliver(const OutboxRecord& m, int64_t now) {
  MailStore& store = core_.store.mail();
  auto drop = [&] {
    Status s = store.Finish(m.id, owner_, OutboxState::kDropped, now);
    if (!s.ok()) spdlog::warn("mail {}: {}", m.id, s.ToString());
  };
  auto account = core_.store.accounts().Get(m.account_id);
  if (!account.ok()) return drop();
  if (m.kind == "digest") {
    DigestItems items = ReadDigest(*account, m);
    if (items.posts.empty() && items.notifications.empty() && items.questions.empty())
      return drop();
    auto text = RenderDigest(*account, items, m.id, now);
    if (!text.ok()) {
      spdlog::warn("mail {}: {}", m.id, text.status().ToString());
      return drop();
    }
    return Send(m, *account, text);
  }
  if (m.kind == kWarningMailKind) {
    // A moderator's warning goes to the person even once deactivated: it
    // says why.
    auto text = RenderWarning(*account, m, now);
    if (!text.ok()) {
      spdlog::warn("mail {}: {}", m.id, text.status().ToString());
      return drop();
    }
    return Send(m, *account, text);
  }
  std::vector<NotificationRecord> notifications;
  for (int64_t id : ParsePayload(m.payload)) {
    auto n = core_.store.notifications().Get(m.account_id, id);
    if (n.ok()) notifications.push_back(std::move(*n));  // a dismissed one is left out
  }
  std::vector<Item> items = Select(*account, notifications, "immediate");
  if (items.empty()) return drop();
  auto text = Render(*account, items, m.id, now);
  if (!text.ok()) {
    spdlog::warn("mail {}: {}", m.id, text.status().ToString());
    return drop();
  }
  Send(m, *account, text);
}

void MailService::Send(const OutboxRecord& m, const Account& account,
                       const Result<std::string>& text) {
  MailStore& store = core_.store.mail();
  auto sent = SendSmtp(smtp_, from_.address, account.email, *text);
  if (sent.ok()) {
    Status s = store.Finish(m.id, owner_, OutboxState::kSent, NowMillis());
    if (!s.ok()) spdlog::warn("mail {} sent but not marked: {}", m.id, s.ToString());
    return;
  }
  std::string error =
      sent.status().description().empty() ? sent.status().error() : sent.status().description();
  int64_t wait = RetryBackoffMs(m.attempts, core_.settings.mail_retry_ms, kMaxRetryMs);
  bool give_up = m.attempts >= core_.settings.mail_max_attempts;
  spdlog::warn("mail {} not sent (attempt {}): {}", m.id, m.attempts, error);
  Status s = store.Retry(m.id, owner_, error, NowMillis(), NowMillis() + wait, give_up);
  if (!s.ok()) spdlog::warn("mail {}: {}", m.id, s.ToString());
}

MailItem MailService::NotificationItem(const Item& item, const std::string& base) {
  MailItem out;
  auto actor = core_.accounts.Get(item.notification.from_account_id);
  if (actor.ok())
    out.actor = (*actor)->account.display_name.empty() ? (*actor)->account.username
                                                       : (*actor)->account.display_name;
  const std::string& type = item.notification.type;
  if (item.kind == "direct")
    out.action = "sent you a direct message";
  else if (type == "mention")
    out.action = "mentioned you";
  else if (type == "reply")
    out.action = item.kind == "answer" ? "answered your question" : "replied to your post";
  else if (type == "answer_accepted")
    out.action = "accepted your answer";
  else if (type == "follow_request")
    out.action = "asked to follow you";
  else
    out.action = "invited you to connect";
  if (item.status) {
    const StatusRecord& st = *item.status;
    if (!st.spoiler_text.empty())
      out.excerpt = "Content warning: " + Shorten(st.spoiler_text, kExcerptBytes);
    else if (!st.title.empty())
      out.excerpt = Shorten(st.title, kExcerptBytes);
    else
      out.excerpt = Shorten(st.text, kExcerptBytes);
    std::string author = actor.ok() ? (*actor)->account.username : "";
    if (actor.ok() && st.account_id != (*actor)->account.id) {
      auto owner = core_.accounts.Get(st.account_id);
      if (owner.ok()) author = (*owner)->account.username;
    }
    out.link = base + PostPermalinkPath(author, st);
  } else {
    out.link = base + "/notifications";
  }
  return out;
}

Result<std::string> MailService::Render(const Account& account, const std::vector<Item>& items,
                                        int64_t message_id, int64_t now) {
  const std::string base = core_.settings.BaseUrl();
  NotificationMailData data;
  data.site = core_.settings.title;
  data.recipient = account.display_name.empty() ? account.username : account.display_name;
  data.settings_url = base + "/settings";
  for (const Item& item : items) data.items.push_back(NotificationItem(item, base));
  // The link stops every kind the message holds, in the order of Kinds().
  std::string kinds;
  for (const std::string& kind : Kinds()) {
    bool held = std::any_of(items.begin(), items.end(),
                            [&](const Item& item) { return item.kind == kind; });
    if (!held) continue;
    if (!kinds.empty()) kinds += kKindSeparator;
    kinds += kind;
  }
  auto unsubscribe = UnsubscribeUrl(account.id, kinds);
  if (!unsubscribe.ok()) return unsubscribe.status();
  data.unsubscribe_url = *unsubscribe;
  data.unsubscribe_what = KindDescription(kinds);
  return Build(account, "notifications", data.unsubscribe_url, RenderNotificationMail(data),
               message_id, now);
}

Result<std::string> MailService::RenderWarning(const Account& account, const OutboxRecord& m,
                                               int64_t now) {
  const std::vector<int64_t> ids = ParsePayload(m.payload);
  if (ids.size() != 1) return Status::NotFound("no warning named");
  auto warning = core_.store.reports().GetWarning(ids.front());
  if (!warning.ok()) return warning.status();
  if (warning->account_id != account.id) return Status::NotFound("not this member's warning");
  WarningMailData data;
  data.site = core_.settings.title;
  data.recipient = account.display_name.empty() ? account.username : account.display_name;
  data.action = WarningActionDescription(warning->action);
  data.text = warning->text;
  data.link = core_.settings.BaseUrl() + "/notifications";
  return Build(account, "moderation", "", RenderWarningMail(data), m.id, now);
}

Result<std::string> MailService::Build(const Account& account, const std::string& list,
                                       const std::string& unsubscribe_url,
                                       const RenderedMail& rendered, int64_t message_id,
                                       int64_t now) {
  MailMessage message;
  message.from = from_;
  message.to = {account.display_name.empty() ? account.username : account.display_name,
                account.email};
  message.reply_to = core_.settings.mail_reply_to;
  message.subject = rendered.subject;
  message.message_id = std::to_string(message_id) + ".mail@" + MailHost(core_.settings);
  message.date_ms = now;
  message.list_id = list + "." + MailHost(core_.settings);
  message.unsubscribe_url = unsubscribe_url;
  message.text = rendered.text;
  message.html = rendered.html;
  return BuildMailMessage(message);
}

Result<EmailPreferences> MailService::Preferences(int64_t account_id) {
  auto stored = core_.store.mail().Preferences(account_id);
  if (!stored.ok()) return stored.status();
  const Settings& settings = core_.settings;
  EmailPreferences out;
  for (const std::string& kind : Kinds()) {
    auto it = stored->find(kind);
    out.kinds[kind] = it != stored->end() && Contains(kModes, it->second)
                          ? it->second
                          : MailDefaultFor(settings.mail_default_notifications, kind);
  }
  auto digest = stored->find("digest");
  out.digest = digest != stored->end() && Contains(kDigestModes, digest->second)
                   ? digest->second
                   : settings.mail_default_digest;
  auto zone = stored->find("time_zone");
  out.time_zone =
      zone != stored->end() && IsTimeZone(zone->second) ? zone->second : settings.mail_time_zone;
  auto quiet = stored->find("quiet_hours");
  out.quiet_hours = quiet != stored->end() ? quiet->second : settings.mail_quiet_hours;
  if (!out.quiet_hours.empty() && !ParseQuietHours(out.quiet_hours)) out.quiet_hours.clear();
  return out;
}

Result<EmailPreferences> MailService::UpdatePreferences(
    int64_t account_id, const std::map<std::string, std::string>& changes) {
  for (const auto& [kind, mode] : changes) {
    if (kind == "time_zone") {
      if (!IsTimeZone(mode))
        return Status::Unprocessable(
            "Validation failed", "time_zone must be a time zone such as Europe/Berlin or +01:00");
    } else if (kind == "quiet_hours") {
      if (!mode.empty() && !ParseQuietHours(mode))
        return Status::Unprocessable("Validation failed",
                                     "quiet_hours must be HH:MM-HH:MM (e.g. 22:00-07:00) or empty");
    } else if (kind == "digest") {
      if (!Contains(kDigestModes, mode))
        return Status::Unprocessable("Validation failed", "digest must be daily, weekly or off");
    } else if (!Contains(Kinds(), kind)) {
      return Status::Unprocessable("Validation failed", "unknown kind of mail: " + kind);
    } else if (!Contains(kModes, mode)) {
      return Status::Unprocessable("Validation failed",
                                   kind + " must be immediate, digest or never");
    }
  }
  Status s = core_.store.mail().SetPreferences(account_id, changes);
  if (!s.ok()) return s;
  auto prefs = Preferences(account_id);
  if (!prefs.ok()) return prefs;
  if ((changes.count("digest") || changes.count("time_zone")) && prefs->digest != "off") {
    // The next digest at the new rhythm or in the new zone. A node that
    // moved the schedule meanwhile wins; its next round uses these too.
    auto schedule = core_.store.mail().Digest(account_id);
    if (schedule.ok() && schedule->next_at != 0) {
      DigestSchedule next = *schedule;
      next.next_at = NextDigest(*prefs, NowMillis());
      auto moved = core_.store.mail().AdvanceDigest(schedule->next_at, next, std::nullopt);
      if (!moved.ok()) return moved.status();
    }
  }
  return prefs;
}

Result<std::string> MailService::UnsubscribeUrl(int64_t account_id, std::string_view kind) {
  auto secret = Secret();
  if (!secret.ok()) return secret.status();
  return core_.settings.BaseUrl() + "/api/v1/atrium/email/unsubscribe/" +
         MakeUnsubscribeToken(*secret, account_id, kind);
}

Result<UnsubscribeTarget> MailService::CheckUnsubscribe(std::string_view token) {
  auto secret = Secret();
  if (!secret.ok()) return secret.status();
  auto target = CheckUnsubscribeToken(*secret, token);
  if (!target) return Status::NotFound("Invalid unsubscribe link");
  for (const std::string& kind : SplitKinds(target->kind))
    if (kind != "digest" && !Contains(Kinds(), kind))
      return Status::NotFound("Invalid unsubscribe link");
  auto account = core_.store.accounts().Get(target->account_id);
  if (!account.ok()) return Status::NotFound("Invalid unsubscribe link");
  return *target;
}

Result<UnsubscribeTarget> MailService::Unsubscribe(std::string_view token) {
  auto target = CheckUnsubscribe(token);
  if (!target.ok()) return target.status();
  std::map<std::string, std::string> changes;
  for (const std::string& kind : SplitKinds(target->kind))
    changes[kind] = kind == "digest" ? "off" : "never";
  Status s = core_.store.mail().SetPreferences(target->account_id, changes);
  if (!s.ok()) return s;
  return *target;
}

int64_t MailService::AfterQuietHours(const EmailPreferences& prefs, int64_t now) const {
  auto quiet = ParseQuietHours(prefs.quiet_hours);
  if (!quiet) return now;
  auto [start, end] = *quiet;
  int minute = LocalMinuteOfDay(prefs.time_zone, now);
  bool inside = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  return inside ? NextLocalTime(prefs.time_zone, now, end, -1) : now;
}

int64_t MailService::NextDigest(const EmailPreferences& prefs, int64_t now) const {
  int weekday = prefs.digest == "daily" ? -1 : core_.settings.mail_digest_day;
  return NextLocalTime(prefs.time_zone, now, core_.settings.mail_digest_time, weekday);
}

int64_t MailService::DigestSince(const EmailPreferences& prefs, int64_t period_end,
                                 int64_t now) const {
  int64_t period = prefs.digest == "daily" ? kDayMs : 7 * kDayMs;
  return std::max(period_end, now - period);
}

void MailService::ComposeDigests(int64_t now) {
  int64_t after = 0;
  for (int page = 0; page < 10; ++page) {
    auto due = core_.store.mail().DigestsDue(now, core_.settings.mail_default_digest, after,
                                             kDigestAccountsPerRound);
    if (!due.ok()) {
      spdlog::warn("mail: cannot read the digests due: {}", due.status().ToString());
      return;
    }
    for (const DigestSchedule& schedule : *due) {
      {
        std::lock_guard lock(mu_);
        if (stopping_) return;
      }
      ComposeDigest(schedule, now);
    }
    if (due->size() < static_cast<size_t>(kDigestAccountsPerRound)) return;
    after = due->back().account_id;
  }
}

void MailService::ComposeDigest(const DigestSchedule& schedule, int64_t now) {
  auto prefs = Preferences(schedule.account_id);
  if (!prefs.ok()) return;
  DigestSchedule next{schedule.account_id, now, NextDigest(*prefs, now)};
  std::optional<OutboxRecord> message;
  if (schedule.next_at != 0) {  // else seen for the first time: only scheduled
    auto viewer = core_.ViewerFor(schedule.account_id);
    if (!viewer.ok()) return;
    auto content = MakeDigest(schedule.account_id, *viewer,
                              DigestSince(*prefs, schedule.period_end, now), now);
    if (!content.ok()) {
      spdlog::warn("mail: cannot make the digest of {}: {}", schedule.account_id,
                   content.status().ToString());
      return;
    }
    if (content->WorthSending()) {
      OutboxRecord m;
      m.id = core_.ids.Next();
      m.account_id = schedule.account_id;
      m.kind = "digest";
      m.payload = EncodeDigest(*content);
      m.next_attempt_at = AfterQuietHours(*prefs, now);
      m.created_at = now;
      message = std::move(m);
    }
  }
  auto advanced = core_.store.mail().AdvanceDigest(schedule.next_at, next, message);
  if (!advanced.ok()) spdlog::warn("mail: cannot queue a digest: {}", advanced.status().ToString());
}

Result<DigestContent> MailService::MakeDigest(int64_t account_id, const Viewer& viewer,
                                              int64_t since, int64_t until) {
  DigestContent content;
  auto posts = digest_.Posts(viewer, since, until, core_.settings.mail_digest_size);
  if (!posts.ok()) return posts.status();
  for (const VisiblePost& p : *posts) content.posts.push_back(p.status->id);

  // "For you": the period's notifications of the kinds wanted in the digest.
  auto account = core_.store.accounts().Get(account_id);
  if (!account.ok()) return account.status();
  PageRequest page{IdGenerator::LowestAt(until), IdGenerator::LowestAt(since) - 1, 0,
                   kNotificationsPerMail};
  auto notifications = core_.store.notifications().List(account_id, {}, {}, page);
  if (!notifications.ok()) return notifications.status();
  std::vector<NotificationRecord> oldest_first(notifications->rbegin(), notifications->rend());
  for (const Item& item : Select(*account, oldest_first, "digest"))
    content.notifications.push_back(item.notification.id);

  auto questions = digest_.Questions(viewer, since, until, content.posts, kDigestQuestions);
  if (!questions.ok()) return questions.status();
  for (const VisiblePost& p : *questions) content.questions.push_back(p.status->id);
  auto members = digest_.NewMembers(viewer, since, until, kDigestMembers);
  if (!members.ok()) return members.status();
  content.members = std::move(*members);
  auto reach = digest_.Reach(viewer, since, until);
  if (!reach.ok()) return reach.status();
  content.reach = *reach;
  return content;
}

MailService::DigestItems MailService::ReadDigest(const Account& account,
                                                 const OutboxRecord& message) {
  DigestItems out;
  if (!account.active || account.email.empty() || !IsMailAddress(account.email)) return out;
  auto prefs = Preferences(account.id);
  if (!prefs.ok() || prefs->digest == "off") return out;
  auto viewer = core_.ViewerFor(account.id);
  if (!viewer.ok()) return out;
  DigestContent content = DecodeDigest(message.payload);
  for (int64_t id : content.posts) {
    auto post = core_.Visible(*viewer, id);
    if (post.ok()) out.posts.push_back(std::move(*post));
  }
  for (int64_t id : content.questions) {
    auto post = core_.Visible(*viewer, id);
    if (post.ok()) out.questions.push_back(std::move(*post));
  }
  std::vector<NotificationRecord> notifications;
  for (int64_t id : content.notifications) {
    auto n = core_.store.notifications().Get(account.id, id);
    if (n.ok()) notifications.push_back(std::move(*n));  // a dismissed one is left out
  }
  out.notifications = Select(account, notifications, "digest");
  // A new member is named only while the recipient is still in the
  // community and the newcomer still active.
  for (const auto& [community_id, member_id] : content.members) {
    if (!viewer->graph->MemberOf(community_id)) continue;
    auto member = core_.accounts.Get(member_id);
    if (!member.ok() || !(*member)->account.active) continue;
    out.members.emplace_back(community_id, member_id);
  }
  out.reach = content.reach;
  return out;
}

MailItem MailService::PostItem(const StatusRecord& st, const std::string& base) {
  MailItem item;
  auto author = core_.accounts.Get(st.account_id);
  if (!author.ok()) return item;
  const Account& a = (*author)->account;
  item.actor = a.display_name.empty() ? a.username : a.display_name;
  item.action = st.kind == StatusKind::kBlog       ? "wrote a blog entry"
                : st.kind == StatusKind::kQuestion ? "asked a question"
                                                   : "posted";
  if (st.community_id != 0) {
    auto community = core_.store.communities().Get(st.community_id);
    if (community.ok()) item.action += " in " + community->name;
  }
  if (!st.spoiler_text.empty())
    item.excerpt = "Content warning: " + Shorten(st.spoiler_text, kExcerptBytes);
  else if (!st.title.empty())
    item.excerpt = Shorten(st.title, kExcerptBytes);
  else
    item.excerpt = Shorten(st.text, kExcerptBytes);
  std::string details;
  auto count = [&](int64_t n, const char* one, const char* many) {
    if (n == 0) return;
    if (!details.empty()) details += ", ";
    details += std::to_string(n) + " " + (n == 1 ? one : many);
  };
  count(st.favourites_count, "like", "likes");
  count(st.replies_count, "reply", "replies");
  count(st.reblogs_count, "repost", "reposts");
  item.details = details;
  item.link = base + PostPermalinkPath(a.username, st);
  return item;
}

Result<std::string> MailService::RenderDigest(const Account& account, const DigestItems& items,
                                              int64_t message_id, int64_t now) {
  const std::string base = core_.settings.BaseUrl();
  auto prefs = Preferences(account.id);
  if (!prefs.ok()) return prefs.status();
  DigestMailData data;
  data.site = core_.settings.title;
  data.recipient = account.display_name.empty() ? account.username : account.display_name;
  data.period = prefs->digest == "daily" ? "daily" : "weekly";
  data.home_url = base + "/";
  data.settings_url = base + "/settings";
  auto add = [](std::vector<MailItem>& to, MailItem item) {
    if (!item.actor.empty()) to.push_back(std::move(item));
  };
  for (const VisiblePost& post : items.posts) add(data.items, PostItem(*post.status, base));
  for (const Item& item : items.notifications) add(data.for_you, NotificationItem(item, base));
  for (const VisiblePost& post : items.questions) add(data.questions, PostItem(*post.status, base));
  if (data.items.empty() && data.for_you.empty() && data.questions.empty())
    return Status::NotFound("Nothing left to send");
  for (const auto& [community_id, member_id] : items.members) {
    auto community = core_.store.communities().Get(community_id);
    auto member = core_.accounts.Get(member_id);
    if (!community.ok() || !member.ok()) continue;
    const Account& a = (*member)->account;
    MailItem item;
    item.actor = a.display_name.empty() ? a.username : a.display_name;
    item.action = "joined " + community->name;
    item.link = base + "/people/" + std::to_string(a.id);
    data.members.push_back(std::move(item));
  }
  if (items.reach.posts > 0) {
    const DigestReach& r = items.reach;
    std::string text = std::to_string(r.posts) + (r.posts == 1 ? " post" : " posts");
    auto count = [&](int64_t n, const char* one, const char* many) {
      text += ", " + std::to_string(n) + " " + (n == 1 ? one : many);
    };
    count(r.favourites, "like", "likes");
    count(r.replies, "reply", "replies");
    count(r.reblogs, "repost", "reposts");
    data.reach = text;
    data.profile_url = base + "/people/" + std::to_string(account.id);
  }
  auto unsubscribe = UnsubscribeUrl(account.id, "digest");
  if (!unsubscribe.ok()) return unsubscribe.status();
  data.unsubscribe_url = *unsubscribe;
  return Build(account, "digest", data.unsubscribe_url, RenderDigestMail(data), message_id, now);
}

Result<std::vector<VisiblePost>> MailService::DigestPreview(int64_t account_id) {
  auto prefs = Preferences(account_id);
  if (!prefs.ok()) return prefs.status();
  auto schedule = core_.store.mail().Digest(account_id);
  if (!schedule.ok()) return schedule.status();
  auto viewer = core_.ViewerFor(account_id);
  if (!viewer.ok()) return viewer.status();
  int64_t now = NowMillis();
  return digest_.Posts(*viewer, DigestSince(*prefs, schedule->period_end, now), now + 1,
                       core_.settings.mail_digest_size);
}

Result<int64_t> MailService::NextDigestAt(int64_t account_id) {
  auto schedule = core_.store.mail().Digest(account_id);
  if (!schedule.ok()) return schedule.status();
  return schedule->next_at;
}

Result<OutboxStats> MailService::Stats() { return core_.store.mail().Stats(); }

Status MailService::MeasureBacklog() {
  auto backlog = core_.store.mail().Backlog();
  if (!backlog.ok()) return backlog.status();
  Metrics::Get().mail_queue.Set(backlog->depth, backlog->oldest_at, NowMillis());
  return Status::Ok();
}

Result<SmtpReply> MailService::SendTest(const Settings& settings, const std::string& to) {
  if (settings.smtp_url.empty())
    return Status::BadRequest("Mail is not configured", "set smtp-url");
  if (!IsMailAddress(to)) return Status::BadRequest("Invalid address", to);
  auto server = SmtpServerOf(settings);
  if (!server.ok()) return server.status();
  MailMessage message;
  message.from = SenderOf(settings);
  message.to = {"", to};
  message.reply_to = settings.mail_reply_to;
  message.subject = "Test message from " + settings.title;
  message.message_id = "test." + RandomToken(12) + "@" + MailHost(settings);
  message.date_ms = NowMillis();
  message.list_id = "test." + MailHost(settings);
  RenderedMail rendered = RenderTestMail(settings.title, settings.BaseUrl());
  message.text = rendered.text;
  message.html = rendered.html;
  auto text = BuildMailMessage(message);
  if (!text.ok()) return text.status();
  return SendSmtp(*server, message.from.address, to, *text);
}

}  // namespace atrium
