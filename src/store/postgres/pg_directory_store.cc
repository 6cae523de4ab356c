// The directory on PostgreSQL. People search builds its WHERE clause from the
// fields given, so it comes in at most 2^5 shapes, each cached once per
// connection. Expertise and endorsements are keyed by (account, tag), so a
// person's tags with their counts and "who knows about X" are index ranges.
#include "store/postgres/pg_directory_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "store/postgres/pg_account_row.h"
#include "store/postgres/pg_db.h"
#include "store/postgres/pg_util.h"

namespace atrium::pg {
namespace {

bool AccountExists(Connection& c, int64_t id) {
  auto s = c.Prepare("SELECT 1 FROM accounts WHERE id = ?");
  s.Bind(1, id);
  return s.Step();
}

// Adds "AND <column> starts with `prefix`, or a word of it does".
void AddPrefixOrWordMatch(SqlBuilder& q, std::string_view column, std::string_view prefix) {
  std::string escaped = EscapeLike(prefix);
  q.Add(fmt::format(" AND ({} ILIKE ? ESCAPE '\\'", column), escaped + "%");
  q.Add(fmt::format(" OR {} ILIKE ? ESCAPE '\\')", column), "% " + escaped + "%");
}

ScimTokenRecord ReadScimToken(const Stmt& s) {
  return ScimTokenRecord{s.Int(0), s.Text(1), s.Text(2), s.Int(3), s.Int(4)};
}

constexpr const char* kScimTokenColumns = "id, token_hash, description, created_at, revoked_at";
constexpr const char* kGroupColumns = "id, display_name, external_id, created_at, updated_at";

GroupRecord ReadGroup(const Stmt& s) {
  GroupRecord g;
  g.id = s.Int(0);
  g.display_name = s.Text(1);
  g.external_id = s.Text(2);
  g.created_at = s.Int(3);
  g.updated_at = s.Int(4);
  return g;
}

std::vector<int64_t> GroupMembers(Connection& c, int64_t group_id) {
  auto s = c.Prepare("SELECT account_id FROM group_members WHERE group_id = ? ORDER BY account_id");
  s.Bind(1, group_id);
  std::vector<int64_t> out;
  while (s.Step()) out.push_back(s.Int(0));
  return out;
}

void InsertGroupMembers(Connection& c, const GroupRecord& g) {
  for (int64_t account_id : g.member_ids) {
    c.Prepare(
         "INSERT INTO group_members (group_id, account_id) VALUES (?, ?) "
         "ON CONFLICT (group_id, account_id) DO NOTHING")
        .BindAll(g.id, account_id)
        .Run();
  }
}

// Adds the display-name filter of Groups and CountGroups (none when empty).
void AddGroupFilter(SqlBuilder& q, std::string_view display_name) {
  if (!display_name.empty())
    q.Add(" WHERE lower(display_name) = lower(?)", std::string(display_name));
}

}  // namespace

Result<Account> PgDirectoryStore::FindByExternalId(std::string_view external_id) {
  static const std::string sql =
      fmt::format("SELECT {} FROM accounts WHERE external_id = ?", kAccountColumns);
  return ReadResult(db_, [&](Connection& c) -> Result<Account> {
    if (external_id.empty()) return Status::NotFound();
    auto s = c.Prepare(sql);
    s.Bind(1, external_id);
    if (!s.Step()) return Status::NotFound();
    return ReadAccount(s);
  });
}

Result<std::vector<int64_t>> PgDirectoryStore::DirectReports(int64_t manager_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<int64_t>> {
    auto s = c.Prepare(
        "SELECT id FROM accounts WHERE manager_id = ? AND active = 1 "
        "ORDER BY lower(display_name) COLLATE \"C\", id");
    s.Bind(1, manager_id);
    std::vector<int64_t> out;
    while (s.Step()) out.push_back(s.Int(0));
    return out;
  });
}

