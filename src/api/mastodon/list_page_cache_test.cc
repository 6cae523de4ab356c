// The cached first pages of notifications (v1 and grouped v2) and of a
// reader's likes and bookmarks: served again (the same bytes) while nothing
// on them changed, and never once something did — a new notification, one
// dismissed or cleared, an undone follow, the people and posts on the page,
// the reader's policy, mutes and blocks; a like or bookmark made or undone.
// And the first pages of a person's posts, a community's and a tag's, kept
// the same way while their source's newest ids are unchanged.
#include <gtest/gtest.h>

#include <functional>

#include "api/mastodon/first_page_cache.h"
#include "api/routes.h"
#include "api/services.h"
#include "base/crypto.h"
#include "http/router.h"
#include "store/test_store.h"

namespace atrium::api {
namespace {

class ListPageCacheTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { InitCrypto(); }
  void SetUp() override {
    RegisterNotificationRoutes(router_, ctx_);
    RegisterStatusRoutes(router_, ctx_);
    RegisterAccountRoutes(router_, ctx_);
    RegisterTimelineRoutes(router_, ctx_);
    RegisterCommunityRoutes(router_, ctx_);
    auto app = services_.auth.RegisterApp("App", {"urn:ietf:wg:oauth:2.0:oob"}, "read write", "");
    ASSERT_TRUE(app.ok());
    for (const char* name : {"reader", "fan", "other"}) {
      auto a = services_.accounts.Create(
          {name, std::string(name) + "@example.com", name, kRoleMember, ""});
      ASSERT_TRUE(a.ok()) << a.status().ToString();
      people_[name] = *a;
      auto token = services_.auth.IssueToken(app->app, a->id, "read write");
      ASSERT_TRUE(token.ok());
      tokens_[name] = token->secret;
    }
    mine_ = Post("reader", "Words of the reader");
    Like("fan", mine_.id);
  }

