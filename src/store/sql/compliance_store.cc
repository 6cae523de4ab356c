// Retention policies, legal holds and posts kept under hold.
#include "store/sql/compliance_store.h"

#include <algorithm>

#include "store/sql/sql_util.h"

namespace atrium::sql {
namespace {

// A post `s` no active hold names (by author or community).
constexpr const char* kNotHeld =
    " AND NOT EXISTS (SELECT 1 FROM legal_holds h WHERE h.released_at = 0 "
    "AND (h.account_id = s.account_id OR (h.community_id <> 0 AND h.community_id = "
    "s.community_id)))";

// The posts `s` a policy covers, created before `before_at`, none held.
SqlBuilder& CoveredBy(SqlBuilder& q, RetentionScope scope, int64_t community_id,
                      int64_t before_at) {
  q.Add(" WHERE s.created_at < ?", before_at);
  switch (scope) {
    case RetentionScope::kOrganization:
      q.Add(
          " AND s.visibility <> 3 AND (s.community_id IS NULL OR NOT EXISTS (SELECT 1 FROM "
          "retention_policies p WHERE p.scope = 2 AND p.community_id = s.community_id))");
      break;
    case RetentionScope::kDirect:
      q.Add(" AND s.visibility = 3");
      break;
    case RetentionScope::kCommunity:
      q.Add(" AND s.community_id = ?", community_id);
      break;
  }
  return q.Add(kNotHeld);
}

constexpr const char* kHoldColumns =
    "SELECT id, case_name, account_id, community_id, created_by, created_at, released_by, "
    "released_at FROM legal_holds ";

LegalHoldRecord ReadHold(const Stmt& s) {
  LegalHoldRecord h;
  h.id = s.Int(0);
  h.case_name = s.Text(1);
  h.account_id = s.Int(2);
  h.community_id = s.Int(3);
  h.created_by = s.Int(4);
  h.created_at = s.Int(5);
  h.released_by = s.Int(6);
  h.released_at = s.Int(7);
  return h;
}

}  // namespace

Result<std::vector<RetentionPolicyRecord>> SqlComplianceStore::Policies() {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<RetentionPolicyRecord>> {
    auto s = c.Prepare(
        "SELECT scope, community_id, days, updated_at FROM retention_policies "
        "ORDER BY scope, community_id");
    std::vector<RetentionPolicyRecord> out;
    while (s.Step())
      out.push_back(
          {static_cast<RetentionScope>(s.Int(0)), s.Int(1), static_cast<int>(s.Int(2)), s.Int(3)});
    return out;
  });
}

Status SqlComplianceStore::SetPolicy(RetentionScope scope, int64_t community_id,
                                     std::optional<int> days, int64_t now) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    const int64_t kind = static_cast<int64_t>(scope);
    if (!days) {
      auto s = c.Prepare("DELETE FROM retention_policies WHERE scope = ? AND community_id = ?");
      s.BindAll(kind, community_id);
      s.Run();
      return Status::Ok();
    }
    auto s = c.Prepare(
        "INSERT INTO retention_policies (scope, community_id, days, updated_at) "
        "VALUES (?, ?, ?, ?) ON CONFLICT (scope, community_id) "
        "DO UPDATE SET days = excluded.days, updated_at = excluded.updated_at");
    s.BindAll(kind, community_id, static_cast<int64_t>(*days), now);
    s.Run();
    return Status::Ok();
  });
}

Result<std::vector<int64_t>> SqlComplianceStore::Expired(RetentionScope scope, int64_t community_id,
                                                         int64_t before_at, int limit) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<int64_t>> {
    SqlBuilder q("SELECT s.id FROM statuses s");
    CoveredBy(q, scope, community_id, before_at)
        .Add(" ORDER BY s.created_at, s.id LIMIT ?", static_cast<int64_t>(limit));
    std::vector<int64_t> ids;
    q.ForEachRow(c, [&](const Stmt& s) { ids.push_back(s.Int(0)); });
    return ids;
  });
}

Result<QueueBacklog> SqlComplianceStore::ExpiredBacklog(RetentionScope scope, int64_t community_id,
                                                        int64_t before_at, int64_t cap) {
  return ReadResult(db_, [&](Connection& c) -> Result<QueueBacklog> {
    SqlBuilder q(
        "SELECT COUNT(*), COALESCE(MIN(created_at), 0) FROM (SELECT s.created_at FROM "
        "statuses s");
    CoveredBy(q, scope, community_id, before_at)
        .Add(" ORDER BY s.created_at LIMIT ?) AS expired", cap);
    QueueBacklog out;
    q.ForEachRow(c, [&](const Stmt& s) { out = {s.Int(0), s.Int(1)}; });
    return out;
  });
}

Status SqlComplianceStore::CreateHold(const LegalHoldRecord& h) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto s = c.Prepare(
        "INSERT INTO legal_holds (id, case_name, account_id, community_id, created_by, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?)");
    s.BindAll(h.id, h.case_name, h.account_id, h.community_id, h.created_by, h.created_at);
    s.Run();
    return Status::Ok();
  });
}

