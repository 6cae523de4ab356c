#include "base/id.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>
#include <vector>

#include "base/clock.h"

namespace atrium {
namespace {

TEST(IdGenerator, IdsIncreaseAndCarryTimeAndNode) {
  IdGenerator gen(5);
  int64_t before = NowMillis();
  int64_t prev = 0;
  for (int i = 0; i < 10000; ++i) {
    int64_t id = gen.Next();
    ASSERT_GT(id, prev);
    prev = id;
  }
  EXPECT_EQ(IdGenerator::NodeOf(prev), 5);
  int64_t when = IdGenerator::MillisOf(prev);
  EXPECT_GE(when, before);
  EXPECT_LE(when, NowMillis() + 100);  // 10,000 ids may borrow a few ms ahead
}

TEST(IdGenerator, UniqueAcrossThreads) {
  IdGenerator gen(1);
  std::vector<std::vector<int64_t>> got(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20000; ++i) got[t].push_back(gen.Next());
    });
  for (auto& t : threads) t.join();
  std::set<int64_t> all;
  for (auto& v : got) all.insert(v.begin(), v.end());
  EXPECT_EQ(all.size(), 80000u);
  for (int64_t id : all) ASSERT_EQ(IdGenerator::NodeOf(id), 1);
}

TEST(IdGenerator, DifferentNodesNeverCollide) {
  IdGenerator a(1), b(2);
  std::set<int64_t> ids;
  for (int i = 0; i < 5000; ++i) {
    ids.insert(a.Next());
    ids.insert(b.Next());
  }
  EXPECT_EQ(ids.size(), 10000u);
}

TEST(IdGenerator, LowestAtOrdersByTime) {
  int64_t t = NowMillis();
  EXPECT_LT(IdGenerator::LowestAt(t), IdGenerator::LowestAt(t + 1));
  EXPECT_EQ(IdGenerator::MillisOf(IdGenerator::LowestAt(t)), t);
  EXPECT_THROW(IdGenerator(1024), std::invalid_argument);
}

TEST(IdGenerator, ComposeLaysOutTimeNodeAndSequence) {
  // 2020-01-01T00:00:00.001Z, node 3, sequence 5: 1 << 22 | 3 << 12 | 5.
  EXPECT_EQ(IdGenerator::Compose(kIdEpochMillis + 1, 3, 5), 4194304 + 12288 + 5);
  EXPECT_EQ(IdGenerator::Compose(kIdEpochMillis, 0, 0), 0);
  // 2025-01-01T00:00:00Z, node 1023, sequence 4095.
  const int64_t id = IdGenerator::Compose(1735689600000, 1023, 4095);
  EXPECT_EQ(id, 662082630451200000 + 4194303);
  EXPECT_EQ(IdGenerator::MillisOf(id), 1735689600000);
  EXPECT_EQ(IdGenerator::NodeOf(id), 1023);
  EXPECT_EQ(id & 4095, 4095);
  EXPECT_EQ(IdGenerator::Compose(1735689600000, 0, 0), IdGenerator::LowestAt(1735689600000));
}

TEST(IdShard, SpreadsIdsOfSuccessiveMillisecondsEvenly) {
  // Ids made one a millisecond all have sequence 0 (the common case).
  constexpr size_t kShards = 64;
  std::vector<int> counts(kShards);
  const int64_t start = IdGenerator::LowestAt(NowMillis());
  for (int64_t ms = 0; ms < 64000; ++ms) {
    size_t shard = IdShard(start + (ms << (kIdNodeBits + kIdSequenceBits)), kShards);
    ASSERT_LT(shard, kShards);
    ++counts[shard];
  }
  for (int c : counts) {  // 1,000 expected in each
    EXPECT_GT(c, 800);
    EXPECT_LT(c, 1200);
  }
  EXPECT_EQ(IdShard(12345, kShards), IdShard(12345, kShards));
}

TEST(ParseId, AcceptsOnlyPositiveDecimals) {
  EXPECT_EQ(ParseId("123"), 123);
  EXPECT_EQ(ParseId("9223372036854775807"), INT64_MAX);
  EXPECT_FALSE(ParseId(""));
  EXPECT_FALSE(ParseId("0"));
  EXPECT_FALSE(ParseId("-5"));
  EXPECT_FALSE(ParseId("12a"));
  EXPECT_FALSE(ParseId(" 12"));
  EXPECT_FALSE(ParseId("9223372036854775808"));
  EXPECT_FALSE(ParseId("99999999999999999999"));
}

}  // namespace
}  // namespace atrium
