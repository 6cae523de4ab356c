// The history of profile changes: one row per changed field in
// `profile_changes`, only ever inserted; one query for both backends.
#include "store/profile_history_store.h"

#include "store/sql/sql_store.h"
#include "store/sql/sql_util.h"

namespace atrium {
namespace {

ProfileActorKind KindFromName(const std::string& name) {
  if (name == "directory") return ProfileActorKind::kDirectory;
  if (name == "admin") return ProfileActorKind::kAdmin;
  return ProfileActorKind::kSelf;
}

void BindOptional(sql::Stmt& s, int index, const std::optional<std::string>& v) {
  if (v)
    s.Bind(index, *v);
  else
    s.BindNull(index);
}

class SqlProfileHistoryStore : public ProfileHistoryStore {
 public:
  explicit SqlProfileHistoryStore(sql::Database& db) : db_(db) {}

  Status Append(const std::vector<ProfileChangeRecord>& changes) override {
    if (changes.empty()) return Status::Ok();
    return sql::WriteResult(db_, [&](sql::Connection& c) -> Status {
      for (const auto& ch : changes) {
        auto s = c.Prepare(
            "INSERT INTO profile_changes (id, account_id, changed_at, actor_kind, "
            "actor_account_id, actor_source, field, before_value, after_value) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        s.BindAll(ch.id, ch.account_id, ch.changed_at, ProfileActorKindName(ch.actor_kind),
                  ch.actor_account_id, ch.actor_source, ch.field);
        BindOptional(s, 8, ch.before);
        BindOptional(s, 9, ch.after);
        s.Run();
      }
      return Status::Ok();
    });
  }

  Result<std::vector<ProfileChangeRecord>> Of(int64_t account_id, int64_t from,
                                              int64_t to) override {
    return sql::ReadResult(
        db_, [&](sql::Connection& c) -> Result<std::vector<ProfileChangeRecord>> {
          std::string query =
              "SELECT id, account_id, changed_at, actor_kind, actor_account_id, actor_source, "
              "field, before_value, after_value FROM profile_changes WHERE account_id = ?";
          if (from != 0) query += " AND changed_at >= ?";
          if (to != 0) query += " AND changed_at <= ?";
          auto s = c.Prepare(query + " ORDER BY id");
          int index = 0;
          s.Bind(++index, account_id);
          if (from != 0) s.Bind(++index, from);
          if (to != 0) s.Bind(++index, to);
          std::vector<ProfileChangeRecord> out;
          while (s.Step()) {
            ProfileChangeRecord r;
            r.id = s.Int(0);
            r.account_id = s.Int(1);
            r.changed_at = s.Int(2);
            r.actor_kind = KindFromName(s.Text(3));
            r.actor_account_id = s.Int(4);
            r.actor_source = s.Text(5);
            r.field = s.Text(6);
            if (!s.IsNull(7)) r.before = s.Text(7);
            if (!s.IsNull(8)) r.after = s.Text(8);
            out.push_back(std::move(r));
          }
          return out;
        });
  }

 private:
  sql::Database& db_;
};

}  // namespace

const char* ProfileActorKindName(ProfileActorKind kind) {
  switch (kind) {
    case ProfileActorKind::kDirectory:
      return "directory";
    case ProfileActorKind::kAdmin:
      return "admin";
    case ProfileActorKind::kSelf:
      break;
  }
  return "self";
}

std::unique_ptr<ProfileHistoryStore> OpenProfileHistoryStore(Store& store) {
  return std::make_unique<SqlProfileHistoryStore>(sql::SqlStore::DatabaseOf(store));
}

}  // namespace atrium
