// The NotificationStore contract, on every backend (see store/store_contract_test_fixture.h).
#include <gtest/gtest.h>

#include <vector>

#include "store/store_contract_test_fixture.h"

namespace atrium {
namespace {

class NotificationStoreContract : public StoreContract {};

INSTANTIATE_TEST_SUITE_P(Backends, NotificationStoreContract, ::testing::ValuesIn(TestBackends()),
                         TestBackendParamName());

TEST_P(NotificationStoreContract, NotificationsListGroupDismissClearCountAfter) {
  int64_t alice = NewAccount("alice"), bob = NewAccount("bob"), carol = NewAccount("carol");
  int64_t post = PostBy(alice);
  std::string group = "favourite-" + std::to_string(post);
  NotificationRecord n1 = Note(alice, bob, "mention", post);
  NotificationRecord n2 = Note(alice, bob, "favourite", post, group);
  NotificationRecord n3 = Note(alice, carol, "follow");
  NotificationRecord n4 = Note(alice, carol, "favourite", post, group);
  NotificationRecord n5 = Note(alice, carol, "reblog", post);
  NotificationRecord for_bob = Note(bob, alice, "follow");
  NotificationRecord nobody = Note(0, alice, "follow");
  ASSERT_TRUE(notifications().Insert({n1, n2, n3, n4, n5, for_bob, nobody}).ok());

  EXPECT_EQ(NotificationIds(alice), (Ids{n5.id, n4.id, n3.id, n2.id, n1.id}));
  EXPECT_EQ(NotificationIds(alice, {"favourite"}), (Ids{n4.id, n2.id}));
  EXPECT_EQ(NotificationIds(alice, {}, {"favourite", "follow"}), (Ids{n5.id, n1.id}));
  EXPECT_EQ(NotificationIds(alice, {"mention", "reblog", "follow"}, {"reblog"}),
            (Ids{n3.id, n1.id}));
  EXPECT_EQ(NotificationIds(alice, {}, {}, Page(2, n4.id)), (Ids{n3.id, n2.id}));
  EXPECT_EQ(NotificationIds(alice, {}, {}, Page(2, 0, 0, n1.id)), (Ids{n3.id, n2.id}));
  EXPECT_EQ(NotificationIds(alice, {"favourite"}, {}, Page(1, 0, n2.id)), (Ids{n4.id}));

  auto got = notifications().Get(alice, n2.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->type, "favourite");
  EXPECT_EQ(got->from_account_id, bob);
  EXPECT_EQ(got->status_id, post);
  EXPECT_EQ(got->group_key, group);
  EXPECT_EQ(got->created_at, n2.created_at);
  EXPECT_EQ(notifications().Get(alice, n3.id)->status_id, 0);
  EXPECT_EQ(notifications().Get(bob, n2.id).status().code(), Code::kNotFound);

  auto grouped = notifications().Group(alice, group);
  ASSERT_TRUE(grouped.ok());
  ASSERT_EQ(grouped->size(), 2u);
  EXPECT_EQ((*grouped)[0].id, n4.id);
  EXPECT_EQ((*grouped)[1].id, n2.id);

  EXPECT_EQ(*notifications().CountAfter(alice, n1.id, 100), 4);
  EXPECT_EQ(*notifications().CountAfter(alice, n1.id, 2), 2);
  EXPECT_EQ(*notifications().CountAfter(alice, 0, 100), 5);
  EXPECT_EQ(*notifications().CountAfter(alice, n5.id, 100), 0);

  EXPECT_EQ(*notifications().NewestIds(alice, 3), (Ids{n5.id, n4.id, n3.id}));
  EXPECT_EQ(*notifications().NewestIds(alice, 100), (Ids{n5.id, n4.id, n3.id, n2.id, n1.id}));
  EXPECT_EQ(*notifications().NewestIds(bob, 100), (Ids{for_bob.id}));
  EXPECT_TRUE(notifications().NewestIds(carol, 100)->empty());
  EXPECT_TRUE(notifications().NewestIds(alice, 0)->empty());
  // The same ids with the policy, in one read: every field "accept" until set.
  auto both = notifications().NewestIdsAndPolicy(alice, 3);
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(both->ids, (Ids{n5.id, n4.id, n3.id}));
  EXPECT_EQ(both->policy.for_not_following, "accept");
  EXPECT_EQ(both->policy.for_private_mentions, "accept");
  NotificationPolicyRecord strict;
  strict.for_not_following = "filter";
  strict.for_private_mentions = "drop";
  ASSERT_TRUE(notifications().SetPolicy(alice, strict, 1).ok());
  both = notifications().NewestIdsAndPolicy(alice, 100);
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(both->ids, (Ids{n5.id, n4.id, n3.id, n2.id, n1.id}));
  EXPECT_EQ(both->policy.for_not_following, "filter");
  EXPECT_EQ(both->policy.for_not_followers, "accept");
  EXPECT_EQ(both->policy.for_private_mentions, "drop");
  EXPECT_EQ(notifications().NewestIdsAndPolicy(bob, 100)->policy.for_not_following, "accept");
  EXPECT_TRUE(notifications().NewestIdsAndPolicy(carol, 100)->ids.empty());

  EXPECT_EQ(notifications().Dismiss(bob, n1.id).code(), Code::kNotFound);  // not bob's
  ASSERT_TRUE(notifications().Dismiss(alice, n1.id).ok());
  EXPECT_EQ(notifications().Dismiss(alice, n1.id).code(), Code::kNotFound);
  ASSERT_TRUE(notifications().DismissGroup(alice, group).ok());
  EXPECT_EQ(NotificationIds(alice), (Ids{n5.id, n3.id}));
  EXPECT_EQ(NotificationIds(bob), (Ids{for_bob.id}));
  ASSERT_TRUE(notifications().Clear(alice).ok());
  EXPECT_TRUE(NotificationIds(alice).empty());
  EXPECT_EQ(NotificationIds(bob), (Ids{for_bob.id}));
}

}  // namespace
}  // namespace atrium
