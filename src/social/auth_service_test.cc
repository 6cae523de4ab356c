#include "social/auth_service.h"

#include <gtest/gtest.h>

#include <map>

#include "base/crypto.h"
#include "social/account_service.h"
#include "store/test_store.h"

namespace atrium {
namespace {

class AuthServiceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { InitCrypto(); }
  void SetUp() override {
    t_.settings().signin_free_failures = 3;
    t_.settings().signin_delay_ms = 1000;
    t_.settings().signin_max_delay_ms = 8000;
    t_.settings().signin_failures_per_address = 20;
    t_.settings().signin_window_ms = 60000;
    t_.settings().app_registrations_per_address = 2;
    accounts_ = std::make_unique<AccountService>(t_.store(), ids_);
    auth_ = std::make_unique<AuthService>(t_.store(), ids_, t_.settings(), clock_);
    // As `serve` wires it: every check below goes through the cache, so each
    // one also shows that the change it makes reaches the cache at once.
    auth_->UseCache(&principals_);
    accounts_->SetChangeListener([this](int64_t id) { principals_.Invalidate(id); });
    auto a =
        accounts_->Create({"alice", "alice@example.com", "Alice", kRoleMember, "right password"});
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    alice_ = *a;
  }

  // The code of a sign-in attempt.
  Code Attempt(const std::string& login, const std::string& password, const std::string& from) {
    return auth_->CheckPassword(login, password, from).status().code();
  }
  // The seconds a refused sign-in with the right password says to wait; 0
  // if it was not refused (then it signed in, which resets the pair).
  int64_t RetryAfter(const std::string& login, const std::string& from) {
    auto r = auth_->CheckPassword(login, "right password", from);
    if (r.ok() || r.status().code() != Code::kTooManyRequests) return 0;
    return r.status().retry_after_seconds();
  }

