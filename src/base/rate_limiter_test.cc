#include "base/rate_limiter.h"

#include <gtest/gtest.h>

#include <vector>

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

TEST(RateLimiter, BackoffDoublesEachWaitAfterTheFreeEvents) {
  RateLimiter rl(LimitRule::Backoff(3, 1000, 15000, 60000));
  std::vector<int64_t> waits;
  int64_t now = 0;
  for (int i = 0; i < 9; ++i) {
    EXPECT_EQ(rl.RetryAfterMs("pair", now), 0) << "event " << i + 1;
    waits.push_back(rl.Record("pair", now));
    EXPECT_EQ(rl.RetryAfterMs("pair", now), waits.back());
    now += waits.back();
  }
  EXPECT_EQ(waits, (std::vector<int64_t>{0, 0, 0, 1000, 2000, 4000, 8000, 15000, 15000}));
  EXPECT_EQ(rl.RetryAfterMs("other", now), 0);  // keys are independent
}

TEST(RateLimiter, BackoffIsForgottenAWindowAfterTheLastWaitAndOnReset) {
  RateLimiter rl(LimitRule::Backoff(1, 100, 1000, 5000));
  EXPECT_EQ(rl.Record("k", 0), 0);
  EXPECT_EQ(rl.Record("k", 0), 100);
  EXPECT_EQ(rl.RetryAfterMs("k", 99), 1);
  EXPECT_EQ(rl.RetryAfterMs("k", 100), 0);
  EXPECT_EQ(rl.Record("k", 100 + 4999), 200) << "still counted: the wait doubles";
  // Forgotten 5000 ms after the 200 ms wait ended: one free event again.
  EXPECT_EQ(rl.Record("k", 5099 + 200 + 5000), 0);
  EXPECT_EQ(rl.Record("k", 10299), 100);
  rl.Reset("k");
  EXPECT_EQ(rl.RetryAfterMs("k", 10299), 0);
  EXPECT_EQ(rl.Record("k", 10299), 0);
}

TEST(RateLimiter, BackoffWaitsStayAtTheMaximum) {
  const LimitRule rule = LimitRule::Backoff(0, 1000, 900000, 1000);
  EXPECT_EQ(rule.BackoffWait(1), 1000);
  EXPECT_EQ(rule.BackoffWait(10), 512000);
  EXPECT_EQ(rule.BackoffWait(11), 900000);
  EXPECT_EQ(rule.BackoffWait(1000000), 900000);  // no overflow
}

TEST(RateLimiter, ExpiredKeysAreSwept) {
  RateLimiter rl(2, 1000);
  rl.Record("old", 0);
  rl.Record("old", 0);
  EXPECT_EQ(rl.RetryAfterMs("old", 500), 500);
  rl.Record("new", 5000);  // sweeps "old"
  EXPECT_EQ(rl.RetryAfterMs("old", 5000), 0);
  EXPECT_EQ(rl.Record("old", 5000), 0) << "a new window";
}

}  // namespace
}  // namespace atrium
