#include "api/authenticate.h"

#include <gtest/gtest.h>

#include "api/services.h"
#include "base/crypto.h"
#include "store/test_store.h"

namespace atrium::api {
namespace {

class AuthenticateTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { InitCrypto(); }
  void SetUp() override {
    auto a =
        accounts_.Create({"bob", "bob@example.com", "Bob", kRoleMember, "long enough password"});
    ASSERT_TRUE(a.ok());
    bob_ = *a;
    auto s = auth_.StartSession(bob_, "ua", "127.0.0.1");
    ASSERT_TRUE(s.ok());
    session_ = *s;
  }
  http::Request Req(std::string method, std::string csrf = "") {
    http::Request r;
    r.method = std::move(method);
    r.path = "/x";
    r.headers.emplace_back("Cookie", "other=1; atrium_session=" + session_.token);
    if (!csrf.empty()) r.headers.emplace_back("X-CSRF-Token", csrf);
    return r;
  }

  TestStore t_;
  IdGenerator ids_{0};
  Services services_{t_.settings(), t_.store(), ids_};
  AccountService& accounts_ = services_.accounts;
  AuthService& auth_ = services_.auth;
  ApiContext& ctx_ = services_.context;
  Account bob_;
  AuthService::NewSession session_;
};

TEST_F(AuthenticateTest, SessionReadsNeedNoCsrfToken) {
  auto p = Authenticate(ctx_, Req("GET"), "read:accounts");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ((*p)->account.id, bob_.id);
}

TEST_F(AuthenticateTest, SessionWritesNeedTheRightCsrfToken) {
  EXPECT_EQ(Authenticate(ctx_, Req("POST"), "write").status().code(), Code::kForbidden);
  EXPECT_EQ(Authenticate(ctx_, Req("DELETE", "wrong"), "write").status().code(), Code::kForbidden);
  EXPECT_EQ(Authenticate(ctx_, Req("PUT", AuthService::CsrfTokenFor(RandomToken())), "write")
                .status()
                .code(),
            Code::kForbidden);
  EXPECT_TRUE(Authenticate(ctx_, Req("POST", session_.csrf_token), "write").ok());
}

TEST_F(AuthenticateTest, BearerTokensNeedNoCsrfButNeedTheirScope) {
  auto app = auth_.RegisterApp("App", {"urn:ietf:wg:oauth:2.0:oob"}, "read write", "");
  auto tok = auth_.IssueToken(app->app, bob_.id, "write");
  http::Request r;
  r.method = "POST";
  r.headers.emplace_back("Authorization", "Bearer " + tok->secret);
  EXPECT_TRUE(Authenticate(ctx_, r, "write:statuses").ok());
  auto denied = Authenticate(ctx_, r, "read:accounts");
  EXPECT_EQ(denied.status().code(), Code::kForbidden);
  r.headers.back().second = "Bearer nonsense";
  EXPECT_EQ(Authenticate(ctx_, r, "write").status().code(), Code::kUnauthorized);
}

TEST_F(AuthenticateTest, NoCredentialsIsUnauthorizedWithAChallenge) {
  http::Request r;
  r.method = "GET";
  auto p = Authenticate(ctx_, r, "read");
  ASSERT_EQ(p.status().code(), Code::kUnauthorized);
  http::Response res = ErrorResponse(p.status());
  EXPECT_EQ(res.status, 401);
  EXPECT_FALSE(res.Header("WWW-Authenticate").empty());
}

}  // namespace
}  // namespace atrium::api
