// Relationships: follows, follow requests, blocks, mutes and
// connections. Every relation is one row per direction with a unique
// (account_id, target) pair, so each look-up is one index seek and each list
// one index range.
//
// Answering a pending request or invitation (authorize, reject, withdraw,
// decline, accept, or a block) also removes the follow_request /
// connection_request notification it caused, and an unfollow the follow
// notification, as Mastodon destroys a notification with its activity.
#include <algorithm>
#include <optional>
#include <unordered_map>

#include "store/sql/database.h"
#include "store/sql/rows.h"
#include "store/sql/social_store.h"
#include "store/sql/sql_util.h"

namespace atrium::sql {
namespace {

bool Exists(Connection& c, const char* sql, int64_t a, int64_t b) {
  auto s = c.Prepare(sql);
  s.BindAll(a, b);
  return s.Step();
}

// Removes account_id's pending request to follow target_id and its
// notification; true if there was one.
bool DeleteFollowRequest(Connection& c, int64_t account_id, int64_t target_id) {
  auto s = c.Prepare("DELETE FROM follow_requests WHERE account_id = ? AND target_id = ?");
  s.BindAll(account_id, target_id).Run();
  if (s.Changes() == 0) return false;
  DeleteNotifications(c, target_id, account_id, "follow_request");
  return true;
}

// Removes inviter_id's pending invitation of target_id and its notification;
// true if there was one.
bool DeleteInvitation(Connection& c, int64_t inviter_id, int64_t target_id) {
  auto s = c.Prepare("DELETE FROM connection_invitations WHERE account_id = ? AND target_id = ?");
  s.BindAll(inviter_id, target_id).Run();
  if (s.Changes() == 0) return false;
  DeleteNotifications(c, target_id, inviter_id, "connection_request");
  return true;
}

Result<std::vector<int64_t>> ReadIds(Database& db, const char* sql, int64_t key) {
  return ReadResult(db, [&](Connection& c) -> Result<std::vector<int64_t>> {
    auto s = c.Prepare(sql);
    s.Bind(1, key);
    std::vector<int64_t> out;
    while (s.Step()) out.push_back(s.Int(0));
    return out;
  });
}

Result<bool> DeleteOne(Database& db, const char* sql, int64_t a, int64_t b) {
  return WriteResult(db, [&](Connection& c) -> Result<bool> {
    auto s = c.Prepare(sql);
    s.BindAll(a, b).Run();
    return s.Changes() > 0;
  });
}

}  // namespace

Result<bool> SqlRelationshipStore::Follow(const FollowRecord& f,
                                          const NotificationRecord& notification) {
  return WriteResult(db_, [&](Connection& c) -> Result<bool> {
    if (!InsertFollow(c, f.id, f.account_id, f.target_id, f.show_reblogs, f.notify, f.created_at)) {
      c.Prepare(
           "UPDATE follows SET show_reblogs = ?, notify = ? "
           "WHERE account_id = ? AND target_id = ?")
          .BindAll(f.show_reblogs, f.notify, f.account_id, f.target_id)
          .Run();
      return false;
    }
    // A request made while the target was locked is answered by the follow.
    DeleteFollowRequest(c, f.account_id, f.target_id);
    InsertNotification(c, notification);
    return true;
  });
}

Result<bool> SqlRelationshipStore::Unfollow(int64_t account_id, int64_t target_id) {
  return WriteResult(db_, [&](Connection& c) -> Result<bool> {
    auto s = c.Prepare("DELETE FROM follows WHERE account_id = ? AND target_id = ?");
    s.BindAll(account_id, target_id).Run();
    if (s.Changes() == 0) return false;
    // The follow's notification goes with it, as Mastodon's does, and so
    // does the endorsement: only people followed are featured.
    DeleteNotifications(c, target_id, account_id, "follow");
    c.Prepare("DELETE FROM account_pins WHERE account_id = ? AND target_id = ?")
        .BindAll(account_id, target_id)
        .Run();
    return true;
  });
}

Result<bool> SqlRelationshipStore::RequestFollow(int64_t request_id, int64_t account_id,
                                                 int64_t target_id,
                                                 const NotificationRecord& notification) {
  return WriteResult(db_, [&](Connection& c) -> Result<bool> {
    auto s = c.Prepare(
        "INSERT INTO follow_requests (id, account_id, target_id) VALUES (?, ?, ?) "
        "ON CONFLICT (account_id, target_id) DO NOTHING");
    s.BindAll(request_id, account_id, target_id).Run();
    if (s.Changes() == 0) return false;
    InsertNotification(c, notification);
    return true;
  });
}

Result<bool> SqlRelationshipStore::WithdrawFollowRequest(int64_t account_id, int64_t target_id) {
  return WriteResult(db_, [&](Connection& c) -> Result<bool> {
    return DeleteFollowRequest(c, account_id, target_id);
  });
}

Status SqlRelationshipStore::AuthorizeFollowRequest(int64_t follow_id, int64_t account_id,
                                                    int64_t target_id, int64_t now) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    if (!DeleteFollowRequest(c, account_id, target_id)) return Status::NotFound();
    InsertFollow(c, follow_id, account_id, target_id, /*show_reblogs=*/true, /*notify=*/false, now);
    return Status::Ok();
  });
}

