// The outbox, the members' mail cursors and e-mail preferences, and the
// mail secret. A message is claimed with a lease in its own row
// (store/sql/leased_queue.h), so two nodes never hold one message at once.
#include "store/sql/mail_store.h"

#include "store/sql/leased_queue.h"
#include "store/sql/sql_util.h"

namespace atrium::sql {
namespace {

constexpr const char* kOutbox = "mail_outbox";
constexpr const char* kOutboxColumns =
    "id, account_id, kind, payload, state, attempts, next_attempt_at, last_error, created_at, "
    "sent_at";

OutboxRecord ReadOutbox(const Stmt& s) {
  OutboxRecord r;
  r.id = s.Int(0);
  r.account_id = s.Int(1);
  r.kind = s.Text(2);
  r.payload = s.Text(3);
  r.state = static_cast<OutboxState>(s.Int(4));
  r.attempts = s.Int(5);
  r.next_attempt_at = s.Int(6);
  r.last_error = s.Text(7);
  r.created_at = s.Int(8);
  r.sent_at = s.Int(9);
  return r;
}

void InsertOutbox(Connection& c, const OutboxRecord& m) {
  auto s = c.Prepare(
      "INSERT INTO mail_outbox (id, account_id, kind, payload, state, next_attempt_at, "
      "created_at) VALUES (?, ?, ?, ?, 0, ?, ?)");
  s.BindAll(m.id, m.account_id, m.kind, m.payload, m.next_attempt_at, m.created_at);
  s.Run();
}

}  // namespace

Result<std::string> SqlMailStore::KeepSecret(std::string_view name, std::string_view candidate) {
  return WriteResult(db_, [&](Connection& c) -> Result<std::string> {
    auto insert =
        c.Prepare("INSERT INTO mail_state (name, text_value) VALUES (?, ?) ON CONFLICT DO NOTHING");
    insert.BindAll(std::string(name), std::string(candidate));
    insert.Run();
    auto s = c.Prepare("SELECT text_value FROM mail_state WHERE name = ?");
    s.BindAll(std::string(name));
    if (!s.Step()) return Status::Internal("Store error", "the mail secret was not kept");
    return s.Text(0);
  });
}

// (WHERE true: without it SQLite reads ON CONFLICT as a join's ON.)
Result<int64_t> SqlMailStore::NotificationFloor() {
  return WriteResult(db_, [&](Connection& c) -> Result<int64_t> {
    auto keep = c.Prepare(
        "INSERT INTO mail_state (name, int_value) SELECT 'notification_floor', "
        "COALESCE(MAX(id), 0) FROM notifications WHERE true ON CONFLICT DO NOTHING");
    keep.Run();
    auto s = c.Prepare("SELECT int_value FROM mail_state WHERE name = 'notification_floor'");
    if (!s.Step()) return Status::Internal("Store error", "the notification floor was not kept");
    return s.Int(0);
  });
}

Result<std::vector<int64_t>> SqlMailStore::AccountsWithPendingNotifications(int64_t after_id,
                                                                            int64_t up_to_id,
                                                                            int limit) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<int64_t>> {
    auto s = c.Prepare(
        "SELECT DISTINCT n.account_id FROM notifications n "
        "LEFT JOIN mail_cursors m ON m.account_id = n.account_id "
        "WHERE n.id > ? AND n.id <= ? "
        "AND (m.last_notification_id IS NULL OR n.id > m.last_notification_id) "
        "ORDER BY n.account_id LIMIT ?");
    s.BindAll(after_id, up_to_id, static_cast<int64_t>(limit));
    std::vector<int64_t> out;
    while (s.Step()) out.push_back(s.Int(0));
    return out;
  });
}

