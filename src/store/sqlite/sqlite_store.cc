// The embedded store: sql::SqlStore (every query, written once) on a
// SqliteDb, plus what only SQLite has here: its migrations, the runner that
// applies them, and table access for export and import.
#include "store/sqlite/sqlite_store.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <optional>

#include "store/sql/sql_store.h"
#include "store/sql/sql_util.h"
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_migrations.h"
#include "store/sqlite/sqlite_table_access.h"

namespace atrium::sqlite {
namespace {

using sql::Guard;
using sql::GuardResult;

class SqliteStore final : public sql::SqlStore {
 public:
  explicit SqliteStore(std::unique_ptr<SqliteDb> db)
      : SqlStore(std::move(db)),
        tables_(NewSqliteTableAccess(static_cast<SqliteDb&>(this->db()))) {}
  ~SqliteStore() override { Close(); }

  TableAccess& tables() override { return *tables_; }

  int LatestSchemaVersion() const override { return Migrations().back().version; }

  Result<int> SchemaVersion() override {
    return GuardResult<int>([&]() -> std::optional<int> {
      int version = 0;
      db().Exclusive([&](sql::Connection& c) {
        c.Exec(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
            "name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
        auto s = c.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
        if (s.Step()) version = static_cast<int>(s.Int(0));
      });
      return version;
    });
  }

  Status Migrate() override {
    auto current = SchemaVersion();
    if (!current.ok()) return current.status();
    if (*current > LatestSchemaVersion()) return TooNew(*current);
    for (const Migration& m : Migrations()) {
      if (m.version <= *current) continue;
      Status st = Guard([&] {
        db().Write([&](sql::Connection& c) {
          c.Exec(m.sql);
          c.Prepare(
               "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, "
               "CAST(strftime('%s','now') AS INTEGER) * 1000)")
              .BindAll(m.version, m.name)
              .Run();
        });
      });
      if (!st.ok()) return st;
      spdlog::info("store: applied migration {} ({})", m.version, m.name);
    }
    return Status::Ok();
  }

 private:
  std::unique_ptr<TableAccess> tables_;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path) {
  try {
    auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
    auto db = std::make_unique<SqliteDb>(path);
    return std::unique_ptr<Store>(new SqliteStore(std::move(db)));
  } catch (const std::exception& e) {
    return Status::Unavailable("Cannot open the database", e.what());
  }
}

}  // namespace atrium::sqlite
