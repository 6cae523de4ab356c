#include "store/sql/sql_util.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <bit>

namespace atrium::sql {

std::string EscapeLike(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') escaped += '\\';
    escaped += c;
  }
  return escaped;
}

Status StatusFromError(const DbError& e) {
  if (e.IsConstraint()) return Status::Conflict("Conflict", e.what());
  spdlog::error("store: {}", e.what());
  if (e.kind() == DbError::Kind::kUnavailable)
    return Status::Unavailable("Store unavailable", e.what());
  return Status::Internal("Store error", e.what());
}

namespace {

template <typename T>
void AppendInList(std::string& sql, std::vector<std::variant<int64_t, std::string>>& params,
                  std::span<const T> values, std::string_view placeholder = "?") {
  if (values.empty() || values.size() > kMaxInList)
    throw DbError(DbError::Kind::kOther, "an IN list must hold 1 to kMaxInList values");
  size_t padded = std::bit_ceil(values.size());
  sql += '(';
  for (size_t i = 0; i < padded; ++i) {
    if (i > 0) sql += ',';
    sql += placeholder;
    params.emplace_back(i < values.size() ? values[i] : values[0]);
  }
  sql += ')';
}

}  // namespace

SqlBuilder& SqlBuilder::AddInList(std::span<const int64_t> values) {
  AppendInList(sql_, params_, values);
  return *this;
}

SqlBuilder& SqlBuilder::AddInList(std::span<const std::string> values) {
  AppendInList(sql_, params_, values);
  return *this;
}

SqlBuilder& SqlBuilder::AddCiInList(const Dialect& dialect, std::span<const std::string> values) {
  AppendInList(sql_, params_, values, dialect.Ci("?"));
  return *this;
}

void SqlBuilder::BindTo(Stmt& s) const {
  int index = 0;
  for (const auto& p : params_) {
    ++index;
    if (const auto* i = std::get_if<int64_t>(&p))
      s.Bind(index, *i);
    else
      s.Bind(index, std::get<std::string>(p));
  }
}

int SqlBuilder::Run(Connection& c) const {
  auto s = c.Prepare(sql_);
  BindTo(s);
  s.Run();
  return s.Changes();
}

bool AppendPage(SqlBuilder& q, std::string_view cursor, const PageRequest& page,
                std::string_view order_first) {
  std::string col(cursor);
  if (page.max_id > 0) q.Add(" AND " + col + " < ?", page.max_id);
  // As Mastodon: min_id wins over since_id.
  bool ascending = page.min_id > 0;
  if (ascending)
    q.Add(" AND " + col + " > ?", page.min_id);
  else if (page.since_id > 0)
    q.Add(" AND " + col + " > ?", page.since_id);
  std::string dir = ascending ? " ASC" : " DESC";
  q.Add(" ORDER BY ");
  if (!order_first.empty()) q.Add(std::string(order_first) + dir + ", ");
  q.Add(col + dir);
  q.Add(" LIMIT ?", static_cast<int64_t>(std::max(page.limit, 0)));
  return ascending;
}

std::vector<PageEntry> ReadPage(Connection& c, SqlBuilder& q, std::string_view cursor,
                                const PageRequest& page) {
  bool reverse = AppendPage(q, cursor, page);
  std::vector<PageEntry> out;
  q.ForEachRow(c, [&](const Stmt& s) { out.push_back({s.Int(0), s.Int(1)}); });
  if (reverse) std::reverse(out.begin(), out.end());
  return out;
}

std::vector<int64_t> ReadIdPage(Connection& c, SqlBuilder& q, std::string_view cursor,
                                const PageRequest& page, std::string_view order_first) {
  bool reverse = AppendPage(q, cursor, page, order_first);
  std::vector<int64_t> out;
  q.ForEachRow(c, [&](const Stmt& s) { out.push_back(s.Int(0)); });
  if (reverse) std::reverse(out.begin(), out.end());
  return out;
}

Result<std::vector<PageEntry>> ReadKeyedPage(Database& db, std::string_view select, int64_t key,
                                             const PageRequest& page) {
  return ReadResult(db, [&](Connection& c) -> Result<std::vector<PageEntry>> {
    SqlBuilder q;
    q.Add(select, key);
    return ReadPage(c, q, "id", page);
  });
}

std::vector<int64_t> SortedUnique(std::vector<int64_t> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

}  // namespace atrium::sql
