#include "feed/feed_cache.h"

#include <gtest/gtest.h>

namespace atrium {
namespace {

std::vector<int64_t> Ids(const std::vector<FeedEntry>& e) {
  std::vector<int64_t> out;
  for (const auto& x : e) out.push_back(x.id);
  return out;
}

TEST(FeedCache, ColdFeedsTakeNoPushes) {
  FeedCache feeds(10);
  EXPECT_FALSE(feeds.IsWarm("home:1"));
  EXPECT_FALSE(feeds.Push("home:1", {5, 0}));
  std::vector<FeedEntry> out;
  EXPECT_FALSE(feeds.Read("home:1", {}, &out));
  feeds.Put("home:1", {});
  EXPECT_TRUE(feeds.Push("home:1", {5, 0}));
  EXPECT_TRUE(feeds.Read("home:1", {0, 0, 0, 20}, &out));
  EXPECT_EQ(Ids(out), (std::vector<int64_t>{5}));
}

TEST(FeedCache, KeepsNewestFirstAndCaps) {
  FeedCache feeds(5);
  feeds.Put("f", {{3, 0}, {1, 0}, {2, 0}});
  for (int64_t id : {7, 4, 9, 8}) feeds.Push("f", {id, 0});
  std::vector<FeedEntry> out;
  feeds.Read("f", {0, 0, 0, 20}, &out);
  EXPECT_EQ(Ids(out), (std::vector<int64_t>{9, 8, 7, 4, 3}));  // capped at 5, oldest dropped
}

TEST(FeedCache, RepostsOfWhatIsThereAreDeduplicated) {
  FeedCache feeds(50);
  feeds.Put("f", {{10, 0}});
  EXPECT_FALSE(feeds.Push("f", {11, 10}));  // a repost of a post already shown
  EXPECT_TRUE(feeds.Push("f", {12, 5}));    // a repost of something not shown
  EXPECT_FALSE(feeds.Push("f", {13, 5}));   // a second repost of it
  EXPECT_FALSE(feeds.Push("f", {12, 5}));   // the same entry again
  std::vector<FeedEntry> out;
  feeds.Read("f", {0, 0, 0, 20}, &out);
  EXPECT_EQ(Ids(out), (std::vector<int64_t>{12, 10}));
}

TEST(FeedCache, PaginatesLikeMastodon) {
  FeedCache feeds(100);
  std::vector<FeedEntry> all;
  for (int64_t id = 1; id <= 10; ++id) all.push_back({id, 0});
  feeds.Put("f", all);
  std::vector<FeedEntry> out;
  feeds.Read("f", {0, 0, 0, 3}, &out);
  EXPECT_EQ(Ids(out), (std::vector<int64_t>{10, 9, 8}));
  feeds.Read("f", {8, 0, 0, 3}, &out);  // max_id
  EXPECT_EQ(Ids(out), (std::vector<int64_t>{7, 6, 5}));
  feeds.Read("f", {0, 5, 0, 3}, &out);  // since_id: the newest above 5
  EXPECT_EQ(Ids(out), (std::vector<int64_t>{10, 9, 8}));
  feeds.Read("f", {0, 0, 5, 3}, &out);  // min_id: just above 5
  EXPECT_EQ(Ids(out), (std::vector<int64_t>{8, 7, 6}));
  feeds.Read("f", {9, 0, 5, 10}, &out);  // min_id and max_id together
  EXPECT_EQ(Ids(out), (std::vector<int64_t>{8, 7, 6}));
  feeds.Read("f", {1, 0, 0, 3}, &out);
  EXPECT_TRUE(out.empty());
}

TEST(FeedCache, RemoveDropsPostsAndTheirReposts) {
  FeedCache feeds(50);
  feeds.Put("a", {{10, 0}, {20, 10}});
  feeds.Put("b", {{20, 10}, {30, 0}});
  feeds.Remove(10);
  std::vector<FeedEntry> out;
  feeds.Read("a", {0, 0, 0, 20}, &out);
  EXPECT_TRUE(out.empty());
  feeds.Read("b", {0, 0, 0, 20}, &out);
  EXPECT_EQ(Ids(out), (std::vector<int64_t>{30}));
}

TEST(FeedCache, EvictsLeastRecentlyReadBeyondMaxFeeds) {
  FeedCache feeds(10, /*max_feeds=*/64);  // one feed per shard at most
  for (int i = 0; i < 1000; ++i) feeds.Put("f" + std::to_string(i), {{1, 0}});
  EXPECT_LE(feeds.WarmFeeds(), 128u);
  EXPECT_TRUE(feeds.IsWarm("f999"));  // the newest survives
}

}  // namespace
}  // namespace atrium