  TestStore t_;
  ManualClock clock_;
  IdGenerator ids_{0};
  PrincipalCache principals_;
  std::unique_ptr<AccountService> accounts_;
  std::unique_ptr<AuthService> auth_;
  Account alice_;
};

TEST_F(AuthServiceTest, SignsInByUsernameOrEmail) {
  EXPECT_TRUE(auth_->CheckPassword("alice", "right password", "10.0.0.1").ok());
  EXPECT_TRUE(auth_->CheckPassword("ALICE@example.com", "right password", "10.0.0.1").ok());
  EXPECT_EQ(auth_->CheckPassword("alice", "wrong password", "10.0.0.1").status().code(),
            Code::kUnauthorized);
  EXPECT_EQ(auth_->CheckPassword("nobody", "right password", "10.0.0.1").status().code(),
            Code::kUnauthorized);
}

TEST_F(AuthServiceTest, EachFailureOfAPairBeyondTheFreeOnesDoublesTheWait) {
  // Three free failures: the fourth attempt is still answered.
  for (int i = 0; i < 4; ++i) EXPECT_EQ(Attempt("alice", "wrong", "10.0.0.1"), Code::kUnauthorized);
  // 1 s, 2 s, 4 s, 8 s, then the 8 s maximum: each wait served in full.
  for (int64_t wait : {1, 2, 4, 8, 8}) {
    EXPECT_EQ(RetryAfter("alice", "10.0.0.1"), wait);
    clock_.Advance(wait * 1000 - 1);
    EXPECT_EQ(RetryAfter("alice", "10.0.0.1"), 1) << "1 ms before the end of " << wait << " s";
    clock_.Advance(1);
    EXPECT_EQ(Attempt("alice", "wrong", "10.0.0.1"), Code::kUnauthorized);
  }
}

TEST_F(AuthServiceTest, ARefusedAttemptChecksNoPasswordAndCountsNothing) {
  for (int i = 0; i < 4; ++i) EXPECT_EQ(Attempt("alice", "wrong", "10.0.0.1"), Code::kUnauthorized);
  // The right password, while the pair waits: refused unchecked, and the
  // refusals do not lengthen the wait.
  for (int i = 0; i < 5; ++i) {
    auto r = auth_->CheckPassword("alice", "right password", "10.0.0.1");
    EXPECT_EQ(r.status().code(), Code::kTooManyRequests);
    EXPECT_EQ(r.status().retry_after_seconds(), 1);
  }
  clock_.Advance(1000);
  EXPECT_TRUE(auth_->CheckPassword("alice", "right password", "10.0.0.1").ok());
}

TEST_F(AuthServiceTest, AnotherAddressIsNotHeldBackByThisOnesFailures) {
  // An administrator made by the command line (the break-glass account),
  // hammered from one address: signs in at once from another.
  auto root = accounts_->Create({"root", "root@example.com", "Root", kRoleAdmin, "root password"});
  ASSERT_TRUE(root.ok());
  for (int i = 0; i < 7; ++i) {
    if (i) clock_.Advance(8000);  // each wait served
    EXPECT_EQ(Attempt("root", "guess", "203.0.113.9"), Code::kUnauthorized);
  }
  EXPECT_EQ(RetryAfter("root", "203.0.113.9"), 8);
  EXPECT_TRUE(auth_->CheckPassword("root", "root password", "10.1.1.1").ok());
  EXPECT_TRUE(auth_->CheckPassword("root@example.com", "root password", "10.1.1.2").ok());
  EXPECT_GT(RetryAfter("root", "203.0.113.9"), 0)
      << "the other address's success resets nothing here";
}

TEST_F(AuthServiceTest, ASuccessResetsThePair) {
  EXPECT_EQ(Attempt("alice", "wrong", "10.0.0.1"), Code::kUnauthorized);
  EXPECT_EQ(Attempt("alice", "wrong", "10.0.0.1"), Code::kUnauthorized);
  EXPECT_TRUE(auth_->CheckPassword("alice", "right password", "10.0.0.1").ok());
  for (int i = 0; i < 4; ++i) EXPECT_EQ(Attempt("alice", "wrong", "10.0.0.1"), Code::kUnauthorized);
  EXPECT_EQ(RetryAfter("alice", "10.0.0.1"), 1);
}

TEST_F(AuthServiceTest, FailuresByUsernameAndEmailAddUp) {
  EXPECT_EQ(Attempt("alice@example.com", "wrong", "10.0.1.1"), Code::kUnauthorized);
  EXPECT_EQ(Attempt("ALICE@EXAMPLE.COM", "wrong", "10.0.1.1"), Code::kUnauthorized);
  EXPECT_EQ(Attempt("alice", "wrong", "10.0.1.1"), Code::kUnauthorized);
  EXPECT_EQ(Attempt("Alice", "wrong", "10.0.1.1"), Code::kUnauthorized);
  EXPECT_EQ(RetryAfter("alice", "10.0.1.1"), 1);
  EXPECT_EQ(RetryAfter("alice@example.com", "10.0.1.1"), 1);
  EXPECT_EQ(RetryAfter("alice", "10.0.1.2"), 0);
}

TEST_F(AuthServiceTest, OneAddressFailingOnManyAccountsIsStopped) {
  t_.settings().signin_failures_per_address = 5;
  AuthService auth(t_.store(), ids_, t_.settings(), clock_);
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(auth.CheckPassword("user" + std::to_string(i), "wrong", "10.0.0.7").status().code(),
              Code::kUnauthorized);
  auto refused = auth.CheckPassword("alice", "right password", "10.0.0.7");
  EXPECT_EQ(refused.status().code(), Code::kTooManyRequests);
  EXPECT_EQ(refused.status().retry_after_seconds(), 60);
  EXPECT_TRUE(auth.CheckPassword("alice", "right password", "10.0.0.8").ok());
  clock_.Advance(60000);
  EXPECT_TRUE(auth.CheckPassword("alice", "right password", "10.0.0.7").ok());
}

TEST_F(AuthServiceTest, APairIsForgottenAWindowAfterItsLastWait) {
  for (int i = 0; i < 4; ++i) EXPECT_EQ(Attempt("alice", "wrong", "10.0.0.1"), Code::kUnauthorized);
  clock_.Advance(1000 + 60000 - 1);
  EXPECT_EQ(Attempt("alice", "wrong", "10.0.0.1"), Code::kUnauthorized);
  EXPECT_EQ(RetryAfter("alice", "10.0.0.1"), 2) << "still remembered: the wait doubled";
  clock_.Advance(2000 + 60000);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Attempt("alice", "wrong", "10.0.0.1"), Code::kUnauthorized);
  EXPECT_EQ(RetryAfter("alice", "10.0.0.1"), 0) << "forgotten: three free failures again";
}

