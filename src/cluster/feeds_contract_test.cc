// The Feeds contract, on both implementations: the in-process feeds of one
// node (LocalFeeds) and the Redis feeds of a cluster (RedisFeeds, on the
// Redis that ATRIUM_TEST_REDIS_URL names — `make unit` starts one; the
// Redis cases are skipped without it). Each test uses a key prefix of its
// own.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <memory>

#include "cluster/redis_client.h"
#include "cluster/redis_feeds.h"
#include "feed/feeds.h"

namespace atrium {
namespace {

enum class FeedsKind { kLocal, kRedis };

std::string RedisUrl() {
  const char* url = std::getenv("ATRIUM_TEST_REDIS_URL");
  return url ? url : "";
}

class FeedsContract : public ::testing::TestWithParam<FeedsKind> {
 protected:
  // Feeds capped at `cap` entries.
  Feeds& Make(size_t cap) {
    if (GetParam() == FeedsKind::kLocal) {
      feeds_ = std::make_unique<LocalFeeds>(cap);
      return *feeds_;
    }
    auto address = ParseRedisUrl(RedisUrl());
    EXPECT_TRUE(address.ok());
    redis_ = std::make_unique<RedisClient>(*address);
    static std::atomic<int> counter{0};
    prefix_ = "feeds-test-" + std::to_string(getpid()) + "-" + std::to_string(++counter);
    feeds_ = std::make_unique<RedisFeeds>(*redis_, prefix_, cap);
    return *feeds_;
  }

  void SetUp() override {
    if (GetParam() == FeedsKind::kRedis && RedisUrl().empty())
      GTEST_SKIP() << "ATRIUM_TEST_REDIS_URL is not set";
  }

  static std::vector<int64_t> Read(Feeds& feeds, const std::string& key, PageRequest page) {
    std::vector<FeedEntry> out;
    auto warm = feeds.Read(key, page, &out);
    EXPECT_TRUE(warm.ok());
    std::vector<int64_t> ids;
    for (const FeedEntry& e : out) ids.push_back(e.id);
    return ids;
  }

  std::unique_ptr<RedisClient> redis_;
  std::unique_ptr<Feeds> feeds_;
  std::string prefix_;
};

INSTANTIATE_TEST_SUITE_P(Kinds, FeedsContract,
                         ::testing::Values(FeedsKind::kLocal, FeedsKind::kRedis),
                         [](const auto& info) {
                           return std::string(info.param == FeedsKind::kLocal ? "Local" : "Redis");
                         });

TEST_P(FeedsContract, ColdFeedsTakeNoPushesAndAnEmptyBuiltFeedIsWarm) {
  Feeds& feeds = Make(10);
  auto warm = feeds.IsWarm("home:1");
  ASSERT_TRUE(warm.ok());
  EXPECT_FALSE(*warm);
  EXPECT_FALSE(feeds.Push("home:1", {5, 0}));
  std::vector<FeedEntry> out;
  auto read = feeds.Read("home:1", {}, &out);
  ASSERT_TRUE(read.ok());
  EXPECT_FALSE(*read);
  ASSERT_TRUE(feeds.Put("home:1", {}).ok());
  warm = feeds.IsWarm("home:1");
  ASSERT_TRUE(warm.ok());
  EXPECT_TRUE(*warm);
  EXPECT_TRUE(feeds.Push("home:1", {5, 0}));
  EXPECT_EQ(Read(feeds, "home:1", {0, 0, 0, 20}), (std::vector<int64_t>{5}));
}

TEST_P(FeedsContract, KeepsNewestFirstAndCaps) {
  Feeds& feeds = Make(5);
  ASSERT_TRUE(feeds.Put("f", {{3, 0}, {1, 0}, {2, 0}}).ok());
  for (int64_t id : {7, 4, 9, 8}) feeds.Push("f", {id, 0});
  EXPECT_EQ(Read(feeds, "f", {0, 0, 0, 20}), (std::vector<int64_t>{9, 8, 7, 4, 3}));
  // A build larger than the cap keeps the newest.
  std::vector<FeedEntry> many;
  for (int64_t id = 1; id <= 12; ++id) many.push_back({id, 0});
  ASSERT_TRUE(feeds.Put("g", many).ok());
  EXPECT_EQ(Read(feeds, "g", {0, 0, 0, 20}), (std::vector<int64_t>{12, 11, 10, 9, 8}));
}

TEST_P(FeedsContract, IdsBeyondADoublesPrecisionKeepTheirOrder) {
  Feeds& feeds = Make(10);
  // Snowflake-sized ids 1 apart: a double score could not tell them apart.
  const int64_t base = 913664767086821376;
  ASSERT_TRUE(feeds.Put("f", {{base + 1, 0}, {base + 3, 0}}).ok());
  EXPECT_TRUE(feeds.Push("f", {base + 2, 0}));
  EXPECT_EQ(Read(feeds, "f", {0, 0, 0, 20}), (std::vector<int64_t>{base + 3, base + 2, base + 1}));
  EXPECT_EQ(Read(feeds, "f", {base + 3, 0, 0, 1}), (std::vector<int64_t>{base + 2}));
}

TEST_P(FeedsContract, RepostsOfWhatIsThereAreDeduplicated) {
  Feeds& feeds = Make(50);
  ASSERT_TRUE(feeds.Put("f", {{10, 0}}).ok());
  EXPECT_FALSE(feeds.Push("f", {11, 10}));  // a repost of a post already shown
  EXPECT_TRUE(feeds.Push("f", {12, 5}));    // a repost of something not shown
  EXPECT_FALSE(feeds.Push("f", {13, 5}));   // a second repost of it
  EXPECT_FALSE(feeds.Push("f", {12, 5}));   // the same entry again
  std::vector<FeedEntry> out;
  ASSERT_TRUE(feeds.Read("f", {0, 0, 0, 20}, &out).ok());
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].id, 12);
  EXPECT_EQ(out[0].reblog_of, 5);
  EXPECT_EQ(out[1].id, 10);
}

