// The SQL text the store builds, exactly, in each dialect.
#include "store/sql/sql_util.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "store/sql/dialect.h"

namespace atrium {
namespace {

using Ids = std::vector<int64_t>;

TEST(SqlBuilder, InListsArePaddedToAPowerOfTwo) {
  // Few statement shapes per query: 1, 2, 4, 8, … values.
  Ids three{7, 8, 9};
  sql::SqlBuilder q("SELECT 1 WHERE 7 IN ");
  q.AddInList(three);
  EXPECT_EQ(q.sql(), "SELECT 1 WHERE 7 IN (?,?,?,?)");
  std::vector<std::string> one{"a"};
  sql::SqlBuilder s("x IN ");
  s.AddInList(one);
  EXPECT_EQ(s.sql(), "x IN (?)");
  Ids five{1, 2, 3, 4, 5};
  sql::SqlBuilder f;
  f.AddInList(five);
  EXPECT_EQ(f.sql(), "(?,?,?,?,?,?,?,?)");
}

TEST(SqlBuilder, CaseInsensitiveInListsFoldEachValueWhereTheDialectDoes) {
  std::vector<std::string> three{"Ann", "ben", "CAT"};
  sql::SqlBuilder sqlite("username IN ");
  sqlite.AddCiInList(sql::Dialect::Sqlite(), three);
  EXPECT_EQ(sqlite.sql(), "username IN (?,?,?,?)");
  sql::SqlBuilder postgres("lower(username) IN ");
  postgres.AddCiInList(sql::Dialect::Postgres(), three);
  EXPECT_EQ(postgres.sql(), "lower(username) IN (lower(?),lower(?),lower(?),lower(?))");
}

TEST(Dialect, SqliteWords) {
  const sql::Dialect& d = sql::Dialect::Sqlite();
  EXPECT_EQ(d.kind(), sql::Dialect::Kind::kSqlite);
  EXPECT_FALSE(d.postgres());
  EXPECT_EQ(d.Ci("username"), "username");
  EXPECT_EQ(d.Ci("?"), "?");
  EXPECT_EQ(d.CiEquals("username"), "username = ?");
  EXPECT_EQ(d.CiEquals("e.tag", "t.tag"), "e.tag = t.tag");
  EXPECT_EQ(d.CiOrder("display_name"), "display_name COLLATE NOCASE");
  EXPECT_EQ(d.Greatest(), "MAX");
  EXPECT_EQ(d.ILike(), "LIKE");
  EXPECT_EQ(d.ForUpdate(), "");
  EXPECT_EQ(d.InsertionOrder(), "rowid");
  EXPECT_EQ(d.GeneratedId("endorsements", "id"), "?");
  EXPECT_EQ(d.GeneratedId("endorsements", "id", "?2"), "?2");
}

TEST(Dialect, PostgresWords) {
  const sql::Dialect& d = sql::Dialect::Postgres();
  EXPECT_EQ(d.kind(), sql::Dialect::Kind::kPostgres);
  EXPECT_TRUE(d.postgres());
  EXPECT_EQ(d.Ci("username"), "lower(username)");
  EXPECT_EQ(d.Ci("?"), "lower(?)");
  EXPECT_EQ(d.CiEquals("username"), "lower(username) = lower(?)");
  EXPECT_EQ(d.CiEquals("e.tag", "t.tag"), "lower(e.tag) = lower(t.tag)");
  EXPECT_EQ(d.CiOrder("display_name"), "lower(display_name) COLLATE \"C\"");
  EXPECT_EQ(d.Greatest(), "GREATEST");
  EXPECT_EQ(d.ILike(), "ILIKE");
  EXPECT_EQ(d.ForUpdate(), " FOR UPDATE");
  EXPECT_EQ(d.InsertionOrder(), "id");
  EXPECT_EQ(d.GeneratedId("endorsements", "id"),
            "COALESCE(?, nextval(pg_get_serial_sequence('endorsements', 'id')))");
  EXPECT_EQ(d.GeneratedId("endorsements", "id", "?2"),
            "COALESCE(?2, nextval(pg_get_serial_sequence('endorsements', 'id')))");
}

TEST(Dialect, EachKindIsOneSharedValue) {
  EXPECT_EQ(&sql::Dialect::Sqlite(), &sql::Dialect::Sqlite());
  EXPECT_EQ(&sql::Dialect::Postgres(), &sql::Dialect::Postgres());
  EXPECT_NE(&sql::Dialect::Sqlite(), &sql::Dialect::Postgres());
}

TEST(DialectSql, BuildsBothTextsOnceAndGivesEachDialectItsOwn) {
  int builds = 0;
  sql::DialectSql q([&](const sql::Dialect& d) {
    ++builds;
    return "SELECT id FROM accounts WHERE " + d.CiEquals("username") + std::string(d.ForUpdate());
  });
  EXPECT_EQ(builds, 2);
  EXPECT_EQ(q.For(sql::Dialect::Sqlite()), "SELECT id FROM accounts WHERE username = ?");
  EXPECT_EQ(q.For(sql::Dialect::Postgres()),
            "SELECT id FROM accounts WHERE lower(username) = lower(?) FOR UPDATE");
  EXPECT_EQ(&q.For(sql::Dialect::Sqlite()), &q.For(sql::Dialect::Sqlite()));  // not rebuilt
  EXPECT_EQ(builds, 2);
}

}  // namespace
}  // namespace atrium
