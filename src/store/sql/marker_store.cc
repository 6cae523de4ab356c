// Read markers: one row per (account, timeline).
#include "store/sql/database.h"
#include "store/sql/social_store.h"
#include "store/sql/sql_util.h"

namespace atrium::sql {

Result<std::vector<MarkerRecord>> SqlMarkerStore::Get(int64_t account_id,
                                                      const std::vector<std::string>& timelines) {
  if (timelines.empty()) return std::vector<MarkerRecord>{};
  if (timelines.size() > kMaxInList) return Status::BadRequest("Too many timelines");
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<MarkerRecord>> {
    SqlBuilder q;
    q.Add("SELECT timeline, last_read_id, version, updated_at FROM markers WHERE account_id = ?",
          account_id);
    q.Add(" AND timeline IN ").AddInList(timelines).Add(" ORDER BY timeline");
    std::vector<MarkerRecord> out;
    q.ForEachRow(c, [&](const Stmt& s) {
      out.push_back({s.Text(0), s.Int(1), s.Int(2), s.Int(3)});
    });
    return out;
  });
}

// As Mastodon's lock_version: a new marker has version 0, each Set after
// that adds one.
Result<MarkerRecord> SqlMarkerStore::Set(int64_t account_id, const std::string& timeline,
                                         int64_t last_read_id, int64_t now) {
  return WriteResult(db_, [&](Connection& c) -> Result<MarkerRecord> {
    auto s = c.Prepare(
        "INSERT INTO markers (account_id, timeline, last_read_id, version, updated_at) "
        "VALUES (?, ?, ?, 0, ?) ON CONFLICT (account_id, timeline) DO UPDATE SET "
        "last_read_id = excluded.last_read_id, version = markers.version + 1, "
        "updated_at = excluded.updated_at "
        "RETURNING timeline, last_read_id, version, updated_at");
    s.BindAll(account_id, timeline, last_read_id, now);
    if (!s.Step()) return Status::Internal("Store error", "the marker was not written");
    MarkerRecord out{s.Text(0), s.Int(1), s.Int(2), s.Int(3)};
    s.Run();  // finish the statement
    return out;
  });
}

}  // namespace atrium::sql