Status SqlRelationshipStore::RejectFollowRequest(int64_t account_id, int64_t target_id) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    return DeleteFollowRequest(c, account_id, target_id) ? Status::Ok() : Status::NotFound();
  });
}

Result<std::vector<PageEntry>> SqlRelationshipStore::FollowRequests(int64_t target_id,
                                                                    const PageRequest& page) {
  return ReadKeyedPage(db_, "SELECT id, account_id FROM follow_requests WHERE target_id = ?",
                       target_id, page);
}

Result<int64_t> SqlRelationshipStore::CountFollowRequests(int64_t target_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<int64_t> {
    auto s = c.Prepare("SELECT COUNT(*) FROM follow_requests WHERE target_id = ?");
    s.Bind(1, target_id);
    return s.Step() ? s.Int(0) : int64_t{0};
  });
}

Result<bool> SqlRelationshipStore::Block(int64_t block_id, int64_t account_id, int64_t target_id,
                                         int64_t now) {
  return WriteResult(db_, [&](Connection& c) -> Result<bool> {
    auto s = c.Prepare(
        "INSERT INTO blocks (id, account_id, target_id, created_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (account_id, target_id) DO NOTHING");
    s.BindAll(block_id, account_id, target_id, now).Run();
    bool created = s.Changes() > 0;
    c.Prepare(
         "DELETE FROM follows WHERE (account_id = ? AND target_id = ?) "
         "OR (account_id = ? AND target_id = ?)")
        .BindAll(account_id, target_id, target_id, account_id)
        .Run();
    DeleteFollowRequest(c, account_id, target_id);
    DeleteFollowRequest(c, target_id, account_id);
    c.Prepare(
         "DELETE FROM connections WHERE (account_id = ? AND other_id = ?) "
         "OR (account_id = ? AND other_id = ?)")
        .BindAll(account_id, target_id, target_id, account_id)
        .Run();
    DeleteInvitation(c, account_id, target_id);
    DeleteInvitation(c, target_id, account_id);
    c.Prepare(
         "DELETE FROM account_pins WHERE (account_id = ? AND target_id = ?) "
         "OR (account_id = ? AND target_id = ?)")
        .BindAll(account_id, target_id, target_id, account_id)
        .Run();
    return created;
  });
}

Result<bool> SqlRelationshipStore::Unblock(int64_t account_id, int64_t target_id) {
  return DeleteOne(db_, "DELETE FROM blocks WHERE account_id = ? AND target_id = ?", account_id,
                   target_id);
}

Result<bool> SqlRelationshipStore::Mute(int64_t mute_id, int64_t account_id, int64_t target_id,
                                        bool notifications, int64_t expires_at, int64_t now) {
  return WriteResult(db_, [&](Connection& c) -> Result<bool> {
    std::optional<int64_t> old_expiry;
    {
      auto s = c.Prepare("SELECT expires_at FROM mutes WHERE account_id = ? AND target_id = ?");
      s.BindAll(account_id, target_id);
      if (s.Step()) old_expiry = s.Int(0);
    }
    if (old_expiry && (*old_expiry == 0 || *old_expiry > now)) {
      // Still muted: change the terms (as Mastodon), keep the mute's place.
      c.Prepare(
           "UPDATE mutes SET hide_notifications = ?, expires_at = ? "
           "WHERE account_id = ? AND target_id = ?")
          .BindAll(notifications, expires_at, account_id, target_id)
          .Run();
      return false;
    }
    // None, or one that has run out: a new mute.
    c.Prepare("DELETE FROM mutes WHERE account_id = ? AND target_id = ?")
        .BindAll(account_id, target_id)
        .Run();
    c.Prepare(
         "INSERT INTO mutes (id, account_id, target_id, hide_notifications, expires_at, "
         "created_at) VALUES (?, ?, ?, ?, ?, ?)")
        .BindAll(mute_id, account_id, target_id, notifications, expires_at, now)
        .Run();
    return true;
  });
}

