// Whole-table access on PostgreSQL (store/table_access.h): tables described
// from the catalog of the schema in use, read through a cursor and written
// with COPY.
#include "store/postgres/pg_table_access.h"

#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "store/postgres/pg_db.h"
#include "store/sql/sql_util.h"

namespace atrium::pg {

using sql::BindOptionalId;
using sql::BindOptionalText;
using sql::Guard;
using sql::GuardResult;
namespace {

std::string QuoteLiteral(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

// Appends `text` escaped for COPY's text format.
void AppendCopyText(std::string& out, const std::string& text) {
  for (char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
}

struct Abort {
  Status status;
};

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

class PgTables : public TableWriter {
 public:
  explicit PgTables(sql::Connection& c) : c_(Native(c)) {}

  Result<std::vector<TableSchema>> Tables() override {
    return GuardResult<std::vector<TableSchema>>([&]() -> std::optional<std::vector<TableSchema>> {
      std::vector<TableSchema> tables;
      {
        auto s = c_.Prepare(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') "
            "AND c.relname <> 'schema_migrations' AND c.relname NOT LIKE 'search\\_%' "
            "ORDER BY c.relname");
        while (s.Step()) tables.push_back(TableSchema{.name = s.Text(0)});
      }
      for (TableSchema& t : tables) {
        auto cols = c_.Prepare(
            "SELECT column_name, data_type, is_identity = 'YES' OR column_default LIKE 'nextval(%' "
            "FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position");
        cols.Bind(1, t.name);
        while (cols.Step()) {
          std::string type = cols.Text(1);
          ColumnKind kind;
          if (type == "bigint" || type == "integer" || type == "smallint") {
            kind = ColumnKind::kInteger;
          } else if (type == "text" || type == "character varying") {
            kind = ColumnKind::kText;
          } else {
            throw PgError("", false,
                          fmt::format("table {} column {} has type '{}', which export and "
                                      "import do not handle",
                                      t.name, cols.Text(0), type));
          }
          t.columns.push_back({cols.Text(0), kind, cols.Bool(2)});
        }
        auto pk = c_.Prepare(
            "SELECT a.attname FROM pg_index i "
            "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
            "WHERE i.indrelid = (quote_ident(current_schema()) || '.' || quote_ident(?))::regclass "
            "AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)");
        pk.Bind(1, t.name);
        while (pk.Step()) t.primary_key.push_back(pk.Text(0));
        auto fks = c_.Prepare(
            "SELECT rf.relname, a.attname FROM pg_constraint co "
            "JOIN pg_class cl ON cl.oid = co.conrelid "
            "JOIN pg_namespace n ON n.oid = cl.relnamespace "
            "JOIN pg_class rf ON rf.oid = co.confrelid "
            "JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = ANY(co.conkey) "
            "WHERE co.contype = 'f' AND n.nspname = current_schema() AND cl.relname = ? "
            "ORDER BY co.conname");
        fks.Bind(1, t.name);
        while (fks.Step()) t.AddForeignKey(fks.Text(1), fks.Text(0));
      }
      return tables;
    });
  }

  Status Scan(const TableSchema& table, const std::function<Status(const TableRow&)>& fn) override {
    try {
      return Guard([&] {
        c_.Exec("DECLARE atrium_scan NO SCROLL CURSOR FOR SELECT " + QuotedColumnList(table) +
                " FROM " + QuoteIdentifier(table.name));
        TableRow row(table.columns.size());
        for (;;) {
          ResultPtr r(c_.ExecRows("FETCH 2000 FROM atrium_scan"));
          const int n = PQntuples(r.get());
          if (n == 0) break;
          for (int i = 0; i < n; ++i) {
            for (size_t j = 0; j < table.columns.size(); ++j) {
              const int col = static_cast<int>(j);
              if (PQgetisnull(r.get(), i, col)) {
                row[j] = std::monostate{};
              } else if (table.columns[j].kind == ColumnKind::kInteger) {
                row[j] = static_cast<int64_t>(std::stoll(PQgetvalue(r.get(), i, col)));
              } else {
                row[j] = std::string(PQgetvalue(r.get(), i, col),
                                     static_cast<size_t>(PQgetlength(r.get(), i, col)));
              }
            }
            if (Status st = fn(row); !st.ok()) {
              c_.Exec("CLOSE atrium_scan");
              throw Abort{st};
            }
          }
        }
        c_.Exec("CLOSE atrium_scan");
      });
    } catch (const Abort& a) {
      return a.status;
    }
  }

  Status Insert(const TableSchema& table, const std::vector<TableRow>& rows) override {
    if (rows.empty()) return Status::Ok();
    std::string data;
    for (const TableRow& row : rows) {
      for (size_t i = 0; i < row.size(); ++i) {
        if (i) data += '\t';
        if (std::holds_alternative<std::monostate>(row[i]))
          data += "\\N";
        else if (const int64_t* v = std::get_if<int64_t>(&row[i]))
          data += std::to_string(*v);
        else
          AppendCopyText(data, std::get<std::string>(row[i]));
      }
      data += '\n';
    }
    return Guard([&] {
      c_.CopyIn(
          "COPY " + QuoteIdentifier(table.name) + " (" + QuotedColumnList(table) + ") FROM STDIN",
          data);
    });
  }

  Status Update(const TableSchema& table, const std::string& column,
                const std::vector<std::pair<TableValue, TableValue>>& keyed_values) override {
    auto sql = UpdateByKeySql(table, column);
    if (!sql.ok()) return sql.status();
    return Guard([&] {
      for (const auto& [key, value] : keyed_values) {
        auto s = c_.Prepare(*sql);
        BindTableValue(s, 1, value);
        BindTableValue(s, 2, key);
        s.Run();
      }
    });
  }

  // Identity columns continue after the highest value loaded.
  Status Finish(const std::vector<TableSchema>& tables) override {
    return Guard([&] {
      for (const TableSchema& t : tables) {
        for (const TableColumn& col : t.columns) {
          if (col.kind != ColumnKind::kInteger) continue;
          auto seq = c_.Prepare(
              "SELECT pg_get_serial_sequence(quote_ident(current_schema()) || '.' || "
              "quote_ident(?), ?)");
          seq.BindAll(t.name, col.name);
          if (!seq.Step() || seq.IsNull(0)) continue;
          std::string name = seq.Text(0);
          c_.Exec(
              fmt::format("SELECT setval({}, m) FROM (SELECT MAX({}) AS m FROM {}) x WHERE m "
                          "IS NOT NULL",
                          QuoteLiteral(name), QuoteIdentifier(col.name), QuoteIdentifier(t.name)));
        }
      }
    });
  }

 private:
  Connection& c_;
};

}  // namespace

std::unique_ptr<TableAccess> NewPgTableAccess(PgDb& db) {
  auto guard = [](const auto& fn) { return Guard(fn); };
  return std::make_unique<TableAccessOver<PgDb, PgTables, decltype(guard)>>(db, guard);
}

}  // namespace atrium::pg
