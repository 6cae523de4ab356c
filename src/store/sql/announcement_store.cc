// Announcements (announcements), who dismissed them
// (announcement_dismissals) and members' reactions (announcement_reactions).
#include "store/sql/announcement_store.h"

#include "store/sql/sql_util.h"

namespace atrium::sql {
namespace {

constexpr const char* kColumns =
    "SELECT id, text, content_html, starts_at, ends_at, all_day, published_at, created_by, "
    "created_at, updated_at, announced FROM announcements ";

AnnouncementRecord ReadAnnouncement(const Stmt& s) {
  AnnouncementRecord r;
  r.id = s.Int(0);
  r.text = s.Text(1);
  r.content_html = s.Text(2);
  r.starts_at = s.Int(3);
  r.ends_at = s.Int(4);
  r.all_day = s.Bool(5);
  r.published_at = s.Int(6);
  r.created_by = s.Int(7);
  r.created_at = s.Int(8);
  r.updated_at = s.Int(9);
  r.announced = s.Bool(10);
  return r;
}

}  // namespace

Status SqlAnnouncementStore::Create(const AnnouncementRecord& a) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    c.Prepare(
         "INSERT INTO announcements (id, text, content_html, starts_at, ends_at, all_day, "
         "published_at, created_by, created_at, updated_at, announced) VALUES (?, ?, ?, ?, ?, ?, "
         "?, ?, ?, ?, ?)")
        .BindAll(a.id, a.text, a.content_html, a.starts_at, a.ends_at,
                 static_cast<int64_t>(a.all_day), a.published_at, a.created_by, a.created_at,
                 a.updated_at, static_cast<int64_t>(a.announced))
        .Run();
    return Status::Ok();
  });
}

Status SqlAnnouncementStore::Update(const AnnouncementRecord& a) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto s = c.Prepare(
        "UPDATE announcements SET text = ?, content_html = ?, starts_at = ?, ends_at = ?, "
        "all_day = ?, published_at = ?, updated_at = ?, announced = ? WHERE id = ?");
    s.BindAll(a.text, a.content_html, a.starts_at, a.ends_at, static_cast<int64_t>(a.all_day),
              a.published_at, a.updated_at, static_cast<int64_t>(a.announced), a.id)
        .Run();
    if (s.Changes() == 0) return Status::NotFound();
    return Status::Ok();
  });
}

Status SqlAnnouncementStore::Delete(int64_t id) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    c.Prepare("DELETE FROM announcement_dismissals WHERE announcement_id = ?").BindAll(id).Run();
    c.Prepare("DELETE FROM announcement_reactions WHERE announcement_id = ?").BindAll(id).Run();
    auto s = c.Prepare("DELETE FROM announcements WHERE id = ?");
    s.BindAll(id).Run();
    if (s.Changes() == 0) return Status::NotFound();
    return Status::Ok();
  });
}

Result<AnnouncementRecord> SqlAnnouncementStore::Get(int64_t id) {
  return ReadResult(db_, [&](Connection& c) -> Result<AnnouncementRecord> {
    auto s = c.Prepare(std::string(kColumns) + "WHERE id = ?");
    s.BindAll(id);
    if (!s.Step()) return Status::NotFound();
    return ReadAnnouncement(s);
  });
}

Result<std::vector<AnnouncementRecord>> SqlAnnouncementStore::All() {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<AnnouncementRecord>> {
    auto s = c.Prepare(std::string(kColumns) + "ORDER BY published_at DESC, id DESC");
    std::vector<AnnouncementRecord> out;
    while (s.Step()) out.push_back(ReadAnnouncement(s));
    return out;
  });
}

Result<std::vector<AnnouncementRecord>> SqlAnnouncementStore::Active(int64_t now) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<AnnouncementRecord>> {
    auto s = c.Prepare(std::string(kColumns) +
                       "WHERE published_at <= ? AND (ends_at = 0 OR ends_at > ?) "
                       "ORDER BY published_at DESC, id DESC");
    s.BindAll(now, now);
    std::vector<AnnouncementRecord> out;
    while (s.Step()) out.push_back(ReadAnnouncement(s));
    return out;
  });
}