Result<bool> SqlRelationshipStore::Unmute(int64_t account_id, int64_t target_id) {
  return DeleteOne(db_, "DELETE FROM mutes WHERE account_id = ? AND target_id = ?", account_id,
                   target_id);
}

Status SqlRelationshipStore::InviteConnection(int64_t invitation_id, int64_t account_id,
                                              int64_t target_id,
                                              const NotificationRecord& notification) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    if (Exists(c, "SELECT 1 FROM connections WHERE account_id = ? AND other_id = ?", account_id,
               target_id))
      return Status::Conflict("Already connected");
    if (Exists(c,
               "SELECT 1 FROM connection_invitations WHERE account_id = ?1 AND target_id = ?2 "
               "UNION ALL SELECT 1 FROM connection_invitations "
               "WHERE account_id = ?2 AND target_id = ?1",
               account_id, target_id))
      return Status::Conflict("Already invited");
    c.Prepare("INSERT INTO connection_invitations (id, account_id, target_id) VALUES (?, ?, ?)")
        .BindAll(invitation_id, account_id, target_id)
        .Run();
    InsertNotification(c, notification);
    return Status::Ok();
  });
}

// follow_id_1 is account_id -> inviter_id, follow_id_2 inviter_id -> account_id.
Status SqlRelationshipStore::AcceptConnection(int64_t account_id, int64_t inviter_id,
                                              int64_t follow_id_1, int64_t follow_id_2,
                                              const NotificationRecord& notification, int64_t now) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    if (!DeleteInvitation(c, inviter_id, account_id)) return Status::NotFound();
    DeleteInvitation(c, account_id, inviter_id);
    InsertFollow(c, follow_id_1, account_id, inviter_id, /*show_reblogs=*/true,
                 /*notify=*/false, now);
    InsertFollow(c, follow_id_2, inviter_id, account_id, /*show_reblogs=*/true,
                 /*notify=*/false, now);
    // Now that both follow, pending follow requests between them are moot.
    DeleteFollowRequest(c, account_id, inviter_id);
    DeleteFollowRequest(c, inviter_id, account_id);
    auto connect = [&](int64_t a, int64_t b) {
      c.Prepare(
           "INSERT INTO connections (account_id, other_id, created_at) VALUES (?, ?, ?) "
           "ON CONFLICT (account_id, other_id) DO NOTHING")
          .BindAll(a, b, now)
          .Run();
    };
    connect(inviter_id, account_id);
    connect(account_id, inviter_id);
    InsertNotification(c, notification);
    return Status::Ok();
  });
}

Status SqlRelationshipStore::DeclineConnection(int64_t account_id, int64_t inviter_id) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    return DeleteInvitation(c, inviter_id, account_id) ? Status::Ok() : Status::NotFound();
  });
}

Status SqlRelationshipStore::WithdrawConnection(int64_t account_id, int64_t target_id) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    return DeleteInvitation(c, account_id, target_id) ? Status::Ok() : Status::NotFound();
  });
}

Status SqlRelationshipStore::RemoveConnection(int64_t account_id, int64_t other_id) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto s = c.Prepare(
        "DELETE FROM connections WHERE (account_id = ? AND other_id = ?) "
        "OR (account_id = ? AND other_id = ?)");
    s.BindAll(account_id, other_id, other_id, account_id).Run();
    return s.Changes() > 0 ? Status::Ok() : Status::NotFound();
  });
}

Result<std::vector<PageEntry>> SqlRelationshipStore::Connections(int64_t account_id,
                                                                 const PageRequest& page) {
  return ReadKeyedPage(db_, "SELECT id, other_id FROM connections WHERE account_id = ?", account_id,
                       page);
}

Result<std::vector<PageEntry>> SqlRelationshipStore::ConnectionInvitations(
    int64_t account_id, bool received, const PageRequest& page) {
  return ReadKeyedPage(
      db_,
      received ? "SELECT id, account_id FROM connection_invitations WHERE target_id = ?"
               : "SELECT id, target_id FROM connection_invitations WHERE account_id = ?",
      account_id, page);
}

