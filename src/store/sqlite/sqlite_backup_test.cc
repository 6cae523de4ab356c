// The online copy of a database that is being written: the copy is the
// database as of its start, and it ends however often the store commits
// between its steps.
#include "store/sqlite/sqlite_backup.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "store/sqlite/sqlite_db.h"
#include "store/test_store.h"

namespace atrium::sqlite {
namespace {

namespace fs = std::filesystem;

Account MakeAccount(int64_t id) {
  Account a;
  a.id = id;
  a.username = "person" + std::to_string(id);
  a.display_name = a.username;
  a.email = a.username + "@example.com";
  a.note = std::string(1500, 'n');  // a few accounts a page: many pages
  a.created_at = a.updated_at = 1000 + id;
  return a;
}

int64_t CountAccounts(const std::string& path) {
  Connection db(path, /*readonly=*/true);
  auto s = db.Prepare("SELECT COUNT(*) FROM accounts");
  return s.Step() ? s.Int(0) : -1;
}

// Declares the index on accounts' titles to be on their usernames, leaving
// its entries as they are.
void MismatchAnIndex(const std::string& path) {
  Connection db(path, /*readonly=*/false);
  db.Exec(
      "PRAGMA writable_schema=ON; UPDATE sqlite_schema SET sql = replace(sql, '(title', "
      "'(username') WHERE name = 'accounts_title'");
}

TEST(SqliteBackup, CopiesOneSnapshotWhileTheStoreCommitsBetweenSteps) {
  TestStore ts;
  Store& store = ts.store();
  for (int64_t id = 1; id <= 200; ++id) ASSERT_TRUE(store.accounts().Create(MakeAccount(id)).ok());
  ASSERT_TRUE(store.directory().SetExpertise(1, {"databases", "backups"}).ok());
  const std::string source = ts.settings().DatabaseUrl();
  const std::string target = ts.dir() + "/copy.db";

  // Between every two steps the store commits a new account, as a busy
  // server would. The copy must still end, and hold only the first 200.
  int64_t next = 201;
  int steps = 0;
  CopyOptions options;
  options.pages_per_step = 4;
  options.progress = [&](int64_t done, int64_t total) {
    ++steps;
    ASSERT_LE(done, total);
    if (steps < 10000) {
      ASSERT_TRUE(store.accounts().Create(MakeAccount(next++)).ok());
    }
  };
  auto copy = CopyDatabase(source, target, options);
  ASSERT_TRUE(copy.ok()) << copy.status().ToString();
  EXPECT_GT(copy->pages, 40);
  // One pass: as many steps as the pages call for, not a new start per commit.
  EXPECT_EQ(steps, (copy->pages + 3) / 4);
  EXPECT_EQ(copy->schema_version, LatestSchemaVersion());
  EXPECT_EQ(CountAccounts(target), 200);
  EXPECT_EQ(CountAccounts(source), 200 + steps);
  // One self-contained file, which passes the check (expertise is a WITHOUT
  // ROWID table with a NOT NULL column after its key).
  EXPECT_FALSE(fs::exists(target + "-wal"));
  auto checked = CheckDatabase(target);
  ASSERT_TRUE(checked.ok()) << checked.status().ToString();
  EXPECT_EQ(*checked, LatestSchemaVersion());
}

TEST(SqliteBackup, RefusesAnExistingTargetAndAMissingSource) {
  TestStore ts;
  const std::string target = ts.dir() + "/copy.db";
  std::ofstream(target) << "already here";
  auto exists = CopyDatabase(ts.settings().DatabaseUrl(), target);
  ASSERT_FALSE(exists.ok());
  EXPECT_EQ(exists.status().code(), Code::kBadRequest);
  std::ifstream kept(target);
  std::string text;
  std::getline(kept, text);
  EXPECT_EQ(text, "already here");

  auto missing = CopyDatabase(ts.dir() + "/nothing.db", ts.dir() + "/other.db");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), Code::kNotFound);
  EXPECT_FALSE(fs::exists(ts.dir() + "/other.db"));
}

TEST(SqliteBackup, CheckFindsAMismatchedIndexANullADamagedPageAndAFileThatIsNoStore) {
  TestStore ts;
  for (int64_t id = 1; id <= 100; ++id)
    ASSERT_TRUE(ts.store().accounts().Create(MakeAccount(id)).ok());
  const std::string copy = ts.dir() + "/copy.db";
  ASSERT_TRUE(CopyDatabase(ts.settings().DatabaseUrl(), copy).ok());
  ASSERT_TRUE(CheckDatabase(copy).ok());
  // An index that no longer matches its table: every page reads well.
  const std::string mismatched = ts.dir() + "/mismatched.db";
  fs::copy_file(copy, mismatched);
  MismatchAnIndex(mismatched);
  auto findings = CheckDatabase(mismatched);
  ASSERT_FALSE(findings.ok());
  EXPECT_EQ(findings.status().error(), "Database damaged");
  EXPECT_NE(findings.status().description().find("missing from index accounts_title"),
            std::string::npos)
      << findings.status().description();
  // A NULL in a column declared NOT NULL (SQLite's own report of such a
  // column is checked again by a query, see CheckDatabase).
  const std::string with_null = ts.dir() + "/with-null.db";
  fs::copy_file(copy, with_null);
  {
    Connection db(with_null, /*readonly=*/false);
    db.Exec(
        "CREATE TABLE probe (a INTEGER PRIMARY KEY, b INTEGER); INSERT INTO probe VALUES (1, "
        "NULL); PRAGMA writable_schema=ON; UPDATE sqlite_schema SET sql = replace(sql, 'b "
        "INTEGER', 'b INTEGER NOT NULL') WHERE name = 'probe'");
  }
  auto null_found = CheckDatabase(with_null);
  ASSERT_FALSE(null_found.ok());
  EXPECT_NE(null_found.status().description().find("(1 findings): NULL value in probe.b"),
            std::string::npos)
      << null_found.status().description();
  {
    // Pages 3 to 10 overwritten: b-tree pages of the accounts table.
    std::fstream f(copy, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(2 * 4096);
    std::string junk(8 * 4096, '\x5a');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  auto damaged = CheckDatabase(copy);
  ASSERT_FALSE(damaged.ok());
  EXPECT_EQ(damaged.status().code(), Code::kBadRequest);
  EXPECT_EQ(damaged.status().error(), "Database damaged") << damaged.status().description();

  const std::string empty = ts.dir() + "/empty.db";
  { Connection make(empty, /*readonly=*/false); }
  auto not_ours = CheckDatabase(empty);
  ASSERT_FALSE(not_ours.ok());
  EXPECT_EQ(not_ours.status().error(), "Not an Atrium database");
}

}  // namespace
}  // namespace atrium::sqlite
