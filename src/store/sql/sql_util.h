// Helpers shared by the store implementations in this folder:
// turning DbError into Status, running a closure in a read or write
// transaction, building SQL with IN lists at run time, and Mastodon-style
// pages over an id column.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "base/status.h"
#include "store/social_records.h"
#include "store/sql/database.h"

namespace atrium::sql {

// The Status for a DbError: kConflict for a constraint, kUnavailable when
// the database cannot be used, kInternal otherwise (logged).
Status StatusFromError(const DbError& e);

// Runs `fn`, turning DbError into a Status.
template <typename Fn>
Status Guard(Fn&& fn) {
  try {
    fn();
    return Status::Ok();
  } catch (const DbError& e) {
    return StatusFromError(e);
  }
}

// Runs `fn`, which returns std::optional<T>; nullopt becomes kNotFound.
template <typename T, typename Fn>
Result<T> GuardResult(Fn&& fn) {
  std::optional<T> out;
  Status s = Guard([&] { out = fn(); });
  if (!s.ok()) return s;
  if (!out) return Status::NotFound();
  return std::move(*out);
}

namespace internal {
// Thrown inside a write to roll it back and return `status`.
struct Rollback {
  Status status;
};
inline const Status& StatusOf(const Status& s) { return s; }
template <typename T>
const Status& StatusOf(const Result<T>& r) {
  return r.status();
}
}  // namespace internal

// Runs fn(Connection&), which returns Result<T>, in one read transaction.
template <typename Fn>
auto ReadResult(Database& db, Fn&& fn) -> std::invoke_result_t<Fn&, Connection&> {
  using R = std::invoke_result_t<Fn&, Connection&>;
  std::optional<R> out;
  Status s = Guard([&] { db.ReadTransaction([&](Connection& c) { out.emplace(fn(c)); }); });
  if (!s.ok()) return s;
  return std::move(*out);
}

// Runs fn(Connection&), which returns Status or Result<T>, in one write
// transaction: committed if it returns OK, rolled back if it returns an error
// (which is returned) or throws.
template <typename Fn>
auto WriteResult(Database& db, Fn&& fn) -> std::invoke_result_t<Fn&, Connection&> {
  using R = std::invoke_result_t<Fn&, Connection&>;
  std::optional<R> out;
  try {
    Status s = Guard([&] {
      db.Write([&](Connection& c) {
        R r = fn(c);
        if (!internal::StatusOf(r).ok()) throw internal::Rollback{internal::StatusOf(r)};
        out.emplace(std::move(r));
      });
    });
    if (!s.ok()) return s;
  } catch (internal::Rollback& rollback) {
    return std::move(rollback.status);
  }
  return std::move(*out);
}

// `ids` sorted, without repeats (for IN lists).
std::vector<int64_t> SortedUnique(std::vector<int64_t> ids);

// Records of one read, found by id, for filling in what other tables hold
// of them: `ids` sorted and each once (for IN lists).
template <typename Record>
struct RecordsById {
  std::unordered_map<int64_t, Record*> by_id;
  std::vector<int64_t> ids;
};
template <typename Record>
RecordsById<Record> IndexById(std::vector<Record>& records) {
  RecordsById<Record> out;
  for (auto& r : records) {
    out.by_id[r.id] = &r;
    out.ids.push_back(r.id);
  }
  out.ids = SortedUnique(std::move(out.ids));
  return out;
}

// The most values one IN list holds; longer lists are split with ForEachChunk.
inline constexpr size_t kMaxInList = 1024;

// Calls fn(std::span<const T>) for consecutive pieces of `values` of at most
// kMaxInList elements.
template <typename T, typename Fn>
void ForEachChunk(const std::vector<T>& values, Fn&& fn) {
  for (size_t i = 0; i < values.size(); i += kMaxInList)
    fn(std::span<const T>(values).subspan(i, std::min(kMaxInList, values.size() - i)));
}

// SQL text with its parameters, built piece by piece at run time.
class SqlBuilder {
 public:
  explicit SqlBuilder(std::string_view sql = {}) : sql_(sql) {}