Result<std::vector<int64_t>> SqlRelationshipStore::FollowingIds(int64_t account_id) {
  return ReadIds(db_, "SELECT target_id FROM follows WHERE account_id = ? ORDER BY id", account_id);
}

Result<std::vector<int64_t>> SqlRelationshipStore::FollowingHidingReblogs(int64_t account_id) {
  return ReadIds(
      db_, "SELECT target_id FROM follows WHERE account_id = ? AND show_reblogs = 0 ORDER BY id",
      account_id);
}

Result<std::vector<int64_t>> SqlRelationshipStore::FollowerIds(int64_t target_id) {
  return ReadIds(db_, "SELECT account_id FROM follows WHERE target_id = ? ORDER BY id", target_id);
}

Result<std::vector<int64_t>> SqlRelationshipStore::BlockingIds(int64_t account_id) {
  return ReadIds(db_, "SELECT target_id FROM blocks WHERE account_id = ? ORDER BY id", account_id);
}

Result<std::vector<int64_t>> SqlRelationshipStore::BlockedByIds(int64_t account_id) {
  return ReadIds(db_, "SELECT account_id FROM blocks WHERE target_id = ?", account_id);
}

Result<std::vector<std::pair<int64_t, bool>>> SqlRelationshipStore::MutingIds(int64_t account_id,
                                                                              int64_t now) {
  using Muted = std::vector<std::pair<int64_t, bool>>;
  return ReadResult(db_, [&](Connection& c) -> Result<Muted> {
    auto s = c.Prepare(
        "SELECT target_id, hide_notifications FROM mutes WHERE account_id = ? "
        "AND (expires_at = 0 OR expires_at > ?) ORDER BY id");
    s.BindAll(account_id, now);
    Muted out;
    while (s.Step()) out.emplace_back(s.Int(0), s.Bool(1));
    return out;
  });
}

Result<std::vector<PageEntry>> SqlRelationshipStore::FollowersPage(int64_t target_id,
                                                                   const PageRequest& page) {
  return ReadKeyedPage(db_, "SELECT id, account_id FROM follows WHERE target_id = ?", target_id,
                       page);
}

Result<std::vector<PageEntry>> SqlRelationshipStore::FollowingPage(int64_t account_id,
                                                                   const PageRequest& page) {
  return ReadKeyedPage(db_, "SELECT id, target_id FROM follows WHERE account_id = ?", account_id,
                       page);
}

Result<std::vector<PageEntry>> SqlRelationshipStore::BlocksPage(int64_t account_id,
                                                                const PageRequest& page) {
  return ReadKeyedPage(db_, "SELECT id, target_id FROM blocks WHERE account_id = ?", account_id,
                       page);
}

// Expired mutes are listed until they are removed or renewed: the interface
// gives no clock here.
Result<std::vector<PageEntry>> SqlRelationshipStore::MutesPage(int64_t account_id,
                                                               const PageRequest& page) {
  return ReadKeyedPage(db_, "SELECT id, target_id FROM mutes WHERE account_id = ?", account_id,
                       page);
}

