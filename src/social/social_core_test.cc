// SocialCore::Visible: the visibility rule as every read path asks it, over
// posts written by PostingService. The rule itself, row by row, is in
// visibility_policy_test.cc.
#include <gtest/gtest.h>

#include "social/social_test_fixture.h"

namespace atrium {
namespace {

class SocialCoreTest : public SocialTest {};

TEST_F(SocialCoreTest, VisibilityFollowsTheOneRule) {
  ASSERT_TRUE(relationships_.Follow(P("ben"), P("ann").id, true, false).ok());
  auto pub = Post("ann", "public");
  auto unl = Post("ann", "unlisted", "unlisted");
  auto priv = Post("ann", "followers only", "private");
  auto dm = Post("ann", "to @cat only", "direct");
  for (const char* who : {"ann", "ben", "cat", "dan"}) {
    EXPECT_TRUE(Sees(who, pub.id)) << who;
    EXPECT_TRUE(Sees(who, unl.id)) << who;
  }
  EXPECT_TRUE(Sees("ann", priv.id));
  EXPECT_TRUE(Sees("ben", priv.id));   // follower
  EXPECT_FALSE(Sees("cat", priv.id));  // neither follower nor mentioned
  EXPECT_TRUE(Sees("cat", dm.id));     // mentioned
  EXPECT_FALSE(Sees("ben", dm.id));    // a follower, but not mentioned
  EXPECT_FALSE(Sees("dan", dm.id));
}

}  // namespace
}  // namespace atrium
