// Scheduled posts: one row each, its attachments in scheduled_status_media.
#include "store/sql/scheduled_status_store.h"

#include <algorithm>

#include "store/sql/sql_util.h"

namespace atrium::sql {
namespace {

constexpr const char* kColumns =
    "SELECT id, account_id, application_id, scheduled_at, created_at, params "
    "FROM scheduled_statuses ";

ScheduledStatusRecord ReadScheduled(const Stmt& s) {
  ScheduledStatusRecord r;
  r.id = s.Int(0);
  r.account_id = s.Int(1);
  r.application_id = s.Int(2);
  r.scheduled_at = s.Int(3);
  r.created_at = s.Int(4);
  r.params = s.Text(5);
  return r;
}

// Fills the media_ids of each of `rows`.
void LoadMedia(Connection& c, std::vector<ScheduledStatusRecord>& rows) {
  if (rows.empty()) return;
  auto [by_id, ids] = IndexById(rows);
  ForEachChunk(ids, [&](std::span<const int64_t> chunk) {
    SqlBuilder q(
        "SELECT scheduled_status_id, media_id FROM scheduled_status_media "
        "WHERE scheduled_status_id IN ");
    q.AddInList(chunk).Add(" ORDER BY scheduled_status_id, position");
    q.ForEachRow(c, [&](const Stmt& s) { by_id[s.Int(0)]->media_ids.push_back(s.Int(1)); });
  });
}

}  // namespace

Status SqlScheduledStatusStore::Create(const ScheduledStatusRecord& r) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto s = c.Prepare(
        "INSERT INTO scheduled_statuses (id, account_id, application_id, scheduled_at, "
        "created_at, params, claimed_until) VALUES (?, ?, ?, ?, ?, ?, 0)");
    s.BindAll(r.id, r.account_id, r.application_id, r.scheduled_at, r.created_at, r.params);
    s.Run();
    int position = 0;
    for (int64_t media_id : r.media_ids) {
      auto m = c.Prepare(
          "INSERT INTO scheduled_status_media (scheduled_status_id, media_id, position) "
          "VALUES (?, ?, ?)");
      m.BindAll(r.id, media_id, position++);
      m.Run();
    }
    return Status::Ok();
  });
}

Result<ScheduledStatusRecord> SqlScheduledStatusStore::Get(int64_t account_id, int64_t id) {
  return ReadResult(db_, [&](Connection& c) -> Result<ScheduledStatusRecord> {
    auto s = c.Prepare(std::string(kColumns) + "WHERE id = ? AND account_id = ?");
    s.BindAll(id, account_id);
    if (!s.Step()) return Status::NotFound();
    std::vector<ScheduledStatusRecord> rows{ReadScheduled(s)};
    LoadMedia(c, rows);
    return std::move(rows.front());
  });
}

Result<std::vector<ScheduledStatusRecord>> SqlScheduledStatusStore::List(int64_t account_id,
                                                                         const PageRequest& page) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<ScheduledStatusRecord>> {
    SqlBuilder q;
    q.Add(std::string(kColumns) + "WHERE account_id = ?", account_id);
    const bool reverse = AppendPage(q, "id", page);
    std::vector<ScheduledStatusRecord> rows;
    q.ForEachRow(c, [&](const Stmt& s) { rows.push_back(ReadScheduled(s)); });
    if (reverse) std::reverse(rows.begin(), rows.end());
    LoadMedia(c, rows);
    return rows;
  });
}

Result<int64_t> SqlScheduledStatusStore::Count(int64_t account_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<int64_t> {
    auto s = c.Prepare("SELECT COUNT(*) FROM scheduled_statuses WHERE account_id = ?");
    s.Bind(1, account_id);
    s.Step();
    return s.Int(0);
  });
}

Status SqlScheduledStatusStore::Reschedule(int64_t account_id, int64_t id, int64_t scheduled_at) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto s = c.Prepare(
        "UPDATE scheduled_statuses SET scheduled_at = ?, claimed_until = 0 "
        "WHERE id = ? AND account_id = ?");
    s.BindAll(scheduled_at, id, account_id);
    s.Run();
    if (s.Changes() == 0) return Status::NotFound();
    return Status::Ok();
  });
}

Status SqlScheduledStatusStore::Delete(int64_t account_id, int64_t id) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto s = c.Prepare("DELETE FROM scheduled_statuses WHERE id = ? AND account_id = ?");
    s.BindAll(id, account_id);
    s.Run();
    if (s.Changes() == 0) return Status::NotFound();
    return Status::Ok();
  });
}

Result<std::vector<ScheduledStatusRecord>> SqlScheduledStatusStore::Due(int64_t now, int limit) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<ScheduledStatusRecord>> {
    auto s = c.Prepare(std::string(kColumns) +
                       "WHERE scheduled_at <= ? AND claimed_until < ? "
                       "ORDER BY scheduled_at, id LIMIT ?");
    s.BindAll(now, now, limit);
    std::vector<ScheduledStatusRecord> rows;
    while (s.Step()) rows.push_back(ReadScheduled(s));
    LoadMedia(c, rows);
    return rows;
  });
}

Result<bool> SqlScheduledStatusStore::Claim(int64_t id, int64_t now, int64_t until) {
  return WriteResult(db_, [&](Connection& c) -> Result<bool> {
    auto s = c.Prepare(
        "UPDATE scheduled_statuses SET claimed_until = ? "
        "WHERE id = ? AND scheduled_at <= ? AND claimed_until < ?");
    s.BindAll(until, id, now, now);
    s.Run();
    return s.Changes() > 0;
  });
}

Status SqlScheduledStatusStore::Remove(int64_t id) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto s = c.Prepare("DELETE FROM scheduled_statuses WHERE id = ?");
    s.Bind(1, id);
    s.Run();
    return Status::Ok();
  });
}

Result<QueueBacklog> SqlScheduledStatusStore::Backlog(int64_t now) {
  return ReadResult(db_, [&](Connection& c) -> Result<QueueBacklog> {
    auto s = c.Prepare(
        "SELECT COUNT(*), COALESCE(MIN(scheduled_at), 0) FROM scheduled_statuses "
        "WHERE scheduled_at <= ?");
    s.BindAll(now);
    QueueBacklog out;
    if (s.Step()) out = {s.Int(0), s.Int(1)};
    return out;
  });
}

}  // namespace atrium::sql
