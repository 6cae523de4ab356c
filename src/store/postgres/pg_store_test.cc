// What only the PostgreSQL store has: its schema versions, its connections
// (lost and found again), concurrent writers, placeholders. The contracts
// every store shares are tested on both backends in src/store/sqlite/.
#include "store/postgres/pg_store.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>
#include <vector>

#include "base/clock.h"
#include "base/id.h"
#include "store/postgres/pg_db.h"
#include "store/test_store.h"

namespace atrium {
namespace {

class PostgresStore : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!TestBackendAvailable(TestBackend::kPostgres))
      GTEST_SKIP() << "ATRIUM_TEST_POSTGRES_URL is not set";
    t_ = std::make_unique<TestStore>(TestBackend::kPostgres);
  }

  Account NewAccount(const std::string& username) {
    Account a;
    a.id = ids_.Next();
    a.username = username;
    a.display_name = username;
    a.created_at = a.updated_at = NowMillis();
    EXPECT_TRUE(t_->store().accounts().Create(a).ok());
    return a;
  }

  // Ends every server connection of this test's store, as a restart of the
  // server would, and waits until they are gone.
  void TerminateStoreConnections() {
    t_->ExecPostgres(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '" +
        t_->schema() + "'");
    for (int i = 0; i < 100; ++i) {
      try {
        t_->ExecPostgres(
            "DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_stat_activity WHERE application_name = '" +
            t_->schema() + "') THEN RAISE EXCEPTION 'still there'; END IF; END $$");
        return;
      } catch (const std::exception&) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    }
    FAIL() << "the store's connections did not end";
  }

  std::unique_ptr<TestStore> t_;
  IdGenerator ids_{0};
};

TEST_F(PostgresStore, RefusesADatabaseFromANewerVersion) {
  t_->ExecPostgres("INSERT INTO schema_migrations VALUES (9999, 'from the future', 0)");
  Status s = t_->store().Migrate();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.description().find("9999"), std::string::npos);
  EXPECT_NE(s.description().find("newer"), std::string::npos);
  EXPECT_FALSE(t_->store().CheckReady().ok());
}

TEST_F(PostgresStore, AnEmptyDatabaseIsNotReadyUntilMigrated) {
  t_->store().Close();
  t_->ExecPostgres("DROP SCHEMA " + t_->schema() + " CASCADE; CREATE SCHEMA " + t_->schema());
  t_->Reopen();
  EXPECT_EQ(*t_->store().SchemaVersion(), 0);
  EXPECT_FALSE(t_->store().CheckReady().ok());
  EXPECT_TRUE(t_->store().Migrate().ok());
  EXPECT_TRUE(t_->store().CheckReady().ok());
  EXPECT_EQ(*t_->store().SchemaVersion(), t_->store().LatestSchemaVersion());
}

// Nodes migrate one at a time under an advisory lock; a migration that
// fails must not keep it, or every other node would wait forever.
TEST_F(PostgresStore, AFailedMigrationReleasesTheMigrationLock) {
  t_->store().Close();
  t_->ExecPostgres("DROP SCHEMA " + t_->schema() + " CASCADE; CREATE SCHEMA " + t_->schema() +
                   "; CREATE TABLE accounts (x INTEGER)");
  t_->Reopen();
  EXPECT_FALSE(t_->store().Migrate().ok());
  EXPECT_EQ(*t_->store().SchemaVersion(), 0);  // rolled back
  t_->ExecPostgres("DROP TABLE accounts");
  auto other = OpenStore(t_->settings());  // another node: other connections
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE((*other)->Migrate().ok());
  EXPECT_TRUE(t_->store().CheckReady().ok());
}

TEST_F(PostgresStore, ReconnectsWhenItsConnectionsAreLost) {
  Account a = NewAccount("steady");
  TerminateStoreConnections();
  // Idle connections found closed are replaced before use.
  auto back = t_->store().accounts().Get(a.id);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->username, "steady");
  TerminateStoreConnections();
  Account b = NewAccount("after");
  EXPECT_EQ(*t_->store().accounts().Count(false), 2);
  EXPECT_TRUE(t_->store().CheckReady().ok());
}

TEST_F(PostgresStore, AServerThatIsNotThereIsUnavailable) {
  auto opened = pg::OpenPostgresStore("postgres://nobody@127.0.0.1:1/none");
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), Code::kUnavailable);
  EXPECT_EQ(opened.status().description().find('\n'), std::string::npos);  // one line
}

TEST_F(PostgresStore, AClosedStoreIsUnavailable) {
  Account a = NewAccount("closing");
  t_->store().Close();
  EXPECT_EQ(t_->store().accounts().Get(a.id).status().code(), Code::kUnavailable);
}

// Writers that touch the same rows at once (counters) conflict under
// SERIALIZABLE; the store runs the losers again, so every write counts.
TEST_F(PostgresStore, ConcurrentWritersAllCount) {
  Account author = NewAccount("author");
  StatusRecord post;
  post.id = ids_.Next();
  post.account_id = author.id;
  post.text = "popular";
  post.created_at = NowMillis();
  ASSERT_TRUE(t_->store().statuses().Create(post, {}, "").ok());
  std::vector<Account> fans;
  for (int i = 0; i < 8; ++i) fans.push_back(NewAccount("fan" + std::to_string(i)));
  std::vector<std::thread> threads;
  std::vector<Status> results(fans.size());
  for (size_t i = 0; i < fans.size(); ++i) {
    threads.emplace_back([&, i] {
      NotificationRecord note;
      note.id = ids_.Next();
      note.account_id = author.id;
      note.from_account_id = fans[i].id;
      note.type = "favourite";
      note.status_id = post.id;
      note.created_at = NowMillis();
      auto r = t_->store().statuses().Favourite(ids_.Next(), fans[i].id, post.id, note);
      results[i] = r.ok() ? Status::Ok() : r.status();
    });
  }
  for (auto& t : threads) t.join();
  for (const Status& s : results) EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(t_->store().statuses().Get(post.id)->favourites_count, 8);
}

TEST(PostgresPlaceholders, QuestionMarksBecomeNumberedParameters) {
  int count = 0;
  EXPECT_EQ(pg::ToDollarPlaceholders("SELECT ? + ?", &count), "SELECT $1 + $2");
  EXPECT_EQ(count, 2);
  EXPECT_EQ(pg::ToDollarPlaceholders("a = ?1 OR b = ?2 OR c = ?1", &count),
            "a = $1 OR b = $2 OR c = $1");
  EXPECT_EQ(count, 2);
  // A bare '?' follows the highest number so far, as in SQLite.
  EXPECT_EQ(pg::ToDollarPlaceholders("?2, ?", &count), "$2, $3");
  EXPECT_EQ(count, 3);
  // Text in quotes is left alone.
  EXPECT_EQ(pg::ToDollarPlaceholders("x LIKE ? ESCAPE '\\' AND y = '?' AND \"?\" = ?", &count),
            "x LIKE $1 ESCAPE '\\' AND y = '?' AND \"?\" = $2");
  EXPECT_EQ(count, 2);
}

}  // namespace
}  // namespace atrium
