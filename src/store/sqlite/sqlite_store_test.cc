#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "base/clock.h"
#include "base/id.h"
#include "store/test_store.h"

namespace atrium {
namespace {

Account MakeAccount(IdGenerator& ids, const std::string& username, const std::string& email) {
  Account a;
  a.id = ids.Next();
  a.username = username;
  a.email = email;
  a.display_name = username;
  a.created_at = a.updated_at = NowMillis();
  return a;
}

// The store's basic contract, on every backend (see store/test_store.h).
class StoreBasics : public ::testing::TestWithParam<TestBackend> {
 protected:
  void SetUp() override {
    if (!TestBackendAvailable(GetParam())) GTEST_SKIP() << "ATRIUM_TEST_POSTGRES_URL is not set";
    t_ = std::make_unique<TestStore>(GetParam());
  }
  std::unique_ptr<TestStore> t_;
};

INSTANTIATE_TEST_SUITE_P(Backends, StoreBasics, ::testing::ValuesIn(TestBackends()),
                         TestBackendParamName());

TEST_P(StoreBasics, MigratesToLatestAndIsReady) {
  TestStore& t = *t_;
  auto v = t.store().SchemaVersion();
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, t.store().LatestSchemaVersion());
  EXPECT_TRUE(t.store().CheckReady().ok());
  // Migrating again is a no-op.
  EXPECT_TRUE(t.store().Migrate().ok());
  EXPECT_EQ(*t.store().SchemaVersion(), t.store().LatestSchemaVersion());
}

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

TEST_P(StoreBasics, AccountsAreUniqueCaseInsensitively) {
  TestStore& t = *t_;
  IdGenerator ids(0);
  auto& accounts = t.store().accounts();
  Account alice = MakeAccount(ids, "Alice", "Alice@Example.com");
  ASSERT_TRUE(accounts.Create(alice).ok());
  EXPECT_EQ(accounts.Create(MakeAccount(ids, "alice", "other@example.com")).code(),
            Code::kConflict);
  EXPECT_EQ(accounts.Create(MakeAccount(ids, "bob", "alice@example.COM")).code(), Code::kConflict);
  // Two accounts without e-mail do not collide.
  EXPECT_TRUE(accounts.Create(MakeAccount(ids, "c1", "")).ok());
  EXPECT_TRUE(accounts.Create(MakeAccount(ids, "c2", "")).ok());
  auto found = accounts.FindByUsername("ALICE");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->id, alice.id);
  EXPECT_EQ(accounts.FindByEmail("alice@example.com")->id, alice.id);
  EXPECT_EQ(accounts.Get(12345).status().code(), Code::kNotFound);
  EXPECT_EQ(*accounts.Count(false), 3);
}

TEST_P(StoreBasics, WritesSurviveReopening) {
  TestStore& t = *t_;
  IdGenerator ids(0);
  Account a = MakeAccount(ids, "durable", "d@example.com");
  ASSERT_TRUE(t.store().accounts().Create(a).ok());
  a.role = kRoleAdmin;
  ASSERT_TRUE(t.store().accounts().Update(a).ok());
  t.Reopen();
  auto back = t.store().accounts().Get(a.id);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->role, kRoleAdmin);
}

TEST_P(StoreBasics, DeactivateEndsSessionsAndRevokesTokens) {
  TestStore& t = *t_;
  IdGenerator ids(0);
  Account a = MakeAccount(ids, "leaver", "");
  ASSERT_TRUE(t.store().accounts().Create(a).ok());
  OAuthApp app{ids.Next(), "app", "",     "urn:ietf:wg:oauth:2.0:oob",
               "read",     "cid", "hash", NowMillis()};
  ASSERT_TRUE(t.store().auth().CreateApp(app).ok());
  ASSERT_TRUE(
      t.store().auth().CreateSession({ids.Next(), "sess-hash", a.id, NowMillis(), "", ""}).ok());
  AccessToken tok;
  tok.id = ids.Next();
  tok.token_hash = "tok-hash";
  tok.app_id = app.id;
  tok.account_id = a.id;
  tok.scopes = "read";
  tok.created_at = NowMillis();
  ASSERT_TRUE(t.store().auth().CreateToken(tok).ok());
  ASSERT_TRUE(t.store().accounts().Deactivate(a.id, NowMillis()).ok());
  EXPECT_FALSE(t.store().accounts().Get(a.id)->active);
  EXPECT_EQ(t.store().auth().FindSession("sess-hash").status().code(), Code::kNotFound);
  EXPECT_NE(t.store().auth().FindToken("tok-hash")->revoked_at, 0);
  EXPECT_EQ(t.store().accounts().Deactivate(999, NowMillis()).code(), Code::kNotFound);
}

