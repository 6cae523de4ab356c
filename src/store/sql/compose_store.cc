// The composer's reads: active members, advice overrides, posts with a link.
#include "store/sql/compose_store.h"

#include <fmt/format.h>

#include "store/sql/sql_util.h"

namespace atrium::sql {

Result<std::vector<int64_t>> SqlComposeStore::ActiveAccountIds() {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<int64_t>> {
    auto s = c.Prepare("SELECT id FROM accounts WHERE active = 1 ORDER BY id");
    std::vector<int64_t> out;
    while (s.Step()) out.push_back(s.Int(0));
    return out;
  });
}

Result<std::vector<AdviceOverride>> SqlComposeStore::AdviceOverrides() {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<AdviceOverride>> {
    auto s = c.Prepare(
        "SELECT kind, name, value, updated_by, updated_at FROM advice_overrides "
        "ORDER BY kind, name");
    std::vector<AdviceOverride> out;
    while (s.Step())
      out.push_back(AdviceOverride{s.Text(0), s.Text(1), s.Text(2), s.Int(3), s.Int(4)});
    return out;
  });
}

Status SqlComposeStore::SetAdviceOverride(const AdviceOverride& o) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto s = c.Prepare(
        "INSERT INTO advice_overrides (kind, name, value, updated_by, updated_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, name) DO UPDATE SET "
        "value = excluded.value, updated_by = excluded.updated_by, "
        "updated_at = excluded.updated_at");
    s.BindAll(o.kind, o.name, o.value, o.updated_by, o.updated_at);
    s.Run();
    return Status::Ok();
  });
}

Status SqlComposeStore::ClearAdviceOverride(std::string_view kind, std::string_view name) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto s = c.Prepare("DELETE FROM advice_overrides WHERE kind = ? AND name = ?");
    s.BindAll(std::string(kind), std::string(name));
    s.Run();
    return Status::Ok();
  });
}

Result<std::vector<LinkedPost>> SqlComposeStore::PostsWithLink(std::string_view link,
                                                               int64_t since_id, int limit) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<LinkedPost>> {
    auto s = c.Prepare(
        fmt::format("SELECT id, account_id FROM statuses WHERE id >= ? AND reblog_of_id IS NULL "
                    "AND text {} ? ESCAPE '\\' ORDER BY id DESC LIMIT ?",
                    db_.dialect().ILike()));
    s.BindAll(since_id, "%" + EscapeLike(link) + "%", static_cast<int64_t>(limit));
    std::vector<LinkedPost> out;
    while (s.Step()) out.push_back(LinkedPost{s.Int(0), s.Int(1)});
    return out;
  });
}

}  // namespace atrium::sql
