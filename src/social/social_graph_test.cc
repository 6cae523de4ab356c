// SocialGraph: the follower lists fan-out reads, kept right by every follow change.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "social/social_test_fixture.h"

namespace atrium {
namespace {

class SocialGraphTest : public SocialTest {};

TEST_F(SocialGraphTest, FollowerListsForFanOutFollowEveryFollowChange) {
  auto followers = [&](const char* who) {
    auto ids = core_.graph.FollowerIds(P(who).id);
    EXPECT_TRUE(ids.ok());
    std::vector<int64_t> out = ids.ok() ? **ids : std::vector<int64_t>{};
    std::sort(out.begin(), out.end());
    return out;
  };
  auto sorted = [](std::vector<int64_t> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  ASSERT_TRUE(relationships_.Follow(P("ben"), P("ann").id, true, false).ok());
  EXPECT_EQ(followers("ann"), (std::vector<int64_t>{P("ben").id}));  // loaded, now cached

  // A follow: the next post reaches the new follower's warm feed.
  ASSERT_TRUE(relationships_.Follow(P("cat"), P("ann").id, true, false).ok());
  EXPECT_EQ(followers("ann"), sorted({P("ben").id, P("cat").id}));
  EXPECT_TRUE(Home("cat").empty());  // warms cat's feed
  auto s = Post("ann", "to ben and cat");
  EXPECT_EQ(Home("cat"), (std::vector<int64_t>{s.id}));

  // An unfollow, a removal from one's followers, a block.
  ASSERT_TRUE(relationships_.Unfollow(P("ben"), P("ann").id).ok());
  EXPECT_EQ(followers("ann"), (std::vector<int64_t>{P("cat").id}));
  ASSERT_TRUE(relationships_.Follow(P("dan"), P("ann").id, true, false).ok());
  ASSERT_TRUE(relationships_.RemoveFromFollowers(P("ann"), P("dan").id).ok());
  EXPECT_EQ(followers("ann"), (std::vector<int64_t>{P("cat").id}));
  ASSERT_TRUE(relationships_.Block(P("ann"), P("cat").id).ok());
  EXPECT_TRUE(followers("ann").empty());

  // Written behind the services' back (as another node would): unseen until
  // that node's invalidation drops the entry.
  FollowRecord f;
  f.id = ids_.Next();
  f.account_id = P("dan").id;
  f.target_id = P("ann").id;
  f.created_at = NowMillis();
  NotificationRecord note;
  note.id = ids_.Next();
  note.account_id = P("ann").id;
  note.from_account_id = P("dan").id;
  note.type = "follow";
  note.group_key = "follow-test";
  note.created_at = f.created_at;
  ASSERT_TRUE(t_.store().relationships().Follow(f, note).ok());
  EXPECT_TRUE(followers("ann").empty());
  core_.graph.Drop(P("ann").id);
  EXPECT_EQ(followers("ann"), (std::vector<int64_t>{P("dan").id}));
}

}  // namespace
}  // namespace atrium
