// FanOutService: delivering a new post to warm home feeds and live streams.
#include <gtest/gtest.h>

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "social/social_test_fixture.h"
#include "social/tag_service.h"
#include "social/trends_service.h"

namespace atrium {
namespace {

class FanOutServiceTest : public SocialTest {};

TEST_F(FanOutServiceTest, FanOutDeliversToWarmFollowerFeeds) {
  ASSERT_TRUE(relationships_.Follow(P("ben"), P("ann").id, true, false).ok());
  EXPECT_TRUE(Home("ben").empty());  // warms ben's feed
  auto s = Post("ann", "hello followers");
  EXPECT_EQ(Home("ben"), (std::vector<int64_t>{s.id}));
  EXPECT_EQ(Home("ann"), (std::vector<int64_t>{s.id}));  // the author's own
  EXPECT_TRUE(Home("cat").empty());                      // not a follower
}

TEST_F(FanOutServiceTest, FanOutSkipsColdFeedsYetLiveStreamsAndRebuildsGetThePost) {
  ASSERT_TRUE(relationships_.Follow(P("ben"), P("ann").id, true, false).ok());
  ASSERT_TRUE(relationships_.Follow(P("cat"), P("ann").id, true, false).ok());
  // ben: cold feed, a live stream open; cat: cold feed, no stream.
  std::vector<int64_t> ben_events;
  std::mutex mu;
  uint64_t token = core_.events.Subscribe([&](const std::string&, const Event& e) {
    std::lock_guard lock(mu);
    if (e.name == "update") ben_events.push_back(e.status_id);
  });
  core_.events.AddKey(token, "user:" + std::to_string(P("ben").id));
  auto s = Post("ann", "to followers, warm or not");
  core_.fanout.Drain();
  {
    std::lock_guard lock(mu);
    EXPECT_EQ(ben_events, (std::vector<int64_t>{s.id}));
  }
  core_.events.Unsubscribe(token);
  auto cat_warm = core_.feeds.IsWarm(HomeFeedKey(P("cat").id));
  ASSERT_TRUE(cat_warm.ok());
  EXPECT_FALSE(*cat_warm);
  EXPECT_EQ(Home("cat"), (std::vector<int64_t>{s.id}));  // rebuilt from the store
  EXPECT_EQ(Home("ben"), (std::vector<int64_t>{s.id}));
  auto next = Post("ann", "now both are warm");
  EXPECT_EQ(Home("cat"), (std::vector<int64_t>{next.id, s.id}));  // pushed
}

TEST_F(FanOutServiceTest, FollowedTagsBringPublicPostsHomeWarmOrRebuilt) {
  TrendsService trends(core_);
  TagService tags(core_, trends);
  EXPECT_TRUE(Home("ben").empty());  // warm: delivery is the fan-out's
  ASSERT_TRUE(tags.Follow(V("ben"), "#Launch").ok());
  EXPECT_TRUE(Home("ben").empty());
  auto tagged = Post("ann", "the #launch is on");
  auto untagged = Post("ann", "no tag here");
  auto followers_only = Post("ann", "#launch for followers", "private");
  auto direct = Post("ann", "#launch @cat", "direct");
  EXPECT_EQ(Home("ben"), (std::vector<int64_t>{tagged.id}));
  // cat follows the tag later: the rebuild finds the same post
  ASSERT_TRUE(tags.Follow(V("cat"), "launch").ok());
  EXPECT_EQ(Home("cat"), (std::vector<int64_t>{tagged.id}));
  ASSERT_TRUE(tags.Unfollow(V("ben"), "LAUNCH").ok());
  EXPECT_TRUE(Home("ben").empty());
  (void)untagged;
  (void)followers_only;
  (void)direct;
}

}  // namespace
}  // namespace atrium