Result<LegalHoldRecord> SqlComplianceStore::GetHold(int64_t id) {
  return ReadResult(db_, [&](Connection& c) -> Result<LegalHoldRecord> {
    auto s = c.Prepare(std::string(kHoldColumns) + "WHERE id = ?");
    s.BindAll(id);
    if (!s.Step()) return Status::NotFound();
    return ReadHold(s);
  });
}

Result<std::vector<LegalHoldRecord>> SqlComplianceStore::Holds(bool active_only) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<LegalHoldRecord>> {
    auto s = c.Prepare(std::string(kHoldColumns) + (active_only ? "WHERE released_at = 0 " : "") +
                       "ORDER BY id DESC");
    std::vector<LegalHoldRecord> out;
    while (s.Step()) out.push_back(ReadHold(s));
    return out;
  });
}

Result<bool> SqlComplianceStore::ReleaseHold(int64_t id, int64_t by, int64_t now) {
  return WriteResult(db_, [&](Connection& c) -> Result<bool> {
    auto s = c.Prepare(
        "UPDATE legal_holds SET released_by = ?, released_at = ? WHERE id = ? AND released_at = 0");
    s.BindAll(by, now, id);
    s.Run();
    return s.Changes() > 0;
  });
}

Result<bool> SqlComplianceStore::IsHeld(int64_t account_id, int64_t community_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<bool> {
    auto s = c.Prepare(
        "SELECT 1 FROM legal_holds WHERE released_at = 0 AND (account_id = ? OR "
        "(community_id <> 0 AND community_id = ?)) LIMIT 1");
    s.BindAll(account_id, community_id);
    return s.Step();
  });
}

Status SqlComplianceStore::KeepHeld(const HeldStatusRecord& h) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto s = c.Prepare(
        "INSERT INTO held_statuses (id, account_id, community_id, created_at, deleted_at, record) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING");
    s.BindAll(h.id, h.account_id, h.community_id, h.created_at, h.deleted_at, h.record);
    s.Run();
    return Status::Ok();
  });
}

Result<std::vector<HeldStatusRecord>> SqlComplianceStore::HeldBy(int64_t account_id, int64_t from,
                                                                 int64_t to) {
  return Held("account_id", account_id, from, to);
}

Result<std::vector<HeldStatusRecord>> SqlComplianceStore::HeldIn(int64_t community_id, int64_t from,
                                                                 int64_t to) {
  return Held("community_id", community_id, from, to);
}

Result<std::vector<HeldStatusRecord>> SqlComplianceStore::Held(const char* column, int64_t id,
                                                               int64_t from, int64_t to) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<HeldStatusRecord>> {
    SqlBuilder q(
        "SELECT id, account_id, community_id, created_at, deleted_at, record FROM held_statuses");
    q.Add(std::string(" WHERE ") + column + " = ?", id);
    q.Add(" AND created_at >= ?", from);
    if (to > 0) q.Add(" AND created_at < ?", to);
    q.Add(" ORDER BY created_at, id");
    std::vector<HeldStatusRecord> out;
    q.ForEachRow(c, [&](const Stmt& s) {
      out.push_back({s.Int(0), s.Int(1), s.Int(2), s.Int(3), s.Int(4), s.Text(5)});
    });
    return out;
  });
}

Result<std::vector<HeldStatusRecord>> SqlComplianceStore::KeptNotHeld(int64_t before_at,
                                                                      int64_t after_id, int limit) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<HeldStatusRecord>> {
    SqlBuilder q(
        "SELECT s.id, s.account_id, s.community_id, s.created_at, s.deleted_at, s.record FROM "
        "held_statuses s");
    q.Add(" WHERE s.created_at < ?", before_at).Add(" AND s.id > ?", after_id).Add(kNotHeld);
    q.Add(" ORDER BY s.id LIMIT ?", static_cast<int64_t>(std::max(limit, 0)));
    std::vector<HeldStatusRecord> out;
    q.ForEachRow(c, [&](const Stmt& s) {
      out.push_back({s.Int(0), s.Int(1), s.Int(2), s.Int(3), s.Int(4), s.Text(5)});
    });
    return out;
  });
}

Result<bool> SqlComplianceStore::ForgetKept(int64_t id) {
  return WriteResult(db_, [&](Connection& c) -> Result<bool> {
    auto s = c.Prepare("DELETE FROM held_statuses WHERE id = ?");
    s.BindAll(id);
    s.Run();
    return s.Changes() == 1;
  });
}

constexpr const char* kExportColumns =
    "SELECT id, requested_by, account_id, community_id, from_at, to_at, state, progress, error, "
    "attempts, file_bytes, file_sha256, created_at, started_at, finished_at FROM "
    "ediscovery_exports ";

