#include "base/low_priority.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>

namespace atrium {
namespace {

TEST(LowPriority, RunsTheWorkLowerAndLeavesTheCallerAsItWas) {
  const int before = ThisThreadsNice();
  int inside = before;
  int started = before;
  const std::string got = AtLowPriority([&] {
    inside = ThisThreadsNice();
    // A thread the work starts inherits the lowered priority.
    std::thread child([&] { started = ThisThreadsNice(); });
    child.join();
    return std::string("done");
  });
  EXPECT_EQ(got, "done");
  EXPECT_EQ(inside, std::min(before + kLowPriorityNice, 19));
  EXPECT_EQ(started, inside);
  EXPECT_EQ(ThisThreadsNice(), before);
}

TEST(LowPriority, ReturnsTypesWithoutADefaultAndRethrows) {
  auto p = AtLowPriority([] { return std::make_unique<int>(7); });
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(*p, 7);
  EXPECT_THROW(AtLowPriority([]() -> int { throw std::runtime_error("refused"); }),
               std::runtime_error);
}

}  // namespace
}  // namespace atrium
