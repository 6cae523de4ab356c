// Whole-table access to a store, for moving an installation from one backend
// to the other (`atrium export` / `atrium import`, see store/transfer.h).
//
// Nothing else uses it: the rest of Atrium reads and writes through the
// typed interfaces in store.h. This one sees rows as plain values so that a
// table added or widened by a migration travels without anyone writing code
// for it — each backend describes its own tables from its catalog.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "base/status.h"

namespace atrium {

// A stored value: NULL, an integer or text (Atrium's schemas use no others).
using TableValue = std::variant<std::monostate, int64_t, std::string>;
using TableRow = std::vector<TableValue>;

enum class ColumnKind { kInteger, kText };

struct TableColumn {
  std::string name;
  ColumnKind kind = ColumnKind::kInteger;
  // The database numbers it by itself (a PostgreSQL identity column). Such a
  // column may exist on one backend only, as a surrogate key nothing else
  // refers to (e.g. endorsements.id on PostgreSQL, a hidden rowid on SQLite).
  bool generated = false;
};

struct TableSchema {
  std::string name;
  std::vector<TableColumn> columns;  // in the table's own order
  std::vector<std::string> primary_key;
  // Other tables this one has foreign keys to (they are loaded first).
  std::vector<std::string> references;
  // Its own columns with a foreign key to itself (e.g. accounts.manager_id):
  // loaded as NULL first and set once every row is in.
  std::vector<std::string> self_references;

  // Records a foreign key from `column` to `referenced_table`.
  void AddForeignKey(const std::string& column, const std::string& referenced_table) {
    auto& list = referenced_table == name ? self_references : references;
    const std::string& item = referenced_table == name ? column : referenced_table;
    for (const std::string& x : list)
      if (x == item) return;
    list.push_back(item);
  }

  // The index of `column` in `columns`, or -1.
  int ColumnIndex(const std::string& column) const {
    for (size_t i = 0; i < columns.size(); ++i)
      if (columns[i].name == column) return static_cast<int>(i);
    return -1;
  }
};

// `name` quoted as an SQL identifier (both backends quote alike).
inline std::string QuoteIdentifier(const std::string& name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// The table's columns, quoted, comma-separated, in their order.
inline std::string QuotedColumnList(const TableSchema& table) {
  std::string out;
  for (size_t i = 0; i < table.columns.size(); ++i)
    out += (i ? ", " : "") + QuoteIdentifier(table.columns[i].name);
  return out;
}

// UPDATE setting `column` (parameter 1) of the row with the table's single-
// column primary key (parameter 2). kInternal when the key is not one column.
inline Result<std::string> UpdateByKeySql(const TableSchema& table, const std::string& column) {
  if (table.primary_key.size() != 1)
    return Status::Internal("Unsupported table", "table " + table.name +
                                                     " refers to itself but has no "
                                                     "single-column key");
  return "UPDATE " + QuoteIdentifier(table.name) + " SET " + QuoteIdentifier(column) +
         " = ? WHERE " + QuoteIdentifier(table.primary_key[0]) + " = ?";
}

// Binds `value` as parameter `index` of a backend's statement.
template <typename Stmt>
void BindTableValue(Stmt& s, int index, const TableValue& value) {
  if (std::holds_alternative<std::monostate>(value))
    s.BindNull(index);
  else if (const int64_t* i = std::get_if<int64_t>(&value))
    s.Bind(index, *i);
  else
    s.Bind(index, std::get<std::string>(value));
}

class TableReader {
 public:
  virtual ~TableReader() = default;
  // Every table of Atrium's schema (not the record of applied migrations),
  // by name.
  virtual Result<std::vector<TableSchema>> Tables() = 0;
  // Calls `fn` with every row of `table`, its values in `table.columns`
  // order; stops at the first error `fn` returns and returns it.
  virtual Status Scan(const TableSchema& table,
                      const std::function<Status(const TableRow&)>& fn) = 0;
};

class TableWriter : public TableReader {
 public:
  // Appends `rows` (values in `table.columns` order) to `table`.
  virtual Status Insert(const TableSchema& table, const std::vector<TableRow>& rows) = 0;
  // Sets `column` to each pair's second value in the row whose single-column
  // primary key is the pair's first value.
  virtual Status Update(const TableSchema& table, const std::string& column,
                        const std::vector<std::pair<TableValue, TableValue>>& keyed_values) = 0;
  // After every table is loaded: whatever numbers rows by itself (a
  // sequence) continues after the highest number loaded.
  virtual Status Finish(const std::vector<TableSchema>& tables) = 0;
};

class TableAccess {
 public:
  virtual ~TableAccess() = default;
  // Runs `fn` in one read transaction: everything it reads belongs to one
  // consistent snapshot, whatever writers do meanwhile.
  virtual Status Read(const std::function<Status(TableReader&)>& fn) = 0;
  // Runs `fn` in one write transaction, committed only if `fn` returns OK;
  // otherwise nothing it did remains.
  virtual Status Write(const std::function<Status(TableWriter&)>& fn) = 0;
};

// TableAccess over a backend: `Db` runs a function of its connection in a
// read transaction (ReadTransaction) or a write transaction (Write, rolled
// back when the function throws); `Tables` is the backend's TableWriter over
// one connection; `guard(fn)` runs fn and turns the backend's errors into a
// Status.
template <typename Db, typename Tables, typename Guard>
class TableAccessOver final : public TableAccess {
 public:
  TableAccessOver(Db& db, Guard guard) : db_(db), guard_(guard) {}

  Status Read(const std::function<Status(TableReader&)>& fn) override {
    Status out = Status::Ok();
    Status st = guard_([&] {
      db_.ReadTransaction([&](auto& connection) {
        Tables tables(connection);
        out = fn(tables);
      });
    });
    return st.ok() ? out : st;
  }

  Status Write(const std::function<Status(TableWriter&)>& fn) override {
    struct Abort {
      Status status;
    };
    try {
      return guard_([&] {
        db_.Write([&](auto& connection) {
          Tables tables(connection);
          if (Status st = fn(tables); !st.ok()) throw Abort{st};
        });
      });
    } catch (const Abort& a) {
      return a.status;
    }
  }

 private:
  Db& db_;
  Guard guard_;
};

}  // namespace atrium
