// The audit log: audit_entries (one row per entry, seq from 1) and
// audit_head (one row, id 1: the last seq and its hash).
#include "store/sql/audit_store.h"

#include <fmt/format.h>

#include <algorithm>

#include "store/sql/sql_util.h"

namespace atrium::sql {
namespace {

constexpr const char* kColumns =
    "seq, created_at, actor_id, actor, action, target_type, target_id, request_id, before_json, "
    "after_json, prev_hash, hash";

AuditEntry ReadEntry(const Stmt& s) {
  AuditEntry e;
  e.seq = s.Int(0);
  e.created_at = s.Int(1);
  e.actor_id = s.Int(2);
  e.actor = s.Text(3);
  e.action = s.Text(4);
  e.target_type = s.Text(5);
  e.target_id = s.Text(6);
  e.request_id = s.Text(7);
  e.before = s.Text(8);
  e.after = s.Text(9);
  e.prev_hash = s.Text(10);
  e.hash = s.Text(11);
  return e;
}

}  // namespace

void AppendAudit(Connection& c, AuditEntry& entry) {
  // The head row exists from the first append on; creating it here (rather
  // than in the migration) keeps an imported database's rows the only ones.
  c.Prepare("INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '') ON CONFLICT (id) DO NOTHING")
      .Run();
  static const DialectSql head_sql([](const Dialect& d) {
    return fmt::format("SELECT seq, hash FROM audit_head WHERE id = 1{}", d.ForUpdate());
  });
  auto head = c.Prepare(head_sql.For(c.dialect()));
  if (!head.Step()) throw DbError(DbError::Kind::kOther, "the audit log's head is missing");
  entry.seq = head.Int(0) + 1;
  entry.prev_hash = head.Text(1);
  entry.hash = AuditHash(entry);
  c
      .Prepare(fmt::format(
          "INSERT INTO audit_entries ({}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", kColumns))
      .BindAll(entry.seq, entry.created_at, entry.actor_id, entry.actor, entry.action,
               entry.target_type, entry.target_id, entry.request_id, entry.before, entry.after,
               entry.prev_hash, entry.hash)
      .Run();
  c.Prepare("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1")
      .BindAll(entry.seq, entry.hash)
      .Run();
}

Result<AuditEntry> SqlAuditStore::Append(const AuditEntry& entry) {
  return WriteResult(db_, [&](Connection& c) -> Result<AuditEntry> {
    AuditEntry out = entry;
    AppendAudit(c, out);
    return out;
  });
}

Result<std::vector<AuditEntry>> SqlAuditStore::Query(const AuditQuery& query,
                                                     const PageRequest& page) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<AuditEntry>> {
    SqlBuilder q(fmt::format("SELECT {} FROM audit_entries WHERE 1 = 1", kColumns));
    if (query.actor_id) q.Add(" AND actor_id = ?", query.actor_id);
    if (!query.target_type.empty()) q.Add(" AND target_type = ?", query.target_type);
    if (!query.target_id.empty()) q.Add(" AND target_id = ?", query.target_id);
    if (!query.action.empty()) q.Add(" AND action = ?", query.action);
    if (query.from) q.Add(" AND created_at >= ?", query.from);
    if (query.to) q.Add(" AND created_at < ?", query.to);
    bool reverse = AppendPage(q, "seq", page);
    std::vector<AuditEntry> out;
    q.ForEachRow(c, [&](const Stmt& s) { out.push_back(ReadEntry(s)); });
    if (reverse) std::reverse(out.begin(), out.end());
    return out;
  });
}

Result<std::vector<AuditEntry>> SqlAuditStore::Chain(int64_t after_seq, int limit) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<AuditEntry>> {
    auto s = c.Prepare(
        fmt::format("SELECT {} FROM audit_entries WHERE seq > ? ORDER BY seq LIMIT ?", kColumns));
    s.BindAll(after_seq, limit);
    std::vector<AuditEntry> out;
    while (s.Step()) out.push_back(ReadEntry(s));
    return out;
  });
}

Result<AuditHead> SqlAuditStore::Head() {
  return ReadResult(db_, [&](Connection& c) -> Result<AuditHead> {
    auto s = c.Prepare("SELECT seq, hash FROM audit_head WHERE id = 1");
    AuditHead head;
    if (s.Step()) head = {s.Int(0), s.Text(1)};
    return head;
  });
}

}  // namespace atrium::sql