Result<PendingNotifications> SqlMailStore::Pending(int64_t account_id, int64_t after_id,
                                                   int limit) {
  return ReadResult(db_, [&](Connection& c) -> Result<PendingNotifications> {
    PendingNotifications out;
    auto cursor = c.Prepare("SELECT last_notification_id FROM mail_cursors WHERE account_id = ?");
    cursor.BindAll(account_id);
    if (cursor.Step()) out.cursor = cursor.Int(0);
    cursor.Run();
    auto s = c.Prepare(
        "SELECT id, from_account_id, type, status_id, group_key, created_at FROM notifications "
        "WHERE account_id = ? AND id > ? ORDER BY id LIMIT ?");
    s.BindAll(account_id, std::max(after_id, out.cursor), static_cast<int64_t>(limit));
    while (s.Step()) {
      NotificationRecord n;
      n.id = s.Int(0);
      n.account_id = account_id;
      n.from_account_id = s.Int(1);
      n.type = s.Text(2);
      n.status_id = s.IsNull(3) ? 0 : s.Int(3);
      n.group_key = s.Text(4);
      n.created_at = s.Int(5);
      out.notifications.push_back(std::move(n));
    }
    return out;
  });
}

Result<bool> SqlMailStore::AdvanceCursor(int64_t account_id, int64_t expected, int64_t next,
                                         const std::optional<OutboxRecord>& message) {
  return WriteResult(db_, [&](Connection& c) -> Result<bool> {
    auto cursor = c.Prepare("SELECT last_notification_id FROM mail_cursors WHERE account_id = ?");
    cursor.BindAll(account_id);
    int64_t current = cursor.Step() ? cursor.Int(0) : 0;
    cursor.Run();
    if (current != expected) return false;
    auto s = c.Prepare(
        "INSERT INTO mail_cursors (account_id, last_notification_id) VALUES (?, ?) "
        "ON CONFLICT (account_id) DO UPDATE SET last_notification_id = "
        "excluded.last_notification_id");
    s.BindAll(account_id, next);
    s.Run();
    if (message) InsertOutbox(c, *message);
    return true;
  });
}

Status SqlMailStore::Enqueue(const OutboxRecord& message) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    InsertOutbox(c, message);
    return Status::Ok();
  });
}

Result<std::optional<OutboxRecord>> SqlMailStore::Claim(std::string_view owner, int64_t now,
                                                        int64_t lease_until) {
  return WriteResult(db_, [&](Connection& c) -> Result<std::optional<OutboxRecord>> {
    auto id = ClaimLeased(c, kOutbox, owner, now, lease_until);
    if (!id) return std::optional<OutboxRecord>();
    auto s = c.Prepare(std::string("SELECT ") + kOutboxColumns + " FROM mail_outbox WHERE id = ?");
    s.BindAll(*id);
    if (!s.Step()) return std::optional<OutboxRecord>();
    return std::optional<OutboxRecord>(ReadOutbox(s));
  });
}

Status SqlMailStore::Finish(int64_t id, std::string_view owner, OutboxState state, int64_t now) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    return FinishLeased(c, kOutbox, id, owner, static_cast<int64_t>(state), now);
  });
}

Status SqlMailStore::Retry(int64_t id, std::string_view owner, std::string_view error, int64_t now,
                           int64_t next_attempt_at, bool give_up) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    return RetryLeased(c, kOutbox, id, owner, error, now, next_attempt_at, give_up,
                       static_cast<int64_t>(OutboxState::kFailed));
  });
}

Result<QueueBacklog> SqlMailStore::Backlog() {
  return ReadResult(
      db_, [&](Connection& c) -> Result<QueueBacklog> { return LeasedBacklog(c, kOutbox); });
}

Result<OutboxStats> SqlMailStore::Stats() {
  return ReadResult(db_, [&](Connection& c) -> Result<OutboxStats> {
    OutboxStats out;
    auto s = c.Prepare(
        "SELECT state, COUNT(*), SUM(CASE WHEN failures > 0 THEN 1 ELSE 0 END), "
        "SUM(failures) FROM mail_outbox GROUP BY state");
    while (s.Step()) {
      int64_t n = s.Int(1);
      switch (static_cast<OutboxState>(s.Int(0))) {
        case OutboxState::kQueued:
          out.queued = n;
          out.retrying = s.Int(2);
          break;
        case OutboxState::kSent:
          out.sent = n;
          break;
        case OutboxState::kFailed:
          out.failed = n;
          break;
        case OutboxState::kDropped:
          out.dropped = n;
          break;
      }
      out.failures += s.Int(3);
    }
    auto oldest = c.Prepare("SELECT MIN(created_at) FROM mail_outbox WHERE state = 0");
    if (oldest.Step() && !oldest.IsNull(0)) out.oldest_queued_at = oldest.Int(0);
    oldest.Run();
    auto last = c.Prepare(
        "SELECT last_error, last_error_at FROM mail_outbox WHERE last_error_at > 0 "
        "ORDER BY last_error_at DESC, id DESC LIMIT 1");
    if (last.Step()) {
      out.last_error = last.Text(0);
      out.last_error_at = last.Int(1);
    }
    return out;
  });
}

