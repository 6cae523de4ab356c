// Lists: an account's lists and their members. list_accounts has
// an index on account_id, so "which lists hold this author" (where a new post
// goes) is one index range.
#include <optional>

#include "store/sql/database.h"
#include "store/sql/social_store.h"
#include "store/sql/sql_util.h"

namespace atrium::sql {
namespace {

constexpr const char* kListColumns = "l.id, l.account_id, l.title, l.replies_policy, l.exclusive";

ListRecord ReadList(const Stmt& s) {
  return ListRecord{s.Int(0), s.Int(1), s.Text(2), s.Text(3), s.Bool(4)};
}

// The lists `sql_rest` selects (FROM lists l …), with two parameters (or one
// when b is unused).
std::vector<ListRecord> ReadLists(Connection& c, std::string_view sql_rest, int64_t a,
                                  std::optional<int64_t> b = std::nullopt) {
  auto s = c.Prepare("SELECT " + std::string(kListColumns) + " " + std::string(sql_rest));
  s.Bind(1, a);
  if (b) s.Bind(2, *b);
  std::vector<ListRecord> out;
  while (s.Step()) out.push_back(ReadList(s));
  return out;
}

bool ListExists(Connection& c, int64_t id) {
  auto s = c.Prepare("SELECT 1 FROM lists WHERE id = ?");
  s.Bind(1, id);
  return s.Step();
}

}  // namespace

Status SqlListStore::Create(const ListRecord& l) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    c.Prepare(
         "INSERT INTO lists (id, account_id, title, replies_policy, exclusive) "
         "VALUES (?, ?, ?, ?, ?)")
        .BindAll(l.id, l.account_id, l.title, l.replies_policy, l.exclusive)
        .Run();
    return Status::Ok();
  });
}

Result<ListRecord> SqlListStore::Get(int64_t id) {
  return ReadResult(db_, [&](Connection& c) -> Result<ListRecord> {
    auto lists = ReadLists(c, "FROM lists l WHERE l.id = ?", id);
    if (lists.empty()) return Status::NotFound();
    return std::move(lists.front());
  });
}

Result<std::vector<ListRecord>> SqlListStore::OfAccount(int64_t account_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<ListRecord>> {
    return ReadLists(c, "FROM lists l WHERE l.account_id = ? ORDER BY l.id", account_id);
  });
}

Status SqlListStore::Update(const ListRecord& l) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto s =
        c.Prepare("UPDATE lists SET title = ?, replies_policy = ?, exclusive = ? WHERE id = ?");
    s.BindAll(l.title, l.replies_policy, l.exclusive, l.id).Run();
    return s.Changes() > 0 ? Status::Ok() : Status::NotFound();
  });
}

Status SqlListStore::Delete(int64_t id) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto s = c.Prepare("DELETE FROM lists WHERE id = ?");  // members go by ON DELETE CASCADE
    s.BindAll(id).Run();
    return s.Changes() > 0 ? Status::Ok() : Status::NotFound();
  });
}

Status SqlListStore::AddAccounts(int64_t list_id, const std::vector<int64_t>& account_ids) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    if (!ListExists(c, list_id)) return Status::NotFound();
    for (int64_t account_id : account_ids) {
      c.Prepare(
           "INSERT INTO list_accounts (list_id, account_id) VALUES (?, ?) "
           "ON CONFLICT (list_id, account_id) DO NOTHING")
          .BindAll(list_id, account_id)
          .Run();
    }
    return Status::Ok();
  });
}

Status SqlListStore::RemoveAccounts(int64_t list_id, const std::vector<int64_t>& account_ids) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    if (!ListExists(c, list_id)) return Status::NotFound();
    for (int64_t account_id : account_ids) {
      c.Prepare("DELETE FROM list_accounts WHERE list_id = ? AND account_id = ?")
          .BindAll(list_id, account_id)
          .Run();
    }
    return Status::Ok();
  });
}

// Members in the order they were added.
Result<std::vector<int64_t>> SqlListStore::Accounts(int64_t list_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<int64_t>> {
    auto s = c.Prepare("SELECT account_id FROM list_accounts WHERE list_id = ? ORDER BY id");
    s.Bind(1, list_id);
    std::vector<int64_t> out;
    while (s.Step()) out.push_back(s.Int(0));
    return out;
  });
}

Result<std::vector<ListRecord>> SqlListStore::ContainingAccount(int64_t owner_id,
                                                                int64_t member_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<ListRecord>> {
    return ReadLists(c,
                     "FROM lists l JOIN list_accounts la ON la.list_id = l.id "
                     "WHERE l.account_id = ? AND la.account_id = ? ORDER BY l.id",
                     owner_id, member_id);
  });
}

Result<std::vector<ListRecord>> SqlListStore::ListsWithMember(int64_t member_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<ListRecord>> {
    return ReadLists(c,
                     "FROM list_accounts la JOIN lists l ON l.id = la.list_id "
                     "WHERE la.account_id = ? ORDER BY l.id",
                     member_id);
  });
}

}  // namespace atrium::sql
