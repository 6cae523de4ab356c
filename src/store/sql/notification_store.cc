// Notifications, on either backend. An account's notifications are read newest first
// along notifications(account_id, id); a group along
// notifications(account_id, group_key).
#include <algorithm>

#include "store/sql/database.h"
#include "store/sql/push_store.h"
#include "store/sql/rows.h"
#include "store/sql/social_store.h"
#include "store/sql/sql_util.h"

namespace atrium::sql {
namespace {

constexpr const char* kNotificationColumns =
    "SELECT id, account_id, from_account_id, type, COALESCE(status_id, 0), group_key, "
    "created_at FROM notifications ";

NotificationRecord ReadNotification(const Stmt& s) {
  NotificationRecord n;
  n.id = s.Int(0);
  n.account_id = s.Int(1);
  n.from_account_id = s.Int(2);
  n.type = s.Text(3);
  n.status_id = s.Int(4);
  n.group_key = s.Text(5);
  n.created_at = s.Int(6);
  return n;
}

// The ids of the account's `limit` newest notifications, newest first.
std::vector<int64_t> ReadNewestIds(Connection& c, int64_t account_id, int64_t limit) {
  auto s = c.Prepare("SELECT id FROM notifications WHERE account_id = ? ORDER BY id DESC LIMIT ?");
  s.BindAll(account_id, std::max<int64_t>(limit, 0));
  std::vector<int64_t> out;
  while (s.Step()) out.push_back(s.Int(0));
  return out;
}

// The account's notification policy; every field "accept" if never set.
NotificationPolicyRecord ReadPolicy(Connection& c, int64_t account_id) {
  auto s = c.Prepare(
      "SELECT for_not_following, for_not_followers, for_new_accounts, for_private_mentions, "
      "for_limited_accounts FROM notification_policies WHERE account_id = ?");
  s.Bind(1, account_id);
  NotificationPolicyRecord p;
  if (s.Step()) {
    p.for_not_following = s.Text(0);
    p.for_not_followers = s.Text(1);
    p.for_new_accounts = s.Text(2);
    p.for_private_mentions = s.Text(3);
    p.for_limited_accounts = s.Text(4);
  }
  return p;
}

}  // namespace

void InsertNotification(Connection& c, const NotificationRecord& n) {
  if (n.account_id == 0) return;
  auto s = c.Prepare(
      "INSERT INTO notifications (id, account_id, from_account_id, type, status_id, group_key, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
  s.BindAll(n.id, n.account_id, n.from_account_id, n.type);
  BindOptionalId(s, 5, n.status_id);
  s.Bind(6, n.group_key).Bind(7, n.created_at);
  s.Run();
  EnqueuePushDeliveries(c, n.account_id, n.id, n.type, n.created_at);
}

void DeleteNotifications(Connection& c, int64_t account_id, int64_t from_account_id,
                         const char* type) {
  c.Prepare("DELETE FROM notifications WHERE from_account_id = ? AND account_id = ? AND type = ?")
      .BindAll(from_account_id, account_id, type)
      .Run();
}

Status SqlNotificationStore::Insert(const std::vector<NotificationRecord>& notifications) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    for (const auto& n : notifications) InsertNotification(c, n);
    return Status::Ok();
  });
}

Result<std::vector<NotificationRecord>> SqlNotificationStore::List(
    int64_t account_id, const std::vector<std::string>& types,
    const std::vector<std::string>& exclude_types, const PageRequest& page) {
  if (types.size() > kMaxInList || exclude_types.size() > kMaxInList)
    return Status::BadRequest("Too many types");
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<NotificationRecord>> {
    SqlBuilder q(kNotificationColumns);
    q.Add("WHERE account_id = ?", account_id);
    if (!types.empty()) q.Add(" AND type IN ").AddInList(types);
    if (!exclude_types.empty()) q.Add(" AND type NOT IN ").AddInList(exclude_types);
    bool reverse = AppendPage(q, "id", page);
    std::vector<NotificationRecord> out;
    q.ForEachRow(c, [&](const Stmt& s) { out.push_back(ReadNotification(s)); });
    if (reverse) std::reverse(out.begin(), out.end());
    return out;
  });
}

Result<NotificationRecord> SqlNotificationStore::Get(int64_t account_id, int64_t id) {
  return ReadResult(db_, [&](Connection& c) -> Result<NotificationRecord> {
    auto s = c.Prepare(std::string(kNotificationColumns) + "WHERE id = ? AND account_id = ?");
    s.BindAll(id, account_id);
    if (!s.Step()) return Status::NotFound();
    return ReadNotification(s);
  });
}

Result<std::vector<NotificationRecord>> SqlNotificationStore::Group(int64_t account_id,
                                                                    const std::string& group_key) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<NotificationRecord>> {
    auto s = c.Prepare(std::string(kNotificationColumns) +
                       "WHERE account_id = ? AND group_key = ? ORDER BY id DESC");
    s.BindAll(account_id, group_key);
    std::vector<NotificationRecord> out;
    while (s.Step()) out.push_back(ReadNotification(s));
    return out;
  });
}

