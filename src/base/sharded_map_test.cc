#include "base/sharded_map.h"

#include <gtest/gtest.h>

#include <memory>
#include <thread>
#include <vector>

namespace atrium {
namespace {

TEST(ShardedMap, IdsGoToTheirIdShard) {
  // Consecutive ids spread out (IdShard mixes the bits), the same way for
  // every map of that many shards.
  std::vector<size_t> of64, of16;
  for (int64_t id = 1; id <= 8; ++id) {
    of64.push_back(ShardIndex(id, 64));
    of16.push_back(ShardIndex(id, 16));
  }
  EXPECT_EQ(of64, (std::vector<size_t>{57, 50, 44, 37, 31, 24, 18, 11}));
  EXPECT_EQ(of16, (std::vector<size_t>{9, 2, 12, 5, 15, 8, 2, 11}));
  EXPECT_EQ(ShardIndex(std::string("home:1"), 64), std::hash<std::string>{}("home:1") % 64);
}

TEST(ShardedMap, WithShardSeesTheKeysShardAndReturnsTheCallbacksValue) {
  ShardedMap<int64_t, std::string, 16> map;
  map.WithShard(1, [](auto& shard) { shard.entries[1] = "one"; });
  map.WithShard(2, [](auto& shard) { shard.entries[2] = "two"; });
  map.WithShard(7, [](auto& shard) { shard.entries[7] = "seven"; });
  // 2 and 7 share shard 2: each callback sees the other's entry.
  EXPECT_EQ(map.WithShard(7, [](auto& shard) { return shard.entries.size(); }), 2u);
  EXPECT_EQ(map.WithShard(1, [](auto& shard) { return shard.entries.size(); }), 1u);
  const std::string found = map.WithShard(2, [](auto& shard) { return shard.entries.at(2); });
  EXPECT_EQ(found, "two");
  EXPECT_EQ(map.Size(), 3u);
}

TEST(ShardedMap, ExtraIsPerShard) {
  ShardedMap<int64_t, int, 16, ShardGeneration> map;
  map.WithShard(2, [](auto& shard) { ++shard.extra.value; });  // shard 2
  map.WithShard(7, [](auto& shard) { ++shard.extra.value; });  // shard 2 again
  map.WithShard(1, [](auto& shard) { ++shard.extra.value; });  // shard 9
  EXPECT_EQ(map.WithShard(2, [](auto& shard) { return shard.extra.value; }), 2u);
  EXPECT_EQ(map.WithShard(1, [](auto& shard) { return shard.extra.value; }), 1u);
  EXPECT_EQ(map.WithShard(3, [](auto& shard) { return shard.extra.value; }), 0u);  // shard 12
  std::vector<uint64_t> generations;
  map.ForEachShard([&](auto& shard) { generations.push_back(shard.extra.value); });
  std::vector<uint64_t> expected(16, 0);
  expected[2] = 2;
  expected[9] = 1;
  EXPECT_EQ(generations, expected);
}

TEST(ShardedMap, ForEachShardVisitsEveryShardOnce) {
  ShardedMap<std::string, int, 64> map;
  for (int i = 0; i < 1000; ++i)
    map.WithShard("key" + std::to_string(i),
                  [i](auto& shard) { shard.entries["key" + std::to_string(i)] = i; });
  int shards = 0;
  long sum = 0;
  map.ForEachShard([&](auto& shard) {
    ++shards;
    for (const auto& [key, value] : shard.entries) sum += value;
  });
  EXPECT_EQ(shards, 64);
  EXPECT_EQ(sum, 999L * 1000 / 2);
  EXPECT_EQ(map.Size(), 1000u);
  map.ForEachShard([](auto& shard) { shard.entries.clear(); });
  EXPECT_EQ(map.Size(), 0u);
}

TEST(ShardedMap, CallbacksOnOneShardDoNotInterleave) {
  // Four threads bump the same counter, read and written in two steps:
  // without the shard's lock, increments would be lost.
  ShardedMap<int64_t, int64_t, 64> map;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&map] {
      for (int i = 0; i < 10000; ++i)
        map.WithShard(42, [](auto& shard) {
          const int64_t seen = shard.entries[42];
          shard.entries[42] = seen + 1;
        });
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(map.WithShard(42, [](auto& shard) { return shard.entries[42]; }), 40000);
}

TEST(ShardedMap, AnEmptyExtraTakesNoSpace) {
  struct Plain {
    std::mutex mu;
    std::unordered_map<int64_t, int> entries;
  };
  EXPECT_EQ(sizeof(ShardedMap<int64_t, int, 8>), 8 * sizeof(Plain));
}

}  // namespace
}  // namespace atrium
