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
// Statement and connection errors are thrown as PgError inside this folder
// only; the store methods catch them and return Status.
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

namespace atrium::pg {

class PgError : public std::runtime_error {
 public:
  // `sqlstate`: PostgreSQL's five-character error code, empty when the
  // error is not the server's (e.g. the connection is gone).
  PgError(std::string sqlstate, bool connection_lost, const std::string& what)
      : std::runtime_error(what),
        sqlstate_(std::move(sqlstate)),
        connection_lost_(connection_lost) {}
  const std::string& sqlstate() const { return sqlstate_; }
  bool connection_lost() const { return connection_lost_; }
  // A uniqueness, foreign key, check or not-null rule (class 23).
  bool IsConstraint() const { return sqlstate_.rfind("23", 0) == 0; }
  // The transaction lost a serialization conflict or a deadlock; running it
  // again may succeed.
  bool IsRetryable() const { return sqlstate_ == "40001" || sqlstate_ == "40P01"; }
  // The database cannot be used now: no connection, the server shutting
  // down or starting, out of resources.
  bool IsUnavailable() const;

 private:
  std::string sqlstate_;
  bool connection_lost_;
};

class Connection;

// One statement with its bound values; run by the first Step() or Run().
// Rows are read from the whole result, so statements on one connection may
// nest (a query inside the loop over another's rows).
class Stmt {
 public:
  Stmt(Connection& conn, std::string_view sql) : conn_(&conn), sql_(sql) {}
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt(Stmt&& other) noexcept;
  Stmt& operator=(Stmt&&) = delete;
  ~Stmt();

  // Binds parameters 1..n in order (integers as bigint, text as text).
  Stmt& Bind(int index, int64_t v);
  Stmt& Bind(int index, int v) { return Bind(index, static_cast<int64_t>(v)); }
  Stmt& Bind(int index, bool v) { return Bind(index, static_cast<int64_t>(v)); }
  Stmt& Bind(int index, std::string_view v);
  Stmt& Bind(int index, const std::string& v) { return Bind(index, std::string_view(v)); }
  Stmt& Bind(int index, const char* v) { return Bind(index, std::string_view(v)); }
  Stmt& BindNull(int index);
  template <typename... Args>
  Stmt& BindAll(const Args&... args) {
    int i = 0;
    (Bind(++i, args), ...);
    return *this;
  }

  // Advances to the next row; false when done.
  bool Step();
  // Runs a statement whose rows (if any) are not read.
  void Run();
  // Rows changed by the statement once run.
  int Changes() const;

  // Column values of the current row. NULL reads as 0 or "".
  int64_t Int(int col) const;
  bool Bool(int col) const { return Int(col) != 0; }
  std::string Text(int col) const;
  bool IsNull(int col) const;

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

class Connection {
 public:
  // Connects to `url` (a postgres:// URL or a libpq connection string).
  // Throws PgError.
  explicit Connection(const std::string& url);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  Stmt Prepare(std::string_view sql) { return Stmt(*this, sql); }
  // Runs one or more statements with no parameters and no rows.
  void Exec(const std::string& sql);
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

// `sql` with `?` and `?N` placeholders written as `$N` (text in quotes is
// left alone); *count receives the highest parameter number.
std::string ToDollarPlaceholders(std::string_view sql, int* count);

class PgDb {
 public:
  // Opens the pool and one connection to check that the server answers and
  // accepts the credentials. Throws PgError.
  PgDb(std::string url, int max_connections);
  PgDb(const PgDb&) = delete;
  PgDb& operator=(const PgDb&) = delete;
  ~PgDb();

  // Runs `fn` inside one SERIALIZABLE write transaction; commits if it
  // returns normally, rolls back if it throws (and rethrows). `fn` may run
  // more than once (after a serialization conflict), so it must not keep
  // state from an earlier run.
  void Write(const std::function<void(Connection&)>& fn);
  // Runs `fn` on a connection outside a transaction (each statement is its
  // own snapshot).
  void Read(const std::function<void(Connection&)>& fn);
  // Runs `fn` inside one read-only transaction: every statement sees the
  // same snapshot.
  void ReadTransaction(const std::function<void(Connection&)>& fn);
  // Runs `fn` on a connection outside any transaction (migrations).
  void Exclusive(const std::function<void(Connection&)>& fn);

  // Closes every connection; further calls fail. Idempotent.
  void Close();

 private:
  std::unique_ptr<Connection> Acquire();
  void Release(std::unique_ptr<Connection> conn);
  // Runs fn between `begin` and COMMIT (none when begin is empty), retrying
  // serialization conflicts and a connection lost before anything was sent.
  void Run(const char* begin, const std::function<void(Connection&)>& fn);

  std::string url_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int total_ = 0;
  int max_;
  bool closed_ = false;
};

}  // namespace atrium::pg
