// The home stream's cached first pages: served again (the same bytes, not
// rendered anew) while nothing on them changed, and never once something
// did — by the reader, by the people on the page, or by the organization.
#include "api/mastodon/first_page_cache.h"

#include <gtest/gtest.h>

#include <functional>

#include "api/routes.h"
#include "api/services.h"
#include "base/crypto.h"
#include "http/router.h"
#include "store/test_store.h"

namespace atrium::api {
namespace {

class FirstPageCacheTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { InitCrypto(); }
  void SetUp() override {
    RegisterTimelineRoutes(router_, ctx_);
    auto app = services_.auth.RegisterApp("App", {"urn:ietf:wg:oauth:2.0:oob"}, "read write", "");
    ASSERT_TRUE(app.ok());
    for (const char* name : {"reader", "author", "other"}) {
      auto a = services_.accounts.Create(
          {name, std::string(name) + "@example.com", name, kRoleMember, ""});
      ASSERT_TRUE(a.ok()) << a.status().ToString();
      people_[name] = *a;
      auto token = services_.auth.IssueToken(app->app, a->id, "read write");
      ASSERT_TRUE(token.ok());
      tokens_[name] = token->secret;
    }
    ASSERT_TRUE(services_.relationships.Follow(P("reader"), P("author").id, true, false).ok());
    first_ = Post("author", "First post");
    second_ = Post("author", "Second post");
  }

  Account& P(const char* name) { return people_[name]; }
  StatusRecord Post(const char* who, const std::string& text, int64_t quote = 0,
                    int64_t community = 0) {
    PostInput in;
    in.text = text;
    in.quoted_status_id = quote;
    in.community_id = community;
    auto s = services_.posting.Post(P(who), in);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    services_.social.fanout.Drain();
    return s.ok() ? *s : StatusRecord{};
  }
  http::Response Home(const char* who = "reader", const std::string& query = "limit=20") {
    http::Request r;
    r.method = "GET";
    r.path = "/api/v1/timelines/home";
    r.query = query;
    r.target = r.path + (query.empty() ? "" : "?" + query);
    r.headers.emplace_back("Authorization", "Bearer " + tokens_[who]);
    http::Response res = router_.Handle(r);
    EXPECT_EQ(res.status, 200) << res.Body();
    return res;
  }
  // Reads the page until it is served from the cache; returns its bytes.
  std::shared_ptr<const std::string> Warm(const std::string& query = "limit=20") {
    std::shared_ptr<const std::string> last;
    for (int i = 0; i < 4; ++i) {
      auto body = Home("reader", query).shared_body;
      if (body && body == last) return body;
      last = body;
    }
    ADD_FAILURE() << "the page was never served from the cache";
    return last;
  }
  // After `change`, the next page is rendered anew and satisfies `check`.
  void ExpectFresh(const std::function<void()>& change,
                   const std::function<void(const std::string&)>& check) {
    auto before = Warm();
    change();
    services_.social.fanout.Drain();
    http::Response res = Home();
    ASSERT_TRUE(res.shared_body);
    EXPECT_NE(res.shared_body, before) << "served the cached page after a change";
    check(*res.shared_body);
  }
  static bool Has(const std::string& body, const std::string& part) {
    return body.find(part) != std::string::npos;
  }

  TestStore t_;
  IdGenerator ids_{0};
  Services services_{t_.settings(), t_.store(), ids_};
  ApiContext& ctx_ = services_.context;
  http::Router router_;
  std::map<std::string, Account> people_;
  std::map<std::string, std::string> tokens_;
  StatusRecord first_, second_;
};

TEST_F(FirstPageCacheTest, AnUnchangedPageIsServedAgainByteForByte) {
  auto rendered = Home().shared_body;
  auto again = Warm();
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *rendered);
  EXPECT_TRUE(Has(*again, "Second post") && Has(*again, "First post"));
  EXPECT_GT(services_.home_pages.BytesForTest(), 0u);
  // The Link header comes back with it.
  http::Response res = Home();
  EXPECT_EQ(res.shared_body, again);
  EXPECT_NE(res.Header("Link").find("max_id=" + std::to_string(first_.id)), std::string::npos);
}

TEST_F(FirstPageCacheTest, OtherQueriesAndOtherReadersAreNotServedThePage) {
  auto page = Warm();
  auto two = Home("reader", "limit=1").shared_body;
  EXPECT_NE(two, page);
  EXPECT_FALSE(Has(*two, "First post"));
  EXPECT_TRUE(Has(*two, "Second post"));
  // A cursor is never answered from the cache.
  auto older = Home("reader", "max_id=" + std::to_string(second_.id)).shared_body;
  EXPECT_FALSE(Has(*older, "Second post"));
  EXPECT_TRUE(Has(*older, "First post"));
  // Someone who does not follow the author sees neither of the posts.
  EXPECT_EQ(*Home("other").shared_body, "[]");
}

TEST_F(FirstPageCacheTest, AChangeElsewhereLeavesThePageServed) {
  auto page = Warm();
  // Changes to posts and people not on the page: the caches count them, the
  // page's own snapshots are checked and found current.
  StatusRecord elsewhere = Post("other", "Not in the reader's stream");
  ASSERT_TRUE(services_.posting.Favourite(P("author"), elsewhere.id).ok());
  AccountService::ProfileUpdate u;
  u.display_name = "Someone Else";
  ASSERT_TRUE(services_.accounts.UpdateProfile(P("other").id, u).ok());
  EXPECT_EQ(Home().shared_body, page);
}

