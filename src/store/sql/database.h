// The small database interface every store query is written against, once
// for both backends: a Database hands out Connections inside transactions,
// a Connection prepares Statements, a Statement binds values, steps through
// rows and reads columns. sqlite/ (SqliteDb) and postgres/ (PgDb) implement
// it; what their SQL truly differs in is said by the Dialect (dialect.h).
//
// Placeholders are SQLite's `?` and `?N` on both backends (PostgreSQL's
// connection rewrites them to `$N` once per statement text). Integers are
// bound as 64-bit integers, text as text; values are never spliced into SQL.
//
// Errors are thrown as DbError (or a backend's subclass of it) inside
// src/store only; the store methods catch them and return Status (see
// sql_util.h: Guard, ReadResult, WriteResult).
//
// Thread safety: a Database is safe for concurrent use; a Connection and the
// Statements prepared on it belong to the one thread that was handed the
// Connection, for the duration of the closure it was handed to.
#pragma once

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "store/sql/dialect.h"

namespace atrium::sql {

// A failed statement, transaction or connection.
class DbError : public std::runtime_error {
 public:
  enum class Kind {
    kConstraint,   // a uniqueness, foreign key, check or not-null rule
    kUnavailable,  // the database cannot be used now (down, busy, full, shutting down)
    kOther,
  };
  DbError(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  Kind kind() const { return kind_; }
  bool IsConstraint() const { return kind_ == Kind::kConstraint; }

 private:
  Kind kind_;
};

// A backend's prepared statement. Used through a Stmt handle, which gives it
// back (Release) when it goes out of scope.
class Statement {
 public:
  // Parameters are numbered from 1.
  virtual void BindInt(int index, int64_t v) = 0;
  virtual void BindText(int index, std::string_view v) = 0;
  virtual void BindNull(int index) = 0;
  // Runs the statement on the first call; advances to the next row; false
  // when there is none.
  virtual bool Step() = 0;
  // Runs a statement whose rows (if any) are not read.
  virtual void Run() = 0;
  // Rows changed by the statement once run.
  virtual int Changes() const = 0;
  // Columns of the current row, numbered from 0. NULL reads as 0 or "".
  virtual int64_t Int(int col) const = 0;
  virtual std::string Text(int col) const = 0;
  virtual bool IsNull(int col) const = 0;
  // Called once by the Stmt handle: the statement is reset and returned to
  // its connection's cache, or freed.
  virtual void Release() = 0;

 protected:
  ~Statement() = default;
};

// A prepared statement borrowed from a Connection; move-only.
class Stmt {
 public:
  explicit Stmt(Statement* statement) : s_(statement) {}
  Stmt(Stmt&& other) noexcept : s_(std::exchange(other.s_, nullptr)) {}
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt& operator=(Stmt&&) = delete;
  ~Stmt() {
    if (s_) s_->Release();
  }

  // Binds parameters 1..n.
  Stmt& Bind(int index, int64_t v) {
    s_->BindInt(index, v);
    return *this;
  }
  Stmt& Bind(int index, int v) { return Bind(index, static_cast<int64_t>(v)); }
  Stmt& Bind(int index, bool v) { return Bind(index, static_cast<int64_t>(v)); }
  Stmt& Bind(int index, std::string_view v) {
    s_->BindText(index, v);
    return *this;
  }
  Stmt& Bind(int index, const std::string& v) { return Bind(index, std::string_view(v)); }
  Stmt& Bind(int index, const char* v) { return Bind(index, std::string_view(v)); }
  Stmt& BindNull(int index) {
    s_->BindNull(index);
    return *this;
  }
  // Binds `args` to parameters 1..n in order.
  template <typename... Args>
  Stmt& BindAll(const Args&... args) {
    int i = 0;
    (Bind(++i, args), ...);
    return *this;
  }

  bool Step() { return s_->Step(); }
  void Run() { s_->Run(); }
  int Changes() const { return s_->Changes(); }

  int64_t Int(int col) const { return s_->Int(col); }
  bool Bool(int col) const { return s_->Int(col) != 0; }
  std::string Text(int col) const { return s_->Text(col); }
  bool IsNull(int col) const { return s_->IsNull(col); }

  // The backend's statement, for code inside that backend's folder.
  Statement& impl() const { return *s_; }

 private:
  Statement* s_;
};

// One connection, handed to a closure by Database for one read or write.
class Connection {
 public:
  virtual ~Connection() = default;
  // How this connection's SQL differs (the same as its Database's).
  virtual const Dialect& dialect() const = 0;
  // A prepared statement for `sql`. Preparing the same SQL again while the
  // first Stmt lives is safe (statements nest).
  virtual Stmt Prepare(std::string_view sql) = 0;
  // Runs one or more statements with no parameters and no rows.
  virtual void Exec(const std::string& sql) = 0;
};

class Database {
 public:
  virtual ~Database() = default;

  // How this backend's SQL differs.
  virtual const Dialect& dialect() const = 0;

  // Runs `fn` inside one write transaction; returns once its changes are
  // durable; if `fn` throws, its changes are rolled back and the exception
  // rethrown. `fn` may run more than once (a backend retries a transaction
  // that lost a serialization conflict), so it must not keep state from an
  // earlier run, and it must use only the Connection it is given.
  virtual void Write(const std::function<void(Connection&)>& fn) = 0;
  // Runs `fn` outside a transaction: each statement sees its own snapshot.
  virtual void Read(const std::function<void(Connection&)>& fn) = 0;
  // Runs `fn` inside one read-only transaction: every statement sees the
  // same snapshot.
  virtual void ReadTransaction(const std::function<void(Connection&)>& fn) = 0;
  // Runs `fn` on a connection outside any transaction (migrations).
  virtual void Exclusive(const std::function<void(Connection&)>& fn) = 0;
  // Closes every connection; further calls fail. Idempotent.
  virtual void Close() = 0;
};

}  // namespace atrium::sql