TEST_P(FeedsContract, PaginatesLikeMastodon) {
  Feeds& feeds = Make(100);
  std::vector<FeedEntry> all;
  for (int64_t id = 1; id <= 10; ++id) all.push_back({id, 0});
  ASSERT_TRUE(feeds.Put("f", all).ok());
  EXPECT_EQ(Read(feeds, "f", {0, 0, 0, 3}), (std::vector<int64_t>{10, 9, 8}));
  EXPECT_EQ(Read(feeds, "f", {8, 0, 0, 3}), (std::vector<int64_t>{7, 6, 5}));   // max_id
  EXPECT_EQ(Read(feeds, "f", {0, 5, 0, 3}), (std::vector<int64_t>{10, 9, 8}));  // since_id
  EXPECT_EQ(Read(feeds, "f", {0, 0, 5, 3}), (std::vector<int64_t>{8, 7, 6}));   // min_id
  EXPECT_EQ(Read(feeds, "f", {9, 0, 5, 10}), (std::vector<int64_t>{8, 7, 6}));  // both
  EXPECT_TRUE(Read(feeds, "f", {1, 0, 0, 3}).empty());
}

TEST_P(FeedsContract, RemoveDropsPostsAndTheirRepostsFromTheNamedFeeds) {
  Feeds& feeds = Make(50);
  ASSERT_TRUE(feeds.Put("a", {{10, 0}, {20, 10}}).ok());
  ASSERT_TRUE(feeds.Put("b", {{20, 10}, {30, 0}}).ok());
  feeds.Remove(10, {"a", "b"});
  EXPECT_TRUE(Read(feeds, "a", {0, 0, 0, 20}).empty());
  EXPECT_EQ(Read(feeds, "b", {0, 0, 0, 20}), (std::vector<int64_t>{30}));
}

TEST_P(FeedsContract, EvictMakesAFeedColdAndPutRebuildsIt) {
  Feeds& feeds = Make(50);
  ASSERT_TRUE(feeds.Put("f", {{1, 0}, {2, 0}}).ok());
  feeds.Evict("f");
  auto warm = feeds.IsWarm("f");
  ASSERT_TRUE(warm.ok());
  EXPECT_FALSE(*warm);
  EXPECT_FALSE(feeds.Push("f", {3, 0}));
  ASSERT_TRUE(feeds.Put("f", {{4, 0}}).ok());
  EXPECT_EQ(Read(feeds, "f", {0, 0, 0, 20}), (std::vector<int64_t>{4}));
}

TEST(RedisFeeds, ColdAllMakesEveryFeedOfItsPrefixColdAndNoOther) {
  if (RedisUrl().empty()) GTEST_SKIP() << "ATRIUM_TEST_REDIS_URL is not set";
  auto address = ParseRedisUrl(RedisUrl());
  ASSERT_TRUE(address.ok());
  RedisClient redis(*address);
  const std::string mine = "feeds-cold-" + std::to_string(getpid());
  RedisFeeds feeds(redis, mine), other(redis, mine + "-other");
  ASSERT_TRUE(feeds.Put("x", {{1, 0}}).ok());
  ASSERT_TRUE(feeds.Put("y", {{2, 0}}).ok());
  ASSERT_TRUE(other.Put("x", {{1, 0}}).ok());
  ASSERT_TRUE(feeds.ColdAll().ok());
  for (const char* key : {"x", "y"}) {
    auto warm = feeds.IsWarm(key);
    ASSERT_TRUE(warm.ok());
    EXPECT_FALSE(*warm) << key;
  }
  auto still = other.IsWarm("x");
  ASSERT_TRUE(still.ok());
  EXPECT_TRUE(*still);
}

TEST(RedisFeeds, AnUnreachableRedisIsUnavailableOnReads) {
  RedisAddress nowhere;
  nowhere.port = 1;  // nothing listens there
  RedisClient redis(nowhere, 500);
  RedisFeeds feeds(redis, "feeds-unreachable");
  auto warm = feeds.IsWarm("f");
  ASSERT_FALSE(warm.ok());
  EXPECT_EQ(warm.status().code(), Code::kUnavailable);
  std::vector<FeedEntry> out;
  auto read = feeds.Read("f", {}, &out);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), Code::kUnavailable);
  EXPECT_FALSE(feeds.Push("f", {1, 0}));  // a lost write, remembered
  EXPECT_TRUE(redis.LostWrites());
}

}  // namespace
}  // namespace atrium
