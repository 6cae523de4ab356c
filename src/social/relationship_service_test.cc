// RelationshipService: what its changes do to what members may read.
#include <gtest/gtest.h>

#include "social/social_test_fixture.h"

namespace atrium {
namespace {

class RelationshipServiceTest : public SocialTest {};

TEST_F(RelationshipServiceTest, BlocksHideBothWays) {
  auto a = Post("ann", "from ann");
  auto b = Post("ben", "from ben");
  ASSERT_TRUE(relationships_.Block(P("ann"), P("ben").id).ok());
  EXPECT_FALSE(Sees("ben", a.id));
  EXPECT_FALSE(Sees("ann", b.id));
  EXPECT_TRUE(Sees("cat", a.id));
  // A repost by a third person does not carry it across the block.
  auto rb = posting_.Reblog(P("cat"), a.id, "");
  ASSERT_TRUE(rb.ok());
  EXPECT_FALSE(Sees("ben", rb->id));
  ASSERT_TRUE(relationships_.Unblock(P("ann"), P("ben").id).ok());
  EXPECT_TRUE(Sees("ben", a.id));
}

}  // namespace
}  // namespace atrium