Status SqlNotificationStore::Dismiss(int64_t account_id, int64_t id) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto s = c.Prepare("DELETE FROM notifications WHERE id = ? AND account_id = ?");
    s.BindAll(id, account_id).Run();
    return s.Changes() > 0 ? Status::Ok() : Status::NotFound();
  });
}

// As Mastodon: dismissing a group that has no notifications (left) succeeds.
// The empty key is no group: it would name every ungrouped notification.
Status SqlNotificationStore::DismissGroup(int64_t account_id, const std::string& group_key) {
  if (group_key.empty()) return Status::NotFound();
  return WriteResult(db_, [&](Connection& c) -> Status {
    c.Prepare("DELETE FROM notifications WHERE account_id = ? AND group_key = ?")
        .BindAll(account_id, group_key)
        .Run();
    return Status::Ok();
  });
}

Status SqlNotificationStore::Clear(int64_t account_id) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    c.Prepare("DELETE FROM notifications WHERE account_id = ?").BindAll(account_id).Run();
    return Status::Ok();
  });
}

Result<int64_t> SqlNotificationStore::CountAfter(int64_t account_id, int64_t after_id,
                                                 int64_t limit) {
  return ReadResult(db_, [&](Connection& c) -> Result<int64_t> {
    auto s = c.Prepare(
        "SELECT COUNT(*) FROM (SELECT 1 FROM notifications WHERE account_id = ? AND id > ? "
        "LIMIT ?) AS recent");
    s.BindAll(account_id, after_id, std::max<int64_t>(limit, 0));
    return s.Step() ? s.Int(0) : int64_t{0};
  });
}

Result<std::vector<int64_t>> SqlNotificationStore::NewestIds(int64_t account_id, int64_t limit) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<int64_t>> {
    return ReadNewestIds(c, account_id, limit);
  });
}

Result<NotificationStore::NewestAndPolicy> SqlNotificationStore::NewestIdsAndPolicy(
    int64_t account_id, int64_t limit) {
  return ReadResult(db_, [&](Connection& c) -> Result<NewestAndPolicy> {
    NewestAndPolicy out;
    out.ids = ReadNewestIds(c, account_id, limit);
    out.policy = ReadPolicy(c, account_id);
    return out;
  });
}

Status SqlNotificationStore::DismissMany(int64_t account_id, const std::vector<int64_t>& ids) {
  if (ids.empty()) return Status::Ok();
  return WriteResult(db_, [&](Connection& c) -> Status {
    ForEachChunk(ids, [&](std::span<const int64_t> chunk) {
      SqlBuilder q;
      q.Add("DELETE FROM notifications WHERE account_id = ?", account_id);
      q.Add(" AND id IN ").AddInList(chunk);
      q.Run(c);
    });
    return Status::Ok();
  });
}

Result<NotificationPolicyRecord> SqlNotificationStore::Policy(int64_t account_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<NotificationPolicyRecord> {
    return ReadPolicy(c, account_id);
  });
}

Status SqlNotificationStore::SetPolicy(int64_t account_id, const NotificationPolicyRecord& p,
                                       int64_t now) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    c.Prepare(
         "INSERT INTO notification_policies (account_id, for_not_following, for_not_followers, "
         "for_new_accounts, for_private_mentions, for_limited_accounts, updated_at) "
         "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET "
         "for_not_following = excluded.for_not_following, "
         "for_not_followers = excluded.for_not_followers, "
         "for_new_accounts = excluded.for_new_accounts, "
         "for_private_mentions = excluded.for_private_mentions, "
         "for_limited_accounts = excluded.for_limited_accounts, updated_at = excluded.updated_at")
        .BindAll(account_id, p.for_not_following, p.for_not_followers, p.for_new_accounts,
                 p.for_private_mentions, p.for_limited_accounts, now)
        .Run();
    return Status::Ok();
  });
}

Result<std::vector<int64_t>> SqlNotificationStore::AcceptedSenders(int64_t account_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<int64_t>> {
    auto s = c.Prepare(
        "SELECT from_account_id FROM notification_permissions WHERE account_id = ? "
        "ORDER BY from_account_id");
    s.Bind(1, account_id);
    std::vector<int64_t> out;
    while (s.Step()) out.push_back(s.Int(0));
    return out;
  });
}

Status SqlNotificationStore::AcceptSenders(int64_t account_id,
                                           const std::vector<int64_t>& from_account_ids,
                                           int64_t now) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    for (int64_t from : from_account_ids)
      c.Prepare(
           "INSERT INTO notification_permissions (account_id, from_account_id, created_at) "
           "VALUES (?, ?, ?) ON CONFLICT (account_id, from_account_id) DO NOTHING")
          .BindAll(account_id, from, now)
          .Run();
    return Status::Ok();
  });
}

}  // namespace atrium::sql
