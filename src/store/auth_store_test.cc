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
  ASSERT_TRUE(auth.CreateSamlRequest({"_req1", "browser-1-hash", "/home", now + 1000}).ok());
  ASSERT_TRUE(auth.CreateSamlRequest({"_req2", "browser-2-hash", "/", now + 1000}).ok());
  ASSERT_TRUE(auth.CreateSamlRequest({"_old", "browser-1-hash", "/", now - 1}).ok());
  // The same id twice is refused: an id names one request.
  EXPECT_FALSE(auth.CreateSamlRequest({"_req1", "browser-2-hash", "/other", now + 1000}).ok());

  auto first = auth.ConsumeSamlRequest("_req1", now);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->id, "_req1");
  // The browser it is bound to comes back with it, for the service to check.
  EXPECT_EQ(first->browser_hash, "browser-1-hash");
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

TEST_P(AuthStoreContract, FeedTokensOnePerAccountReplacedRevokedAndEndedByDeactivation) {
  TestStore& t = *t_;
  IdGenerator ids(0);
  AuthStore& auth = t.store().auth();
  Account a = MakeAccount(ids, "reader", "");
  Account b = MakeAccount(ids, "other", "");
  ASSERT_TRUE(t.store().accounts().Create(a).ok());
  ASSERT_TRUE(t.store().accounts().Create(b).ok());
  EXPECT_EQ(auth.FeedTokenOf(a.id).status().code(), Code::kNotFound);
  ASSERT_TRUE(auth.SetFeedToken({a.id, "hash-1", 1000}).ok());
  ASSERT_TRUE(auth.SetFeedToken({b.id, "hash-b", 1500}).ok());
  EXPECT_EQ(auth.FindFeedToken("hash-1")->account_id, a.id);
  EXPECT_EQ(auth.FeedTokenOf(a.id)->token_hash, "hash-1");
  // A new token replaces the old one.
  ASSERT_TRUE(auth.SetFeedToken({a.id, "hash-2", 2000}).ok());
  EXPECT_EQ(auth.FindFeedToken("hash-1").status().code(), Code::kNotFound);
  auto now = auth.FeedTokenOf(a.id);
  ASSERT_TRUE(now.ok());
  EXPECT_EQ(now->token_hash, "hash-2");
  EXPECT_EQ(now->created_at, 2000);
  // Revoking: true once, then false.
  EXPECT_TRUE(*auth.DeleteFeedToken(a.id));
  EXPECT_FALSE(*auth.DeleteFeedToken(a.id));
  EXPECT_EQ(auth.FindFeedToken("hash-2").status().code(), Code::kNotFound);
  // Deactivation ends the feed token, and only its account's; signing out
  // everywhere (the identity provider's logout) does not.
  ASSERT_TRUE(auth.SetFeedToken({a.id, "hash-3", 3000}).ok());
  ASSERT_TRUE(auth.EndAllSessions(a.id, 3500).ok());
  EXPECT_EQ(auth.FindFeedToken("hash-3")->account_id, a.id);
  ASSERT_TRUE(t.store().accounts().Deactivate(a.id, 4000).ok());
  EXPECT_EQ(auth.FindFeedToken("hash-3").status().code(), Code::kNotFound);
  EXPECT_EQ(auth.FindFeedToken("hash-b")->account_id, b.id);
}

}  // namespace
}  // namespace atrium
