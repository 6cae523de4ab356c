// SQLite-only behaviours of the embedded store: its schema version checks and
// the query plans it relies on. The contract every backend keeps is tested in
// src/store/*_store_test.cc.
#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>

#include "store/test_store.h"

namespace atrium {
namespace {

TEST(SqliteStore, RefusesADatabaseFromANewerVersion) {
  TestStore t;
  t.store().Close();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((t.dir() + "/atrium.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "INSERT INTO schema_migrations VALUES (9999, 'from the future', 0)",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  t.Reopen();
  Status s = t.store().Migrate();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.description().find("9999"), std::string::npos);
  EXPECT_NE(s.description().find("newer"), std::string::npos);
  EXPECT_FALSE(t.store().CheckReady().ok());
}

// Fan-out reads the followers of a post's author with the query of
// SqliteRelationshipStore::FollowerIds: one range of the follows_target index,
// in order, without reading a follow row (migration 8).
TEST(SqliteStore, FollowerIdsAreReadFromTheIndexAlone) {
  TestStore t;
  t.store().Close();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((t.dir() + "/atrium.db").c_str(), &db), SQLITE_OK);
  sqlite3_stmt* explain = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db,
                               "EXPLAIN QUERY PLAN "
                               "SELECT account_id FROM follows WHERE target_id = ? ORDER BY id",
                               -1, &explain, nullptr),
            SQLITE_OK);
  std::string plan;
  while (sqlite3_step(explain) == SQLITE_ROW)
    plan += std::string(reinterpret_cast<const char*>(sqlite3_column_text(explain, 3))) + "\n";
  sqlite3_finalize(explain);
  sqlite3_close(db);
  t.Reopen();
  EXPECT_NE(plan.find("SEARCH follows USING COVERING INDEX follows_target (target_id=?)"),
            std::string::npos)
      << plan;
  EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << plan;  // no sort
}

TEST(SqliteStore, UnmigratedStoreIsNotReady) {
  TestStore t;
  t.store().Close();
  std::filesystem::remove(t.dir() + "/atrium.db");
  t.Reopen();
  EXPECT_FALSE(t.store().CheckReady().ok());
  EXPECT_TRUE(t.store().Migrate().ok());
  EXPECT_TRUE(t.store().CheckReady().ok());
}

}  // namespace
}  // namespace atrium
