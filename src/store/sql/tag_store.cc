// Followed tags (tag_follows), featured tags (featured_tags) and the trend
// counts, which group a week of posts (an id range of statuses) by tag or
// link and day in the database: O(posts of the week in the scope).
#include "store/sql/tag_store.h"

#include "store/sql/search_store.h"
#include "store/sql/social_store.h"
#include "store/sql/sql_util.h"

namespace atrium::sql {
namespace {

// The id of tag `name`, created (and indexed for search) if nobody used it yet.
int64_t EnsureTag(Connection& c, const std::string& name, int64_t now) {
  static const DialectSql kTagId(
      [](const Dialect& d) { return "SELECT id FROM tags WHERE " + d.CiEquals("name"); });
  auto insert =
      c.Prepare("INSERT INTO tags (name, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING");
  insert.BindAll(name, now).Run();
  const bool created = insert.Changes() != 0;
  auto id = c.Prepare(kTagId.For(c.dialect()));
  id.BindAll(name);
  if (!id.Step()) return 0;
  const int64_t tag_id = id.Int(0);
  if (created) IndexTag(c, tag_id, name);
  return tag_id;
}

// The posts of `scope`: appended to a WHERE clause over statuses `s`.
void AddScope(SqlBuilder& q, const TrendScope& scope) {
  if (scope.community_id == 0) {
    q.Add(" AND s.visibility = 0 AND ").Add(kOutsideRestrictedCommunities);
  } else {
    q.Add(" AND s.community_id = ?", scope.community_id);
    q.Add(" AND s.visibility <> 3");
  }
}

std::vector<DailyUse> ReadDailyUses(Connection& c, const SqlBuilder& q) {
  std::vector<DailyUse> out;
  q.ForEachRow(c, [&](const Stmt& s) { out.push_back({s.Text(0), s.Int(1), s.Int(2), s.Int(3)}); });
  return out;
}

}  // namespace

Result<bool> SqlTagStore::Follow(int64_t id, int64_t account_id, const std::string& name,
                                 int64_t now) {
  return WriteResult(db_, [&](Connection& c) -> Result<bool> {
    const int64_t tag_id = EnsureTag(c, name, now);
    auto s = c.Prepare(
        "INSERT INTO tag_follows (id, account_id, tag_id, created_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT DO NOTHING");
    s.BindAll(id, account_id, tag_id, now).Run();
    return s.Changes() != 0;
  });
}

Result<bool> SqlTagStore::Unfollow(int64_t account_id, const std::string& name) {
  return WriteResult(db_, [&](Connection& c) -> Result<bool> {
    static const DialectSql kDelete([](const Dialect& d) {
      return "DELETE FROM tag_follows WHERE account_id = ? AND tag_id IN (SELECT id FROM tags "
             "WHERE " +
             d.CiEquals("name") + ")";
    });
    auto s = c.Prepare(kDelete.For(c.dialect()));
    s.BindAll(account_id, name).Run();
    return s.Changes() != 0;
  });
}

Result<std::vector<std::string>> SqlTagStore::Followed(int64_t account_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<std::string>> {
    auto s = c.Prepare(
        "SELECT t.name FROM tag_follows f JOIN tags t ON t.id = f.tag_id WHERE f.account_id = ?");
    s.BindAll(account_id);
    std::vector<std::string> out;
    while (s.Step()) out.push_back(s.Text(0));
    return out;
  });
}

Result<std::vector<TagMarkRecord>> SqlTagStore::FollowedPage(int64_t account_id,
                                                             const PageRequest& page) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<TagMarkRecord>> {
    SqlBuilder q(
        "SELECT f.id, f.account_id, t.name, f.created_at FROM tag_follows f JOIN tags t ON "
        "t.id = f.tag_id WHERE ");
    q.Add("f.account_id = ?", account_id);
    const bool reverse = AppendPage(q, "f.id", page);
    std::vector<TagMarkRecord> out;
    q.ForEachRow(c, [&](const Stmt& s) {
      out.push_back({s.Int(0), s.Int(1), s.Text(2), s.Int(3)});
    });
    if (reverse) std::reverse(out.begin(), out.end());
    return out;
  });
}

Result<std::vector<int64_t>> SqlTagStore::FollowerIds(const std::vector<std::string>& names) {
  if (names.empty()) return std::vector<int64_t>{};
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<int64_t>> {
    std::vector<int64_t> out;
    ForEachChunk(names, [&](std::span<const std::string> chunk) {
      SqlBuilder q(
          "SELECT DISTINCT f.account_id FROM tag_follows f JOIN tags t ON t.id = f.tag_id "
          "WHERE " +
          c.dialect().Ci("t.name") + " IN ");
      q.AddCiInList(c.dialect(), chunk);
      q.ForEachRow(c, [&](const Stmt& s) { out.push_back(s.Int(0)); });
    });
    return SortedUnique(std::move(out));
  });
}

Status SqlTagStore::Feature(int64_t id, int64_t account_id, const std::string& name, int64_t now) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    const int64_t tag_id = EnsureTag(c, name, now);
    auto s = c.Prepare(
        "INSERT INTO featured_tags (id, account_id, tag_id, created_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT DO NOTHING");
    s.BindAll(id, account_id, tag_id, now).Run();
    if (s.Changes() == 0) return Status::Conflict("Validation failed: Tag has already been taken");
    return Status::Ok();
  });
}

