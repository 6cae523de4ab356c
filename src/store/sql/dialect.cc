#include "store/sql/dialect.h"

#include <fmt/format.h>

namespace atrium::sql {

const Dialect& Dialect::Sqlite() {
  static const Dialect dialect(Kind::kSqlite);
  return dialect;
}

const Dialect& Dialect::Postgres() {
  static const Dialect dialect(Kind::kPostgres);
  return dialect;
}

std::string Dialect::Ci(std::string_view expr) const {
  if (!postgres()) return std::string(expr);
  return fmt::format("lower({})", expr);
}

std::string Dialect::CiEquals(std::string_view column, std::string_view param) const {
  return fmt::format("{} = {}", Ci(column), Ci(param));
}

std::string Dialect::CiOrder(std::string_view column) const {
  if (!postgres()) return fmt::format("{} COLLATE NOCASE", column);
  return fmt::format("lower({}) COLLATE \"C\"", column);
}

std::string Dialect::GeneratedId(std::string_view table, std::string_view column,
                                 std::string_view param) const {
  if (!postgres()) return std::string(param);
  return fmt::format("COALESCE({}, nextval(pg_get_serial_sequence('{}', '{}')))", param, table,
                     column);
}

}  // namespace atrium::sql