Result<std::vector<Account>> PgDirectoryStore::SearchPeople(const PeopleQuery& query) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<Account>> {
    SqlBuilder q(fmt::format("SELECT {} FROM accounts WHERE active = 1", kAccountColumns));
    if (!query.name.empty()) {
      std::string escaped = EscapeLike(query.name);
      q.Add(" AND (username ILIKE ? ESCAPE '\\'", escaped + "%");
      q.Add(" OR display_name ILIKE ? ESCAPE '\\'", escaped + "%");
      q.Add(" OR display_name ILIKE ? ESCAPE '\\')", "% " + escaped + "%");
    }
    if (!query.title.empty()) AddPrefixOrWordMatch(q, "title", query.title);
    if (!query.department.empty()) AddPrefixOrWordMatch(q, "department", query.department);
    if (!query.location.empty()) AddPrefixOrWordMatch(q, "location", query.location);
    if (!query.expertise.empty()) {
      // IN rather than EXISTS, so a rare tag drives the search from expertise_tag.
      q.Add(" AND id IN (SELECT account_id FROM expertise WHERE tag ILIKE ? ESCAPE '\\')",
            EscapeLike(query.expertise) + "%");
    }
    q.Add(" ORDER BY lower(display_name) COLLATE \"C\", id");
    q.Add(" LIMIT ?", static_cast<int64_t>(std::max(query.limit, 0)));
    q.Add(" OFFSET ?", static_cast<int64_t>(std::max(query.offset, 0)));
    std::vector<Account> out;
    q.ForEachRow(c, [&](const Stmt& s) { out.push_back(ReadAccount(s)); });
    return out;
  });
}

Result<std::vector<ExpertiseRecord>> PgDirectoryStore::Expertise(int64_t account_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<ExpertiseRecord>> {
    auto s = c.Prepare(
        "SELECT x.tag, (SELECT COUNT(*) FROM endorsements n "
        "WHERE n.account_id = x.account_id AND lower(n.tag) = lower(x.tag)) "
        "FROM expertise x WHERE x.account_id = ? ORDER BY x.position");
    s.Bind(1, account_id);
    std::vector<ExpertiseRecord> out;
    while (s.Step()) out.push_back({s.Text(0), s.Int(1)});
    return out;
  });
}

Status PgDirectoryStore::SetExpertise(int64_t account_id, const std::vector<std::string>& tags) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    if (!AccountExists(c, account_id)) return Status::NotFound();
    c.Prepare("DELETE FROM expertise WHERE account_id = ?").BindAll(account_id).Run();
    int position = 0;
    for (const std::string& tag : tags) {
      c.Prepare(
           "INSERT INTO expertise (account_id, position, tag) VALUES (?, ?, ?) "
           "ON CONFLICT (account_id, (lower(tag))) DO NOTHING")
          .BindAll(account_id, position++, tag)
          .Run();
    }
    c.Prepare(
         "DELETE FROM endorsements WHERE account_id = ?1 AND lower(tag) NOT IN "
         "(SELECT lower(tag) FROM expertise WHERE account_id = ?1)")
        .BindAll(account_id)
        .Run();
    return Status::Ok();
  });
}

Result<std::vector<ProfileField>> PgDirectoryStore::Fields(int64_t account_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<ProfileField>> {
    auto s =
        c.Prepare("SELECT name, value FROM profile_fields WHERE account_id = ? ORDER BY position");
    s.Bind(1, account_id);
    std::vector<ProfileField> out;
    while (s.Step()) out.push_back({s.Text(0), s.Text(1)});
    return out;
  });
}

Status PgDirectoryStore::SetFields(int64_t account_id, const std::vector<ProfileField>& fields) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    if (!AccountExists(c, account_id)) return Status::NotFound();
    c.Prepare("DELETE FROM profile_fields WHERE account_id = ?").BindAll(account_id).Run();
    int position = 0;
    for (const ProfileField& f : fields) {
      c.Prepare(
           "INSERT INTO profile_fields (account_id, position, name, value) "
           "VALUES (?, ?, ?, ?)")
          .BindAll(account_id, position++, f.name, f.value)
          .Run();
    }
    return Status::Ok();
  });
}