TEST_F(AuthServiceTest, AnIpv6ClientCountsByItsSlash64) {
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(Attempt("alice", "wrong", "2001:db8:1:2::" + std::to_string(i + 1)),
              Code::kUnauthorized);
  EXPECT_EQ(RetryAfter("alice", "2001:db8:1:2:ffff::9"), 1);
  EXPECT_EQ(RetryAfter("alice", "2001:db8:1:3::1"), 0);
}

TEST_F(AuthServiceTest, AppRegistrationsAreLimitedPerAddressAndHour) {
  const std::vector<std::string> oob = {"urn:ietf:wg:oauth:2.0:oob"};
  // A refused registration (bad input) does not count.
  EXPECT_EQ(auth_->RegisterApp("", oob, "read", "", "10.0.0.5").status().code(),
            Code::kUnprocessable);
  EXPECT_TRUE(auth_->RegisterApp("A", oob, "read", "", "10.0.0.5").ok());
  clock_.Advance(1000);
  EXPECT_TRUE(auth_->RegisterApp("B", oob, "read", "", "10.0.0.5").ok());
  auto refused = auth_->RegisterApp("C", oob, "read", "", "10.0.0.5");
  EXPECT_EQ(refused.status().code(), Code::kTooManyRequests);
  EXPECT_EQ(refused.status().retry_after_seconds(), 3599) << "an hour after the first";
  EXPECT_TRUE(auth_->RegisterApp("C", oob, "read", "", "10.0.0.6").ok()) << "another address";
  EXPECT_TRUE(auth_->RegisterApp("C", oob, "read", "", "").ok()) << "the operator's command";
  clock_.Advance(3600 * 1000 - 1000);
  EXPECT_TRUE(auth_->RegisterApp("C", oob, "read", "", "10.0.0.5").ok()) << "the hour is over";
}

TEST_F(AuthServiceTest, SessionsCarryACsrfTokenAndEnd) {
  auto s = auth_->StartSession(alice_, "test", "10.0.0.1");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->csrf_token, AuthService::CsrfTokenFor(s->token));
  EXPECT_NE(s->csrf_token, AuthService::CsrfTokenFor(RandomToken()));
  auto p = auth_->FromSession(s->token);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->account.id, alice_.id);
  EXPECT_EQ(p->csrf_token, s->csrf_token);
  ASSERT_TRUE(auth_->EndSession(s->token).ok());
  EXPECT_EQ(auth_->FromSession(s->token).status().code(), Code::kUnauthorized);
}

TEST_F(AuthServiceTest, DeactivationCutsSessionsAndTokensAtOnce) {
  auto s = auth_->StartSession(alice_, "test", "10.0.0.1");
  auto app = auth_->RegisterApp("App", {"urn:ietf:wg:oauth:2.0:oob"}, "read write", "");
  ASSERT_TRUE(app.ok());
  auto tok = auth_->IssueToken(app->app, alice_.id, "read");
  ASSERT_TRUE(tok.ok());
  ASSERT_TRUE(auth_->FromBearer(tok->secret).ok());
  ASSERT_TRUE(accounts_->Deactivate(alice_.id).ok());
  EXPECT_EQ(auth_->FromSession(s->token).status().code(), Code::kUnauthorized);
  EXPECT_EQ(auth_->FromBearer(tok->secret).status().code(), Code::kUnauthorized);
  EXPECT_EQ(auth_->CheckPassword("alice", "right password", "10.0.0.1").status().code(),
            Code::kForbidden);
  ASSERT_TRUE(accounts_->Reactivate(alice_.id).ok());
  EXPECT_TRUE(auth_->CheckPassword("alice", "right password", "10.0.0.1").ok());
  EXPECT_EQ(auth_->FromBearer(tok->secret).status().code(), Code::kUnauthorized);  // stays revoked
}

