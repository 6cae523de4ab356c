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

std::string Dialect::IndexedBy(std::string_view index) const {
  if (postgres()) return "";
  return fmt::format(" INDEXED BY {}", index);
}

std::string Dialect::GeneratedId(std::string_view table, std::string_view column,
                                 std::string_view param) const {
  if (!postgres()) return std::string(param);
  return fmt::format("COALESCE({}, nextval(pg_get_serial_sequence('{}', '{}')))", param, table,
                     column);
}

std::string_view Dialect::SearchIndexInsert() const {
  if (!postgres()) return "INSERT INTO search_posts (rowid, title, body) VALUES (?, ?, ?)";
  return "INSERT INTO search_posts (status_id, document) VALUES (?, "
         "setweight(to_tsvector('simple', atrium_ext.unaccent(?)), 'A') || "
         "setweight(to_tsvector('simple', atrium_ext.unaccent(?)), 'B'))";
}

std::string_view Dialect::SearchIndexDelete() const {
  if (!postgres()) return "DELETE FROM search_posts WHERE rowid = ?";
  return "DELETE FROM search_posts WHERE status_id = ?";
}

namespace {

// `text` between `quote`s, each `quote` inside doubled (and, for a tsquery,
// each backslash too).
std::string Quoted(std::string_view text, char quote, bool escape_backslash) {
  std::string out(1, quote);
  for (char c : text) {
    if (c == quote || (escape_backslash && c == '\\')) out.push_back(c == quote ? quote : '\\');
    out.push_back(c);
  }
  out.push_back(quote);
  return out;
}

}  // namespace

std::string Dialect::SearchMatchText(const std::vector<SearchTerm>& terms) const {
  std::string positive, negative;
  for (const SearchTerm& t : terms) {
    const std::string words = SpaceOutCjk(t.text);
    std::string one;
    if (postgres()) {
      one = Quoted(words, '\'', true);
      if (t.prefix) one += ":*";
      if (t.exclude) one = "!" + one;
      std::string& into = t.exclude ? negative : positive;
      if (!into.empty()) into += " & ";
      into += one;
    } else {
      one = Quoted(words, '"', false);
      if (t.prefix) one += " *";
      if (t.exclude) {
        negative += " NOT " + one;
      } else {
        if (!positive.empty()) positive += " AND ";
        positive += one;
      }
    }
  }
  if (postgres()) return negative.empty() ? positive : positive + " & " + negative;
  return "(" + positive + ")" + negative;
}

std::string_view Dialect::SearchFrom() const {
  if (!postgres()) return "search_posts JOIN statuses s ON s.id = search_posts.rowid";
  return "(SELECT to_tsquery('simple', atrium_ext.unaccent(?)) AS query) q "
         "JOIN search_posts x ON x.document @@ q.query JOIN statuses s ON s.id = x.status_id";
}

std::string_view Dialect::SearchMatch() const {
  return postgres() ? "TRUE" : "search_posts MATCH ?";
}

std::string Dialect::SearchRank(size_t phrases) const {
  // The title counts four times the body, as weight A counts 1.0 against
  // B's 0.4 in ts_rank_cd. On SQLite, atrium_bm25 (store/sqlite/search_rank.h)
  // takes the number of posts each phrase is in.
  if (postgres()) return "(1e-9 + ts_rank_cd(x.document, q.query))";
  std::string rank = "(1e-9 + atrium_bm25(search_posts, 4.0, 1.0";
  for (size_t i = 0; i < phrases; ++i) rank += ", ?";
  return rank + "))";
}

std::string Dialect::SearchDocumentInsert(
    std::string_view index, const std::vector<std::pair<std::string, char>>& fields) const {
  std::string columns, values;
  for (const auto& [column, weight] : fields) {
    if (postgres()) {
      if (!values.empty()) values += " || ";
      values +=
          fmt::format("setweight(to_tsvector('simple', atrium_ext.unaccent(?)), '{}')", weight);
    } else {
      columns += ", " + column;
      values += ", ?";
    }
  }
  if (postgres()) return fmt::format("INSERT INTO {} (id, document) VALUES (?, {})", index, values);
  return fmt::format("INSERT INTO {} (rowid{}) VALUES (?{})", index, columns, values);
}

std::string Dialect::SearchMatchTextIn(const std::vector<SearchTerm>& terms,
                                       std::string_view columns, std::string_view weights) const {
  std::string out;
  for (const SearchTerm& t : terms) {
    if (t.exclude) continue;
    const std::string words = SpaceOutCjk(t.text);
    if (!out.empty()) out += postgres() ? " & " : " AND ";
    if (postgres()) {
      out += Quoted(words, '\'', true);
      if (t.prefix || !weights.empty()) out += ":";
      if (t.prefix) out += "*";
      out += weights;
    } else {
      out += Quoted(words, '"', false);
      if (t.prefix) out += " *";
    }
  }
  if (postgres() || columns.empty()) return out;
  return fmt::format("{{{}}} : ({})", columns, out);
}

std::string Dialect::SearchIndexFrom(std::string_view index, std::string_view joined,
                                     std::string_view alias) const {
  if (!postgres()) return fmt::format("{0} JOIN {1} ON {2}.id = {0}.rowid", index, joined, alias);
  return fmt::format(
      "(SELECT to_tsquery('simple', atrium_ext.unaccent(?)) AS query) q "
      "JOIN {0} x ON x.document @@ q.query JOIN {1} ON {2}.id = x.id",
      index, joined, alias);
}

std::string Dialect::SearchIndexMatch(std::string_view index) const {
  return postgres() ? "TRUE" : fmt::format("{} MATCH ?", index);
}

std::string Dialect::SearchIndexRank(std::string_view index, std::string_view bm25_weights) const {
  if (!postgres()) return fmt::format("(1e-9 - bm25({}, {}))", index, bm25_weights);
  return "(1e-9 + ts_rank_cd(x.document, q.query))";
}

std::string Dialect::SearchNameMatch(std::string_view index) const {
  if (!postgres()) return fmt::format("{} MATCH ?", index);
  return fmt::format("{}.name ILIKE ? ESCAPE '\\'", index);
}

std::string Dialect::SearchNameText(std::string_view folded) const {
  if (!postgres()) return Quoted(folded, '"', false);
  std::string out = "%";
  for (char c : folded) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "%";
}

}  // namespace atrium::sql
