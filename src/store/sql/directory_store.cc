// The directory, on either backend. People search builds its WHERE clause from the
// fields given, so it comes in at most 2^5 shapes, each cached once per
// connection. Expertise and endorsements are keyed by (account, tag), so a
// person's tags with their counts and "who knows about X" are index ranges.
#include "store/sql/directory_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "store/sql/account_row.h"
#include "store/sql/database.h"
#include "store/sql/search_store.h"
#include "store/sql/sql_util.h"

namespace atrium::sql {
namespace {

bool AccountExists(Connection& c, int64_t id) {
  auto s = c.Prepare("SELECT 1 FROM accounts WHERE id = ?");
  s.Bind(1, id);
  return s.Step();
}

// Adds "AND <column> starts with `prefix`, or a word of it does".
void AddPrefixOrWordMatch(const Dialect& d, SqlBuilder& q, std::string_view column,
                          std::string_view prefix) {
  std::string escaped = EscapeLike(prefix);
  q.Add(fmt::format(" AND ({} {} ? ESCAPE '\\'", column, d.ILike()), escaped + "%");
  q.Add(fmt::format(" OR {} {} ? ESCAPE '\\')", column, d.ILike()), "% " + escaped + "%");
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
void AddGroupFilter(const Dialect& d, SqlBuilder& q, std::string_view display_name) {
  if (!display_name.empty())
    q.Add(" WHERE " + d.CiEquals("display_name"), std::string(display_name));
}

}  // namespace

Result<Account> SqlDirectoryStore::FindByExternalId(std::string_view external_id) {
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

Result<std::vector<int64_t>> SqlDirectoryStore::DirectReports(int64_t manager_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<int64_t>> {
    static const DialectSql kSql([](const Dialect& d) {
      return "SELECT id FROM accounts WHERE manager_id = ? AND active = 1 ORDER BY " +
             d.CiOrder("display_name") + ", id";
    });
    auto s = c.Prepare(kSql.For(c.dialect()));
    s.Bind(1, manager_id);
    std::vector<int64_t> out;
    while (s.Step()) out.push_back(s.Int(0));
    return out;
  });
}

Result<std::vector<Account>> SqlDirectoryStore::SearchPeople(const PeopleQuery& query) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<Account>> {
    SqlBuilder q(fmt::format("SELECT {} FROM accounts WHERE active = 1", kAccountColumns));
    if (!query.name.empty()) {
      std::string escaped = EscapeLike(query.name);
      const std::string_view like = c.dialect().ILike();
      q.Add(fmt::format(" AND (username {} ? ESCAPE '\\'", like), escaped + "%");
      q.Add(fmt::format(" OR display_name {} ? ESCAPE '\\'", like), escaped + "%");
      q.Add(fmt::format(" OR display_name {} ? ESCAPE '\\')", like), "% " + escaped + "%");
    }
    if (!query.title.empty()) AddPrefixOrWordMatch(c.dialect(), q, "title", query.title);
    if (!query.department.empty())
      AddPrefixOrWordMatch(c.dialect(), q, "department", query.department);
    if (!query.location.empty()) AddPrefixOrWordMatch(c.dialect(), q, "location", query.location);
    if (!query.expertise.empty()) {
      // IN rather than EXISTS, so a rare tag drives the search from expertise_tag.
      q.Add(fmt::format(" AND id IN (SELECT account_id FROM expertise WHERE tag {} ? ESCAPE '\\')",
                        c.dialect().ILike()),
            EscapeLike(query.expertise) + "%");
    }
    switch (query.order) {
      case PeopleOrder::kName:
        q.Add(" ORDER BY " + c.dialect().CiOrder("display_name") + ", id");
        break;
      case PeopleOrder::kActive:
        q.Add(" ORDER BY last_status_at DESC, id DESC");
        break;
      case PeopleOrder::kNew:
        q.Add(" ORDER BY created_at DESC, id DESC");
        break;
    }
    q.Add(" LIMIT ?", static_cast<int64_t>(std::max(query.limit, 0)));
    q.Add(" OFFSET ?", static_cast<int64_t>(std::max(query.offset, 0)));
    std::vector<Account> out;
    q.ForEachRow(c, [&](const Stmt& s) { out.push_back(ReadAccount(s)); });
    return out;
  });
}

