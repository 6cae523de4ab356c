// StreamRegistry's count of each member's open streams: a cap per member,
// a slot freed when its stream goes.
#include "api/stream_registry.h"

#include <gtest/gtest.h>

#include <memory>
#include <vector>

namespace atrium::api {
namespace {

TEST(StreamRegistry, AMemberHoldsAtMostTheLimit) {
  StreamRegistry registry;
  std::vector<std::unique_ptr<StreamRegistry::Slot>> held;
  for (int i = 0; i < 3; ++i) {
    held.push_back(registry.Claim(7, 3));
    ASSERT_NE(held.back(), nullptr) << i;
  }
  EXPECT_EQ(registry.OpenStreams(7), 3);
  EXPECT_EQ(registry.Claim(7, 3), nullptr);
  EXPECT_EQ(registry.OpenStreams(7), 3);  // a refused claim counts nothing
  // Another member's streams are counted apart.
  auto other = registry.Claim(8, 3);
  EXPECT_NE(other, nullptr);
  EXPECT_EQ(registry.OpenStreams(8), 1);
}

TEST(StreamRegistry, ASlotIsFreedWhenItsStreamGoes) {
  StreamRegistry registry;
  auto a = registry.Claim(7, 2);
  auto b = registry.Claim(7, 2);
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(registry.Claim(7, 2), nullptr);
  a.reset();
  EXPECT_EQ(registry.OpenStreams(7), 1);
  auto c = registry.Claim(7, 2);
  EXPECT_NE(c, nullptr);
  b.reset();
  c.reset();
  EXPECT_EQ(registry.OpenStreams(7), 0);
}

TEST(StreamRegistry, ASlotMayOutliveTheRegistry) {
  std::unique_ptr<StreamRegistry::Slot> slot;
  {
    StreamRegistry registry;
    slot = registry.Claim(7, 1);
    ASSERT_NE(slot, nullptr);
  }
  slot.reset();  // no use of the registry that is gone (ASan would say)
}

TEST(StreamRegistry, ALimitOfZeroRefusesEveryClaim) {
  StreamRegistry registry;
  EXPECT_EQ(registry.Claim(7, 0), nullptr);
  EXPECT_EQ(registry.OpenStreams(7), 0);
}

}  // namespace
}  // namespace atrium::api
