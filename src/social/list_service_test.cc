// ListService over a real embedded store: who owns a list, what a list may
// be called, who can be in it, and that a change reaches the owner's graph
// entry (exclusive lists keep their members out of the home stream).
#include "social/list_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>

#include "base/crypto.h"
#include "social/account_service.h"
#include "social/relationship_service.h"
#include "store/test_store.h"

namespace atrium {
namespace {

class ListServiceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { InitCrypto(); }
  void SetUp() override {
    for (const char* name : {"ann", "ben", "cat"}) {
      auto a = accounts_.Create({name, std::string(name) + "@example.com", name, kRoleMember, ""});
      ASSERT_TRUE(a.ok()) << a.status().ToString();
      people_[name] = *a;
    }
    ASSERT_TRUE(relationships_.Follow(P("ann"), P("ben").id, true, false).ok());
    ASSERT_TRUE(relationships_.Follow(P("ann"), P("cat").id, true, false).ok());
  }
  Account& P(const char* name) { return people_[name]; }
  Viewer V(const char* name) {
    auto v = core_.ViewerFor(P(name).id);
    EXPECT_TRUE(v.ok());
    return *v;
  }
  ListRecord Made(const std::string& title) {
    ListSettings s;
    s.title = title;
    auto l = lists_.Create(P("ann").id, s);
    EXPECT_TRUE(l.ok()) << l.status().ToString();
    return l.ok() ? *l : ListRecord{};
  }

  TestStore t_;
  IdGenerator ids_{0};
  AccountService accounts_{t_.store(), ids_};
  SocialCore core_{t_.store(), ids_, t_.settings()};
  RelationshipService relationships_{core_};
  ListService lists_{core_};
  std::map<std::string, Account> people_;
};

TEST_F(ListServiceTest, CreateChecksTheTitleAndPolicyAndKeepsDefaults) {
  ListSettings none;
  auto blank = lists_.Create(P("ann").id, none);
  EXPECT_EQ(blank.status().code(), Code::kUnprocessable);
  EXPECT_EQ(blank.status().error(), "Validation failed: Title can't be blank");

  ListSettings too_long;
  too_long.title = std::string(201, 'x');
  auto long_title = lists_.Create(P("ann").id, too_long);
  EXPECT_EQ(long_title.status().error(), "Validation failed: Title must be 1 to 200 characters");

  ListSettings bad_policy;
  bad_policy.title = "Team";
  bad_policy.replies_policy = "everyone";
  EXPECT_EQ(lists_.Create(P("ann").id, bad_policy).status().error(),
            "Validation failed: replies_policy must be followed, list or none");

  ListRecord l = Made(std::string(200, 'y'));  // 200 is allowed
  EXPECT_NE(l.id, 0);
  EXPECT_EQ(l.account_id, P("ann").id);
  EXPECT_EQ(l.replies_policy, "list");
  EXPECT_FALSE(l.exclusive);
  auto mine = lists_.Of(P("ann").id);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ(mine->front().id, l.id);
  EXPECT_TRUE(lists_.Of(P("ben").id)->empty());
}

TEST_F(ListServiceTest, OnlyTheOwnerGetsTheList) {
  ListRecord l = Made("Team");
  auto own = lists_.Get(P("ann").id, l.id);
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(own->title, "Team");
  EXPECT_EQ(lists_.Get(P("ben").id, l.id).status().code(), Code::kNotFound);
  EXPECT_EQ(lists_.Get(P("ann").id, l.id + 1).status().code(), Code::kNotFound);
}

TEST_F(ListServiceTest, UpdateChangesOnlyWhatIsGivenAndDeleteRemoves) {
  ListRecord l = Made("Team");
  ListSettings s;
  s.replies_policy = "followed";
  s.exclusive = true;
  auto updated = lists_.Update(l, s);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->title, "Team");
  EXPECT_EQ(updated->replies_policy, "followed");
  EXPECT_TRUE(updated->exclusive);
  auto stored = lists_.Get(P("ann").id, l.id);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->replies_policy, "followed");
  EXPECT_TRUE(stored->exclusive);

  ListSettings empty_title;
  empty_title.title = "";
  EXPECT_EQ(lists_.Update(*stored, empty_title).status().code(), Code::kUnprocessable);

  ASSERT_TRUE(lists_.Delete(*stored).ok());
  EXPECT_EQ(lists_.Get(P("ann").id, l.id).status().code(), Code::kNotFound);
}

TEST_F(ListServiceTest, MembersAreFollowedPeopleOnce) {
  ListRecord l = Made("Team");
  auto none = lists_.AddMembers(V("ann"), l, {});
  EXPECT_EQ(none.error(), "Validation failed: account_ids is required");
  // Nobody else if one of them is not followed.
  Account dan = *accounts_.Create({"dan", "dan@example.com", "dan", kRoleMember, ""});
  EXPECT_EQ(lists_.AddMembers(V("ann"), l, {P("ben").id, dan.id}).code(), Code::kNotFound);
  EXPECT_TRUE(lists_.Members(l)->empty());

  ASSERT_TRUE(lists_.AddMembers(V("ann"), l, {P("ben").id}).ok());
  auto again = lists_.AddMembers(V("ann"), l, {P("cat").id, P("ben").id});
  EXPECT_EQ(again.error(), "Validation failed: Account has already been taken");
  ASSERT_TRUE(lists_.AddMembers(V("ann"), l, {P("cat").id}).ok());
  auto members = lists_.Members(l);
  ASSERT_TRUE(members.ok());
  std::sort(members->begin(), members->end());
  EXPECT_EQ(*members, (std::vector<int64_t>{P("ben").id, P("cat").id}));

  auto containing = lists_.Containing(P("ann").id, P("cat").id);
  ASSERT_TRUE(containing.ok());
  ASSERT_EQ(containing->size(), 1u);
  EXPECT_EQ(containing->front().id, l.id);
  EXPECT_TRUE(lists_.Containing(P("ben").id, P("cat").id)->empty());

  ASSERT_TRUE(lists_.RemoveMembers(l, {P("ben").id}).ok());
  EXPECT_EQ(*lists_.Members(l), (std::vector<int64_t>{P("cat").id}));
}

TEST_F(ListServiceTest, ChangesReachTheOwnersGraphEntry) {
  ListRecord l = Made("Close");
  ASSERT_TRUE(lists_.AddMembers(V("ann"), l, {P("ben").id}).ok());
  EXPECT_FALSE(V("ann").graph->ListsExclusively(P("ben").id));  // not exclusive yet

  ListSettings exclusive;
  exclusive.exclusive = true;
  auto updated = lists_.Update(l, exclusive);
  ASSERT_TRUE(updated.ok());
  EXPECT_TRUE(V("ann").graph->ListsExclusively(P("ben").id));

  ASSERT_TRUE(lists_.AddMembers(V("ann"), *updated, {P("cat").id}).ok());
  EXPECT_TRUE(V("ann").graph->ListsExclusively(P("cat").id));

  ASSERT_TRUE(lists_.RemoveMembers(*updated, {P("ben").id}).ok());
  EXPECT_FALSE(V("ann").graph->ListsExclusively(P("ben").id));

  ASSERT_TRUE(lists_.Delete(*updated).ok());
  EXPECT_FALSE(V("ann").graph->ListsExclusively(P("cat").id));
}

}  // namespace
}  // namespace atrium
