// Communities, on either backend: the communities, their membership rows (members,
// invitations and requests in one table), pins and moderation record.
// members_count is recounted in the transaction of every membership change.
// search_text is folded here, so a plain LIKE matches the same on both backends.
#include <cctype>

#include "base/markdown.h"
#include "base/text.h"
#include "store/sql/database.h"
#include "store/sql/rows.h"
#include "store/sql/search_store.h"
#include "store/sql/social_store.h"
#include "store/sql/sql_util.h"

namespace atrium::sql {
namespace {

constexpr const char* kCommunityColumns =
    "id, handle, name, description, tags, type, listed, archived, avatar, created_by, "
    "created_at, updated_at, members_count, description_html, banner";

// Queries fold the way CommunitySearchText does.
std::string Fold(std::string_view text) { return AsciiLower(text); }

CommunityRecord ReadCommunity(const Stmt& s) {
  CommunityRecord c;
  c.id = s.Int(0);
  c.handle = s.Text(1);
  c.name = s.Text(2);
  c.description = s.Text(3);
  c.tags = SplitCommunityTags(s.Text(4));
  c.type = static_cast<CommunityType>(s.Int(5));
  c.listed = s.Bool(6);
  c.archived = s.Bool(7);
  c.avatar = s.Text(8);
  c.created_by = s.Int(9);
  c.created_at = s.Int(10);
  c.updated_at = s.Int(11);
  c.members_count = s.Int(12);
  // NULL: written before descriptions were rendered when written.
  c.description_html = s.IsNull(13) ? RenderMarkdown(c.description) : s.Text(13);
  c.banner = s.Text(14);
  return c;
}

constexpr const char* kMemberColumns =
    "id, community_id, account_id, state, role, invited_by, created_at";

CommunityMemberRecord ReadMember(const Stmt& s) {
  CommunityMemberRecord m;
  m.id = s.Int(0);
  m.community_id = s.Int(1);
  m.account_id = s.Int(2);
  m.state = static_cast<MembershipState>(s.Int(3));
  m.role = s.Text(4);
  m.invited_by = s.Int(5);
  m.created_at = s.Int(6);
  return m;
}

void Recount(Connection& c, int64_t community_id) {
  c.Prepare(
       "UPDATE communities SET members_count = (SELECT COUNT(*) FROM community_members "
       "WHERE community_id = ? AND state = 0) WHERE id = ?")
      .BindAll(community_id, community_id)
      .Run();
}

void InsertLog(Connection& c, const ModerationRecord& r) {
  c.Prepare(
       "INSERT INTO community_moderation (id, community_id, actor_id, action, status_id, "
       "target_account_id, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .BindAll(r.id, r.community_id, r.actor_id, r.action, r.status_id, r.target_account_id,
               r.reason, r.created_at)
      .Run();
}

std::optional<CommunityRecord> ReadOne(Connection& c, std::string_view where,
                                       std::string_view value) {
  auto s = c.Prepare("SELECT " + std::string(kCommunityColumns) + " FROM communities WHERE " +
                     std::string(where));
  s.Bind(1, value);
  if (!s.Step()) return std::nullopt;
  return ReadCommunity(s);
}

}  // namespace

void InsertCommunityRow(Connection& c, const CommunityRecord& r) {
  c.Prepare(
       "INSERT INTO communities (id, handle, name, description, tags, type, listed, archived, "
       "avatar, created_by, created_at, updated_at, members_count, search_text, "
       "description_html, banner) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)")
      .BindAll(r.id, r.handle, r.name, r.description, JoinCommunityTags(r.tags),
               static_cast<int64_t>(r.type), r.listed, r.archived, r.avatar, r.created_by,
               r.created_at, r.updated_at, CommunitySearchText(r), RenderMarkdown(r.description),
               r.banner)
      .Run();
}

void InsertMemberRow(Connection& c, const CommunityMemberRecord& m) {
  c.Prepare(
       "INSERT INTO community_members (id, community_id, account_id, state, role, invited_by, "
       "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .BindAll(m.id, m.community_id, m.account_id, static_cast<int64_t>(m.state), m.role,
               m.invited_by, m.created_at)
      .Run();
}

Status SqlCommunityStore::Create(const CommunityRecord& r, const CommunityMemberRecord& owner) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    InsertCommunityRow(c, r);
    IndexCommunity(c, r.id);
    CommunityMemberRecord member = owner;
    member.community_id = r.id;
    InsertMemberRow(c, member);
    Recount(c, r.id);
    return Status::Ok();
  });
}

