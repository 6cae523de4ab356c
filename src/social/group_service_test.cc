// GroupService over a real embedded store: unique names, members who are
// people, and concurrent changes that do not lose one another's members.
#include "social/group_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>
#include <vector>

#include "base/crypto.h"
#include "social/account_service.h"
#include "store/test_store.h"

namespace atrium {
namespace {

class GroupServiceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { InitCrypto(); }
  void SetUp() override {
    for (int i = 0; i < 6; ++i) {
      std::string name = "p" + std::to_string(i);
      auto a = accounts_.Create({name, name + "@example.com", name, kRoleMember, ""});
      ASSERT_TRUE(a.ok()) << a.status().ToString();
      people_.push_back(a->id);
    }
  }

  TestStore t_;
  IdGenerator ids_{0};
  AccountService accounts_{t_.store(), ids_};
  GroupService groups_{t_.store(), ids_};
  std::vector<int64_t> people_;
};

TEST_F(GroupServiceTest, NamesAreUniqueIgnoringCase) {
  auto eng = groups_.Create({"Engineering", "ext-1", {people_[0], people_[1]}});
  ASSERT_TRUE(eng.ok()) << eng.status().ToString();
  EXPECT_EQ(eng->member_ids, (std::vector<int64_t>{people_[0], people_[1]}));
  auto clash = groups_.Create({"ENGINEERING", "", {}});
  EXPECT_EQ(clash.status().code(), Code::kConflict);
  EXPECT_EQ(clash.status().error(), "A group named ENGINEERING already exists");

  auto ops = groups_.Create({"Operations", "", {}});
  ASSERT_TRUE(ops.ok());
  // Renaming to another group's name is refused; a change of case of its own is not.
  auto rename = groups_.Change(ops->id, [](const GroupRecord&) -> Result<GroupInput> {
    return GroupInput{"engineering", "", {}};
  });
  EXPECT_EQ(rename.status().code(), Code::kConflict);
  auto recase = groups_.Change(eng->id, [](const GroupRecord& g) -> Result<GroupInput> {
    return GroupInput{"ENGINEERING", g.external_id, g.member_ids};
  });
  ASSERT_TRUE(recase.ok()) << recase.status().ToString();
  EXPECT_EQ(recase->display_name, "ENGINEERING");
  EXPECT_GT(recase->updated_at, eng->updated_at - 1);

  EXPECT_EQ(*groups_.Count("engineering"), 1);
  EXPECT_EQ(*groups_.Count(""), 2);
  auto named = groups_.List("Engineering", 10, 0);
  ASSERT_TRUE(named.ok());
  ASSERT_EQ(named->size(), 1u);
  EXPECT_EQ(named->front().id, eng->id);
}

TEST_F(GroupServiceTest, MembersMustBePeopleProvisioningSees) {
  auto bad = groups_.Create({"Team", "", {people_[0], 12345}});
  EXPECT_EQ(bad.status().code(), Code::kBadRequest);
  EXPECT_EQ(bad.status().error(), "invalidValue");
  EXPECT_EQ(bad.status().description(), "members: there is no person with id 12345");
  EXPECT_EQ(*groups_.Count(""), 0);
}

TEST_F(GroupServiceTest, AnEditsErrorChangesNothingAndUnknownGroupsAreNotFound) {
  auto g = groups_.Create({"Team", "", {people_[0]}});
  ASSERT_TRUE(g.ok());
  auto refused = groups_.Change(g->id, [](const GroupRecord&) -> Result<GroupInput> {
    return Status::BadRequest("invalidSyntax", "no");
  });
  EXPECT_EQ(refused.status().error(), "invalidSyntax");
  EXPECT_EQ(groups_.Get(g->id)->member_ids, std::vector<int64_t>{people_[0]});

  bool called = false;
  auto missing = groups_.Change(g->id + 1, [&](const GroupRecord&) -> Result<GroupInput> {
    called = true;
    return GroupInput{};
  });
  EXPECT_EQ(missing.status().code(), Code::kNotFound);
  EXPECT_FALSE(called);
  EXPECT_EQ(groups_.Delete(g->id + 1).code(), Code::kNotFound);
  ASSERT_TRUE(groups_.Delete(g->id).ok());
  EXPECT_EQ(groups_.Get(g->id).status().code(), Code::kNotFound);
}

TEST_F(GroupServiceTest, ConcurrentChangesKeepEveryMember) {
  auto g = groups_.Create({"Team", "", {}});
  ASSERT_TRUE(g.ok());
  std::vector<std::thread> threads;
  for (int64_t person : people_)
    threads.emplace_back([&, person] {
      auto r = groups_.Change(g->id, [&](const GroupRecord& current) -> Result<GroupInput> {
        GroupInput in{current.display_name, current.external_id, current.member_ids};
        in.member_ids.push_back(person);
        return in;
      });
      EXPECT_TRUE(r.ok()) << r.status().ToString();
    });
  for (auto& t : threads) t.join();
  auto members = groups_.Get(g->id)->member_ids;
  std::sort(members.begin(), members.end());
  std::vector<int64_t> want = people_;
  std::sort(want.begin(), want.end());
  EXPECT_EQ(members, want);
}

}  // namespace
}  // namespace atrium
