// Whole-table access on SQLite (store/table_access.h): tables described from
// sqlite_schema and the table_info / foreign_key_list pragmas.
#include "store/sqlite/sqlite_table_access.h"

#include <fmt/format.h>

#include <algorithm>

#include "store/sql/sql_util.h"
#include "store/sqlite/sqlite_db.h"

namespace atrium::sqlite {

using sql::BindOptionalId;
using sql::BindOptionalText;
using sql::Guard;
using sql::GuardResult;
namespace {

// Thrown inside a transaction to roll it back and return `status`.
struct Abort {
  Status status;
};

class SqliteTables : public TableWriter {
 public:
  explicit SqliteTables(sql::Connection& c) : c_(Native(c)) {}

  Result<std::vector<TableSchema>> Tables() override {
    return GuardResult<std::vector<TableSchema>>([&]() -> std::optional<std::vector<TableSchema>> {
      std::vector<TableSchema> tables;
      {
        auto s = c_.Prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name <> 'schema_migrations' AND name NOT LIKE 'search\\_%' ESCAPE '\\' "
            "ORDER BY name");
        while (s.Step()) tables.push_back(TableSchema{.name = s.Text(0)});
      }
      for (TableSchema& t : tables) {
        std::vector<std::pair<int64_t, std::string>> pk;
        auto cols = c_.Prepare("SELECT name, type, pk FROM pragma_table_info(?)");
        cols.Bind(1, t.name);
        while (cols.Step()) {
          std::string type = cols.Text(1);
          std::transform(type.begin(), type.end(), type.begin(), ::toupper);
          ColumnKind kind;
          if (type.find("INT") != std::string::npos) {
            kind = ColumnKind::kInteger;
          } else if (type.find("TEXT") != std::string::npos ||
                     type.find("CHAR") != std::string::npos) {
            kind = ColumnKind::kText;
          } else {
            throw SqliteError(SQLITE_MISMATCH,
                              fmt::format("table {} column {} has type '{}', which export and "
                                          "import do not handle",
                                          t.name, cols.Text(0), type));
          }
          t.columns.push_back({cols.Text(0), kind});
          if (cols.Int(2) > 0) pk.emplace_back(cols.Int(2), cols.Text(0));
        }
        std::sort(pk.begin(), pk.end());
        for (auto& [pos, name] : pk) t.primary_key.push_back(name);
        auto fks = c_.Prepare("SELECT \"table\", \"from\" FROM pragma_foreign_key_list(?)");
        fks.Bind(1, t.name);
        while (fks.Step()) t.AddForeignKey(fks.Text(1), fks.Text(0));
      }
      return tables;
    });
  }

  Status Scan(const TableSchema& table, const std::function<Status(const TableRow&)>& fn) override {
    std::string sql = "SELECT " + QuotedColumnList(table) + " FROM " + QuoteIdentifier(table.name);
    try {
      return Guard([&] {
        auto s = c_.Prepare(sql);
        TableRow row(table.columns.size());
        while (s.Step()) {
          for (size_t i = 0; i < table.columns.size(); ++i) {
            const int col = static_cast<int>(i);
            if (s.IsNull(col)) {
              row[i] = std::monostate{};
              continue;
            }
            // SQLite keeps whatever type a value was written with; one that
            // does not match its column's would not survive the move intact.
            const bool integer = table.columns[i].kind == ColumnKind::kInteger;
            if (Native(s).Type(col) != (integer ? SQLITE_INTEGER : SQLITE_TEXT))
              throw SqliteError(SQLITE_MISMATCH,
                                fmt::format("table {} column {} holds a value of another type",
                                            table.name, table.columns[i].name));
            if (integer)
              row[i] = s.Int(col);
            else
              row[i] = s.Text(col);
          }
          if (Status st = fn(row); !st.ok()) throw Abort{st};
        }
      });
    } catch (const Abort& a) {
      return a.status;
    }
  }

  Status Insert(const TableSchema& table, const std::vector<TableRow>& rows) override {
    std::string sql = "INSERT INTO " + QuoteIdentifier(table.name) + " (" +
                      QuotedColumnList(table) + ") VALUES (";
    for (size_t i = 0; i < table.columns.size(); ++i) sql += i ? ", ?" : "?";
    sql += ")";
    return Guard([&] {
      auto s = c_.Prepare(sql);
      for (const TableRow& row : rows) {
        for (size_t i = 0; i < row.size(); ++i) BindTableValue(s, static_cast<int>(i) + 1, row[i]);
        s.Run();
        Native(s).Reset();
      }
    });
  }

  Status Update(const TableSchema& table, const std::string& column,
                const std::vector<std::pair<TableValue, TableValue>>& keyed_values) override {
    auto sql = UpdateByKeySql(table, column);
    if (!sql.ok()) return sql.status();
    return Guard([&] {
      auto s = c_.Prepare(*sql);
      for (const auto& [key, value] : keyed_values) {
        BindTableValue(s, 1, value);
        BindTableValue(s, 2, key);
        s.Run();
        Native(s).Reset();
      }
    });
  }

  // SQLite numbers INTEGER PRIMARY KEY rows after the highest one present.
  Status Finish(const std::vector<TableSchema>&) override { return Status::Ok(); }

 private:
  Connection& c_;
};

}  // namespace

std::unique_ptr<TableAccess> NewSqliteTableAccess(SqliteDb& db) {
  auto guard = [](const auto& fn) { return Guard(fn); };
  return std::make_unique<TableAccessOver<SqliteDb, SqliteTables, decltype(guard)>>(db, guard);
}

}  // namespace atrium::sqlite
