// Push subscriptions and their deliveries. A subscription's alerts are kept
// as one text ",mention,follow," so that queuing a notification's
// deliveries is one INSERT … SELECT matching ",<type>," with LIKE (its
// '_' escaped). Deliveries are claimed with a lease (store/sql/leased_queue.h).
#include "store/sql/push_store.h"

#include "store/sql/leased_queue.h"
#include "store/sql/sql_util.h"

namespace atrium::sql {
namespace {

constexpr const char* kJobs = "push_jobs";
constexpr const char* kColumns =
    "SELECT id, account_id, endpoint, p256dh, auth, alerts, policy, created_at "
    "FROM push_subscriptions ";

std::string JoinAlerts(const std::vector<std::string>& alerts) {
  std::string out = ",";
  for (const auto& a : alerts) out += a + ",";
  return out;
}

std::vector<std::string> SplitAlerts(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

PushSubscriptionRecord ReadSubscription(const Stmt& s) {
  PushSubscriptionRecord r;
  r.id = s.Int(0);
  r.account_id = s.Int(1);
  r.endpoint = s.Text(2);
  r.p256dh = s.Text(3);
  r.auth = s.Text(4);
  r.alerts = SplitAlerts(s.Text(5));
  r.policy = s.Text(6);
  r.created_at = s.Int(7);
  return r;
}

// The WHERE clause naming the owner's subscription; its one parameter is
// bound by BindOwner.
const char* OwnerClause(const PushOwner& owner) {
  return owner.token_id != 0 ? "token_id = ?"
                             : "session_id = (SELECT id FROM sessions WHERE token_hash = ?)";
}
void BindOwner(Stmt& s, int index, const PushOwner& owner) {
  if (owner.token_id != 0)
    s.Bind(index, owner.token_id);
  else
    s.Bind(index, owner.session_token_hash);
}

std::optional<PushSubscriptionRecord> ReadOwned(Connection& c, const PushOwner& owner) {
  auto s = c.Prepare(std::string(kColumns) + "WHERE " + OwnerClause(owner));
  BindOwner(s, 1, owner);
  if (!s.Step()) return std::nullopt;
  return ReadSubscription(s);
}

}  // namespace

void EnqueuePushDeliveries(Connection& c, int64_t account_id, int64_t notification_id,
                           std::string_view type, int64_t now) {
  std::string pattern = "%,";
  for (char ch : type) {
    if (ch == '_' || ch == '%' || ch == '!') pattern += '!';
    pattern += ch;
  }
  pattern += ",%";
  auto s = c.Prepare(
      "INSERT INTO push_jobs (subscription_id, notification_id, next_attempt_at, created_at) "
      "SELECT s.id, ?, ?, ? FROM push_subscriptions s WHERE s.account_id = ? "
      "AND s.alerts LIKE ? ESCAPE '!' AND s.policy <> 'none' AND (s.token_id IS NULL OR "
      "EXISTS (SELECT 1 FROM oauth_tokens t WHERE t.id = s.token_id AND t.revoked_at = 0))");
  s.BindAll(notification_id, now, now, account_id, pattern);
  s.Run();
}

Status SqlPushStore::Replace(const PushOwner& owner, const PushSubscriptionRecord& r) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto gone =
        c.Prepare(std::string("DELETE FROM push_subscriptions WHERE ") + OwnerClause(owner));
    BindOwner(gone, 1, owner);
    gone.Run();
    auto s = c.Prepare(
        "INSERT INTO push_subscriptions (id, account_id, token_id, session_id, endpoint, p256dh, "
        "auth, alerts, policy, created_at) VALUES (?, ?, ?, "
        "(SELECT id FROM sessions WHERE token_hash = ?), ?, ?, ?, ?, ?, ?)");
    s.BindAll(r.id, r.account_id);
    BindOptionalId(s, 3, owner.token_id);
    if (owner.token_id != 0)
      s.BindNull(4);
    else
      s.Bind(4, owner.session_token_hash);
    s.Bind(5, r.endpoint).Bind(6, r.p256dh).Bind(7, r.auth).Bind(8, JoinAlerts(r.alerts));
    s.Bind(9, r.policy).Bind(10, r.created_at);
    s.Run();
    if (owner.token_id == 0) {
      auto check = c.Prepare("SELECT session_id FROM push_subscriptions WHERE id = ?");
      check.BindAll(r.id);
      if (!check.Step() || check.IsNull(0)) return Status::NotFound("The session has ended");
    }
    return Status::Ok();
  });
}

