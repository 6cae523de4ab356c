// The PostgreSQL store: sql::SqlStore (every query, written once) on a PgDb,
// plus what only PostgreSQL has here: its migrations, the runner that
// applies them one node at a time, and table access for export and import.
#include "store/postgres/pg_store.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <optional>

#include "store/postgres/pg_db.h"
#include "store/postgres/pg_migrations.h"
#include "store/postgres/pg_table_access.h"
#include "store/sql/sql_store.h"
#include "store/sql/sql_util.h"

namespace atrium::pg {
namespace {

using sql::Guard;
using sql::GuardResult;

class PgStore final : public sql::SqlStore {
 public:
  explicit PgStore(std::unique_ptr<PgDb> db)
      : SqlStore(std::move(db)), tables_(NewPgTableAccess(static_cast<PgDb&>(this->db()))) {}
  // Committed writes are already durable on the server: closing only ends
  // the connections.
  ~PgStore() override { Close(); }

  TableAccess& tables() override { return *tables_; }

  int LatestSchemaVersion() const override { return Migrations().back().version; }

  // 0 when the database has no schema_migrations table yet.
  Result<int> SchemaVersion() override {
    return GuardResult<int>([&]() -> std::optional<int> {
      int version = 0;
      db().Read([&](sql::Connection& c) {
        auto exists = c.Prepare("SELECT to_regclass('schema_migrations') IS NOT NULL");
        if (!exists.Step() || !exists.Bool(0)) return;
        auto s = c.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
        if (s.Step()) version = static_cast<int>(s.Int(0));
      });
      return version;
    });
  }

  // Nodes starting together migrate one at a time: an advisory lock held
  // by one connection for the whole run.
  Status Migrate() override {
    Status result = Status::Ok();
    Status st = Guard([&] {
      db().Exclusive([&](sql::Connection& c) {
        PGconn* raw = Native(c).raw();
        c.Exec("SELECT pg_advisory_lock(7283917)");
        // Released however the run ends (a failed migration first rolls
        // back: an aborted transaction would refuse the unlock).
        struct Unlock {
          PGconn* raw;
          ~Unlock() {
            if (PQtransactionStatus(raw) != PQTRANS_IDLE) PQclear(PQexec(raw, "ROLLBACK"));
            PQclear(PQexec(raw, "SELECT pg_advisory_unlock(7283917)"));
          }
        } unlock{raw};
        c.Exec(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
            "name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
        int current = 0;
        {
          auto s = c.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
          if (s.Step()) current = static_cast<int>(s.Int(0));
        }
        if (current > LatestSchemaVersion()) {
          result = TooNew(current);
          return;
        }
        for (const Migration& m : Migrations()) {
          if (m.version <= current) continue;
          c.Exec("BEGIN");
          c.Exec(m.sql);
          c.Prepare(
               "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, "
               "(extract(epoch FROM now()) * 1000)::bigint)")
              .BindAll(m.version, m.name)
              .Run();
          c.Exec("COMMIT");
          spdlog::info("store: applied migration {} ({})", m.version, m.name);
        }
      });
    });
    if (!st.ok()) return st;
    return result;
  }

 private:
  std::unique_ptr<TableAccess> tables_;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url, int max_connections) {
  try {
    auto db = std::make_unique<PgDb>(url, max_connections);
    return std::unique_ptr<Store>(new PgStore(std::move(db)));
  } catch (const PgError& e) {
    return Status::Unavailable("Cannot open the database", e.what());
  }
}

}  // namespace atrium::pg