Result<std::vector<AnnouncementRecord>> SqlAnnouncementStore::Unannounced(int64_t now) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<AnnouncementRecord>> {
    auto s = c.Prepare(std::string(kColumns) +
                       "WHERE announced = 0 AND published_at <= ? AND (ends_at = 0 OR ends_at > ?) "
                       "ORDER BY published_at, id");
    s.BindAll(now, now);
    std::vector<AnnouncementRecord> out;
    while (s.Step()) out.push_back(ReadAnnouncement(s));
    return out;
  });
}

Result<bool> SqlAnnouncementStore::MarkAnnounced(int64_t id) {
  return WriteResult(db_, [&](Connection& c) -> Result<bool> {
    auto s = c.Prepare("UPDATE announcements SET announced = 1 WHERE id = ? AND announced = 0");
    s.BindAll(id).Run();
    return s.Changes() > 0;
  });
}

Status SqlAnnouncementStore::Dismiss(int64_t id, int64_t account_id) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    c.Prepare(
         "INSERT INTO announcement_dismissals (announcement_id, account_id) VALUES (?, ?) "
         "ON CONFLICT DO NOTHING")
        .BindAll(id, account_id)
        .Run();
    return Status::Ok();
  });
}

Result<std::vector<int64_t>> SqlAnnouncementStore::Dismissed(int64_t account_id,
                                                             const std::vector<int64_t>& ids) {
  if (ids.empty()) return std::vector<int64_t>{};
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<int64_t>> {
    std::vector<int64_t> out;
    const std::vector<int64_t> unique = SortedUnique(ids);
    ForEachChunk(unique, [&](std::span<const int64_t> chunk) {
      SqlBuilder q;
      q.Add("SELECT announcement_id FROM announcement_dismissals WHERE account_id = ?", account_id);
      q.Add(" AND announcement_id IN ").AddInList(chunk);
      q.ForEachRow(c, [&](const Stmt& s) { out.push_back(s.Int(0)); });
    });
    return out;
  });
}

Result<bool> SqlAnnouncementStore::React(int64_t id, int64_t account_id, const std::string& name,
                                         int64_t now) {
  return WriteResult(db_, [&](Connection& c) -> Result<bool> {
    auto s = c.Prepare(
        "INSERT INTO announcement_reactions (announcement_id, account_id, name, created_at) "
        "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING");
    s.BindAll(id, account_id, name, now).Run();
    return s.Changes() != 0;
  });
}

Result<bool> SqlAnnouncementStore::Unreact(int64_t id, int64_t account_id,
                                           const std::string& name) {
  return WriteResult(db_, [&](Connection& c) -> Result<bool> {
    auto s = c.Prepare(
        "DELETE FROM announcement_reactions WHERE announcement_id = ? AND account_id = ? AND "
        "name = ?");
    s.BindAll(id, account_id, name).Run();
    return s.Changes() != 0;
  });
}

Result<std::unordered_map<int64_t, std::vector<AnnouncementReaction>>>
SqlAnnouncementStore::Reactions(int64_t account_id, const std::vector<int64_t>& ids) {
  using Map = std::unordered_map<int64_t, std::vector<AnnouncementReaction>>;
  if (ids.empty()) return Map{};
  return ReadResult(db_, [&](Connection& c) -> Result<Map> {
    Map out;
    const std::vector<int64_t> unique = SortedUnique(ids);
    ForEachChunk(unique, [&](std::span<const int64_t> chunk) {
      SqlBuilder full;
      full.Add(
          "SELECT announcement_id, name, COUNT(*), MIN(created_at) AS first, "
          "SUM(CASE WHEN account_id = ? THEN 1 ELSE 0 END) FROM announcement_reactions ",
          account_id);
      full.Add("WHERE announcement_id IN ").AddInList(chunk);
      full.Add(" GROUP BY announcement_id, name ORDER BY first, name");
      full.ForEachRow(c, [&](const Stmt& s) {
        out[s.Int(0)].push_back({s.Text(1), s.Int(2), s.Int(4) > 0});
      });
    });
    return out;
  });
}

}  // namespace atrium::sql
