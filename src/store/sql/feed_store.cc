// Blog feeds: feed_subscriptions (one per member and URL) and feed_entries
// (every entry seen, by key).
#include "store/sql/feed_store.h"

#include "store/sql/sql_util.h"

namespace atrium::sql {
namespace {

constexpr const char* kColumns =
    "SELECT id, account_id, url, visibility, title, etag, last_modified, primed, failures, "
    "last_error, last_polled_at, next_poll_at, created_at FROM feed_subscriptions ";

FeedSubscriptionRecord ReadFeed(const Stmt& s) {
  FeedSubscriptionRecord r;
  r.id = s.Int(0);
  r.account_id = s.Int(1);
  r.url = s.Text(2);
  r.visibility = static_cast<Visibility>(s.Int(3));
  r.title = s.Text(4);
  r.etag = s.Text(5);
  r.last_modified = s.Text(6);
  r.primed = s.Bool(7);
  r.failures = static_cast<int>(s.Int(8));
  r.last_error = s.Text(9);
  r.last_polled_at = s.Int(10);
  r.next_poll_at = s.Int(11);
  r.created_at = s.Int(12);
  return r;
}

}  // namespace

Status SqlFeedStore::Create(const FeedSubscriptionRecord& f) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto exists = c.Prepare("SELECT 1 FROM feed_subscriptions WHERE account_id = ? AND url = ?");
    exists.BindAll(f.account_id, f.url);
    if (exists.Step()) return Status::Conflict("feed_exists", "this feed is already connected");
    c.Prepare(
         "INSERT INTO feed_subscriptions (id, account_id, url, visibility, next_poll_at, "
         "created_at) VALUES (?, ?, ?, ?, ?, ?)")
        .BindAll(f.id, f.account_id, f.url, static_cast<int64_t>(f.visibility), f.next_poll_at,
                 f.created_at)
        .Run();
    return Status::Ok();
  });
}

Result<std::vector<FeedSubscriptionRecord>> SqlFeedStore::List(int64_t account_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<FeedSubscriptionRecord>> {
    auto s = c.Prepare(std::string(kColumns) + "WHERE account_id = ? ORDER BY id");
    s.BindAll(account_id);
    std::vector<FeedSubscriptionRecord> out;
    while (s.Step()) out.push_back(ReadFeed(s));
    return out;
  });
}

Result<FeedSubscriptionRecord> SqlFeedStore::Get(int64_t account_id, int64_t id) {
  return ReadResult(db_, [&](Connection& c) -> Result<FeedSubscriptionRecord> {
    auto s = c.Prepare(std::string(kColumns) + "WHERE id = ? AND account_id = ?");
    s.BindAll(id, account_id);
    if (!s.Step()) return Status::NotFound();
    return ReadFeed(s);
  });
}

Status SqlFeedStore::Delete(int64_t account_id, int64_t id) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    c.Prepare(
         "DELETE FROM feed_entries WHERE subscription_id IN "
         "(SELECT id FROM feed_subscriptions WHERE id = ? AND account_id = ?)")
        .BindAll(id, account_id)
        .Run();
    auto s = c.Prepare("DELETE FROM feed_subscriptions WHERE id = ? AND account_id = ?");
    s.BindAll(id, account_id);
    s.Run();
    if (s.Changes() == 0) return Status::NotFound();
    return Status::Ok();
  });
}

Result<std::optional<FeedSubscriptionRecord>> SqlFeedStore::ClaimDue(int64_t now, int64_t until) {
  return WriteResult(db_, [&](Connection& c) -> Result<std::optional<FeedSubscriptionRecord>> {
    auto s = c.Prepare(std::string(kColumns) +
                       "WHERE next_poll_at <= ? AND claimed_until <= ? "
                       "ORDER BY next_poll_at, id LIMIT 1");
    s.BindAll(now, now);
    if (!s.Step()) return std::optional<FeedSubscriptionRecord>();
    FeedSubscriptionRecord f = ReadFeed(s);
    c.Prepare("UPDATE feed_subscriptions SET claimed_until = ? WHERE id = ?")
        .BindAll(until, f.id)
        .Run();
    return std::optional<FeedSubscriptionRecord>(std::move(f));
  });
}

Status SqlFeedStore::Polled(const FeedSubscriptionRecord& f) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto s = c.Prepare(
        "UPDATE feed_subscriptions SET title = ?, etag = ?, last_modified = ?, primed = ?, "
        "failures = ?, last_error = ?, last_polled_at = ?, next_poll_at = ?, claimed_until = 0 "
        "WHERE id = ?");
    s.BindAll(f.title, f.etag, f.last_modified, int64_t{f.primed ? 1 : 0}, int64_t{f.failures},
              f.last_error, f.last_polled_at, f.next_poll_at, f.id);
    s.Run();
    if (s.Changes() == 0) return Status::NotFound();
    return Status::Ok();
  });
}

Result<bool> SqlFeedStore::MarkSeen(int64_t subscription_id, const std::string& key, int64_t now) {
  return WriteResult(db_, [&](Connection& c) -> Result<bool> {
    auto s = c.Prepare(
        "INSERT INTO feed_entries (subscription_id, entry_key, seen_at) VALUES (?, ?, ?) "
        "ON CONFLICT DO NOTHING");
    s.BindAll(subscription_id, key, now);
    s.Run();
    return s.Changes() > 0;
  });
}

Status SqlFeedStore::SetEntryStatus(int64_t subscription_id, const std::string& key,
                                    int64_t status_id) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    c.Prepare("UPDATE feed_entries SET status_id = ? WHERE subscription_id = ? AND entry_key = ?")
        .BindAll(status_id, subscription_id, key)
        .Run();
    return Status::Ok();
  });
}

Result<std::pair<int64_t, int64_t>> SqlFeedStore::DueStats(int64_t now) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::pair<int64_t, int64_t>> {
    auto s = c.Prepare(
        "SELECT COUNT(*), COALESCE(MIN(next_poll_at), 0) FROM feed_subscriptions "
        "WHERE next_poll_at <= ?");
    s.BindAll(now);
    if (!s.Step()) return std::pair<int64_t, int64_t>{0, 0};
    return std::pair<int64_t, int64_t>{s.Int(0), s.Int(1)};
  });
}

}  // namespace atrium::sql
