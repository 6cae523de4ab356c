// The ListStore contract, on every backend (see store/store_contract_test_fixture.h).
#include <gtest/gtest.h>

#include <vector>

#include "store/store_contract_test_fixture.h"

namespace atrium {
namespace {

class ListStoreContract : public StoreContract {};

INSTANTIATE_TEST_SUITE_P(Backends, ListStoreContract, ::testing::ValuesIn(TestBackends()),
                         TestBackendParamName());

TEST_P(ListStoreContract, ListsAndMembership) {
  int64_t alice = NewAccount("alice"), bob = NewAccount("bob"), carol = NewAccount("carol"),
          dave = NewAccount("dave");
  ListRecord work{ids_.Next(), alice, "Work", "list", false};
  ListRecord friends{ids_.Next(), alice, "Friends", "followed", true};
  ListRecord bobs{ids_.Next(), bob, "Bob's", "none", false};
  ASSERT_TRUE(lists().Create(work).ok());
  ASSERT_TRUE(lists().Create(friends).ok());
  ASSERT_TRUE(lists().Create(bobs).ok());
  EXPECT_EQ(lists().Create(work).code(), Code::kConflict);

  auto got = lists().Get(friends.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->title, "Friends");
  EXPECT_EQ(got->account_id, alice);
  EXPECT_EQ(got->replies_policy, "followed");
  EXPECT_TRUE(got->exclusive);
  EXPECT_EQ(lists().Get(4242).status().code(), Code::kNotFound);
  auto mine = lists().OfAccount(alice);
  ASSERT_EQ(mine->size(), 2u);
  EXPECT_EQ((*mine)[0].id, work.id);
  EXPECT_EQ((*mine)[1].id, friends.id);

  work.title = "Team";
  work.replies_policy = "none";
  work.exclusive = true;
  ASSERT_TRUE(lists().Update(work).ok());
  EXPECT_EQ(lists().Get(work.id)->title, "Team");
  EXPECT_EQ(lists().Get(work.id)->replies_policy, "none");
  EXPECT_TRUE(lists().Get(work.id)->exclusive);
  EXPECT_EQ(lists().Update(ListRecord{4242, alice, "x"}).code(), Code::kNotFound);

  ASSERT_TRUE(lists().AddAccounts(work.id, {carol, dave, carol}).ok());
  ASSERT_TRUE(lists().AddAccounts(work.id, {bob}).ok());
  ASSERT_TRUE(lists().AddAccounts(friends.id, {carol}).ok());
  ASSERT_TRUE(lists().AddAccounts(bobs.id, {carol}).ok());
  EXPECT_EQ(Value(lists().Accounts(work.id)), (Ids{carol, dave, bob}));  // in the order added
  EXPECT_EQ(lists().AddAccounts(4242, {carol}).code(), Code::kNotFound);
  auto containing = lists().ContainingAccount(alice, carol);
  ASSERT_EQ(containing->size(), 2u);
  EXPECT_EQ((*containing)[0].id, work.id);
  EXPECT_EQ((*containing)[1].id, friends.id);
  EXPECT_TRUE(lists().ContainingAccount(bob, dave)->empty());
  auto with_carol = lists().ListsWithMember(carol);
  std::set<int64_t> ids;
  for (const auto& l : *with_carol) ids.insert(l.id);
  EXPECT_EQ(ids, (std::set<int64_t>{work.id, friends.id, bobs.id}));

  ASSERT_TRUE(lists().RemoveAccounts(work.id, {carol, alice}).ok());
  EXPECT_EQ(Value(lists().Accounts(work.id)), (Ids{dave, bob}));
  ASSERT_TRUE(lists().Delete(friends.id).ok());
  EXPECT_EQ(lists().Delete(friends.id).code(), Code::kNotFound);
  EXPECT_EQ(lists().Get(friends.id).status().code(), Code::kNotFound);
  EXPECT_TRUE(lists().Accounts(friends.id)->empty());
  EXPECT_EQ(lists().ListsWithMember(carol)->size(), 1u);
}

}  // namespace
}  // namespace atrium