Result<std::vector<ExpertiseRecord>> SqlDirectoryStore::Expertise(int64_t account_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<ExpertiseRecord>> {
    static const DialectSql kSql([](const Dialect& d) {
      return "SELECT x.tag, (SELECT COUNT(*) FROM endorsements n "
             "WHERE n.account_id = x.account_id AND " +
             d.CiEquals("n.tag", "x.tag") +
             ") FROM expertise x WHERE x.account_id = ? ORDER BY x.position";
    });
    auto s = c.Prepare(kSql.For(c.dialect()));
    s.Bind(1, account_id);
    std::vector<ExpertiseRecord> out;
    while (s.Step()) out.push_back({s.Text(0), s.Int(1)});
    return out;
  });
}

Status SqlDirectoryStore::SetExpertise(int64_t account_id, const std::vector<std::string>& tags) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    if (!AccountExists(c, account_id)) return Status::NotFound();
    c.Prepare("DELETE FROM expertise WHERE account_id = ?").BindAll(account_id).Run();
    int position = 0;
    for (const std::string& tag : tags) {
      c.Prepare(
           "INSERT INTO expertise (account_id, position, tag) VALUES (?, ?, ?) "
           "ON CONFLICT DO NOTHING")
          .BindAll(account_id, position++, tag)
          .Run();
    }
    const Dialect& d = c.dialect();
    c.Prepare(fmt::format("DELETE FROM endorsements WHERE account_id = ?1 AND {} NOT IN "
                          "(SELECT {} FROM expertise WHERE account_id = ?1)",
                          d.Ci("tag"), d.Ci("tag")))
        .BindAll(account_id)
        .Run();
    IndexPerson(c, account_id);
    return Status::Ok();
  });
}

Result<std::vector<ProfileField>> SqlDirectoryStore::Fields(int64_t account_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<ProfileField>> {
    auto s =
        c.Prepare("SELECT name, value FROM profile_fields WHERE account_id = ? ORDER BY position");
    s.Bind(1, account_id);
    std::vector<ProfileField> out;
    while (s.Step()) out.push_back({s.Text(0), s.Text(1)});
    return out;
  });
}

Status SqlDirectoryStore::SetFields(int64_t account_id, const std::vector<ProfileField>& fields) {
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

Result<bool> SqlDirectoryStore::Endorse(int64_t endorser_id, int64_t account_id,
                                        const std::string& tag, int64_t now) {
  return WriteResult(db_, [&](Connection& c) -> Result<bool> {
    auto listed = c.Prepare("SELECT 1 FROM expertise WHERE account_id = ? AND " +
                            c.dialect().CiEquals("tag"));
    listed.BindAll(account_id, tag);
    if (!listed.Step()) return Status::NotFound();
    auto s = c.Prepare(
        "INSERT INTO endorsements (endorser_id, account_id, tag, created_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT DO NOTHING");
    s.BindAll(endorser_id, account_id, tag, now).Run();
    return s.Changes() > 0;
  });
}

Result<bool> SqlDirectoryStore::Unendorse(int64_t endorser_id, int64_t account_id,
                                          const std::string& tag) {
  return WriteResult(db_, [&](Connection& c) -> Result<bool> {
    auto s = c.Prepare("DELETE FROM endorsements WHERE endorser_id = ? AND account_id = ? AND " +
                       c.dialect().CiEquals("tag"));
    s.BindAll(endorser_id, account_id, tag).Run();
    return s.Changes() > 0;
  });
}

// Oldest endorsement first.
Result<std::vector<int64_t>> SqlDirectoryStore::Endorsers(int64_t account_id,
                                                          const std::string& tag) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<int64_t>> {
    const Dialect& d = c.dialect();
    auto s =
        c.Prepare(fmt::format("SELECT endorser_id FROM endorsements WHERE account_id = ? AND {} "
                              "ORDER BY created_at, {}",
                              d.CiEquals("tag"), d.InsertionOrder()));
    s.BindAll(account_id, tag);
    std::vector<int64_t> out;
    while (s.Step()) out.push_back(s.Int(0));
    return out;
  });
}

