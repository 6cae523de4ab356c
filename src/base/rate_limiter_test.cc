#include "base/rate_limiter.h"

#include <gtest/gtest.h>

namespace atrium {
namespace {

TEST(RateLimiter, RefusesAfterLimitWithinWindow) {
  RateLimiter rl(3, 1000);
  for (int i = 0; i < 3; ++i) {
    EXPECT_FALSE(rl.Exceeded("alice", 100));
    rl.Record("alice", 100 + i);
  }
  EXPECT_TRUE(rl.Exceeded("alice", 500));
  EXPECT_FALSE(rl.Exceeded("bob", 500));  // keys are independent
  EXPECT_EQ(rl.RetryAfterMs("alice", 600), 500);
}

TEST(RateLimiter, WindowExpires) {
  RateLimiter rl(2, 1000);
  rl.Record("k", 0);
  rl.Record("k", 10);
  EXPECT_TRUE(rl.Exceeded("k", 999));
  EXPECT_FALSE(rl.Exceeded("k", 1000));
  rl.Record("k", 1001);
  EXPECT_FALSE(rl.Exceeded("k", 1002));
}

TEST(RateLimiter, ResetForgets) {
  RateLimiter rl(1, 1000);
  rl.Record("k", 0);
  EXPECT_TRUE(rl.Exceeded("k", 1));
  rl.Reset("k");
  EXPECT_FALSE(rl.Exceeded("k", 2));
}

}  // namespace
}  // namespace atrium
