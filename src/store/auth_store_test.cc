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

TEST_P(AuthStoreContract, SamlRequestsAreAnsweredOnceBeforeTheyExpire) {
  AuthStore& auth = t_->store().auth();
  const int64_t now = NowMillis();
  ASSERT_TRUE(auth.CreateSamlRequest({"_req1", "/home", now + 1000}).ok());
  ASSERT_TRUE(auth.CreateSamlRequest({"_req2", "/", now + 1000}).ok());
  ASSERT_TRUE(auth.CreateSamlRequest({"_old", "/", now - 1}).ok());
  // The same id twice is refused: an id names one request.
  EXPECT_FALSE(auth.CreateSamlRequest({"_req1", "/other", now + 1000}).ok());

  auto first = auth.ConsumeSamlRequest("_req1", now);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->id, "_req1");
  EXPECT_EQ(first->return_to, "/home");
  EXPECT_EQ(first->expires_at, now + 1000);
  EXPECT_EQ(auth.ConsumeSamlRequest("_req1", now).status().code(), Code::kNotFound);
  EXPECT_EQ(auth.ConsumeSamlRequest("_old", now).status().code(), Code::kNotFound);
  EXPECT_EQ(auth.ConsumeSamlRequest("_unknown", now).status().code(), Code::kNotFound);
  // Past its expiry a request is gone too.
  EXPECT_EQ(auth.ConsumeSamlRequest("_req2", now + 1000).status().code(), Code::kNotFound);
}

TEST_P(AuthStoreContract, SamlAssertionIdsAreSeenOnceUntilTheyExpire) {
  AuthStore& auth = t_->store().auth();
  const int64_t now = NowMillis();
  auto first = auth.RememberSamlAssertion("_a1", now + 1000, now);
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(*first);
  EXPECT_FALSE(*auth.RememberSamlAssertion("_a1", now + 5000, now + 10));
  EXPECT_TRUE(*auth.RememberSamlAssertion("_a2", now + 1000, now + 10));
  // Once expired, the id is forgotten (its assertion is refused for its
  // time by then anyway).
  EXPECT_TRUE(*auth.RememberSamlAssertion("_a1", now + 3000, now + 1000));
  EXPECT_FALSE(*auth.RememberSamlAssertion("_a1", now + 3000, now + 1001));
}

}  // namespace
}  // namespace atrium