TEST_F(AuthServiceTest, PrincipalsComeFromTheCacheUntilInvalidated) {
  auto app = auth_->RegisterApp("App", {"urn:ietf:wg:oauth:2.0:oob"}, "read", "");
  ASSERT_TRUE(app.ok());
  auto tok = auth_->IssueToken(app->app, alice_.id, "read");
  ASSERT_TRUE(tok.ok());
  ASSERT_TRUE(auth_->FromBearer(tok->secret).ok());
  // Revoked behind the service's back (as another process would): the
  // cached principal still answers, which is why every service that ends
  // access invalidates.
  ASSERT_TRUE(t_.store().auth().RevokeToken(tok->token.id, 1).ok());
  EXPECT_TRUE(auth_->FromBearer(tok->secret).ok());
  principals_.Invalidate(alice_.id);
  EXPECT_EQ(auth_->FromBearer(tok->secret).status().code(), Code::kUnauthorized);
}

TEST_F(AuthServiceTest, RevokingATokenEndsItAtOnce) {
  auto app = auth_->RegisterApp("App", {"urn:ietf:wg:oauth:2.0:oob"}, "read", "");
  ASSERT_TRUE(app.ok());
  auto tok = auth_->IssueToken(app->app, alice_.id, "read");
  auto other = auth_->IssueToken(app->app, alice_.id, "read");
  ASSERT_TRUE(tok.ok() && other.ok());
  ASSERT_TRUE(auth_->FromBearer(tok->secret).ok());
  ASSERT_TRUE(auth_->FromBearer(other->secret).ok());
  ASSERT_TRUE(auth_->Revoke(app->app, tok->secret).ok());
  EXPECT_EQ(auth_->FromBearer(tok->secret).status().code(), Code::kUnauthorized);
  EXPECT_TRUE(auth_->FromBearer(other->secret).ok());
}

TEST_F(AuthServiceTest, ANewRoleCountsAtOnce) {
  auto s = auth_->StartSession(alice_, "test", "10.0.0.1");
  ASSERT_TRUE(s.ok());
  auto before = auth_->FromSession(s->token);
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->account.role, kRoleMember);
  ASSERT_TRUE(accounts_->SetRole(alice_.id, kRoleAdmin).ok());
  auto after = auth_->FromSession(s->token);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->account.role, kRoleAdmin);
}

TEST(PrincipalCacheTest, ALoadOlderThanADropIsNotKept) {
  PrincipalCache cache;
  Principal p;
  p.account.id = 7;
  const uint64_t before = cache.Generation();
  cache.Invalidate(7);  // e.g. a revocation while the principal was being read
  cache.Put("bhash", std::make_shared<const Principal>(p), before);
  EXPECT_FALSE(cache.Find("bhash"));
  cache.Put("bhash", std::make_shared<const Principal>(p), cache.Generation());
  EXPECT_TRUE(cache.Find("bhash"));
  Principal app_only;  // no account: never kept
  cache.Put("bapp", std::make_shared<const Principal>(app_only), cache.Generation());
  EXPECT_FALSE(cache.Find("bapp"));
}

TEST(PrincipalCacheTest, InvalidationReachesOtherNodesAndDropsOnlyThatAccount) {
  PrincipalCache cache;
  std::vector<int64_t> published;
  cache.OnInvalidate([&](int64_t id) { published.push_back(id); });
  Principal a, b;
  a.account.id = 1;
  b.account.id = 2;
  cache.Put("s1", std::make_shared<const Principal>(a), cache.Generation());
  cache.Put("b1", std::make_shared<const Principal>(a), cache.Generation());
  cache.Put("b2", std::make_shared<const Principal>(b), cache.Generation());
  cache.Invalidate(1);
  EXPECT_FALSE(cache.Find("s1"));
  EXPECT_FALSE(cache.Find("b1"));
  EXPECT_TRUE(cache.Find("b2"));
  cache.Drop(2);  // another node's: not published again
  EXPECT_FALSE(cache.Find("b2"));
  cache.Put("b2", std::make_shared<const Principal>(b), cache.Generation());
  cache.InvalidateAll();
  EXPECT_FALSE(cache.Find("b2"));
  EXPECT_EQ(published, (std::vector<int64_t>{1, PrincipalCache::kEveryone}));
}