Result<std::vector<RelationshipRecord>> SqlRelationshipStore::Relationships(
    int64_t account_id, const std::vector<int64_t>& target_ids, int64_t now) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<RelationshipRecord>> {
    std::unordered_map<int64_t, RelationshipRecord> by_target;
    for (int64_t id : target_ids) by_target[id].target_id = id;
    // Flags that are the existence of one row: one query each, over all targets.
    // `select` binds account_id and names the other side in its first column.
    struct Flag {
      const char* select;
      bool RelationshipRecord::*field;
    };
    static constexpr Flag kFlags[] = {
        {"SELECT account_id FROM follows WHERE target_id = ? AND account_id IN ",
         &RelationshipRecord::followed_by},
        {"SELECT target_id FROM blocks WHERE account_id = ? AND target_id IN ",
         &RelationshipRecord::blocking},
        {"SELECT account_id FROM blocks WHERE target_id = ? AND account_id IN ",
         &RelationshipRecord::blocked_by},
        {"SELECT target_id FROM follow_requests WHERE account_id = ? AND target_id IN ",
         &RelationshipRecord::requested},
        {"SELECT account_id FROM follow_requests WHERE target_id = ? AND account_id IN ",
         &RelationshipRecord::requested_by},
        {"SELECT other_id FROM connections WHERE account_id = ? AND other_id IN ",
         &RelationshipRecord::connected},
        {"SELECT target_id FROM connection_invitations WHERE account_id = ? AND target_id IN ",
         &RelationshipRecord::connection_requested},
        {"SELECT account_id FROM connection_invitations WHERE target_id = ? AND account_id IN ",
         &RelationshipRecord::connection_requested_by},
        {"SELECT target_id FROM account_pins WHERE account_id = ? AND target_id IN ",
         &RelationshipRecord::endorsed},
    };
    std::vector<int64_t> ids(target_ids);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    ForEachChunk(ids, [&](std::span<const int64_t> chunk) {
      SqlBuilder following;
      following.Add("SELECT target_id, show_reblogs, notify FROM follows WHERE account_id = ?",
                    account_id);
      following.Add(" AND target_id IN ").AddInList(chunk);
      following.ForEachRow(c, [&](const Stmt& s) {
        RelationshipRecord& r = by_target[s.Int(0)];
        r.following = true;
        r.showing_reblogs = s.Bool(1);
        r.notifying = s.Bool(2);
      });
      SqlBuilder muting;
      muting.Add("SELECT target_id, hide_notifications, expires_at FROM mutes WHERE account_id = ?",
                 account_id);
      muting.Add(" AND (expires_at = 0 OR expires_at > ?)", now);
      muting.Add(" AND target_id IN ").AddInList(chunk);
      muting.ForEachRow(c, [&](const Stmt& s) {
        RelationshipRecord& r = by_target[s.Int(0)];
        r.muting = true;
        r.muting_notifications = s.Bool(1);
        r.muting_expires_at = s.Int(2);
      });
      SqlBuilder notes;
      notes.Add("SELECT target_id, comment FROM account_notes WHERE account_id = ?", account_id);
      notes.Add(" AND target_id IN ").AddInList(chunk);
      notes.ForEachRow(c, [&](const Stmt& s) { by_target[s.Int(0)].note = s.Text(1); });
      for (const Flag& flag : kFlags) {
        SqlBuilder q;
        q.Add(flag.select, account_id).AddInList(chunk);
        q.ForEachRow(c, [&](const Stmt& s) { by_target[s.Int(0)].*flag.field = true; });
      }
    });
    std::vector<RelationshipRecord> out;
    out.reserve(target_ids.size());
    for (int64_t id : target_ids) out.push_back(by_target[id]);
    return out;
  });
}

Status SqlRelationshipStore::SetNote(int64_t account_id, int64_t target_id,
                                     const std::string& comment, int64_t now) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    if (comment.empty()) {
      c.Prepare("DELETE FROM account_notes WHERE account_id = ? AND target_id = ?")
          .BindAll(account_id, target_id)
          .Run();
      return Status::Ok();
    }
    c.Prepare(
         "INSERT INTO account_notes (account_id, target_id, comment, updated_at) "
         "VALUES (?, ?, ?, ?) ON CONFLICT (account_id, target_id) DO UPDATE SET "
         "comment = excluded.comment, updated_at = excluded.updated_at")
        .BindAll(account_id, target_id, comment, now)
        .Run();
    return Status::Ok();
  });
}

Result<bool> SqlRelationshipStore::Pin(int64_t pin_id, int64_t account_id, int64_t target_id,
                                       int64_t now) {
  return WriteResult(db_, [&](Connection& c) -> Result<bool> {
    auto follows = c.Prepare("SELECT 1 FROM follows WHERE account_id = ? AND target_id = ?");
    follows.BindAll(account_id, target_id);
    if (!follows.Step()) return false;
    c.Prepare(
         "INSERT INTO account_pins (id, account_id, target_id, created_at) VALUES (?, ?, ?, ?) "
         "ON CONFLICT (account_id, target_id) DO NOTHING")
        .BindAll(pin_id, account_id, target_id, now)
        .Run();
    return true;
  });
}

Result<bool> SqlRelationshipStore::Unpin(int64_t account_id, int64_t target_id) {
  return DeleteOne(db_, "DELETE FROM account_pins WHERE account_id = ? AND target_id = ?",
                   account_id, target_id);
}

