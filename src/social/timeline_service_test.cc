// TimelineService: the home stream, pushed or rebuilt from the store by the
// same rule, de-duplicated, without muted people.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "social/social_test_fixture.h"
#include "social/tag_service.h"
#include "social/trends_service.h"

namespace atrium {
namespace {

class TimelineServiceTest : public SocialTest {};

TEST_F(TimelineServiceTest, RepliesToStrangersStayOutOfHome) {
  ASSERT_TRUE(relationships_.Follow(P("ben"), P("ann").id, true, false).ok());
  Home("ben");
  auto root = Post("cat", "a question");
  auto to_cat = Post("ann", "@cat an answer", "", root.id);
  auto thread = Post("ann", "my thread");
  auto self_reply = Post("ann", "continued", "", thread.id);
  auto home = Home("ben");
  EXPECT_EQ(std::count(home.begin(), home.end(), to_cat.id), 0);  // ben does not follow cat
  EXPECT_EQ(std::count(home.begin(), home.end(), self_reply.id), 1);
  ASSERT_TRUE(relationships_.Follow(P("ben"), P("cat").id, true, false).ok());
  home = Home("ben");  // rebuilt after the follow, by the same rule
  EXPECT_EQ(std::count(home.begin(), home.end(), to_cat.id), 1);
}

TEST_F(TimelineServiceTest, RebuildMatchesFanOut) {
  ASSERT_TRUE(relationships_.Follow(P("ben"), P("ann").id, true, false).ok());
  ASSERT_TRUE(relationships_.Follow(P("ben"), P("cat").id, true, false).ok());
  Home("ben");
  std::vector<int64_t> expected;
  for (int i = 0; i < 5; ++i) {
    expected.insert(expected.begin(), Post("ann", "a" + std::to_string(i)).id);
    expected.insert(expected.begin(), Post("cat", "c" + std::to_string(i)).id);
    Post("dan", "not followed");
  }
  auto pushed = Home("ben");
  EXPECT_EQ(pushed, expected);
  core_.feeds.Evict(HomeFeedKey(P("ben").id));
  EXPECT_EQ(Home("ben"), pushed);  // cold: rebuilt from the store, same result
}

// The rebuild reads whole only the newest candidates, and more of them
// while too few belong in the feed: a followee's replies to a stranger,
// newer than all their posts, do not cut the feed short.
TEST_F(TimelineServiceTest, RebuildLooksFurtherWhenTheNewestDoNotBelong) {
  auto root = Post("cat", "a question for everyone");
  std::vector<int64_t> posts;
  for (int i = 0; i < 200; ++i) posts.push_back(Post("ann", "post " + std::to_string(i)).id);
  for (int i = 0; i < 450; ++i) Post("ann", "@cat answer " + std::to_string(i), "", root.id);
  ASSERT_TRUE(relationships_.Follow(P("ben"), P("ann").id, true, false).ok());
  core_.feeds.Evict(HomeFeedKey(P("ben").id));
  core_.fanout.Drain();
  std::vector<int64_t> all;
  PageRequest page{0, 0, 0, 40};
  for (int round = 0; round < 20; ++round) {
    auto got = timelines_.Home(V("ben"), page);
    ASSERT_TRUE(got.ok());
    if (got->posts.empty()) break;
    for (const auto& p : got->posts) all.push_back(p.status->id);
    page.max_id = got->last_cursor;
  }
  std::reverse(posts.begin(), posts.end());
  EXPECT_EQ(all, posts);  // every post, newest first, and none of the replies
}

// A cold rebuild decides the home rule from each candidate's routing
// fields (the store's GetRouting) when the post is not cached: the same
// feed as fan-out pushed, every post on the page read whole, and no
// partial record left in the post cache.
TEST_F(TimelineServiceTest, ARebuildWithNothingCachedMatchesFanOutAndShowsPostsWhole) {
  TrendsService trends(core_);
  TagService tags(core_, trends);
  CommunityInput club;
  club.handle = "club";
  club.name = "The club";
  auto made = communities_.Create(P("cat"), club);
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  ASSERT_TRUE(communities_.Join(P("ben"), made->community.id).ok());
  ASSERT_TRUE(relationships_.Follow(P("ben"), P("ann").id, true, false).ok());
  ASSERT_TRUE(tags.Follow(V("ben"), "launch").ok());
  Home("ben");
  std::vector<int64_t> left_out;
  Post("ann", "for everyone");
  Post("ann", "for followers", "private");
  Post("ann", "@ben just us", "direct");
  left_out.push_back(Post("ann", "@cat not ben", "direct").id);
  left_out.push_back(Post("ann", "@dan an answer", "", Post("dan", "a question").id).id);
  auto shared = Post("cat", "shared twice");
  ASSERT_TRUE(posting_.Reblog(P("ann"), shared.id, "").ok());
  Post("dan", "the #launch is on");
  left_out.push_back(Post("dan", "#launch for followers", "private").id);
  PostInput in;
  in.text = "in the club";
  in.community_id = made->community.id;
  ASSERT_TRUE(posting_.Post(P("cat"), in).ok());
  const std::vector<int64_t> pushed = Home("ben");
  ASSERT_EQ(pushed.size(), 6u);

  core_.statuses.Clear();
  core_.feeds.Evict(HomeFeedKey(P("ben").id));
  auto page = timelines_.Home(V("ben"), {0, 0, 0, 40});
  ASSERT_TRUE(page.ok());
  std::vector<int64_t> rebuilt;
  for (const auto& p : page->posts) {
    rebuilt.push_back(p.status->id);
    const StatusRecord& shown = *(p.original ? p.original : p.status);
    EXPECT_FALSE(shown.text.empty()) << shown.id;
    EXPECT_NE(shown.created_at, 0) << shown.id;
  }
  EXPECT_EQ(rebuilt, pushed);
  for (int64_t id : left_out) EXPECT_EQ(core_.statuses.Peek(id), nullptr) << id;
  for (int64_t id : pushed) {
    if (StatusPtr cached = core_.statuses.Peek(id)) {
      EXPECT_NE(cached->created_at, 0) << id;
    }
  }
}

TEST_F(TimelineServiceTest, RepostsAreDeduplicatedInHome) {
  ASSERT_TRUE(relationships_.Follow(P("dan"), P("ann").id, true, false).ok());
  ASSERT_TRUE(relationships_.Follow(P("dan"), P("ben").id, true, false).ok());
  ASSERT_TRUE(relationships_.Follow(P("dan"), P("cat").id, true, false).ok());
  Home("dan");
  auto original = Post("ann", "worth sharing");
  ASSERT_TRUE(posting_.Reblog(P("ben"), original.id, "").ok());
  auto outside = Post("dan", "mine");
  auto stranger = accounts_.Create({"eve", "", "eve", kRoleMember, ""});
  ASSERT_TRUE(stranger.ok());
  PostInput in;
  in.text = "from someone dan does not follow";
  auto unseen = posting_.Post(*stranger, in);
  ASSERT_TRUE(unseen.ok());
  auto r1 = posting_.Reblog(P("ben"), unseen->id, "");
  auto r2 = posting_.Reblog(P("cat"), unseen->id, "");
  ASSERT_TRUE(r1.ok() && r2.ok());
  auto home = Home("dan");
  // The original once (ben's repost of it dropped); the stranger's post once,
  // through ben's repost (cat's second repost dropped).
  EXPECT_EQ(home, (std::vector<int64_t>{r1->id, outside.id, original.id}));
  core_.feeds.Evict(HomeFeedKey(P("dan").id));
  EXPECT_EQ(Home("dan"), home);
}

TEST_F(TimelineServiceTest, MutesHideFromStreamsButNotPermalinks) {
  ASSERT_TRUE(relationships_.Follow(P("ben"), P("ann").id, true, false).ok());
  auto s = Post("ann", "noise");
  ASSERT_TRUE(relationships_.Mute(P("ben"), P("ann").id, true, 0).ok());
  EXPECT_TRUE(Home("ben").empty());
  EXPECT_TRUE(Sees("ben", s.id));
}

}  // namespace
}  // namespace atrium
