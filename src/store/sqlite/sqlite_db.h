// SqliteDb: a SQLite database file opened for many threads.
//
// Design: SQLite in WAL mode lets any number of readers run beside one
// writer. SqliteDb keeps exactly one writer connection, guarded by a mutex so
// writers queue in the process instead of spinning on SQLITE_BUSY, and a pool
// of reader connections handed out one per concurrent reader. Each connection
// caches its prepared statements by SQL text, so SQL built at run time is
// safe to prepare; such SQL should come in few shapes (e.g. IN lists padded
// to a power of two, see SqlBuilder) because every shape stays cached. Writes run in a
// BEGIN IMMEDIATE transaction with synchronous=FULL, so a write the caller
// was told succeeded is on disk and survives a kill -9 or power loss.
//
// Group commit: writers that arrive while another batch is committing wait,
// and the first of them then runs all their closures in one transaction,
// each inside its own SAVEPOINT, and commits once. A closure that throws rolls
// back to its savepoint (its own changes only) and its caller gets the
// exception, as with a transaction of its own; every caller returns only after
// the shared COMMIT, so an acknowledged write is on disk. One commit (one WAL
// append and fsync) then serves many writers, and pages they share (the end
// of an index, an account's row) are written once. Closures run in arrival
// order and see the changes of the closures before them in the batch; they
// must use the Connection they are given, not another store call.
//
// SqliteDb is the embedded backend of sql::Database (store/sql/database.h):
// the store's queries, written once in store/sql/, run on it through that
// interface. Statement and connection errors are thrown as SqliteError (a
// sql::DbError) inside src/store only; the store methods catch them and
// return Status.
#pragma once

#include <sqlite3.h>

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/sql/database.h"

namespace atrium::sqlite {

using sql::Stmt;

class SqliteError : public sql::DbError {
 public:
  SqliteError(int code, const std::string& what) : sql::DbError(KindOf(code), what), code_(code) {}
  int code() const { return code_; }

 private:
  static Kind KindOf(int code);
  int code_;
};

// A prepared statement: either kept in its connection's cache (reset and
// given back when its Stmt handle lets go), or prepared for one use because
// the cached one was already borrowed (finalized when let go).
class SqliteStatement final : public sql::Statement {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt, bool cached)
      : db_(db), stmt_(stmt), cached_(cached) {}
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;
  ~SqliteStatement() { sqlite3_finalize(stmt_); }

  void BindInt(int index, int64_t v) override;
  void BindText(int index, std::string_view v) override;
  void BindNull(int index) override;
  bool Step() override;
  void Run() override;
  int Changes() const override { return sqlite3_changes(db_); }
  int64_t Int(int col) const override { return sqlite3_column_int64(stmt_, col); }
  std::string Text(int col) const override;
  bool IsNull(int col) const override { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  void Release() override;

  // Makes the statement ready to be bound and run again.
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  // SQLITE_INTEGER, SQLITE_TEXT, SQLITE_NULL, …: the type the value was stored with.
  int Type(int col) const { return sqlite3_column_type(stmt_, col); }

  // A cached statement currently lent to a Stmt.
  bool in_use = false;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  bool cached_;
};

class Connection final : public sql::Connection {
 public:
  Connection(const std::string& path, bool readonly);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() override;

  const sql::Dialect& dialect() const override { return sql::Dialect::Sqlite(); }
  // A prepared statement for `sql`, from the cache (keyed by the SQL text).
  // Preparing the same SQL again while the first Stmt lives gives a fresh,
  // uncached statement, so nested uses of one query are safe.
  Stmt Prepare(std::string_view sql) override;
  // Runs one or more statements with no parameters and no rows.
  void Exec(const std::string& sql) override;
  int64_t LastInsertRowid() const { return sqlite3_last_insert_rowid(db_); }
  sqlite3* raw() const { return db_; }

 private:
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, std::unique_ptr<SqliteStatement>, TextHash, std::equal_to<>>
      cache_;
};

// The SQLite connection behind a sql::Connection that SqliteDb handed out,
// and the SQLite statement behind a Stmt it prepared.
inline Connection& Native(sql::Connection& c) { return static_cast<Connection&>(c); }
inline SqliteStatement& Native(const Stmt& s) { return static_cast<SqliteStatement&>(s.impl()); }

class SqliteDb final : public sql::Database {
 public:
  // Opens (creating if missing) the database file at `path`. Throws SqliteError.
  explicit SqliteDb(const std::string& path, int readers = 8);
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;
  ~SqliteDb() override;

  const sql::Dialect& dialect() const override { return sql::Dialect::Sqlite(); }

  // Runs `fn` inside a write transaction (shared with concurrent writers, see
  // above); returns once its changes are committed; if `fn` throws, its
  // changes are rolled back and the exception rethrown. Throws SqliteError if
  // the commit fails (the changes are then rolled back).
  void Write(const std::function<void(sql::Connection&)>& fn) override;
  // Runs `fn` on a reader connection (a consistent snapshot per statement).
  void Read(const std::function<void(sql::Connection&)>& fn) override;
  // Runs `fn` on a reader connection inside one read transaction, so every
  // statement it runs sees the same snapshot.
  void ReadTransaction(const std::function<void(sql::Connection&)>& fn) override;
  // Runs `fn` on the writer connection outside any transaction (migrations).
  void Exclusive(const std::function<void(sql::Connection&)>& fn) override;

  // Checkpoints the WAL and closes every connection. Idempotent.
  void Close() override;
  bool closed() const { return closed_; }

 private:
  // The most closures one transaction runs.
  static constexpr size_t kMaxBatch = 64;
  // A writer's closure waiting to be run by the batch it joins.
  struct PendingWrite {
    const std::function<void(sql::Connection&)>* fn;
    std::exception_ptr error;
    bool done = false;
  };
  // Runs `batch` in as few transactions as possible (one, unless SQLite
  // abandons a transaction on an error), setting each writer's error.
  void RunBatch(const std::vector<PendingWrite*>& batch);

  std::string path_;
  std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::vector<PendingWrite*> pending_;  // guarded by queue_mu_
  bool committing_ = false;             // guarded by queue_mu_: a batch is running
  std::mutex write_mu_;
  std::unique_ptr<Connection> writer_;
  std::mutex pool_mu_;
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;
  int readers_total_ = 0;
  int readers_max_;
  bool closed_ = false;
};

}  // namespace atrium::sqlite