TEST_F(AuthServiceTest, AuthorizationCodeWithPkce) {
  auto app = auth_->RegisterApp("App", {"https://app.example/cb"}, "read", "");
  ASSERT_TRUE(app.ok());
  const std::string verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  const std::string challenge = Sha256Base64Url(verifier);
  auto code = auth_->IssueCode(app->app, alice_.id, "https://app.example/cb", "read", challenge);
  ASSERT_TRUE(code.ok());
  auto wrong = auth_->ExchangeCode(app->app, *code, "https://app.example/cb", verifier + "x");
  EXPECT_EQ(wrong.status().error(), "invalid_grant");
  // The failed exchange consumed the code: it cannot be retried.
  auto code2 = auth_->IssueCode(app->app, alice_.id, "https://app.example/cb", "read", challenge);
  EXPECT_EQ(
      auth_->ExchangeCode(app->app, *code2, "https://other.example/cb", verifier).status().error(),
      "invalid_grant");
  auto code3 = auth_->IssueCode(app->app, alice_.id, "https://app.example/cb", "read", challenge);
  auto ok = auth_->ExchangeCode(app->app, *code3, "https://app.example/cb", verifier);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->token.account_id, alice_.id);
  EXPECT_TRUE(auth_->FromBearer(ok->secret).ok());
  // Reuse fails and revokes the token issued for the code.
  EXPECT_EQ(
      auth_->ExchangeCode(app->app, *code3, "https://app.example/cb", verifier).status().error(),
      "invalid_grant");
  EXPECT_EQ(auth_->FromBearer(ok->secret).status().code(), Code::kUnauthorized);
}

TEST_F(AuthServiceTest, ClientsAuthenticateWithTheirSecret) {
  auto app = auth_->RegisterApp("App", {"urn:ietf:wg:oauth:2.0:oob"}, "read", "");
  ASSERT_TRUE(app.ok());
  EXPECT_TRUE(auth_->AuthenticateClient(app->app.client_id, app->client_secret).ok());
  EXPECT_EQ(auth_->AuthenticateClient(app->app.client_id, "wrong").status().error(),
            "invalid_client");
  EXPECT_EQ(auth_->AuthenticateClient("nope", app->client_secret).status().error(),
            "invalid_client");
  EXPECT_NE(app->app.client_secret_hash, app->client_secret);  // stored hashed
  EXPECT_EQ(auth_->RegisterApp("", {"urn:ietf:wg:oauth:2.0:oob"}, "read", "").status().code(),
            Code::kUnprocessable);
  EXPECT_EQ(auth_->RegisterApp("A", {"not a uri"}, "read", "").status().code(),
            Code::kUnprocessable);
  EXPECT_EQ(
      auth_->RegisterApp("A", {"urn:ietf:wg:oauth:2.0:oob"}, "read banana", "").status().code(),
      Code::kUnprocessable);
}

// local-sign-in: "admins" keeps passwords for administrators only, refused
// before the password is looked at (a right and a wrong one answer alike);
// "off" refuses everyone.
TEST_F(AuthServiceTest, LocalSignInCanBeForAdministratorsOnlyOrOff) {
  auto root = accounts_->Create({"root", "root@example.com", "Root", kRoleAdmin, "root password"});
  ASSERT_TRUE(root.ok());
  t_.settings().local_sign_in = "admins";
  AuthService admins_only(t_.store(), ids_, t_.settings(), clock_);
  for (const char* password : {"right password", "wrong password"}) {
    auto r = admins_only.CheckPassword("alice", password, "10.0.0.1");
    EXPECT_EQ(r.status().code(), Code::kForbidden) << password;
    EXPECT_EQ(r.status().error(), "Signing in with a password is for administrators only");
  }
  EXPECT_EQ(admins_only.CheckPassword("nobody", "x", "10.0.0.1").status().code(), Code::kForbidden);
  EXPECT_TRUE(admins_only.CheckPassword("root", "root password", "10.0.0.1").ok());
  EXPECT_EQ(admins_only.CheckPassword("root", "wrong", "10.0.0.1").status().code(),
            Code::kUnauthorized);
  // Refusals are not failures: alice is not held back once passwords are on.
  t_.settings().local_sign_in = "off";
  AuthService off(t_.store(), ids_, t_.settings(), clock_);
  EXPECT_EQ(off.CheckPassword("root", "root password", "10.0.0.1").status().code(),
            Code::kForbidden);
  EXPECT_EQ(off.CheckPassword("alice", "right password", "10.0.0.1").status().code(),
            Code::kForbidden);
  EXPECT_TRUE(auth_->CheckPassword("alice", "right password", "10.0.0.1").ok());
}

