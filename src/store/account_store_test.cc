// The AccountStore contract, on every backend (see store/store_contract_test_fixture.h).
// The directory fields of accounts are in directory_store_test.cc.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "store/store_contract_test_fixture.h"

namespace atrium {
namespace {

class AccountStoreContract : public StoreContract {};

INSTANTIATE_TEST_SUITE_P(Backends, AccountStoreContract, ::testing::ValuesIn(TestBackends()),
                         TestBackendParamName());

TEST_P(AccountStoreContract, AccountsAreUniqueCaseInsensitively) {
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

TEST_P(AccountStoreContract, FollowApprovalFlagsAreStored) {
  TestStore& t = *t_;
  IdGenerator ids(0);
  Account a = MakeAccount(ids, "careful", "");
  a.approve_management_chain = true;
  ASSERT_TRUE(t.store().accounts().Create(a).ok());
  auto read = t.store().accounts().Get(a.id);
  ASSERT_TRUE(read.ok());
  EXPECT_TRUE(read->approve_management_chain);
  EXPECT_FALSE(read->locked);
  read->approve_management_chain = false;
  read->locked = true;
  ASSERT_TRUE(t.store().accounts().Update(*read).ok());
  read = t.store().accounts().Get(a.id);
  ASSERT_TRUE(read.ok());
  EXPECT_FALSE(read->approve_management_chain);
  EXPECT_TRUE(read->locked);
}

TEST_P(AccountStoreContract, WritesSurviveReopening) {
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

TEST_P(AccountStoreContract, DeactivateEndsSessionsAndRevokesTokens) {
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

TEST_P(AccountStoreContract, SetPasswordEndsEverySessionAndTokenButThoseKept) {
  TestStore& t = *t_;
  IdGenerator ids(0);
  Account a = MakeAccount(ids, "changer", "");
  ASSERT_TRUE(t.store().accounts().Create(a).ok());
  OAuthApp app{ids.Next(), "app", "",     "urn:ietf:wg:oauth:2.0:oob",
               "read",     "cid", "hash", NowMillis()};
  ASSERT_TRUE(t.store().auth().CreateApp(app).ok());
  std::vector<int64_t> token_ids;
  for (const char* n : {"1", "2", "3"}) {
    ASSERT_TRUE(
        t.store()
            .auth()
            .CreateSession({ids.Next(), std::string("sess-") + n, a.id, NowMillis(), "", ""})
            .ok());
    AccessToken tok;
    tok.id = ids.Next();
    tok.token_hash = std::string("tok-") + n;
    tok.app_id = app.id;
    tok.account_id = a.id;
    tok.scopes = "read";
    tok.created_at = NowMillis();
    ASSERT_TRUE(t.store().auth().CreateToken(tok).ok());
    token_ids.push_back(tok.id);
  }
  // A person's own change: their session and token stay.
  ASSERT_TRUE(
      t.store().accounts().SetPassword(a.id, "hash-2", NowMillis(), "sess-2", token_ids[2]).ok());
  EXPECT_EQ(t.store().accounts().Get(a.id)->password_hash, "hash-2");
  EXPECT_EQ(t.store().auth().FindSession("sess-1").status().code(), Code::kNotFound);
  EXPECT_TRUE(t.store().auth().FindSession("sess-2").ok());
  EXPECT_EQ(t.store().auth().FindSession("sess-3").status().code(), Code::kNotFound);
  EXPECT_NE(t.store().auth().FindToken("tok-1")->revoked_at, 0);
  EXPECT_NE(t.store().auth().FindToken("tok-2")->revoked_at, 0);
  EXPECT_EQ(t.store().auth().FindToken("tok-3")->revoked_at, 0);
  // An administrator's reset: nothing stays.
  ASSERT_TRUE(t.store().accounts().SetPassword(a.id, "hash-3", NowMillis(), "", 0).ok());
  EXPECT_EQ(t.store().auth().FindSession("sess-2").status().code(), Code::kNotFound);
  EXPECT_NE(t.store().auth().FindToken("tok-3")->revoked_at, 0);
  EXPECT_EQ(t.store().accounts().SetPassword(999, "x", NowMillis(), "", 0).code(), Code::kNotFound);
}

TEST_P(AccountStoreContract, SearchFindsActivePeopleByPrefix) {
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

TEST_P(AccountStoreContract, TheNoteIsRenderedWhenWrittenAndReadBackAsStored) {
  IdGenerator ids(0);
  Account a = MakeAccount(ids, "writer", "");
  a.note = "I **build** things";
  a.note_html = "<script>not from the note</script>";  // the store renders; this is not kept
  ASSERT_TRUE(accounts().Create(a).ok());
  EXPECT_EQ(accounts().Get(a.id)->note_html, "<p>I <strong>build</strong> things</p>\n");
  a.note = "_Still_ here";
  ASSERT_TRUE(accounts().Update(a).ok());
  EXPECT_EQ(accounts().Get(a.id)->note_html, "<p><em>Still</em> here</p>\n");
  // Read as stored, not rendered again at every read.
  const std::string id = std::to_string(a.id);
  ExecDirectly("UPDATE accounts SET note_html = '<p>as stored</p>' WHERE id = " + id);
  EXPECT_EQ(accounts().Get(a.id)->note_html, "<p>as stored</p>");
  // A row written before notes were rendered when written is rendered when read.
  ExecDirectly("UPDATE accounts SET note_html = NULL WHERE id = " + id);
  EXPECT_EQ(accounts().Get(a.id)->note_html, "<p><em>Still</em> here</p>\n");
}

}  // namespace
}  // namespace atrium
