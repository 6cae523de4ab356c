// RedisRateLimiter on the Redis that ATRIUM_TEST_REDIS_URL names (`make
// unit` starts one; skipped without it), and without a Redis at all.
#include "cluster/redis_rate_limiter.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <thread>

namespace atrium {
namespace {

std::string RedisUrl() {
  const char* url = std::getenv("ATRIUM_TEST_REDIS_URL");
  return url ? url : "";
}

class RedisRateLimiterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (RedisUrl().empty()) GTEST_SKIP() << "ATRIUM_TEST_REDIS_URL is not set";
    auto address = ParseRedisUrl(RedisUrl());
    ASSERT_TRUE(address.ok());
    redis_ = std::make_unique<RedisClient>(*address);
    prefix_ = "limits-test-" + std::to_string(getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name();
  }
  std::unique_ptr<RedisClient> redis_;
  std::string prefix_;
};

TEST_F(RedisRateLimiterTest, TwoNodesShareOneCount) {
  RedisRateLimiter node_a(*redis_, prefix_, "signin", 3, 60000);
  RedisRateLimiter node_b(*redis_, prefix_, "signin", 3, 60000);
  node_a.Record("id:7", 0);
  node_b.Record("id:7", 0);
  EXPECT_FALSE(node_a.Exceeded("id:7", 0));
  node_a.Record("id:7", 0);
  EXPECT_TRUE(node_a.Exceeded("id:7", 0));
  EXPECT_TRUE(node_b.Exceeded("id:7", 0));
  EXPECT_GT(node_b.RetryAfterMs("id:7", 0), 50000);
  EXPECT_FALSE(node_b.Exceeded("id:8", 0));  // another key
  RedisRateLimiter other(*redis_, prefix_, "other", 3, 60000);
  EXPECT_FALSE(other.Exceeded("id:7", 0));  // another limiter's name
  node_b.Reset("id:7");
  EXPECT_FALSE(node_a.Exceeded("id:7", 0));
  EXPECT_EQ(node_a.RetryAfterMs("id:7", 0), 0);
}

TEST_F(RedisRateLimiterTest, TheWindowEnds) {
  RedisRateLimiter limiter(*redis_, prefix_, "signin", 2, 150);
  limiter.Record("k", 0);
  limiter.Record("k", 0);
  EXPECT_TRUE(limiter.Exceeded("k", 0));
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  EXPECT_FALSE(limiter.Exceeded("k", 0));
}

TEST_F(RedisRateLimiterTest, TwoNodesShareOneBackoff) {
  const LimitRule rule = LimitRule::Backoff(2, 1000, 4000, 60000);
  RedisRateLimiter node_a(*redis_, prefix_, "pair", rule);
  RedisRateLimiter node_b(*redis_, prefix_, "pair", rule);
  const int64_t t0 = 1'700'000'000'000;
  EXPECT_EQ(node_a.Record("id:7|10.0.0.1", t0), 0);
  EXPECT_EQ(node_b.Record("id:7|10.0.0.1", t0), 0);
  EXPECT_EQ(node_a.Record("id:7|10.0.0.1", t0), 1000);
  EXPECT_EQ(node_b.RetryAfterMs("id:7|10.0.0.1", t0 + 400), 600);
  EXPECT_EQ(node_b.RetryAfterMs("id:7|10.0.0.2", t0), 0);  // another pair
  // Each further event, on either node, doubles the wait up to the maximum.
  EXPECT_EQ(node_b.Record("id:7|10.0.0.1", t0 + 1000), 2000);
  EXPECT_EQ(node_a.Record("id:7|10.0.0.1", t0 + 3000), 4000);
  EXPECT_EQ(node_b.Record("id:7|10.0.0.1", t0 + 7000), 4000);
  EXPECT_EQ(node_a.RetryAfterMs("id:7|10.0.0.1", t0 + 7000), 4000);
  EXPECT_EQ(node_a.RetryAfterMs("id:7|10.0.0.1", t0 + 11000), 0);
  // Forgotten a window after the last wait ended.
  EXPECT_EQ(node_a.Record("id:7|10.0.0.1", t0 + 11000 + 60000), 0);
  node_b.Reset("id:7|10.0.0.1");
  EXPECT_EQ(node_a.Record("id:7|10.0.0.1", t0), 0);
  EXPECT_EQ(node_a.Record("id:7|10.0.0.1", t0), 0);
  EXPECT_EQ(node_a.Record("id:7|10.0.0.1", t0), 1000);
}

TEST_F(RedisRateLimiterTest, AFixedWindowAgreesWithTheLocalOne) {
  RedisRateLimiter shared(*redis_, prefix_, "apps", 3, 3600000);
  RateLimiter local(3, 3600000);
  const int64_t t0 = 1'700'000'000'000;
  for (int64_t t : {t0, t0 + 10, t0 + 20, t0 + 3599999, t0 + 3600000, t0 + 3600001}) {
    EXPECT_EQ(shared.RetryAfterMs("k", t), local.RetryAfterMs("k", t)) << t - t0;
    EXPECT_EQ(shared.Record("k", t), local.Record("k", t)) << t - t0;
  }
}

TEST(RedisRateLimiter, WithoutRedisTheNodeStillCounts) {
  RedisAddress nowhere;
  nowhere.port = 1;  // nothing listens there
  RedisClient redis(nowhere, 300);
  RedisRateLimiter limiter(redis, "limits-unreachable", "signin", 2, 60000);
  const int64_t now = 1000;
  limiter.Record("k", now);
  EXPECT_FALSE(limiter.Exceeded("k", now));
  limiter.Record("k", now);
  EXPECT_TRUE(limiter.Exceeded("k", now));
  EXPECT_GT(limiter.RetryAfterMs("k", now), 0);
  limiter.Reset("k");
  EXPECT_FALSE(limiter.Exceeded("k", now));
}

}  // namespace
}  // namespace atrium