// Sessions under session-lifetime and session-idle-timeout, on `clock_`.
class SessionTimeTest : public AuthServiceTest {
 protected:
  static constexpr int64_t kMinute = 60 * 1000;
  std::unique_ptr<AuthService> With(int64_t lifetime_ms, int64_t idle_ms, PrincipalCache* cache) {
    t_.settings().session_lifetime_ms = lifetime_ms;
    t_.settings().session_idle_timeout_ms = idle_ms;
    auto auth = std::make_unique<AuthService>(t_.store(), ids_, t_.settings(), clock_);
    auth->UseCache(cache);
    return auth;
  }
  Code Use(AuthService& auth, const std::string& token) {
    return auth.FromSession(token).status().code();
  }
  int64_t RecordedUse(const std::string& token) {
    auto s = t_.store().auth().FindSession(Sha256Hex(token));
    return s.ok() ? s->last_used_at : -1;
  }
};

TEST_F(SessionTimeTest, ASessionEndsItsLifetimeAfterSignInHoweverMuchItIsUsed) {
  auto auth = With(60 * kMinute, 0, &principals_);
  auto s = auth->StartSession(alice_, "test", "10.0.0.1");
  ASSERT_TRUE(s.ok());
  for (int i = 0; i < 59; ++i) {
    EXPECT_EQ(Use(*auth, s->token), Code::kOk) << i << " min";
    clock_.Advance(kMinute);
  }
  clock_.Advance(kMinute - 1);
  EXPECT_EQ(Use(*auth, s->token), Code::kOk) << "1 ms before the hour";
  clock_.Advance(1);
  auto ended = auth->FromSession(s->token);
  EXPECT_EQ(ended.status().code(), Code::kUnauthorized) << "the hour is over (the cache too)";
  EXPECT_EQ(ended.status().error(), "Your session has ended; sign in again");
  // A new sign-in starts a new hour.
  auto again = auth->StartSession(alice_, "test", "10.0.0.1");
  EXPECT_EQ(Use(*auth, again->token), Code::kOk);
}

TEST_F(SessionTimeTest, AnUnusedSessionEndsAfterTheIdleTimeout) {
  auto auth = With(0, 10 * kMinute, &principals_);
  auto s = auth->StartSession(alice_, "test", "10.0.0.1");
  ASSERT_TRUE(s.ok());
  // Used every 9 minutes: it lives on, far past any idle timeout.
  for (int i = 0; i < 10; ++i) {
    clock_.Advance(9 * kMinute);
    EXPECT_EQ(Use(*auth, s->token), Code::kOk) << i;
  }
  clock_.Advance(10 * kMinute);
  EXPECT_EQ(Use(*auth, s->token), Code::kOk) << "exactly the idle timeout";
  clock_.Advance(10 * kMinute + 1);
  EXPECT_EQ(Use(*auth, s->token), Code::kUnauthorized);
  clock_.Advance(1);
  EXPECT_EQ(Use(*auth, s->token), Code::kUnauthorized) << "and it stays ended";
}

TEST_F(SessionTimeTest, UseIsWrittenAtMostOnceAMinute) {
  auto auth = With(0, 10 * kMinute, &principals_);
  auto s = auth->StartSession(alice_, "test", "10.0.0.1");
  const int64_t start = clock_.NowMillis();
  EXPECT_EQ(RecordedUse(s->token), start);
  for (int i = 0; i < 59; ++i) {
    clock_.Advance(1000);
    EXPECT_EQ(Use(*auth, s->token), Code::kOk);
  }
  EXPECT_EQ(RecordedUse(s->token), start) << "59 uses in the first minute: no write";
  clock_.Advance(1000);
  EXPECT_EQ(Use(*auth, s->token), Code::kOk);
  EXPECT_EQ(RecordedUse(s->token), start + kMinute);
  clock_.Advance(30 * 1000);
  EXPECT_EQ(Use(*auth, s->token), Code::kOk);
  EXPECT_EQ(RecordedUse(s->token), start + kMinute);
}

