// The MarkerStore contract, on every backend (see store/store_contract_test_fixture.h).
#include <gtest/gtest.h>

#include <vector>

#include "store/store_contract_test_fixture.h"

namespace atrium {
namespace {

class MarkerStoreContract : public StoreContract {};

INSTANTIATE_TEST_SUITE_P(Backends, MarkerStoreContract, ::testing::ValuesIn(TestBackends()),
                         TestBackendParamName());

TEST_P(MarkerStoreContract, MarkersAreVersioned) {
  int64_t alice = NewAccount("alice"), bob = NewAccount("bob");
  EXPECT_TRUE(markers().Get(alice, {"home"})->empty());
  auto first = markers().Set(alice, "home", 10, 1000);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->timeline, "home");
  EXPECT_EQ(first->last_read_id, 10);
  EXPECT_EQ(first->version, 0);
  EXPECT_EQ(first->updated_at, 1000);
  auto second = markers().Set(alice, "home", 25, 2000);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->last_read_id, 25);
  EXPECT_EQ(second->version, 1);
  EXPECT_EQ(second->updated_at, 2000);
  ASSERT_TRUE(markers().Set(alice, "notifications", 7, 3000).ok());
  ASSERT_TRUE(markers().Set(bob, "home", 99, 3000).ok());

  auto both = markers().Get(alice, {"home", "notifications"});
  ASSERT_TRUE(both.ok());
  ASSERT_EQ(both->size(), 2u);
  EXPECT_EQ((*both)[0].timeline, "home");
  EXPECT_EQ((*both)[0].last_read_id, 25);
  EXPECT_EQ((*both)[0].version, 1);
  EXPECT_EQ((*both)[1].timeline, "notifications");
  EXPECT_EQ((*both)[1].version, 0);
  EXPECT_EQ(markers().Get(alice, {"notifications"})->size(), 1u);
  EXPECT_TRUE(markers().Get(alice, {})->empty());
}

}  // namespace
}  // namespace atrium
