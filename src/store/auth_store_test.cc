// The AuthStore contract, on every backend (see store/store_contract_test_fixture.h).
#include <gtest/gtest.h>

#include "store/store_contract_test_fixture.h"

namespace atrium {
namespace {

class AuthStoreContract : public StoreContract {};

INSTANTIATE_TEST_SUITE_P(Backends, AuthStoreContract, ::testing::ValuesIn(TestBackends()),
                         TestBackendParamName());

TEST_P(AuthStoreContract, CodesAreSingleUseAndReuseRevokesTheirTokens) {
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

TEST_P(AuthStoreContract, OidcRequestsAreTakenOnceAndExpiredOnesDropped) {
  auto& auth = t_->store().auth();
  ASSERT_TRUE(auth.CreateOidcRequest({"old", "b0", "/", 100}, 50).ok());
  ASSERT_TRUE(auth.CreateOidcRequest({"state", "browser", "/people?x=1", 2000}, 1000).ok());
  // Creating at 1000 dropped the one that expired at 100.
  EXPECT_EQ(auth.TakeOidcRequest("old").status().code(), Code::kNotFound);
  auto taken = auth.TakeOidcRequest("state");
  ASSERT_TRUE(taken.ok()) << taken.status().ToString();
  EXPECT_EQ(taken->browser_hash, "browser");
  EXPECT_EQ(taken->return_to, "/people?x=1");
  EXPECT_EQ(taken->expires_at, 2000);
  EXPECT_EQ(auth.TakeOidcRequest("state").status().code(), Code::kNotFound);
}

TEST_P(AuthStoreContract, OidcSignInsFindTheirAccountsAndEndAllSessions) {
  TestStore& t = *t_;
  IdGenerator ids(0);
  Account a = MakeAccount(ids, "ann", ""), b = MakeAccount(ids, "ben", "");
  ASSERT_TRUE(t.store().accounts().Create(a).ok());
  ASSERT_TRUE(t.store().accounts().Create(b).ok());
  auto& auth = t.store().auth();
  ASSERT_TRUE(auth.RecordOidcSignIn({ids.Next(), a.id, "sub-a", "sid-1", 1}).ok());
  ASSERT_TRUE(auth.RecordOidcSignIn({ids.Next(), a.id, "sub-a", "", 2}).ok());
  ASSERT_TRUE(auth.RecordOidcSignIn({ids.Next(), b.id, "sub-b", "sid-2", 3}).ok());
  EXPECT_EQ(*auth.OidcAccounts("sub-a", ""), std::vector<int64_t>{a.id});
  EXPECT_EQ(*auth.OidcAccounts("", "sid-2"), std::vector<int64_t>{b.id});
  EXPECT_EQ(*auth.OidcAccounts("sub-a", "sid-1"), std::vector<int64_t>{a.id});
  EXPECT_TRUE(auth.OidcAccounts("", "")->empty());  // "" is no sid
  EXPECT_TRUE(auth.OidcAccounts("nobody", "")->empty());

  ASSERT_TRUE(auth.CreateSession({ids.Next(), "s-a", a.id, NowMillis(), "", ""}).ok());
  ASSERT_TRUE(auth.CreateSession({ids.Next(), "s-b", b.id, NowMillis(), "", ""}).ok());
  OAuthApp app{ids.Next(), "app", "", "urn:ietf:wg:oauth:2.0:oob", "read", "cid", "h", 1};
  ASSERT_TRUE(auth.CreateApp(app).ok());
  AccessToken tok;
  tok.id = ids.Next();
  tok.token_hash = "t-a";
  tok.app_id = app.id;
  tok.account_id = a.id;
  tok.scopes = "read";
  ASSERT_TRUE(auth.CreateToken(tok).ok());
  ASSERT_TRUE(auth.EndAllSessions(a.id, 42).ok());
  EXPECT_EQ(auth.FindSession("s-a").status().code(), Code::kNotFound);
  EXPECT_TRUE(auth.FindSession("s-b").ok());
  EXPECT_EQ(auth.FindToken("t-a")->revoked_at, 42);
  EXPECT_EQ(auth.EndAllSessions(ids.Next(), 42).code(), Code::kNotFound);
}

}  // namespace
}  // namespace atrium
