// Retention policies, legal holds and posts kept under hold.
#include "store/sql/compliance_store.h"

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
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<HeldStatusRecord>> {
    SqlBuilder q(
        "SELECT id, account_id, community_id, created_at, deleted_at, record FROM held_statuses");
    q.Add(" WHERE account_id = ?", account_id);
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

}  // namespace atrium::sql