Result<bool> PgDirectoryStore::Endorse(int64_t endorser_id, int64_t account_id,
                                       const std::string& tag, int64_t now) {
  return WriteResult(db_, [&](Connection& c) -> Result<bool> {
    auto listed =
        c.Prepare("SELECT 1 FROM expertise WHERE account_id = ? AND lower(tag) = lower(?)");
    listed.BindAll(account_id, tag);
    if (!listed.Step()) return Status::NotFound();
    auto s = c.Prepare(
        "INSERT INTO endorsements (endorser_id, account_id, tag, created_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (endorser_id, account_id, (lower(tag))) DO NOTHING");
    s.BindAll(endorser_id, account_id, tag, now).Run();
    return s.Changes() > 0;
  });
}

Result<bool> PgDirectoryStore::Unendorse(int64_t endorser_id, int64_t account_id,
                                         const std::string& tag) {
  return WriteResult(db_, [&](Connection& c) -> Result<bool> {
    auto s = c.Prepare(
        "DELETE FROM endorsements WHERE endorser_id = ? AND account_id = ? "
        "AND lower(tag) = lower(?)");
    s.BindAll(endorser_id, account_id, tag).Run();
    return s.Changes() > 0;
  });
}

// Oldest endorsement first.
Result<std::vector<int64_t>> PgDirectoryStore::Endorsers(int64_t account_id,
                                                         const std::string& tag) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<int64_t>> {
    auto s = c.Prepare(
        "SELECT endorser_id FROM endorsements WHERE account_id = ? AND lower(tag) = lower(?) "
        "ORDER BY created_at, id");
    s.BindAll(account_id, tag);
    std::vector<int64_t> out;
    while (s.Step()) out.push_back(s.Int(0));
    return out;
  });
}

// Most endorsed first, then by display name and id.
Result<std::vector<ExpertRecord>> PgDirectoryStore::WhoKnows(const std::string& tag, int limit,
                                                             int offset) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<ExpertRecord>> {
    auto s = c.Prepare(
        "SELECT a.id, (SELECT COUNT(*) FROM endorsements n "
        "WHERE n.account_id = x.account_id AND lower(n.tag) = lower(x.tag)) AS endorsements "
        "FROM expertise x JOIN accounts a ON a.id = x.account_id "
        "WHERE lower(x.tag) = lower(?) AND a.active = 1 "
        "ORDER BY endorsements DESC, lower(a.display_name) COLLATE \"C\", a.id LIMIT ? OFFSET ?");
    s.BindAll(tag, std::max(limit, 0), std::max(offset, 0));
    std::vector<ExpertRecord> out;
    while (s.Step()) out.push_back({s.Int(0), s.Int(1)});
    return out;
  });
}

Status PgDirectoryStore::CreateScimToken(const ScimTokenRecord& t) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    c.Prepare(
         "INSERT INTO scim_tokens (id, token_hash, description, created_at, revoked_at) "
         "VALUES (?, ?, ?, ?, ?)")
        .BindAll(t.id, t.token_hash, t.description, t.created_at, t.revoked_at)
        .Run();
    return Status::Ok();
  });
}

// The token with this hash, revoked or not; the caller checks revoked_at.
Result<ScimTokenRecord> PgDirectoryStore::FindScimToken(std::string_view token_hash) {
  static const std::string sql =
      fmt::format("SELECT {} FROM scim_tokens WHERE token_hash = ?", kScimTokenColumns);
  return ReadResult(db_, [&](Connection& c) -> Result<ScimTokenRecord> {
    auto s = c.Prepare(sql);
    s.Bind(1, token_hash);
    if (!s.Step()) return Status::NotFound();
    return ReadScimToken(s);
  });
}