TEST_F(SessionTimeTest, ACheckOnlyIsNotAUse) {
  auto auth = With(0, 10 * kMinute, &principals_);
  auto s = auth->StartSession(alice_, "test", "10.0.0.1");
  // A live stream rechecking its session every few seconds.
  for (int i = 0; i < 60; ++i) {
    clock_.Advance(10 * 1000);
    EXPECT_TRUE(auth->FromSession(s->token, AuthService::SessionUse::kCheckOnly).ok()) << i;
  }
  EXPECT_EQ(RecordedUse(s->token), clock_.NowMillis() - 10 * kMinute);
  clock_.Advance(1);
  EXPECT_EQ(auth->FromSession(s->token, AuthService::SessionUse::kCheckOnly).status().code(),
            Code::kUnauthorized);
}

TEST_F(SessionTimeTest, UseOnAnotherNodeKeepsTheSessionAlive) {
  PrincipalCache other_cache;
  auto node_a = With(0, 10 * kMinute, &principals_);
  auto node_b = With(0, 10 * kMinute, &other_cache);
  auto s = node_a->StartSession(alice_, "test", "10.0.0.1");
  ASSERT_EQ(Use(*node_b, s->token), Code::kOk);  // node b keeps it in its cache
  clock_.Advance(9 * kMinute);
  ASSERT_EQ(Use(*node_a, s->token), Code::kOk);
  clock_.Advance(3 * kMinute);
  // 12 minutes since node b saw it used, 3 since node a did.
  EXPECT_EQ(Use(*node_b, s->token), Code::kOk);
  clock_.Advance(10 * kMinute + 1);
  EXPECT_EQ(Use(*node_a, s->token), Code::kUnauthorized);
  EXPECT_EQ(Use(*node_b, s->token), Code::kUnauthorized);
}

TEST_F(SessionTimeTest, ZeroMeansNoLimit) {
  auto auth = With(0, 0, &principals_);
  auto s = auth->StartSession(alice_, "test", "10.0.0.1");
  clock_.Advance(int64_t{3650} * 24 * 60 * kMinute);
  EXPECT_EQ(Use(*auth, s->token), Code::kOk);
}

TEST_F(SessionTimeTest, TokensAreNotSessions) {
  auto auth = With(kMinute, kMinute, &principals_);
  auto app = auth->RegisterApp("App", {"urn:ietf:wg:oauth:2.0:oob"}, "read", "");
  ASSERT_TRUE(app.ok());
  auto tok = auth->IssueToken(app->app, alice_.id, "read");
  ASSERT_TRUE(tok.ok());
  clock_.Advance(60 * kMinute);
  EXPECT_TRUE(auth->FromBearer(tok->secret).ok());
}

// A directory that knows passwords by login, and counts what it is asked.
class FakeDirectory : public PasswordDirectory {
 public:
  struct Entry {
    std::string password;
    DirectoryPerson person;
  };
  std::map<std::string, Entry> entries;
  bool down = false;
  int asked = 0;

  Result<DirectoryPerson> Verify(const std::string& login, const std::string& password) override {
    ++asked;
    if (down) return Status::Unavailable("the directory cannot be reached");
    auto it = entries.find(login);
    if (it == entries.end()) return Status::Unauthorized("no entry");
    if (it->second.password != password) return Status::Unauthorized("wrong password");
    return it->second.person;
  }
};

class DirectorySignInTest : public AuthServiceTest {
 protected:
  void SetUp() override {
    AuthServiceTest::SetUp();
    auto root = accounts_->Create({"root", "root@example.com", "Root", kRoleAdmin, "root local"});
    ASSERT_TRUE(root.ok());
    directory_.entries["alice"] = {"alice directory", {"alice", ""}};
    directory_.entries["alice@example.com"] = {"alice directory", {"alice", ""}};
    directory_.entries["zed"] = {"zed directory", {"zed", ""}};
  }
  std::unique_ptr<AuthService> With(const std::string& local_sign_in) {
    t_.settings().local_sign_in = local_sign_in;
    auto auth = std::make_unique<AuthService>(t_.store(), ids_, t_.settings(), clock_);
    auth->UseDirectory(&directory_);
    return auth;
  }
  FakeDirectory directory_;
};