Result<CommunityRecord> SqlCommunityStore::Get(int64_t id) {
  return ReadResult(db_, [&](Connection& c) -> Result<CommunityRecord> {
    auto s =
        c.Prepare("SELECT " + std::string(kCommunityColumns) + " FROM communities WHERE id = ?");
    s.Bind(1, id);
    if (!s.Step()) return Status::NotFound();
    return ReadCommunity(s);
  });
}

Result<CommunityRecord> SqlCommunityStore::FindByHandle(std::string_view handle) {
  return ReadResult(db_, [&](Connection& c) -> Result<CommunityRecord> {
    auto found = ReadOne(c, c.dialect().CiEquals("handle"), handle);
    if (!found) return Status::NotFound();
    return std::move(*found);
  });
}

Result<std::vector<CommunityRecord>> SqlCommunityStore::All() {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<CommunityRecord>> {
    auto s =
        c.Prepare("SELECT " + std::string(kCommunityColumns) + " FROM communities ORDER BY id");
    std::vector<CommunityRecord> out;
    while (s.Step()) out.push_back(ReadCommunity(s));
    return out;
  });
}

Result<std::vector<CommunityRecord>> SqlCommunityStore::Search(const CommunityQuery& query,
                                                               const PageRequest& page) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<CommunityRecord>> {
    SqlBuilder q("SELECT " + std::string(kCommunityColumns) + " FROM communities WHERE 1 = 1");
    if (!query.q.empty())
      q.Add(" AND search_text LIKE ? ESCAPE '\\'", "% " + EscapeLike(Fold(query.q)) + "%");
    if (query.type) q.Add(" AND type = ?", static_cast<int64_t>(*query.type));
    if (query.member_id != 0)
      q.Add(" AND id IN (SELECT community_id FROM community_members WHERE account_id = ?)",
            query.member_id);
    bool reverse = AppendPage(q, "id", page);
    std::vector<CommunityRecord> out;
    q.ForEachRow(c, [&](const Stmt& s) { out.push_back(ReadCommunity(s)); });
    if (reverse) std::reverse(out.begin(), out.end());
    return out;
  });
}

Status SqlCommunityStore::Update(const CommunityRecord& r) {
  const std::string description_html = RenderMarkdown(r.description);  // outside the write lock
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto s = c.Prepare(
        "UPDATE communities SET handle = ?, name = ?, description = ?, tags = ?, type = ?, "
        "listed = ?, archived = ?, avatar = ?, updated_at = ?, search_text = ?, "
        "description_html = ?, banner = ? WHERE id = ?");
    s.BindAll(r.handle, r.name, r.description, JoinCommunityTags(r.tags),
              static_cast<int64_t>(r.type), r.listed, r.archived, r.avatar, r.updated_at,
              CommunitySearchText(r), description_html, r.banner, r.id);
    s.Run();
    if (s.Changes() == 0) return Status::NotFound();
    IndexCommunity(c, r.id);
    return Status::Ok();
  });
}

Status SqlCommunityStore::Delete(int64_t id) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto s = c.Prepare("DELETE FROM communities WHERE id = ?");
    s.Bind(1, id);
    s.Run();
    if (s.Changes() == 0) return Status::NotFound();
    IndexCommunity(c, id);  // the community is gone: its entries go too
    return Status::Ok();
  });
}

Result<CommunityMemberRecord> SqlCommunityStore::Membership(int64_t community_id,
                                                            int64_t account_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<CommunityMemberRecord> {
    auto s = c.Prepare("SELECT " + std::string(kMemberColumns) +
                       " FROM community_members WHERE community_id = ? AND account_id = ?");
    s.BindAll(community_id, account_id);
    if (!s.Step()) return Status::NotFound();
    return ReadMember(s);
  });
}

Status SqlCommunityStore::PutMembership(const CommunityMemberRecord& m,
                                        const std::vector<NotificationRecord>& notifications) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    c.Prepare(
         "INSERT INTO community_members (id, community_id, account_id, state, role, invited_by, "
         "created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (community_id, account_id) DO "
         "UPDATE SET state = excluded.state, role = excluded.role, "
         "invited_by = excluded.invited_by, created_at = excluded.created_at")
        .BindAll(m.id, m.community_id, m.account_id, static_cast<int64_t>(m.state), m.role,
                 m.invited_by, m.created_at)
        .Run();
    Recount(c, m.community_id);
    for (const auto& n : notifications) InsertNotification(c, n);
    return Status::Ok();
  });
}

Result<bool> SqlCommunityStore::RemoveMembership(int64_t community_id, int64_t account_id,
                                                 const ModerationRecord& log) {
  return WriteResult(db_, [&](Connection& c) -> Result<bool> {
    auto s = c.Prepare("DELETE FROM community_members WHERE community_id = ? AND account_id = ?");
    s.BindAll(community_id, account_id);
    s.Run();
    if (s.Changes() == 0) return false;
    Recount(c, community_id);
    if (log.id != 0) InsertLog(c, log);
    return true;
  });
}