Status SqlTagStore::Unfeature(int64_t account_id, int64_t id, const std::string& name) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    static const DialectSql kByName([](const Dialect& d) {
      return "DELETE FROM featured_tags WHERE account_id = ? AND tag_id IN (SELECT id FROM "
             "tags WHERE " +
             d.CiEquals("name") + ")";
    });
    auto s = id != 0 ? c.Prepare("DELETE FROM featured_tags WHERE account_id = ? AND id = ?")
                     : c.Prepare(kByName.For(c.dialect()));
    if (id != 0)
      s.BindAll(account_id, id);
    else
      s.BindAll(account_id, name);
    s.Run();
    if (s.Changes() == 0) return Status::NotFound();
    return Status::Ok();
  });
}

Result<std::vector<FeaturedTagRecord>> SqlTagStore::Featured(int64_t account_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<FeaturedTagRecord>> {
    // A featured tag's public use by its member, as everyone may see it.
    const std::string use = std::string(kOutsideRestrictedCommunities) + ")";
    SqlBuilder query(
        "SELECT f.id, f.account_id, t.name, f.created_at, "
        "(SELECT COUNT(*) FROM status_tags st JOIN statuses s ON s.id = st.status_id "
        " WHERE st.tag_id = f.tag_id AND s.account_id = f.account_id AND s.visibility = 0 "
        " AND s.reblog_of_id IS NULL AND " +
        use +
        ", (SELECT COALESCE(MAX(s.created_at), 0) FROM status_tags st JOIN statuses s ON "
        "s.id = st.status_id WHERE st.tag_id = f.tag_id AND s.account_id = f.account_id AND "
        "s.visibility = 0 AND s.reblog_of_id IS NULL AND " +
        use + " FROM featured_tags f JOIN tags t ON t.id = f.tag_id WHERE ");
    query.Add("f.account_id = ? ORDER BY f.id", account_id);
    std::vector<FeaturedTagRecord> out;
    query.ForEachRow(c, [&](const Stmt& s) {
      FeaturedTagRecord r;
      r.tag = {s.Int(0), s.Int(1), s.Text(2), s.Int(3)};
      r.statuses_count = s.Int(4);
      r.last_status_at = s.Int(5);
      out.push_back(std::move(r));
    });
    return out;
  });
}

Result<std::vector<std::string>> SqlTagStore::FeatureSuggestions(int64_t account_id, int limit) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<std::string>> {
    SqlBuilder q(
        "SELECT t.name, COUNT(*) AS uses, MAX(s.id) AS latest FROM statuses s JOIN status_tags "
        "st ON st.status_id = s.id JOIN tags t ON t.id = st.tag_id WHERE ");
    q.Add("s.account_id = ? AND s.reblog_of_id IS NULL", account_id);
    AddScope(q, TrendScope{});
    q.Add(" AND st.tag_id NOT IN (SELECT tag_id FROM featured_tags WHERE account_id = ?)",
          account_id);
    q.Add(" GROUP BY t.name ORDER BY uses DESC, latest DESC LIMIT ?", static_cast<int64_t>(limit));
    std::vector<std::string> out;
    q.ForEachRow(c, [&](const Stmt& s) { out.push_back(s.Text(0)); });
    return out;
  });
}

Result<std::vector<DailyUse>> SqlTagStore::TagUses(const TrendScope& scope, int64_t since_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<DailyUse>> {
    SqlBuilder q;
    q.Add(
        "SELECT t.name, s.created_at / 86400000 AS day, COUNT(*), COUNT(DISTINCT s.account_id) "
        "FROM "
        "statuses s JOIN status_tags st ON st.status_id = s.id JOIN tags t ON t.id = st.tag_id "
        "WHERE ");
    q.Add("s.id >= ? AND s.reblog_of_id IS NULL", since_id);
    AddScope(q, scope);
    q.Add(" GROUP BY t.name, s.created_at / 86400000");
    return ReadDailyUses(c, q);
  });
}

Result<std::vector<DailyUse>> SqlTagStore::LinkUses(const TrendScope& scope, int64_t since_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<DailyUse>> {
    SqlBuilder q;
    q.Add(
        "SELECT sc.url, s.created_at / 86400000 AS day, COUNT(*), COUNT(DISTINCT s.account_id) "
        "FROM "
        "statuses s JOIN status_cards sc ON sc.status_id = s.id JOIN link_cards lc ON lc.url = "
        "sc.url AND lc.state = 1 WHERE ");
    q.Add("s.id >= ? AND s.reblog_of_id IS NULL", since_id);
    AddScope(q, scope);
    q.Add(" GROUP BY sc.url, s.created_at / 86400000");
    return ReadDailyUses(c, q);
  });
}

Result<std::vector<ScoredPost>> SqlTagStore::TopPosts(const TrendScope& scope, int64_t since_id,
                                                      int limit) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<ScoredPost>> {
    SqlBuilder q(
        "SELECT s.id, s.favourites_count + s.reblogs_count + s.replies_count AS score FROM "
        "statuses s WHERE ");
    q.Add("s.id >= ? AND s.reblog_of_id IS NULL", since_id);
    AddScope(q, scope);
    q.Add(" AND s.favourites_count + s.reblogs_count + s.replies_count > 0");
    q.Add(" ORDER BY score DESC, s.id DESC LIMIT ?", static_cast<int64_t>(limit));
    std::vector<ScoredPost> out;
    q.ForEachRow(c, [&](const Stmt& s) { out.push_back({s.Int(0), s.Int(1)}); });
    return out;
  });
}

}  // namespace atrium::sql