TEST_F(DirectorySignInTest, TheDirectoryPasswordSignsInAMemberWhateverLocalSignInSays) {
  for (const char* local : {"on", "admins", "off"}) {
    auto auth = With(local);
    auto signed_in = auth->CheckPassword("alice", "alice directory", "10.0.0.1");
    ASSERT_TRUE(signed_in.ok()) << local << ": " << signed_in.status().ToString();
    EXPECT_EQ(signed_in->id, alice_.id);
    EXPECT_TRUE(auth->CheckPassword("alice@example.com", "alice directory", "10.0.0.1").ok());
    EXPECT_EQ(auth->CheckPassword("alice", "wrong", "10.0.0.1").status().code(),
              Code::kUnauthorized);
  }
  // Nothing of it was kept: Atrium's own password is still alice's old one.
  auto stored = t_.store().accounts().Get(alice_.id);
  EXPECT_TRUE(VerifyPassword("right password", stored->password_hash));
}

TEST_F(DirectorySignInTest, LocalSignInDecidesWhoMayStillUseAtriumsPassword) {
  auto on = With("on");
  EXPECT_TRUE(on->CheckPassword("alice", "right password", "10.0.0.1").ok());
  EXPECT_TRUE(on->CheckPassword("root", "root local", "10.0.0.1").ok());
  auto admins = With("admins");
  EXPECT_EQ(admins->CheckPassword("alice", "right password", "10.0.0.1").status().code(),
            Code::kUnauthorized);
  EXPECT_TRUE(admins->CheckPassword("root", "root local", "10.0.0.1").ok());
  auto off = With("off");
  EXPECT_EQ(off->CheckPassword("root", "root local", "10.0.0.1").status().code(),
            Code::kUnauthorized);
}

TEST_F(DirectorySignInTest, AnEmptyPasswordNeverReachesTheDirectory) {
  directory_.entries["alice"].password = "";
  auto auth = With("off");
  EXPECT_EQ(auth->CheckPassword("alice", "", "10.0.0.1").status().code(), Code::kUnauthorized);
  EXPECT_EQ(directory_.asked, 0);
}

TEST_F(DirectorySignInTest, ThePersonMustBeAnActiveMember) {
  auto auth = With("off");
  EXPECT_EQ(auth->CheckPassword("zed", "zed directory", "10.0.0.1").status().code(),
            Code::kUnauthorized);
  ASSERT_TRUE(accounts_->Deactivate(alice_.id).ok());
  EXPECT_EQ(auth->CheckPassword("alice", "alice directory", "10.0.0.1").status().code(),
            Code::kForbidden);
}

TEST_F(DirectorySignInTest, FailuresAreThrottledAndAnUnreachableDirectoryIsNot) {
  auto auth = With("off");
  directory_.down = true;
  for (int i = 0; i < 10; ++i)
    EXPECT_EQ(auth->CheckPassword("alice", "alice directory", "10.0.0.1").status().code(),
              Code::kUnavailable);
  directory_.down = false;
  EXPECT_TRUE(auth->CheckPassword("alice", "alice directory", "10.0.0.1").ok());
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(auth->CheckPassword("alice", "wrong", "10.0.0.1").status().code(),
              Code::kUnauthorized);
  const int asked = directory_.asked;
  EXPECT_EQ(auth->CheckPassword("alice", "alice directory", "10.0.0.1").status().code(),
            Code::kTooManyRequests);
  EXPECT_EQ(directory_.asked, asked) << "a held-back attempt asks nobody";
  // An administrator's break-glass password works while the directory is down.
  auto admins = With("admins");
  directory_.down = true;
  EXPECT_TRUE(admins->CheckPassword("root", "root local", "10.0.0.1").ok());
}

}  // namespace
}  // namespace atrium