Result<std::vector<CommunityMemberRecord>> SqlCommunityStore::Members(int64_t community_id,
                                                                      MembershipState state,
                                                                      const std::string& role,
                                                                      const PageRequest& page) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<CommunityMemberRecord>> {
    SqlBuilder q("SELECT " + std::string(kMemberColumns) + " FROM community_members WHERE ");
    q.Add("community_id = ?", community_id);
    q.Add(" AND state = ?", static_cast<int64_t>(state));
    if (!role.empty()) q.Add(" AND role = ?", role);
    bool reverse = AppendPage(q, "id", page);
    std::vector<CommunityMemberRecord> out;
    q.ForEachRow(c, [&](const Stmt& s) { out.push_back(ReadMember(s)); });
    if (reverse) std::reverse(out.begin(), out.end());
    return out;
  });
}

Result<std::vector<int64_t>> SqlCommunityStore::MemberIds(int64_t community_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<int64_t>> {
    auto s =
        c.Prepare("SELECT account_id FROM community_members WHERE community_id = ? AND state = 0");
    s.Bind(1, community_id);
    std::vector<int64_t> out;
    while (s.Step()) out.push_back(s.Int(0));
    return out;
  });
}

Result<std::vector<CommunityMemberRecord>> SqlCommunityStore::MembershipsOf(int64_t account_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<CommunityMemberRecord>> {
    auto s = c.Prepare("SELECT " + std::string(kMemberColumns) +
                       " FROM community_members WHERE account_id = ? ORDER BY community_id");
    s.Bind(1, account_id);
    std::vector<CommunityMemberRecord> out;
    while (s.Step()) out.push_back(ReadMember(s));
    return out;
  });
}

Result<int64_t> SqlCommunityStore::CountMembers(int64_t community_id, const std::string& role) {
  return ReadResult(db_, [&](Connection& c) -> Result<int64_t> {
    SqlBuilder q;
    q.Add("SELECT COUNT(*) FROM community_members WHERE community_id = ? AND state = 0",
          community_id);
    if (!role.empty()) q.Add(" AND role = ?", role);
    int64_t n = 0;
    q.ForEachRow(c, [&](const Stmt& s) { n = s.Int(0); });
    return n;
  });
}

Result<bool> SqlCommunityStore::Pin(int64_t community_id, int64_t status_id, int64_t now) {
  return WriteResult(db_, [&](Connection& c) -> Result<bool> {
    auto s = c.Prepare(
        "INSERT INTO community_pins (community_id, status_id, created_at) "
        "VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
    s.BindAll(community_id, status_id, now);
    s.Run();
    return s.Changes() > 0;
  });
}

Result<bool> SqlCommunityStore::Unpin(int64_t community_id, int64_t status_id) {
  return WriteResult(db_, [&](Connection& c) -> Result<bool> {
    auto s = c.Prepare("DELETE FROM community_pins WHERE community_id = ? AND status_id = ?");
    s.BindAll(community_id, status_id);
    s.Run();
    return s.Changes() > 0;
  });
}

Result<std::vector<int64_t>> SqlCommunityStore::Pins(int64_t community_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<int64_t>> {
    auto s = c.Prepare(
        "SELECT status_id FROM community_pins WHERE community_id = ? "
        "ORDER BY created_at DESC, status_id DESC");
    s.Bind(1, community_id);
    std::vector<int64_t> out;
    while (s.Step()) out.push_back(s.Int(0));
    return out;
  });
}

Status SqlCommunityStore::Log(const ModerationRecord& record) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    InsertLog(c, record);
    return Status::Ok();
  });
}

Result<std::vector<ModerationRecord>> SqlCommunityStore::ModerationLog(int64_t community_id,
                                                                       const PageRequest& page) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<ModerationRecord>> {
    SqlBuilder q(
        "SELECT id, community_id, actor_id, action, status_id, target_account_id, reason, "
        "created_at FROM community_moderation WHERE ");
    q.Add("community_id = ?", community_id);
    bool reverse = AppendPage(q, "id", page);
    std::vector<ModerationRecord> out;
    q.ForEachRow(c, [&](const Stmt& s) {
      out.push_back(
          {s.Int(0), s.Int(1), s.Int(2), s.Text(3), s.Int(4), s.Int(5), s.Text(6), s.Int(7)});
    });
    if (reverse) std::reverse(out.begin(), out.end());
    return out;
  });
}

}  // namespace atrium::sql
