// Filters: one row each in filters (contexts as a bit set), their keywords
// in filter_keywords and their posts in filter_statuses; muted threads in
// thread_mutes.
#include "store/sql/filter_store.h"

#include <unordered_map>

#include "store/sql/sql_util.h"

namespace atrium::sql {
namespace {

int64_t ContextBits(const std::vector<FilterContext>& contexts) {
  int64_t bits = 0;
  for (FilterContext c : contexts) bits |= int64_t{1} << static_cast<int>(c);
  return bits;
}

std::vector<FilterContext> ContextsOf(int64_t bits) {
  std::vector<FilterContext> out;
  for (int c = 0; c <= static_cast<int>(FilterContext::kAccount); ++c)
    if (bits & (int64_t{1} << c)) out.push_back(static_cast<FilterContext>(c));
  return out;
}

// Writes the keywords and posts of `f` (none of them may exist yet).
void InsertRules(Connection& c, const FilterRecord& f) {
  int position = 0;
  for (const FilterKeywordRecord& k : f.keywords)
    c.Prepare(
         "INSERT INTO filter_keywords (id, filter_id, keyword, whole_word, position) "
         "VALUES (?, ?, ?, ?, ?)")
        .BindAll(k.id, f.id, k.keyword, k.whole_word ? 1 : 0, position++)
        .Run();
  for (const FilterStatusRecord& s : f.statuses)
    c.Prepare("INSERT INTO filter_statuses (id, filter_id, status_id) VALUES (?, ?, ?)")
        .BindAll(s.id, f.id, s.status_id)
        .Run();
}

}  // namespace

Result<std::vector<FilterRecord>> SqlFilterStore::List(int64_t account_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<FilterRecord>> {
    std::vector<FilterRecord> rows;
    auto s = c.Prepare(
        "SELECT id, title, contexts, action, expires_at, created_at FROM filters "
        "WHERE account_id = ? ORDER BY id");
    s.BindAll(account_id);
    while (s.Step()) {
      FilterRecord f;
      f.id = s.Int(0);
      f.account_id = account_id;
      f.title = s.Text(1);
      f.contexts = ContextsOf(s.Int(2));
      f.action = static_cast<FilterAction>(s.Int(3));
      f.expires_at = s.Int(4);
      f.created_at = s.Int(5);
      rows.push_back(std::move(f));
    }
    if (rows.empty()) return rows;
    std::unordered_map<int64_t, FilterRecord*> by_id;
    for (FilterRecord& f : rows) by_id[f.id] = &f;
    auto k = c.Prepare(
        "SELECT k.filter_id, k.id, k.keyword, k.whole_word FROM filter_keywords k "
        "JOIN filters f ON f.id = k.filter_id WHERE f.account_id = ? "
        "ORDER BY k.filter_id, k.position");
    k.BindAll(account_id);
    while (k.Step()) by_id[k.Int(0)]->keywords.push_back({k.Int(1), k.Text(2), k.Bool(3)});
    auto st = c.Prepare(
        "SELECT fs.filter_id, fs.id, fs.status_id FROM filter_statuses fs "
        "JOIN filters f ON f.id = fs.filter_id WHERE f.account_id = ? ORDER BY fs.id");
    st.BindAll(account_id);
    while (st.Step()) by_id[st.Int(0)]->statuses.push_back({st.Int(1), st.Int(2)});
    return rows;
  });
}

Status SqlFilterStore::Create(const FilterRecord& f) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    c.Prepare(
         "INSERT INTO filters (id, account_id, title, contexts, action, expires_at, created_at) "
         "VALUES (?, ?, ?, ?, ?, ?, ?)")
        .BindAll(f.id, f.account_id, f.title, ContextBits(f.contexts),
                 static_cast<int64_t>(f.action), f.expires_at, f.created_at)
        .Run();
    InsertRules(c, f);
    return Status::Ok();
  });
}

Status SqlFilterStore::Update(const FilterRecord& f) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto s = c.Prepare(
        "UPDATE filters SET title = ?, contexts = ?, action = ?, expires_at = ? "
        "WHERE id = ? AND account_id = ?");
    s.BindAll(f.title, ContextBits(f.contexts), static_cast<int64_t>(f.action), f.expires_at, f.id,
              f.account_id);
    s.Run();
    if (s.Changes() == 0) return Status::NotFound();
    c.Prepare("DELETE FROM filter_keywords WHERE filter_id = ?").BindAll(f.id).Run();
    c.Prepare("DELETE FROM filter_statuses WHERE filter_id = ?").BindAll(f.id).Run();
    InsertRules(c, f);
    return Status::Ok();
  });
}

Status SqlFilterStore::Delete(int64_t account_id, int64_t id) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto s = c.Prepare("DELETE FROM filters WHERE id = ? AND account_id = ?");
    s.BindAll(id, account_id);
    s.Run();
    if (s.Changes() == 0) return Status::NotFound();
    return Status::Ok();
  });
}

Result<std::vector<int64_t>> SqlFilterStore::MutedThreads(int64_t account_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<int64_t>> {
    auto s =
        c.Prepare("SELECT thread_id FROM thread_mutes WHERE account_id = ? ORDER BY thread_id");
    s.BindAll(account_id);
    std::vector<int64_t> out;
    while (s.Step()) out.push_back(s.Int(0));
    return out;
  });
}

Status SqlFilterStore::MuteThread(int64_t account_id, int64_t thread_id) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    c.Prepare(
         "INSERT INTO thread_mutes (account_id, thread_id) VALUES (?, ?) "
         "ON CONFLICT (account_id, thread_id) DO NOTHING")
        .BindAll(account_id, thread_id)
        .Run();
    return Status::Ok();
  });
}

Status SqlFilterStore::UnmuteThread(int64_t account_id, int64_t thread_id) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    c.Prepare("DELETE FROM thread_mutes WHERE account_id = ? AND thread_id = ?")
        .BindAll(account_id, thread_id)
        .Run();
    return Status::Ok();
  });
}

}  // namespace atrium::sql
