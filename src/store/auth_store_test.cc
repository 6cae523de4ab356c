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

TEST_P(AuthStoreContract, ASessionsUseIsRecordedOnlyWhenTheLastIsOldEnough) {
  TestStore& t = *t_;
  IdGenerator ids(0);
  Account a = MakeAccount(ids, "walker", "");
  ASSERT_TRUE(t.store().accounts().Create(a).ok());
  Session s{ids.Next(), "session-hash", a.id, 1000, "agent", "10.0.0.1"};
  ASSERT_TRUE(t.store().auth().CreateSession(s).ok());
  EXPECT_EQ(t.store().auth().FindSession("session-hash")->last_used_at, 1000)
      << "a new session was last used when it began";
  // Recorded: the last use (1000) is not after 1000.
  ASSERT_TRUE(t.store().auth().TouchSession("session-hash", 61000, 1000).ok());
  EXPECT_EQ(t.store().auth().FindSession("session-hash")->last_used_at, 61000);
  // Not recorded: another node recorded 61000, after 30000.
  ASSERT_TRUE(t.store().auth().TouchSession("session-hash", 90000, 30000).ok());
  EXPECT_EQ(t.store().auth().FindSession("session-hash")->last_used_at, 61000);
  EXPECT_TRUE(t.store().auth().TouchSession("no-such-session", 90000, 30000).ok());
}

}  // namespace
}  // namespace atrium