  // Appends `sql`, which holds no parameter.
  SqlBuilder& Add(std::string_view sql) {
    sql_ += sql;
    return *this;
  }
  // Appends `sql`, which holds exactly one '?', bound to `value`.
  SqlBuilder& Add(std::string_view sql, int64_t value) {
    sql_ += sql;
    params_.emplace_back(value);
    return *this;
  }
  SqlBuilder& Add(std::string_view sql, std::string value) {
    sql_ += sql;
    params_.emplace_back(std::move(value));
    return *this;
  }
  // Appends "(?,?,…)" bound to `values` (not empty, at most kMaxInList),
  // padded to a power of two by repeating the first value, so that the
  // statement cache holds few shapes of one query.
  SqlBuilder& AddInList(std::span<const int64_t> values);
  SqlBuilder& AddInList(std::span<const std::string> values);
  // As AddInList, each value compared case-insensitively against
  // dialect.Ci(column): "(lower(?),…)" on PostgreSQL.
  SqlBuilder& AddCiInList(const Dialect& dialect, std::span<const std::string> values);

  const std::string& sql() const { return sql_; }
  // Binds every parameter to `s`, prepared from sql().
  void BindTo(Stmt& s) const;
  // Prepares, binds and calls fn(const Stmt&) for each row.
  template <typename Fn>
  void ForEachRow(Connection& c, Fn&& fn) const {
    auto s = c.Prepare(sql_);
    BindTo(s);
    while (s.Step()) fn(static_cast<const Stmt&>(s));
  }
  // Prepares, binds and runs a statement without rows; returns the rows changed.
  int Run(Connection& c) const;

 private:
  std::string sql_;
  std::vector<std::variant<int64_t, std::string>> params_;
};

// Appends to `q` (whose WHERE clause is open: it ends with a condition) the
// bounds, order and limit of `page` over `cursor`, a unique column that grows
// with time. `order_first`, if not empty, is a column that orders before the
// cursor (the cursor still bounds the page). Returns true when the rows come
// oldest first (min_id given) and must be reversed to newest first.
bool AppendPage(SqlBuilder& q, std::string_view cursor, const PageRequest& page,
                std::string_view order_first = {});

// Runs a page query whose rows are (cursor, id).
std::vector<PageEntry> ReadPage(Connection& c, SqlBuilder& q, std::string_view cursor,
                                const PageRequest& page);
// Runs a page query whose rows are (id).
std::vector<int64_t> ReadIdPage(Connection& c, SqlBuilder& q, std::string_view cursor,
                                const PageRequest& page, std::string_view order_first = {});

// A page of (cursor, id) rows in one read: `select` is
// "SELECT id, … FROM <table> WHERE <column> = ?" (the cursor is the table's
// id column), its one parameter bound to `key`.
Result<std::vector<PageEntry>> ReadKeyedPage(Database& db, std::string_view select, int64_t key,
                                             const PageRequest& page);

// Binds `v` at `index`, or NULL when it is 0 (an absent reference).
inline void BindOptionalId(Stmt& s, int index, int64_t v) {
  if (v == 0)
    s.BindNull(index);
  else
    s.Bind(index, v);
}

// Binds `v` at `index`, or NULL when it is empty (optional unique text such
// as an e-mail or an external id: NULLs never collide in a UNIQUE index).
inline void BindOptionalText(Stmt& s, int index, std::string_view v) {
  if (v.empty())
    s.BindNull(index);
  else
    s.Bind(index, v);
}

// `text` with LIKE's wildcards (and the escape character) escaped, for a
// pattern written with ESCAPE '\'.
std::string EscapeLike(std::string_view text);

}  // namespace atrium::sql
