// PgDb: a PostgreSQL database reached through a pool of libpq connections,
// safe for use from many threads.
//
// Design: each thread that needs the database borrows one connection from
// the pool for one operation (a statement, a read transaction or a write
// transaction) and gives it back. Connections are opened lazily, up to a
// maximum; a connection found broken is dropped, and the next borrower opens
// a new one, so the pool reconnects by itself when the server returns.
//
// Statements are written with SQLite-style placeholders (`?` and `?N`),
// turned into PostgreSQL's `$N` once, and prepared as named statements on
// each connection the first time that connection runs them. Values are
// always bound, never spliced into SQL. Writes run in SERIALIZABLE
// transactions, so concurrent writers (threads or nodes) behave as if they
// ran one after another, as on SQLite; a transaction PostgreSQL aborts for a
// serialization conflict is run again from the start. Reads that need one
// snapshot run in a REPEATABLE READ, READ ONLY transaction.
//
// PgDb is the PostgreSQL backend of sql::Database (store/sql/database.h):
// the store's queries, written once in store/sql/, run on it through that
// interface. Statement and connection errors are thrown as PgError (a
// sql::DbError) inside src/store only; the store methods catch them and
// return Status.
#pragma once

#include <libpq-fe.h>

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/sql/database.h"

namespace atrium::pg {

using sql::Stmt;

class PgError : public sql::DbError {
 public:
  // `sqlstate`: PostgreSQL's five-character error code, empty when the
  // error is not the server's (e.g. the connection is gone).
  PgError(std::string sqlstate, bool connection_lost, const std::string& what)
      : sql::DbError(KindOf(sqlstate, connection_lost), what),
        sqlstate_(std::move(sqlstate)),
        connection_lost_(connection_lost) {}
  const std::string& sqlstate() const { return sqlstate_; }
  bool connection_lost() const { return connection_lost_; }
  // The transaction lost a serialization conflict or a deadlock; running it
  // again may succeed.
  bool IsRetryable() const { return IsRetryable(sqlstate_); }
  // The database cannot be used now: no connection, the server shutting
  // down or starting, out of resources.
  bool IsUnavailable() const { return kind() == Kind::kUnavailable; }

 private:
  static bool IsRetryable(const std::string& sqlstate) {
    return sqlstate == "40001" || sqlstate == "40P01";
  }
  // Class 23 (uniqueness, foreign key, check, not-null) is a constraint.
  static Kind KindOf(const std::string& sqlstate, bool connection_lost);

  std::string sqlstate_;
  bool connection_lost_;
};

class Connection;

// One statement with its bound values; run by the first Step() or Run().
// Rows are read from the whole result, so statements on one connection may
// nest (a query inside the loop over another's rows). Each Prepare makes
// one (the connection keeps the server-side prepared statement).
class PgStatement final : public sql::Statement {
 public:
  PgStatement(Connection& conn, std::string_view sql) : conn_(&conn), sql_(sql) {}
  PgStatement(const PgStatement&) = delete;
  PgStatement& operator=(const PgStatement&) = delete;
  ~PgStatement();

  // Integers are bound as bigint, text as text.
  void BindInt(int index, int64_t v) override;
  void BindText(int index, std::string_view v) override;
  void BindNull(int index) override;
  bool Step() override;
  void Run() override;
  int Changes() const override;
  int64_t Int(int col) const override;
  std::string Text(int col) const override;
  bool IsNull(int col) const override;
  void Release() override { delete this; }

 private:
  void Execute();
  void Set(int index, std::optional<std::string> value, Oid type);

  Connection* conn_;
  std::string sql_;
  std::vector<std::optional<std::string>> values_;
  std::vector<Oid> types_;
  PGresult* result_ = nullptr;
  int row_ = -1;
};

class Connection final : public sql::Connection {
 public:
  // Connects to `url` (a postgres:// URL or a libpq connection string).
  // Throws PgError.
  explicit Connection(const std::string& url);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() override;

  const sql::Dialect& dialect() const override { return sql::Dialect::Postgres(); }
  Stmt Prepare(std::string_view sql) override { return Stmt(new PgStatement(*this, sql)); }
  // Runs one or more statements with no parameters and no rows.
  void Exec(const std::string& sql) override;
  // Runs one statement with no parameters that may return rows (e.g. FETCH,
  // which cannot be prepared). The caller owns the result.
  PGresult* ExecRows(const std::string& sql);
  // Runs `copy_sql` (a COPY … FROM STDIN) and sends it `data` in COPY's
  // text format.
  void CopyIn(const std::string& copy_sql, std::string_view data);
  // Runs `sql` (with SQLite-style placeholders) with `values`, preparing it
  // on this connection the first time. The caller owns the result.
  PGresult* Execute(const std::string& sql, const std::vector<Oid>& types,
                    const std::vector<std::optional<std::string>>& values);

  // False if the connection is known to be unusable (checked without
  // waiting: the server's goodbye on shutdown is noticed here).
  bool Healthy();
  bool broken() const { return PQstatus(conn_) != CONNECTION_OK; }
  PGconn* raw() const { return conn_; }

 private:
  [[noreturn]] void Throw(PGresult* result, const char* what);

  PGconn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;  // SQL text -> statement name
};

// The PostgreSQL connection behind a sql::Connection that PgDb handed out.
inline Connection& Native(sql::Connection& c) { return static_cast<Connection&>(c); }

// `sql` with `?` and `?N` placeholders written as `$N` (text in quotes is
// left alone); *count receives the highest parameter number.
std::string ToDollarPlaceholders(std::string_view sql, int* count);

class PgDb final : public sql::Database {
 public:
  // Opens the pool and one connection to check that the server answers and
  // accepts the credentials. Throws PgError.
  PgDb(std::string url, int max_connections);
  PgDb(const PgDb&) = delete;
  PgDb& operator=(const PgDb&) = delete;
  ~PgDb() override;

  const sql::Dialect& dialect() const override { return sql::Dialect::Postgres(); }

  // Runs `fn` inside one SERIALIZABLE write transaction; commits if it
  // returns normally, rolls back if it throws (and rethrows). `fn` may run
  // more than once (after a serialization conflict), so it must not keep
  // state from an earlier run.
  void Write(const std::function<void(sql::Connection&)>& fn) override;
  // Runs `fn` on a connection outside a transaction (each statement is its
  // own snapshot).
  void Read(const std::function<void(sql::Connection&)>& fn) override;
  // Runs `fn` inside one read-only transaction: every statement sees the
  // same snapshot.
  void ReadTransaction(const std::function<void(sql::Connection&)>& fn) override;
  // Runs `fn` on a connection outside any transaction (migrations).
  void Exclusive(const std::function<void(sql::Connection&)>& fn) override;

  // Closes every connection; further calls fail. Idempotent.
  void Close() override;

 private:
  std::unique_ptr<Connection> Acquire();
  void Release(std::unique_ptr<Connection> conn);
  // Runs fn between `begin` and COMMIT (none when begin is empty), retrying
  // serialization conflicts and a connection lost before anything was sent.
  void Run(const char* begin, const std::function<void(sql::Connection&)>& fn);

  std::string url_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int total_ = 0;
  int max_;
  bool closed_ = false;
};

}  // namespace atrium::pg
