// Walks the whole route table: every route but sign-in, health, OAuth's
// public endpoints and static files refuses a request without credentials,
// and every administration route refuses a member. A route added later is
// walked too, so it cannot ship unprotected.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <utility>

#include "api/routes.h"
#include "api/services.h"
#include "base/crypto.h"
#include "http/router.h"
#include "store/test_store.h"

namespace atrium::api {
namespace {

using Route = std::pair<std::string, std::string>;  // method, pattern

// The routes anyone may call, each for a reason: signing in (and the OAuth
// flow and instance description with which apps sign in), health checks for
// load balancers, and the files a page needs before sign-in.
const std::set<Route>& PublicRoutes() {
  static const std::set<Route> routes = {
      {"POST", "/auth/sign_in"},
      // SAML sign-in: the start, the identity provider's answer, the metadata.
      {"GET", "/auth/saml"},
      {"POST", "/auth/saml/acs"},
      {"GET", "/auth/saml/metadata"},
      {"GET", "/health"},
      {"GET", "/ready"},
      // Prometheus's scrape: it carries the metrics-token (a bearer token
      // that is no member's) or nothing; without the setting it answers 404,
      // with it 401 to anything but that token (never a member's).
      {"GET", "/metrics"},
      {"GET", "/api/v1/streaming/health"},
      // What a Mastodon app reads before it signs in (counts only for members).
      {"GET", "/api/v1/instance"},
      {"GET", "/api/v2/instance"},
      {"GET", "/.well-known/nodeinfo"},
      {"GET", "/nodeinfo/2.0"},
      {"POST", "/api/v1/apps"},
      // Sign-up, which apps offer before signing in: refused to everyone
      // (403), since people come from the directory.
      {"POST", "/api/v1/accounts"},
      {"GET", "/oauth/authorize"},
      {"POST", "/oauth/authorize"},
      {"POST", "/oauth/token"},
      {"POST", "/oauth/revoke"},
      {"GET", "/.well-known/oauth-authorization-server"},
      {"GET", "/avatars/original/missing.png"},
      {"GET", "/headers/original/missing.png"},
      // Sign-in through the organization's identity provider.
      {"GET", "/auth/providers"},
      {"GET", "/auth/oidc"},
      {"GET", "/auth/oidc/callback"},
      {"POST", "/auth/oidc/backchannel-logout"},
      // One-click unsubscribe from mail (RFC 8058): the signed token in the
      // link stands for the member.
      {"GET", "/api/v1/atrium/email/unsubscribe/:token"},
      {"POST", "/api/v1/atrium/email/unsubscribe/:token"},
  };
  return routes;
}

bool IsAdminRoute(const std::string& pattern) {
  return pattern.starts_with("/api/v1/admin/") || pattern.starts_with("/api/v2/admin/") ||
         pattern.starts_with("/api/v1/atrium/admin/");
}

// The pattern with every ":name" segment filled in.
std::string PathOf(const std::string& pattern) {
  std::string out;
  size_t i = 0;
  while (i < pattern.size()) {
    if (pattern[i] == ':') {
      out += "1";
      while (i < pattern.size() && pattern[i] != '/') ++i;
    } else {
      out += pattern[i++];
    }
  }
  return out;
}

class RouteTable : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { InitCrypto(); }
  void SetUp() override {
    RegisterAllRoutes(router_, services_.context);
    auto a = services_.accounts.Create(
        {"mia", "mia@example.com", "Mia", kRoleMember, "long enough password"});
    ASSERT_TRUE(a.ok());
    member_id_ = a->id;
    auto s = services_.auth.StartSession(*a, "ua", "127.0.0.1");
    ASSERT_TRUE(s.ok());
    session_ = *s;
  }
  http::Response Call(const Route& route, bool as_member) {
    return CallPath(route.first, PathOf(route.second), as_member);
  }
  http::Response CallPath(const std::string& method, const std::string& path, bool as_member) {
    http::Request r;
    r.method = method;
    r.path = path;
    r.target = r.path;
    r.remote_addr = "127.0.0.1";
    if (as_member) {
      r.headers.emplace_back("Cookie", "atrium_session=" + session_.token);
      r.headers.emplace_back("X-CSRF-Token", session_.csrf_token);
    }
    return router_.Handle(r);
  }

