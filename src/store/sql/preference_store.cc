// Members' preferences: one row per (member, name) in `account_preferences`,
// one query for both backends.
#include "store/preference_store.h"

#include "store/sql/sql_store.h"
#include "store/sql/sql_util.h"

namespace atrium {
namespace {

class SqlPreferenceStore : public PreferenceStore {
 public:
  explicit SqlPreferenceStore(sql::Database& db) : db_(db) {}

  Result<std::map<std::string, std::string>> Get(int64_t account_id) override {
    return sql::ReadResult(
        db_, [&](sql::Connection& c) -> Result<std::map<std::string, std::string>> {
          auto s = c.Prepare("SELECT name, value FROM account_preferences WHERE account_id = ?");
          s.BindAll(account_id);
          std::map<std::string, std::string> out;
          while (s.Step()) out[s.Text(0)] = s.Text(1);
          return out;
        });
  }

  Status Set(int64_t account_id, const std::map<std::string, std::string>& changes) override {
    return sql::WriteResult(db_, [&](sql::Connection& c) -> Status {
      for (const auto& [name, value] : changes) {
        if (value.empty()) {
          c.Prepare("DELETE FROM account_preferences WHERE account_id = ? AND name = ?")
              .BindAll(account_id, name)
              .Run();
          continue;
        }
        c.Prepare(
             "INSERT INTO account_preferences (account_id, name, value) VALUES (?, ?, ?) "
             "ON CONFLICT (account_id, name) DO UPDATE SET value = excluded.value")
            .BindAll(account_id, name, value)
            .Run();
      }
      return Status::Ok();
    });
  }

 private:
  sql::Database& db_;
};

}  // namespace

std::unique_ptr<PreferenceStore> OpenPreferenceStore(Store& store) {
  return std::make_unique<SqlPreferenceStore>(sql::SqlStore::DatabaseOf(store));
}

}  // namespace atrium