// Most endorsed first, then by display name and id.
Result<std::vector<ExpertRecord>> SqlDirectoryStore::WhoKnows(const std::string& tag, int limit,
                                                              int offset) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<ExpertRecord>> {
    const Dialect& d = c.dialect();
    auto s = c.Prepare(fmt::format(
        "SELECT a.id, (SELECT COUNT(*) FROM endorsements n "
        "WHERE n.account_id = x.account_id AND {}) AS endorsements "
        "FROM expertise x JOIN accounts a ON a.id = x.account_id "
        "WHERE {} AND a.active = 1 "
        "ORDER BY endorsements DESC, {}, a.id LIMIT ? OFFSET ?",
        d.CiEquals("n.tag", "x.tag"), d.CiEquals("x.tag"), d.CiOrder("a.display_name")));
    s.BindAll(tag, std::max(limit, 0), std::max(offset, 0));
    std::vector<ExpertRecord> out;
    while (s.Step()) out.push_back({s.Int(0), s.Int(1)});
    return out;
  });
}

Status SqlDirectoryStore::CreateScimToken(const ScimTokenRecord& t) {
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
Result<ScimTokenRecord> SqlDirectoryStore::FindScimToken(std::string_view token_hash) {
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
Result<std::vector<ScimTokenRecord>> SqlDirectoryStore::ScimTokens() {
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
Status SqlDirectoryStore::RevokeScimToken(int64_t id, int64_t now) {
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

Status SqlDirectoryStore::CreateGroup(const GroupRecord& g) {
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

Result<GroupRecord> SqlDirectoryStore::GetGroup(int64_t id) {
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

Result<std::vector<GroupRecord>> SqlDirectoryStore::Groups(std::string_view display_name, int limit,
                                                           int offset) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<GroupRecord>> {
    SqlBuilder q(fmt::format("SELECT {} FROM groups", kGroupColumns));
    AddGroupFilter(c.dialect(), q, display_name);
    q.Add(" ORDER BY id LIMIT ?", static_cast<int64_t>(std::max(limit, 0)));
    q.Add(" OFFSET ?", static_cast<int64_t>(std::max(offset, 0)));
    std::vector<GroupRecord> out;
    q.ForEachRow(c, [&](const Stmt& s) { out.push_back(ReadGroup(s)); });
    for (GroupRecord& g : out) g.member_ids = GroupMembers(c, g.id);
    return out;
  });
}

Result<int64_t> SqlDirectoryStore::CountGroups(std::string_view display_name) {
  return ReadResult(db_, [&](Connection& c) -> Result<int64_t> {
    SqlBuilder q("SELECT COUNT(*) FROM groups");
    AddGroupFilter(c.dialect(), q, display_name);
    int64_t n = 0;
    q.ForEachRow(c, [&](const Stmt& s) { n = s.Int(0); });
    return n;
  });
}

// created_at is kept; updated_at is written.
Status SqlDirectoryStore::UpdateGroup(const GroupRecord& g) {
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

Status SqlDirectoryStore::DeleteGroup(int64_t id) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto s = c.Prepare("DELETE FROM groups WHERE id = ?");  // members go by ON DELETE CASCADE
    s.BindAll(id).Run();
    return s.Changes() > 0 ? Status::Ok() : Status::NotFound();
  });
}

}  // namespace atrium::sql