  // `pattern` with the feed token `token` and the id `id` filled in.
  static std::string FeedPath(const std::string& pattern, const std::string& token, int64_t id) {
    std::string path = pattern;
    path.replace(path.find(":token"), 6, token);
    path.replace(path.find(":id"), 3, std::to_string(id));
    return path;
  }

  int64_t member_id_ = 0;
  TestStore t_;
  IdGenerator ids_{0};
  Services services_{t_.settings(), t_.store(), ids_};
  http::Router router_;
  AuthService::NewSession session_;
};

TEST_F(RouteTable, EveryRouteButThePublicOnesNeedsAMember) {
  const auto& routes = router_.Routes();
  ASSERT_GT(routes.size(), 100u);
  std::set<Route> seen;
  for (const auto& r : routes) {
    Route route{r.method, r.pattern};
    seen.insert(route);
    if (PublicRoutes().contains(route)) continue;
    http::Response res = Call(route, false);
    EXPECT_EQ(res.status, 401) << route.first << " " << route.second << " answered " << res.status
                               << " without credentials: " << res.body;
  }
  // Every public route named above exists: the list holds no stale entry.
  for (const auto& route : PublicRoutes())
    EXPECT_TRUE(seen.contains(route)) << route.first << " " << route.second;
}

// The feed routes are not public: the feed token in their path is the
// member's credential (feed readers send no cookie). A missing, unknown or
// revoked token gets 401 — a member's session does not stand in for it —
// and only a live token opens the feed.
TEST_F(RouteTable, FeedRoutesNeedALiveFeedToken) {
  auto issued = services_.blog_feeds.IssueToken(member_id_);
  ASSERT_TRUE(issued.ok());
  const std::string live = issued->secret;
  auto revoked = services_.blog_feeds.IssueToken(member_id_);  // replaces `live`...
  ASSERT_TRUE(revoked.ok());
  ASSERT_TRUE(services_.blog_feeds.RevokeToken(member_id_).ok());  // ...and is revoked
  auto current = services_.blog_feeds.IssueToken(member_id_);
  ASSERT_TRUE(current.ok());

  int feed_routes = 0;
  for (const auto& r : router_.Routes()) {
    if (!r.pattern.starts_with("/api/v1/atrium/feeds/")) continue;
    ++feed_routes;
    EXPECT_EQ(r.method, "GET") << r.pattern;
    for (const std::string& bad : {std::string("1"), live, revoked->secret, session_.token}) {
      for (bool as_member : {false, true}) {
        http::Response res = CallPath(r.method, FeedPath(r.pattern, bad, member_id_), as_member);
        EXPECT_EQ(res.status, 401) << r.pattern << " with token " << bad
                                   << (as_member ? " and a session" : "") << ": " << res.body;
      }
    }
    // A live token opens the feed (a member's feed; a community that does
    // not exist is 404, not 401).
    http::Response res =
        CallPath(r.method, FeedPath(r.pattern, current->secret, member_id_), false);
    if (r.pattern.find("/accounts/") != std::string::npos)
      EXPECT_EQ(res.status, 200) << r.pattern << ": " << res.body;
    else
      EXPECT_EQ(res.status, 404) << r.pattern << ": " << res.body;
  }
  EXPECT_EQ(feed_routes, 2);
}

TEST_F(RouteTable, EveryAdministrationRouteRefusesAMember) {
  int admin_routes = 0;
  for (const auto& r : router_.Routes()) {
    Route route{r.method, r.pattern};
    if (route.second.starts_with("/scim/v2")) {
      // SCIM takes provisioning tokens only, never a member's credentials.
      EXPECT_EQ(Call(route, true).status, 401) << route.first << " " << route.second;
      continue;
    }
    if (!IsAdminRoute(route.second)) continue;
    ++admin_routes;
    http::Response res = Call(route, true);
    EXPECT_EQ(res.status, 403) << route.first << " " << route.second << " answered " << res.status
                               << " to a member: " << res.body;
  }
  EXPECT_GT(admin_routes, 5);
}

}  // namespace
}  // namespace atrium::api
