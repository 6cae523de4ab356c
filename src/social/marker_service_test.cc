// MarkerService over a real embedded store: a marker per member and
// timeline, its version bumped on every Set.
#include "social/marker_service.h"

#include <gtest/gtest.h>

#include "base/crypto.h"
#include "social/account_service.h"
#include "store/test_store.h"

namespace atrium {
namespace {

TEST(MarkerServiceTest, SetBumpsTheVersionAndGetReturnsWhatExists) {
  InitCrypto();
  TestStore t;
  IdGenerator ids{0};
  AccountService accounts(t.store(), ids);
  auto ann = accounts.Create({"ann", "ann@example.com", "Ann", kRoleMember, ""});
  auto ben = accounts.Create({"ben", "ben@example.com", "Ben", kRoleMember, ""});
  ASSERT_TRUE(ann.ok() && ben.ok());
  MarkerService markers(t.store());
  EXPECT_TRUE(markers.Get(ann->id, {"home", "notifications"})->empty());

  auto first = markers.Set(ann->id, "home", 100);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->timeline, "home");
  EXPECT_EQ(first->last_read_id, 100);
  auto second = markers.Set(ann->id, "home", 120);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->last_read_id, 120);
  EXPECT_EQ(second->version, first->version + 1);

  auto got = markers.Get(ann->id, {"home", "notifications"});
  ASSERT_TRUE(got.ok());
  ASSERT_EQ(got->size(), 1u);
  EXPECT_EQ(got->front().timeline, "home");
  EXPECT_EQ(got->front().last_read_id, 120);
  EXPECT_TRUE(markers.Get(ben->id, {"home"})->empty());  // another member's
}

}  // namespace
}  // namespace atrium