TEST_P(StoreBasics, CodesAreSingleUseAndReuseRevokesTheirTokens) {
  TestStore& t = *t_;
  IdGenerator ids(0);
  Account a = MakeAccount(ids, "coder", "");
  ASSERT_TRUE(t.store().accounts().Create(a).ok());
  OAuthApp app{ids.Next(), "app", "",     "urn:ietf:wg:oauth:2.0:oob",
               "read",     "cid", "hash", NowMillis()};
  ASSERT_TRUE(t.store().auth().CreateApp(app).ok());
  AuthCode code{ids.Next(), "code-hash",        app.id, a.id, "urn:ietf:wg:oauth:2.0:oob", "read",
                "",         NowMillis() + 1000, 0};
  ASSERT_TRUE(t.store().auth().CreateCode(code).ok());
  auto first = t.store().auth().ConsumeCode("code-hash", NowMillis());
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->used_at, 0);
  AccessToken tok;
  tok.id = ids.Next();
  tok.token_hash = "from-code";
  tok.app_id = app.id;
  tok.account_id = a.id;
  tok.scopes = "read";
  tok.created_at = NowMillis();
  tok.code_id = code.id;
  ASSERT_TRUE(t.store().auth().CreateToken(tok).ok());
  auto again = t.store().auth().ConsumeCode("code-hash", NowMillis());
  EXPECT_EQ(again.status().code(), Code::kConflict);
  EXPECT_NE(t.store().auth().FindToken("from-code")->revoked_at, 0);
  EXPECT_EQ(t.store().auth().ConsumeCode("nope", NowMillis()).status().code(), Code::kNotFound);
}

}  // namespace
}  // namespace atrium

namespace atrium {
namespace {

TEST_P(StoreBasics, SearchFindsActivePeopleByPrefix) {
  TestStore& t = *t_;
  IdGenerator ids(0);
  auto& accounts = t.store().accounts();
  Account maria = MakeAccount(ids, "maria", "");
  maria.display_name = "Maria Okafor";
  Account mario = MakeAccount(ids, "mario_r", "");
  mario.display_name = "Mario Rossi";
  Account okay = MakeAccount(ids, "okay", "");
  Account gone = MakeAccount(ids, "marianne", "");
  gone.active = false;
  Account pct = MakeAccount(ids, "percent", "");
  pct.display_name = "100% Sure";
  Account ann = MakeAccount(ids, "ann", "");
  Account abel = MakeAccount(ids, "abel", "");
  abel.display_name = "Annabel Lee";
  for (const auto& a : {maria, mario, okay, gone, pct, ann, abel})
    ASSERT_TRUE(accounts.Create(a).ok());
  auto names = [&](std::string_view q) {
    std::vector<std::string> out;
    auto found = accounts.Search(q, 10, 0);
    EXPECT_TRUE(found.ok());
    for (const auto& a : *found) out.push_back(a.username);
    return out;
  };
  EXPECT_EQ(names("mari"),
            (std::vector<std::string>{"maria", "mario_r"}));  // not the deactivated one
  EXPECT_EQ(names("OKA"),
            (std::vector<std::string>{"maria", "okay"}));  // a word of the name, any case
  EXPECT_EQ(names("ann"), (std::vector<std::string>{"ann", "abel"}));  // exact username first
  EXPECT_EQ(names("mario_"), (std::vector<std::string>{"mario_r"}));   // '_' is literal
  EXPECT_EQ(names("100%"), (std::vector<std::string>{"percent"}));     // '%' is literal
  EXPECT_TRUE(names("zzz").empty());
  auto second = accounts.Search("mari", 1, 1);  // limit and offset
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->size(), 1u);
  EXPECT_EQ(second->front().username, "mario_r");
}

}  // namespace
}  // namespace atrium