// Every token, revoked ones included, in id order.
Result<std::vector<ScimTokenRecord>> PgDirectoryStore::ScimTokens() {
  static const std::string sql =
      fmt::format("SELECT {} FROM scim_tokens ORDER BY id", kScimTokenColumns);
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<ScimTokenRecord>> {
    auto s = c.Prepare(sql);
    std::vector<ScimTokenRecord> out;
    while (s.Step()) out.push_back(ReadScimToken(s));
    return out;
  });
}

// kNotFound if there is no such token; revoking a revoked token keeps its
// first revocation time.
Status PgDirectoryStore::RevokeScimToken(int64_t id, int64_t now) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto exists = c.Prepare("SELECT 1 FROM scim_tokens WHERE id = ?");
    exists.Bind(1, id);
    if (!exists.Step()) return Status::NotFound();
    c.Prepare("UPDATE scim_tokens SET revoked_at = ? WHERE id = ? AND revoked_at = 0")
        .BindAll(now, id)
        .Run();
    return Status::Ok();
  });
}

Status PgDirectoryStore::CreateGroup(const GroupRecord& g) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    c.Prepare(
         "INSERT INTO groups (id, display_name, external_id, created_at, updated_at) "
         "VALUES (?, ?, ?, ?, ?)")
        .BindAll(g.id, g.display_name, g.external_id, g.created_at, g.updated_at)
        .Run();
    InsertGroupMembers(c, g);
    return Status::Ok();
  });
}

Result<GroupRecord> PgDirectoryStore::GetGroup(int64_t id) {
  static const std::string sql = fmt::format("SELECT {} FROM groups WHERE id = ?", kGroupColumns);
  return ReadResult(db_, [&](Connection& c) -> Result<GroupRecord> {
    std::optional<GroupRecord> group;
    {
      auto s = c.Prepare(sql);
      s.Bind(1, id);
      if (!s.Step()) return Status::NotFound();
      group = ReadGroup(s);
    }
    group->member_ids = GroupMembers(c, id);
    return std::move(*group);
  });
}

Result<std::vector<GroupRecord>> PgDirectoryStore::Groups(std::string_view display_name, int limit,
                                                          int offset) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<GroupRecord>> {
    SqlBuilder q(fmt::format("SELECT {} FROM groups", kGroupColumns));
    AddGroupFilter(q, display_name);
    q.Add(" ORDER BY id LIMIT ?", static_cast<int64_t>(std::max(limit, 0)));
    q.Add(" OFFSET ?", static_cast<int64_t>(std::max(offset, 0)));
    std::vector<GroupRecord> out;
    q.ForEachRow(c, [&](const Stmt& s) { out.push_back(ReadGroup(s)); });
    for (GroupRecord& g : out) g.member_ids = GroupMembers(c, g.id);
    return out;
  });
}

Result<int64_t> PgDirectoryStore::CountGroups(std::string_view display_name) {
  return ReadResult(db_, [&](Connection& c) -> Result<int64_t> {
    SqlBuilder q("SELECT COUNT(*) FROM groups");
    AddGroupFilter(q, display_name);
    int64_t n = 0;
    q.ForEachRow(c, [&](const Stmt& s) { n = s.Int(0); });
    return n;
  });
}

// created_at is kept; updated_at is written.
Status PgDirectoryStore::UpdateGroup(const GroupRecord& g) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto s = c.Prepare(
        "UPDATE groups SET display_name = ?, external_id = ?, updated_at = ? WHERE id = ?");
    s.BindAll(g.display_name, g.external_id, g.updated_at, g.id).Run();
    if (s.Changes() == 0) return Status::NotFound();
    c.Prepare("DELETE FROM group_members WHERE group_id = ?").BindAll(g.id).Run();
    InsertGroupMembers(c, g);
    return Status::Ok();
  });
}

Status PgDirectoryStore::DeleteGroup(int64_t id) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto s = c.Prepare("DELETE FROM groups WHERE id = ?");  // members go by ON DELETE CASCADE
    s.BindAll(id).Run();
    return s.Changes() > 0 ? Status::Ok() : Status::NotFound();
  });
}

}  // namespace atrium::pg