  Account& P(const char* name) { return people_[name]; }
  StatusRecord Post(const char* who, const std::string& text, const std::string& visibility = "",
                    int64_t community_id = 0) {
    PostInput in;
    in.text = text;
    in.visibility = visibility;
    in.community_id = community_id;
    auto s = services_.posting.Post(P(who), in);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    services_.social.fanout.Drain();
    return s.ok() ? *s : StatusRecord{};
  }
  void Like(const char* who, int64_t id) {
    ASSERT_TRUE(services_.posting.Favourite(P(who), id).ok());
    services_.social.fanout.Drain();
  }
  http::Response List(const std::string& path = "/api/v1/notifications",
                      const std::string& query = "limit=20", const char* who = "reader") {
    http::Request r;
    r.method = "GET";
    r.path = path;
    r.query = query;
    r.target = r.path + (query.empty() ? "" : "?" + query);
    r.headers.emplace_back("Authorization", "Bearer " + tokens_[who]);
    http::Response res = router_.Handle(r);
    EXPECT_EQ(res.status, 200) << res.Body();
    return res;
  }
  // Reads the page until it is served from the cache; returns its bytes.
  std::shared_ptr<const std::string> Warm(const std::string& path = "/api/v1/notifications",
                                          const char* who = "reader") {
    std::shared_ptr<const std::string> last;
    for (int i = 0; i < 4; ++i) {
      auto body = List(path, "limit=20", who).shared_body;
      if (body && body == last) return body;
      last = body;
    }
    ADD_FAILURE() << "the page was never served from the cache";
    return last;
  }
  // After `change`, the next page of `path` is made anew and satisfies
  // `check`. (One page is kept per reader: v1 and v2 are checked apart.)
  void ExpectFresh(const std::function<void()>& change,
                   const std::function<void(const std::string&)>& check,
                   const std::string& path = "/api/v1/notifications") {
    auto before = Warm(path);
    change();
    services_.social.fanout.Drain();
    http::Response res = List(path);
    ASSERT_TRUE(res.shared_body);
    EXPECT_NE(res.shared_body, before) << path << ": served the cached page after a change";
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
  StatusRecord mine_;
};

TEST_F(ListPageCacheTest, AnUnchangedPageIsServedAgainByteForByte) {
  auto rendered = List().shared_body;
  auto again = Warm();
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *rendered);
  EXPECT_TRUE(Has(*again, "\"type\":\"favourite\"") && Has(*again, "Words of the reader"));
  EXPECT_GT(services_.notification_pages.BytesForTest(), 0u);
  // v2 is kept apart from v1: the grouped shape, not v1's page.
  auto grouped = Warm("/api/v2/notifications");
  EXPECT_TRUE(Has(*grouped, "\"notification_groups\""));
  EXPECT_FALSE(Has(*again, "\"notification_groups\""));
}

TEST_F(ListPageCacheTest, OtherQueriesAndOtherReadersAreNotServedThePage) {
  auto page = Warm();
  auto none = List("/api/v1/notifications", "types[]=mention").shared_body;
  EXPECT_NE(none, page);
  EXPECT_EQ(*none, "[]");
  EXPECT_EQ(*List("/api/v1/notifications", "limit=20", "other").shared_body, "[]");
}

TEST_F(ListPageCacheTest, ANewNotificationShows) {
  ExpectFresh([&] { Like("other", mine_.id); },
              [&](const std::string& body) { EXPECT_TRUE(Has(body, P("other").username)); });
  StatusRecord another = Post("reader", "More words of the reader");
  ExpectFresh([&] { Like("other", another.id); },
              [&](const std::string& body) { EXPECT_TRUE(Has(body, "More words of the reader")); },
              "/api/v2/notifications");
}

TEST_F(ListPageCacheTest, AChangeBelowAPageLeavesItServed) {
  Like("other", mine_.id);
  auto viewer = services_.social.ViewerFor(P("reader").id);
  ASSERT_TRUE(viewer.ok());
  auto list = services_.notifications.List(*viewer, {}, PageRequest{});
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  // A page of one shows the newest; the older one going changes nothing on it.
  std::shared_ptr<const std::string> page;
  for (int i = 0; i < 4 && !page; ++i) {
    auto a = List("/api/v1/notifications", "limit=1").shared_body;
    if (a == List("/api/v1/notifications", "limit=1").shared_body) page = a;
  }
  ASSERT_TRUE(page) << "the page of one was never served from the cache";
  ASSERT_TRUE(services_.notifications.Dismiss(*viewer, list->back().id).ok());
  EXPECT_EQ(List("/api/v1/notifications", "limit=1").shared_body, page);
}

TEST_F(ListPageCacheTest, DismissedAndClearedNotificationsGo) {
  ExpectFresh(
      [&] {
        auto viewer = services_.social.ViewerFor(P("reader").id);
        ASSERT_TRUE(viewer.ok());
        auto list = services_.notifications.List(*viewer, {}, PageRequest{});
        ASSERT_TRUE(list.ok() && !list->empty());
        ASSERT_TRUE(services_.notifications.Dismiss(*viewer, list->front().id).ok());
      },
      [](const std::string& body) { EXPECT_FALSE(Has(body, "favourite")); });
  Like("other", mine_.id);
  ExpectFresh(
      [&] {
        auto viewer = services_.social.ViewerFor(P("reader").id);
        ASSERT_TRUE(viewer.ok());
        ASSERT_TRUE(services_.notifications.Clear(*viewer).ok());
      },
      [](const std::string& body) { EXPECT_FALSE(Has(body, "favourite")); });
}

TEST_F(ListPageCacheTest, AnUndoneFollowTakesItsNotification) {
  ASSERT_TRUE(services_.relationships.Follow(P("fan"), P("reader").id, true, false).ok());
  services_.social.fanout.Drain();
  ASSERT_TRUE(Has(*Warm(), "\"type\":\"follow\""));
  ExpectFresh([&] { ASSERT_TRUE(services_.relationships.Unfollow(P("fan"), P("reader").id).ok()); },
              [](const std::string& body) { EXPECT_FALSE(Has(body, "\"type\":\"follow\"")); });
}

TEST_F(ListPageCacheTest, TheNotifiersNewNameAndThePostsEditShow) {
  ExpectFresh(
      [&] {
        AccountService::ProfileUpdate u;
        u.display_name = "Renamed Fan";
        ASSERT_TRUE(services_.accounts.UpdateProfile(P("fan").id, u).ok());
      },
      [](const std::string& body) { EXPECT_TRUE(Has(body, "Renamed Fan")); });
  ExpectFresh(
      [&] {
        EditInput e;
        e.text = "Words of the reader, revised";
        ASSERT_TRUE(services_.posting.Edit(P("reader"), mine_.id, e).ok());
      },
      [](const std::string& body) { EXPECT_TRUE(Has(body, "Words of the reader, revised")); });
}

TEST_F(ListPageCacheTest, AMuteOrABlockHidesTheNotification) {
  ExpectFresh(
      [&] { ASSERT_TRUE(services_.relationships.Mute(P("reader"), P("fan").id, true, 0).ok()); },
      [](const std::string& body) { EXPECT_FALSE(Has(body, "favourite")); });
  ExpectFresh([&] { ASSERT_TRUE(services_.relationships.Unmute(P("reader"), P("fan").id).ok()); },
              [](const std::string& body) { EXPECT_TRUE(Has(body, "favourite")); });
  ExpectFresh([&] { ASSERT_TRUE(services_.relationships.Block(P("fan"), P("reader").id).ok()); },
              [](const std::string& body) { EXPECT_FALSE(Has(body, "favourite")); });
}

TEST_F(ListPageCacheTest, APolicyThatFiltersStrangersTakesTheirNotificationsAside) {
  ExpectFresh(
      [&] {
        auto viewer = services_.social.ViewerFor(P("reader").id);
        ASSERT_TRUE(viewer.ok());
        NotificationPolicyChange change;
        change.for_not_following = "filter";
        ASSERT_TRUE(services_.notifications.UpdatePolicy(*viewer, change).ok());
      },
      [](const std::string& body) { EXPECT_FALSE(Has(body, "favourite")); });
  // With a policy that looks at senders, pages are not kept: each read is
  // made anew (a sender's account ages past the new-account rule unseen).
  auto a = List().shared_body;
  auto b = List().shared_body;
  EXPECT_NE(a, b);
  EXPECT_EQ(*a, *b);
}

TEST_F(ListPageCacheTest, LikesAndBookmarksAreServedAgainUntilTheReaderMarksAnother) {
  StatusRecord a = Post("fan", "A post worth liking");
  StatusRecord b = Post("other", "Another one");
  Like("reader", a.id);
  auto likes = Warm("/api/v1/favourites");
  EXPECT_TRUE(Has(*likes, "A post worth liking"));
  EXPECT_GT(services_.mark_pages.BytesForTest(), 0u);
  // The bookmarks are not the likes' page.
  EXPECT_EQ(*List("/api/v1/bookmarks").shared_body, "[]");
  // A like of the reader's: the page is made anew.
  Like("reader", b.id);
  auto more = List("/api/v1/favourites").shared_body;
  EXPECT_NE(more, likes);
  EXPECT_TRUE(Has(*more, "Another one") && Has(*more, "A post worth liking"));
  // Undone.
  likes = Warm("/api/v1/favourites");
  ASSERT_TRUE(services_.posting.Unfavourite(P("reader"), a.id).ok());
  auto fewer = List("/api/v1/favourites").shared_body;
  EXPECT_NE(fewer, likes);
  EXPECT_FALSE(Has(*fewer, "A post worth liking"));
  // A bookmark shows on the bookmarks at once.
  Warm("/api/v1/bookmarks");
  ASSERT_TRUE(services_.posting.Bookmark(P("reader"), a.id).ok());
  EXPECT_TRUE(Has(*List("/api/v1/bookmarks").shared_body, "A post worth liking"));
}

TEST_F(ListPageCacheTest, ALikedPostsEditAndDeletionShow) {
  StatusRecord a = Post("fan", "Liked words");
  Like("reader", a.id);
  auto likes = Warm("/api/v1/favourites");
  EditInput e;
  e.text = "Liked words, revised";
  ASSERT_TRUE(services_.posting.Edit(P("fan"), a.id, e).ok());
  auto edited = List("/api/v1/favourites").shared_body;
  EXPECT_NE(edited, likes);
  EXPECT_TRUE(Has(*edited, "Liked words, revised"));
  Warm("/api/v1/favourites");
  ASSERT_TRUE(services_.posting.Delete(P("fan"), a.id).ok());
  services_.social.fanout.Drain();
  EXPECT_FALSE(Has(*List("/api/v1/favourites").shared_body, "Liked words"));
}

// A person's posts: kept while the author's newest posts are the same.
TEST_F(ListPageCacheTest, AProfileIsServedAgainUntilItsAuthorPostsOrDeletes) {
  const std::string path = "/api/v1/accounts/" + std::to_string(P("fan").id) + "/statuses";
  StatusRecord first = Post("fan", "The first words of the fan");
  auto page = Warm(path);
  EXPECT_TRUE(Has(*page, "The first words of the fan"));
  EXPECT_EQ(*page, *List(path, "limit=20").shared_body);
  EXPECT_GT(services_.stream_pages.BytesForTest(), 0u);
  // A post by someone else leaves it served.
  Post("other", "Words elsewhere");
  EXPECT_EQ(List(path).shared_body, page);
  // The author's new post shows, and so does its deletion.
  StatusRecord second = Post("fan", "The second words of the fan");
  auto more = List(path).shared_body;
  EXPECT_NE(more, page);
  EXPECT_TRUE(Has(*more, "The second words of the fan") &&
              Has(*more, "The first words of the fan"));
  Warm(path);
  ASSERT_TRUE(services_.posting.Delete(P("fan"), second.id).ok());
  services_.social.fanout.Drain();
  EXPECT_FALSE(Has(*List(path).shared_body, "The second words of the fan"));
  // The last post going leaves an empty list, which is kept as well.
  Warm(path);
  ASSERT_TRUE(services_.posting.Delete(P("fan"), first.id).ok());
  services_.social.fanout.Drain();
  EXPECT_EQ(*List(path).shared_body, "[]");
  EXPECT_EQ(*Warm(path), "[]");
  // ...until the author posts again.
  Post("fan", "Back again");
  EXPECT_TRUE(Has(*List(path).shared_body, "Back again"));
}

TEST_F(ListPageCacheTest, AProfilesFollowersOnlyPostsShowOnlyToItsFollowers) {
  const std::string path = "/api/v1/accounts/" + std::to_string(P("fan").id) + "/statuses";
  Post("fan", "For everyone");
  Post("fan", "For my followers", "private");
  // The reader does not follow the fan: the page they keep leaves it out.
  auto page = Warm(path);
  EXPECT_TRUE(Has(*page, "For everyone"));
  EXPECT_FALSE(Has(*page, "For my followers"));
  // Following changes the reader's graph: the page is made anew.
  ExpectFresh(
      [&] {
        ASSERT_TRUE(services_.relationships.Follow(P("reader"), P("fan").id, true, false).ok());
      },
      [](const std::string& body) { EXPECT_TRUE(Has(body, "For my followers")); }, path);
  // Another reader is never served the reader's page.
  EXPECT_FALSE(Has(*List(path, "limit=20", "other").shared_body, "For my followers"));
  // A block either way empties it.
  ExpectFresh([&] { ASSERT_TRUE(services_.relationships.Block(P("fan"), P("reader").id).ok()); },
              [](const std::string& body) { EXPECT_EQ(body, "[]"); }, path);
}

TEST_F(ListPageCacheTest, ACommunitysStreamShowsItsNewPostsAndLosesRemovedOnes) {
  CommunityInput in;
  in.handle = "makers";
  in.name = "The makers";
  auto made = services_.communities.Create(P("fan"), in);
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  const int64_t id = made->community.id;
  ASSERT_TRUE(services_.communities.Join(P("reader"), id).ok());
  const std::string path = "/api/v1/atrium/timelines/community/" + std::to_string(id);
  Post("fan", "First in the community", "", id);
  auto page = Warm(path);
  EXPECT_TRUE(Has(*page, "First in the community"));
  // A post outside the community leaves it served (by someone not on the
  // page: the author's own next post changes their post count, shown).
  Post("other", "Outside the community");
  EXPECT_EQ(List(path).shared_body, page);
  ASSERT_TRUE(services_.communities.Join(P("other"), id).ok());
  StatusRecord next = Post("other", "Next in the community", "", id);
  auto more = List(path).shared_body;
  EXPECT_NE(more, page);
  EXPECT_TRUE(Has(*more, "Next in the community") && Has(*more, "First in the community"));
  Warm(path);
  ASSERT_TRUE(services_.communities.RemoveStatus(P("fan"), id, next.id, "off topic").ok());
  services_.social.fanout.Drain();
  EXPECT_FALSE(Has(*List(path).shared_body, "Next in the community"));
}

TEST_F(ListPageCacheTest, ATagsStreamShowsTheNewestTaggedPosts) {
  const std::string path = "/api/v1/timelines/tag/kudos";
  Post("fan", "Well done #kudos");
  auto page = Warm(path);
  EXPECT_TRUE(Has(*page, "Well done"));
  Post("other", "Untagged words");
  EXPECT_EQ(List(path).shared_body, page);
  ExpectFresh([&] { Post("other", "Thanks to all #kudos"); },
              [](const std::string& body) {
                EXPECT_TRUE(Has(body, "Thanks to all") && Has(body, "Well done"));
              },
              path);
  // Each stream is its own page: the tag's is not the profile's.
  const std::string profile = "/api/v1/accounts/" + std::to_string(P("other").id) + "/statuses";
  EXPECT_TRUE(Has(*List(profile).shared_body, "Untagged words"));
  EXPECT_FALSE(Has(*List(path).shared_body, "Untagged words"));
}

}  // namespace
}  // namespace atrium::api