TEST_F(FirstPageCacheTest, SomeoneElsesLikeChangesTheCount) {
  ExpectFresh([&] { ASSERT_TRUE(services_.posting.Favourite(P("other"), first_.id).ok()); },
              [](const std::string& body) { EXPECT_TRUE(Has(body, "\"favourites_count\":1")); });
}

TEST_F(FirstPageCacheTest, TheReadersOwnMarksShowAtOnce) {
  ExpectFresh([&] { ASSERT_TRUE(services_.posting.Bookmark(P("reader"), first_.id).ok()); },
              [](const std::string& body) { EXPECT_TRUE(Has(body, "\"bookmarked\":true")); });
  ExpectFresh([&] { ASSERT_TRUE(services_.posting.Favourite(P("reader"), second_.id).ok()); },
              [](const std::string& body) { EXPECT_TRUE(Has(body, "\"favourited\":true")); });
}

TEST_F(FirstPageCacheTest, TheAuthorsNewNameShows) {
  ExpectFresh(
      [&] {
        AccountService::ProfileUpdate u;
        u.display_name = "Renamed Author";
        ASSERT_TRUE(services_.accounts.UpdateProfile(P("author").id, u).ok());
      },
      [](const std::string& body) { EXPECT_TRUE(Has(body, "Renamed Author")); });
}

TEST_F(FirstPageCacheTest, NewEditedAndDeletedPostsShow) {
  ExpectFresh([&] { Post("author", "Third post"); },
              [](const std::string& body) { EXPECT_TRUE(Has(body, "Third post")); });
  ExpectFresh(
      [&] {
        EditInput e;
        e.text = "Second post, corrected";
        ASSERT_TRUE(services_.posting.Edit(P("author"), second_.id, e).ok());
      },
      [](const std::string& body) { EXPECT_TRUE(Has(body, "Second post, corrected")); });
  ExpectFresh([&] { ASSERT_TRUE(services_.posting.Delete(P("author"), first_.id).ok()); },
              [](const std::string& body) { EXPECT_FALSE(Has(body, "First post")); });
}

TEST_F(FirstPageCacheTest, AMuteOrABlockHidesThePosts) {
  ExpectFresh(
      [&] {
        ASSERT_TRUE(services_.relationships.Mute(P("reader"), P("author").id, false, 0).ok());
      },
      [](const std::string& body) { EXPECT_EQ(body, "[]"); });
  ExpectFresh(
      [&] { ASSERT_TRUE(services_.relationships.Unmute(P("reader"), P("author").id).ok()); },
      [](const std::string& body) { EXPECT_TRUE(Has(body, "First post")); });
  ExpectFresh([&] { ASSERT_TRUE(services_.relationships.Block(P("author"), P("reader").id).ok()); },
              [](const std::string& body) { EXPECT_FALSE(Has(body, "First post")); });
}

TEST_F(FirstPageCacheTest, AQuotedPostsEditShows) {
  StatusRecord quoted = Post("other", "Quoted words");
  Post("author", "Look at this", quoted.id);
  ExpectFresh(
      [&] {
        EditInput e;
        e.text = "Quoted words, revised";
        ASSERT_TRUE(services_.posting.Edit(P("other"), quoted.id, e).ok());
      },
      [](const std::string& body) { EXPECT_TRUE(Has(body, "Quoted words, revised")); });
}

TEST_F(FirstPageCacheTest, ACommunitysNewNameAndALeavingShow) {
  CommunityInput in;
  in.handle = "guild";
  in.name = "Guild";
  in.type = "restricted";
  auto guild = services_.communities.Create(P("author"), in);
  ASSERT_TRUE(guild.ok()) << guild.status().ToString();
  const int64_t id = guild->community.id;
  ASSERT_TRUE(services_.communities.Invite(P("author"), id, P("reader").id).ok());
  ASSERT_TRUE(services_.communities.Join(P("reader"), id).ok());
  Post("author", "Members only", 0, id);
  ASSERT_TRUE(Has(*Warm(), "Members only"));
  ExpectFresh(
      [&] {
        CommunityInput rename;
        rename.name = "Renamed Guild";
        ASSERT_TRUE(services_.communities.Update(P("author"), id, rename).ok());
      },
      [](const std::string& body) { EXPECT_TRUE(Has(body, "Renamed Guild")); });
  ExpectFresh([&] { ASSERT_TRUE(services_.communities.Leave(P("reader"), id).ok()); },
              [](const std::string& body) { EXPECT_FALSE(Has(body, "Members only")); });
}

TEST_F(FirstPageCacheTest, NothingIsKeptWhenDisabled) {
  FirstPageCache off(services_.social, 0, "home_page");
  EXPECT_FALSE(off.enabled());
  auto viewer = services_.social.ViewerFor(P("reader").id);
  ASSERT_TRUE(viewer.ok());
  FirstPageInputs inputs;
  EXPECT_FALSE(off.ReadInputs(*viewer, &inputs));
}

}  // namespace
}  // namespace atrium::api
