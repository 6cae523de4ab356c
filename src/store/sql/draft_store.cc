// Blog drafts: one row per draft in `drafts`; tags kept one per line (a
// tag holds no white space, the service makes sure).
#include "store/sql/draft_store.h"

#include "store/sql/sql_util.h"

namespace atrium::sql {
namespace {

constexpr const char* kColumns =
    "SELECT id, account_id, title, body, tags, community_id, created_at, updated_at FROM drafts ";

std::string JoinTags(const std::vector<std::string>& tags) {
  std::string out;
  for (const auto& t : tags) {
    if (!out.empty()) out += '\n';
    out += t;
  }
  return out;
}

std::vector<std::string> SplitTags(const std::string& joined) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < joined.size()) {
    size_t end = joined.find('\n', start);
    if (end == std::string::npos) end = joined.size();
    if (end > start) out.push_back(joined.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

DraftRecord ReadDraft(const Stmt& s) {
  DraftRecord r;
  r.id = s.Int(0);
  r.account_id = s.Int(1);
  r.title = s.Text(2);
  r.body = s.Text(3);
  r.tags = SplitTags(s.Text(4));
  r.community_id = s.Int(5);
  r.created_at = s.Int(6);
  r.updated_at = s.Int(7);
  return r;
}

}  // namespace

Status SqlDraftStore::Create(const DraftRecord& d, int max_per_member) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto count = c.Prepare("SELECT COUNT(*) FROM drafts WHERE account_id = ?");
    count.BindAll(d.account_id);
    if (count.Step() && count.Int(0) >= max_per_member)
      return Status::Unprocessable("Validation failed: At most " + std::to_string(max_per_member) +
                                   " drafts may be kept; publish or delete one first");
    c.Prepare(
         "INSERT INTO drafts (id, account_id, title, body, tags, community_id, created_at, "
         "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .BindAll(d.id, d.account_id, d.title, d.body, JoinTags(d.tags), d.community_id,
                 d.created_at, d.updated_at)
        .Run();
    return Status::Ok();
  });
}

Result<std::vector<DraftRecord>> SqlDraftStore::List(int64_t account_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<DraftRecord>> {
    auto s =
        c.Prepare(std::string(kColumns) + "WHERE account_id = ? ORDER BY updated_at DESC, id DESC");
    s.BindAll(account_id);
    std::vector<DraftRecord> out;
    while (s.Step()) out.push_back(ReadDraft(s));
    return out;
  });
}

Result<DraftRecord> SqlDraftStore::Get(int64_t account_id, int64_t id) {
  return ReadResult(db_, [&](Connection& c) -> Result<DraftRecord> {
    auto s = c.Prepare(std::string(kColumns) + "WHERE id = ? AND account_id = ?");
    s.BindAll(id, account_id);
    if (!s.Step()) return Status::NotFound();
    return ReadDraft(s);
  });
}

Status SqlDraftStore::Update(const DraftRecord& d) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto s = c.Prepare(
        "UPDATE drafts SET title = ?, body = ?, tags = ?, community_id = ?, updated_at = ? "
        "WHERE id = ? AND account_id = ?");
    s.BindAll(d.title, d.body, JoinTags(d.tags), d.community_id, d.updated_at, d.id, d.account_id);
    s.Run();
    if (s.Changes() == 0) return Status::NotFound();
    return Status::Ok();
  });
}

Status SqlDraftStore::Delete(int64_t account_id, int64_t id) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto s = c.Prepare("DELETE FROM drafts WHERE id = ? AND account_id = ?");
    s.BindAll(id, account_id);
    s.Run();
    if (s.Changes() == 0) return Status::NotFound();
    return Status::Ok();
  });
}

}  // namespace atrium::sql