Result<std::vector<PageEntry>> SqlRelationshipStore::PinsPage(int64_t account_id,
                                                              const PageRequest& page) {
  return ReadKeyedPage(db_,
                       "SELECT id, target_id FROM account_pins WHERE target_id IN "
                       "(SELECT a.id FROM accounts a WHERE a.active = 1) AND account_id = ?",
                       account_id, page);
}

Result<std::vector<std::pair<int64_t, int64_t>>> SqlRelationshipStore::FamiliarFollowers(
    int64_t account_id, const std::vector<int64_t>& target_ids) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<std::pair<int64_t, int64_t>>> {
    std::vector<std::pair<int64_t, int64_t>> out;
    ForEachChunk(SortedUnique(target_ids), [&](std::span<const int64_t> chunk) {
      SqlBuilder q(
          "SELECT f.target_id, f.account_id FROM follows f JOIN follows mine ON "
          "mine.target_id = f.account_id JOIN accounts a ON a.id = f.account_id WHERE ");
      q.Add("mine.account_id = ? AND a.active = 1 AND f.target_id IN ", account_id)
          .AddInList(chunk);
      q.Add(" ORDER BY f.target_id, f.id");
      q.ForEachRow(c, [&](const Stmt& s) { out.emplace_back(s.Int(0), s.Int(1)); });
    });
    return out;
  });
}

Result<std::vector<std::pair<int64_t, int64_t>>> SqlRelationshipStore::FollowedByFollowed(
    int64_t account_id, int limit) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<std::pair<int64_t, int64_t>>> {
    SqlBuilder q(
        "SELECT f.target_id, COUNT(*) AS n FROM follows mine JOIN follows f ON "
        "f.account_id = mine.target_id JOIN accounts a ON a.id = f.target_id WHERE ");
    q.Add("mine.account_id = ? AND a.active = 1", account_id);
    q.Add(" AND f.target_id <> ?", account_id);
    q.Add(" AND f.target_id NOT IN (SELECT target_id FROM follows WHERE account_id = ?)",
          account_id);
    q.Add(" AND f.target_id NOT IN (SELECT target_id FROM follow_requests WHERE account_id = ?)",
          account_id);
    q.Add(
        " AND f.target_id NOT IN (SELECT target_id FROM suggestion_dismissals WHERE "
        "account_id = ?)",
        account_id);
    q.Add(" GROUP BY f.target_id ORDER BY n DESC, f.target_id LIMIT ?",
          static_cast<int64_t>(std::max(limit, 0)));
    std::vector<std::pair<int64_t, int64_t>> out;
    q.ForEachRow(c, [&](const Stmt& s) { out.emplace_back(s.Int(0), s.Int(1)); });
    return out;
  });
}

Status SqlRelationshipStore::DismissSuggestion(int64_t account_id, int64_t target_id, int64_t now) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    c.Prepare(
         "INSERT INTO suggestion_dismissals (account_id, target_id, created_at) VALUES (?, ?, ?) "
         "ON CONFLICT (account_id, target_id) DO NOTHING")
        .BindAll(account_id, target_id, now)
        .Run();
    return Status::Ok();
  });
}

Result<std::vector<int64_t>> SqlRelationshipStore::DismissedSuggestions(int64_t account_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<int64_t>> {
    auto s = c.Prepare("SELECT target_id FROM suggestion_dismissals WHERE account_id = ?");
    s.Bind(1, account_id);
    std::vector<int64_t> out;
    while (s.Step()) out.push_back(s.Int(0));
    return out;
  });
}

Result<RelationshipStore::FollowCounts> SqlRelationshipStore::Counts(int64_t account_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<FollowCounts> {
    auto s = c.Prepare(
        "SELECT (SELECT COUNT(*) FROM follows WHERE target_id = ?1), "
        "(SELECT COUNT(*) FROM follows WHERE account_id = ?1)");
    s.Bind(1, account_id);
    FollowCounts counts;
    if (s.Step()) {
      counts.followers = s.Int(0);
      counts.following = s.Int(1);
    }
    return counts;
  });
}

bool InsertFollow(Connection& c, int64_t id, int64_t account_id, int64_t target_id,
                  bool show_reblogs, bool notify, int64_t now) {
  auto s = c.Prepare(
      "INSERT INTO follows (id, account_id, target_id, show_reblogs, notify, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (account_id, target_id) DO NOTHING");
  s.BindAll(id, account_id, target_id, show_reblogs, notify, now).Run();
  return s.Changes() > 0;
}

}  // namespace atrium::sql