Result<std::vector<OutboxRecord>> SqlMailStore::Messages(int64_t account_id, int limit) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<OutboxRecord>> {
    auto s = c.Prepare(std::string("SELECT ") + kOutboxColumns +
                       " FROM mail_outbox WHERE account_id = ? ORDER BY id DESC LIMIT ?");
    s.BindAll(account_id, static_cast<int64_t>(limit));
    std::vector<OutboxRecord> out;
    while (s.Step()) out.push_back(ReadOutbox(s));
    return out;
  });
}

Result<std::vector<DigestSchedule>> SqlMailStore::DigestsDue(int64_t now,
                                                             std::string_view default_mode,
                                                             int64_t after_id, int limit) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<DigestSchedule>> {
    auto s = c.Prepare(
        "SELECT a.id, COALESCE(d.period_end, 0), COALESCE(d.next_at, 0) FROM accounts a "
        "LEFT JOIN email_preferences p ON p.account_id = a.id AND p.kind = 'digest' "
        "LEFT JOIN mail_digests d ON d.account_id = a.id "
        "WHERE a.id > ? AND a.active = 1 AND a.email IS NOT NULL AND a.email <> '' "
        "AND COALESCE(p.mode, ?) <> 'off' AND COALESCE(d.next_at, 0) <= ? "
        "ORDER BY a.id LIMIT ?");
    s.BindAll(after_id, std::string(default_mode), now, static_cast<int64_t>(limit));
    std::vector<DigestSchedule> out;
    while (s.Step()) out.push_back({s.Int(0), s.Int(1), s.Int(2)});
    return out;
  });
}

Result<DigestSchedule> SqlMailStore::Digest(int64_t account_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<DigestSchedule> {
    auto s = c.Prepare("SELECT period_end, next_at FROM mail_digests WHERE account_id = ?");
    s.BindAll(account_id);
    DigestSchedule out{account_id, 0, 0};
    if (s.Step()) {
      out.period_end = s.Int(0);
      out.next_at = s.Int(1);
    }
    return out;
  });
}

Result<bool> SqlMailStore::AdvanceDigest(int64_t expected_next_at, const DigestSchedule& next,
                                         const std::optional<OutboxRecord>& message) {
  return WriteResult(db_, [&](Connection& c) -> Result<bool> {
    auto current = c.Prepare("SELECT next_at FROM mail_digests WHERE account_id = ?");
    current.BindAll(next.account_id);
    int64_t next_at = current.Step() ? current.Int(0) : 0;
    current.Run();
    if (next_at != expected_next_at) return false;
    auto s = c.Prepare(
        "INSERT INTO mail_digests (account_id, period_end, next_at) VALUES (?, ?, ?) "
        "ON CONFLICT (account_id) DO UPDATE SET period_end = excluded.period_end, "
        "next_at = excluded.next_at");
    s.BindAll(next.account_id, next.period_end, next.next_at);
    s.Run();
    if (message) InsertOutbox(c, *message);
    return true;
  });
}

Result<std::map<std::string, std::string>> SqlMailStore::Preferences(int64_t account_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::map<std::string, std::string>> {
    auto s = c.Prepare("SELECT kind, mode FROM email_preferences WHERE account_id = ?");
    s.BindAll(account_id);
    std::map<std::string, std::string> out;
    while (s.Step()) out[s.Text(0)] = s.Text(1);
    return out;
  });
}

Status SqlMailStore::SetPreferences(int64_t account_id,
                                    const std::map<std::string, std::string>& preferences) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    for (const auto& [kind, mode] : preferences) {
      auto s = c.Prepare(
          "INSERT INTO email_preferences (account_id, kind, mode) VALUES (?, ?, ?) "
          "ON CONFLICT (account_id, kind) DO UPDATE SET mode = excluded.mode");
      s.BindAll(account_id, kind, mode);
      s.Run();
    }
    return Status::Ok();
  });
}

}  // namespace atrium::sql
