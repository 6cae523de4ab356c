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

// ann reports to ben, who reports to cat; dan is outside the chain.
class FollowApprovalTest : public RelationshipServiceTest {
 protected:
  void SetUp() override {
    RelationshipServiceTest::SetUp();
    SetManager("ann", "ben");
    SetManager("ben", "cat");
  }
  void SetManager(const char* who, const char* manager) {
    P(who).manager_id = P(manager).id;
    ASSERT_TRUE(t_.store().accounts().Update(P(who)).ok());
  }
  void SetApproval(FollowApproval approval) {
    AccountService::ProfileUpdate u;
    u.follow_approval = approval;
    auto a = accounts_.UpdateProfile(P("ann").id, u);
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    core_.accounts.Invalidate(a->id);
    P("ann") = *a;
    ASSERT_TRUE(relationships_.SettleFollowRequests(*a).ok());
  }
  // "following", "requested" or "none": `who`'s follow of ann.
  std::string FollowOfAnn(const char* who) {
    auto r = relationships_.Relationship(P(who), P("ann").id);
    EXPECT_TRUE(r.ok());
    return r->following ? "following" : r->requested ? "requested" : "none";
  }
  void FollowAnn(const char* who) {
    ASSERT_TRUE(relationships_.Follow(P(who), P("ann").id, true, false).ok());
  }
};

TEST_F(FollowApprovalTest, ManagementChainAsksTheChainOnly) {
  SetApproval(FollowApproval::kManagementChain);
  EXPECT_FALSE(P("ann").locked);
  EXPECT_EQ(FollowApprovalOf(P("ann")), FollowApproval::kManagementChain);
  for (const char* who : {"ben", "cat", "dan"}) FollowAnn(who);
  EXPECT_EQ(FollowOfAnn("ben"), "requested");  // her manager
  EXPECT_EQ(FollowOfAnn("cat"), "requested");  // her manager's manager
  EXPECT_EQ(FollowOfAnn("dan"), "following");
  auto count = relationships_.CountFollowRequests(P("ann").id);
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 2);
}

TEST_F(FollowApprovalTest, ChangingTheSettingSettlesPendingRequests) {
  SetApproval(FollowApproval::kEveryone);
  for (const char* who : {"ben", "dan"}) FollowAnn(who);
  EXPECT_EQ(FollowOfAnn("ben"), "requested");
  EXPECT_EQ(FollowOfAnn("dan"), "requested");
  SetApproval(FollowApproval::kManagementChain);  // dan is no longer asked about
  EXPECT_EQ(FollowOfAnn("ben"), "requested");
  EXPECT_EQ(FollowOfAnn("dan"), "following");
  SetApproval(FollowApproval::kOff);  // nobody is
  EXPECT_EQ(FollowOfAnn("ben"), "following");
}

TEST_F(FollowApprovalTest, MastodonsLockedSwitchAgreesWithTheSetting) {
  AccountService::ProfileUpdate u;
  u.locked = true;
  u.follow_approval = FollowApproval::kOff;
  EXPECT_EQ(accounts_.UpdateProfile(P("ann").id, u).status().code(), Code::kUnprocessable);
  SetApproval(FollowApproval::kManagementChain);
  u = {};
  u.locked = false;  // an app sending the whole form back
  auto a = accounts_.UpdateProfile(P("ann").id, u);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(FollowApprovalOf(*a), FollowApproval::kManagementChain);
  u.locked = true;
  a = accounts_.UpdateProfile(P("ann").id, u);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(FollowApprovalOf(*a), FollowApproval::kEveryone);
  u.locked = false;
  a = accounts_.UpdateProfile(P("ann").id, u);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(FollowApprovalOf(*a), FollowApproval::kOff);
}

TEST(FollowApprovalNames, RoundTrip) {
  for (FollowApproval a :
       {FollowApproval::kOff, FollowApproval::kEveryone, FollowApproval::kManagementChain})
    EXPECT_EQ(ParseFollowApproval(FollowApprovalName(a)), a);
  EXPECT_EQ(ParseFollowApproval("locked"), std::nullopt);
  EXPECT_EQ(ParseFollowApproval("Everyone"), std::nullopt);
  EXPECT_EQ(ParseFollowApproval(""), std::nullopt);
}

}  // namespace
}  // namespace atrium