ExportJobRecord ReadExport(const Stmt& s) {
  ExportJobRecord j;
  j.id = s.Int(0);
  j.requested_by = s.Int(1);
  j.account_id = s.Int(2);
  j.community_id = s.Int(3);
  j.from = s.Int(4);
  j.to = s.Int(5);
  j.state = static_cast<ExportState>(s.Int(6));
  j.progress = s.Text(7);
  j.error = s.Text(8);
  j.attempts = s.Int(9);
  j.file_bytes = s.Int(10);
  j.file_sha256 = s.Text(11);
  j.created_at = s.Int(12);
  j.started_at = s.Int(13);
  j.finished_at = s.Int(14);
  return j;
}

Status SqlComplianceStore::CreateExport(const ExportJobRecord& j) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    c.Prepare(
         "INSERT INTO ediscovery_exports (id, requested_by, account_id, community_id, from_at, "
         "to_at, state, created_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?)")
        .BindAll(j.id, j.requested_by, j.account_id, j.community_id, j.from, j.to, j.created_at)
        .Run();
    return Status::Ok();
  });
}

Result<ExportJobRecord> SqlComplianceStore::GetExport(int64_t id) {
  return ReadResult(db_, [&](Connection& c) -> Result<ExportJobRecord> {
    auto s = c.Prepare(std::string(kExportColumns) + "WHERE id = ?");
    s.BindAll(id);
    if (!s.Step()) return Status::NotFound();
    return ReadExport(s);
  });
}

Result<std::vector<ExportJobRecord>> SqlComplianceStore::Exports(const PageRequest& page) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<ExportJobRecord>> {
    SqlBuilder q(std::string(kExportColumns) + "WHERE 1 = 1");
    bool reverse = AppendPage(q, "id", page);
    std::vector<ExportJobRecord> out;
    q.ForEachRow(c, [&](const Stmt& s) { out.push_back(ReadExport(s)); });
    if (reverse) std::reverse(out.begin(), out.end());
    return out;
  });
}

Result<std::optional<ExportJobRecord>> SqlComplianceStore::ClaimExport(std::string_view owner,
                                                                       int64_t now,
                                                                       int64_t lease_until) {
  return WriteResult(db_, [&](Connection& c) -> Result<std::optional<ExportJobRecord>> {
    auto pick = c.Prepare(
        "SELECT id FROM ediscovery_exports WHERE state IN (0, 1) AND lease_until <= ? "
        "ORDER BY id LIMIT 1");
    pick.BindAll(now);
    if (!pick.Step()) return std::optional<ExportJobRecord>();
    const int64_t id = pick.Int(0);
    pick.Run();
    auto take = c.Prepare(
        "UPDATE ediscovery_exports SET state = 1, lease_owner = ?, lease_until = ?, "
        "attempts = attempts + 1, started_at = ? WHERE id = ? AND state IN (0, 1) AND "
        "lease_until <= ?");
    take.BindAll(std::string(owner), lease_until, now, id, now);
    take.Run();
    if (take.Changes() != 1) return std::optional<ExportJobRecord>();
    auto s = c.Prepare(std::string(kExportColumns) + "WHERE id = ?");
    s.BindAll(id);
    if (!s.Step()) return std::optional<ExportJobRecord>();
    return std::optional<ExportJobRecord>(ReadExport(s));
  });
}

Status SqlComplianceStore::ExportProgress(int64_t id, std::string_view owner,
                                          std::string_view progress, int64_t lease_until) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto s = c.Prepare(
        "UPDATE ediscovery_exports SET progress = ?, lease_until = ? "
        "WHERE id = ? AND lease_owner = ? AND state = 1");
    s.BindAll(std::string(progress), lease_until, id, std::string(owner));
    s.Run();
    if (s.Changes() != 1) return Status::NotFound("Lease lost");
    return Status::Ok();
  });
}

Status SqlComplianceStore::FinishExport(const ExportJobRecord& j, std::string_view owner) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto s = c.Prepare(
        "UPDATE ediscovery_exports SET state = ?, progress = ?, error = ?, file_bytes = ?, "
        "file_sha256 = ?, finished_at = ?, lease_owner = '', lease_until = 0 "
        "WHERE id = ? AND lease_owner = ? AND state = 1");
    s.BindAll(static_cast<int64_t>(j.state), j.progress, j.error, j.file_bytes, j.file_sha256,
              j.finished_at, j.id, std::string(owner));
    s.Run();
    if (s.Changes() != 1) return Status::NotFound("Lease lost");
    return Status::Ok();
  });
}

Result<QueueBacklog> SqlComplianceStore::ExportBacklog() {
  return ReadResult(db_, [&](Connection& c) -> Result<QueueBacklog> {
    auto s = c.Prepare(
        "SELECT COUNT(*), COALESCE(MIN(created_at), 0) FROM ediscovery_exports "
        "WHERE state IN (0, 1)");
    QueueBacklog out;
    if (s.Step()) out = {s.Int(0), s.Int(1)};
    return out;
  });
}

}  // namespace atrium::sql