Result<PushSubscriptionRecord> SqlPushStore::Get(const PushOwner& owner) {
  return ReadResult(db_, [&](Connection& c) -> Result<PushSubscriptionRecord> {
    auto r = ReadOwned(c, owner);
    if (!r) return Status::NotFound();
    return *r;
  });
}

Result<PushSubscriptionRecord> SqlPushStore::Update(const PushOwner& owner,
                                                    const std::vector<std::string>& alerts,
                                                    const std::string& policy) {
  return WriteResult(db_, [&](Connection& c) -> Result<PushSubscriptionRecord> {
    auto s = c.Prepare(std::string("UPDATE push_subscriptions SET alerts = ?, policy = ? WHERE ") +
                       OwnerClause(owner));
    s.BindAll(JoinAlerts(alerts), policy);
    BindOwner(s, 3, owner);
    s.Run();
    auto r = ReadOwned(c, owner);
    if (!r) return Status::NotFound();
    return *r;
  });
}

Status SqlPushStore::Delete(const PushOwner& owner) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto s = c.Prepare(std::string("DELETE FROM push_subscriptions WHERE ") + OwnerClause(owner));
    BindOwner(s, 1, owner);
    s.Run();
    return Status::Ok();
  });
}

Result<PushSubscriptionRecord> SqlPushStore::Find(int64_t id) {
  return ReadResult(db_, [&](Connection& c) -> Result<PushSubscriptionRecord> {
    auto s = c.Prepare(std::string(kColumns) + "WHERE id = ?");
    s.BindAll(id);
    if (!s.Step()) return Status::NotFound();
    return ReadSubscription(s);
  });
}

Status SqlPushStore::Remove(int64_t id) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    c.Prepare("DELETE FROM push_subscriptions WHERE id = ?").BindAll(id).Run();
    return Status::Ok();
  });
}

Result<std::optional<PushJobRecord>> SqlPushStore::Claim(std::string_view owner, int64_t now,
                                                         int64_t lease_until) {
  return WriteResult(db_, [&](Connection& c) -> Result<std::optional<PushJobRecord>> {
    auto id = ClaimLeased(c, kJobs, owner, now, lease_until);
    if (!id) return std::optional<PushJobRecord>();
    auto s = c.Prepare(
        "SELECT id, subscription_id, notification_id, attempts, created_at FROM push_jobs "
        "WHERE id = ?");
    s.BindAll(*id);
    if (!s.Step()) return std::optional<PushJobRecord>();
    return std::optional<PushJobRecord>(
        PushJobRecord{s.Int(0), s.Int(1), s.Int(2), s.Int(3), s.Int(4)});
  });
}

Status SqlPushStore::Finish(int64_t id, std::string_view owner, PushJobState state, int64_t now) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    return FinishLeased(c, kJobs, id, owner, static_cast<int64_t>(state), now);
  });
}

Status SqlPushStore::Retry(int64_t id, std::string_view owner, std::string_view error, int64_t now,
                           int64_t next_attempt_at, bool give_up) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    return RetryLeased(c, kJobs, id, owner, error, now, next_attempt_at, give_up,
                       static_cast<int64_t>(PushJobState::kFailed));
  });
}

Result<QueueBacklog> SqlPushStore::Backlog() {
  return ReadResult(db_,
                    [&](Connection& c) -> Result<QueueBacklog> { return LeasedBacklog(c, kJobs); });
}

Result<int64_t> SqlPushStore::Prune(int64_t before, int limit) {
  return WriteResult(db_, [&](Connection& c) -> Result<int64_t> {
    auto s = c.Prepare(
        "DELETE FROM push_jobs WHERE id IN (SELECT id FROM push_jobs WHERE state <> 0 AND "
        "sent_at < ? LIMIT ?)");
    s.BindAll(before, static_cast<int64_t>(limit));
    s.Run();
    return static_cast<int64_t>(s.Changes());
  });
}

}  // namespace atrium::sql
