#include "seed/seed_random.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

namespace atrium::seed {
namespace {

TEST(SeedRandom, SameSeedAndStreamGiveTheSameSequence) {
  Rng a(42, 3), b(42, 3), other_seed(43, 3), other_stream(42, 4);
  int differs_seed = 0, differs_stream = 0;
  for (int i = 0; i < 100; ++i) {
    uint64_t x = a.Next();
    EXPECT_EQ(x, b.Next());
    differs_seed += x != other_seed.Next();
    differs_stream += x != other_stream.Next();
  }
  EXPECT_GT(differs_seed, 95);
  EXPECT_GT(differs_stream, 95);
}

TEST(SeedRandom, BelowStaysInRangeAndCoversIt) {
  Rng rng(7);
  std::vector<int> counts(10);
  for (int i = 0; i < 100000; ++i) {
    uint64_t v = rng.Below(10);
    ASSERT_LT(v, 10u);
    ++counts[v];
  }
  for (int c : counts) {  // 10,000 expected each; 5 sigma is about 475
    EXPECT_GT(c, 9500);
    EXPECT_LT(c, 10500);
  }
  for (int i = 0; i < 1000; ++i) {
    int64_t v = rng.Between(-3, 3);
    EXPECT_GE(v, -3);
    EXPECT_LE(v, 3);
    double u = rng.Unit();
    EXPECT_GE(u, 0.0);
    EXPECT_LT(u, 1.0);
  }
}

TEST(SeedRandom, ZipfFavoursLowRanksInProportion) {
  Rng rng(11);
  Zipf zipf(1000, 1.0);
  std::vector<int> counts(1000);
  for (int i = 0; i < 200000; ++i) {
    uint64_t r = zipf.Draw(rng);
    ASSERT_LT(r, 1000u);
    ++counts[r];
  }
  // P(rank 0) / P(rank 1) = 2 and P(rank 0) / P(rank 3) = 4 for s = 1.
  EXPECT_NEAR(static_cast<double>(counts[0]) / counts[1], 2.0, 0.15);
  EXPECT_NEAR(static_cast<double>(counts[0]) / counts[3], 4.0, 0.4);
  EXPECT_GT(counts[0], counts[500] * 100);
}

TEST(SeedRandom, WeightedFollowsTheWeights) {
  Rng rng(5);
  Weighted w({1.0, 0.0, 3.0});
  int counts[3] = {0, 0, 0};
  for (int i = 0; i < 40000; ++i) ++counts[w.Draw(rng)];
  EXPECT_EQ(counts[1], 0);
  EXPECT_NEAR(static_cast<double>(counts[2]) / counts[0], 3.0, 0.25);
}

TEST(SeedRandom, ShuffleIsAPermutation) {
  Rng rng(9);
  std::vector<int> v(500);
  std::iota(v.begin(), v.end(), 0);
  std::vector<int> shuffled = v;
  Shuffle(shuffled, rng);
  EXPECT_NE(shuffled, v);
  std::sort(shuffled.begin(), shuffled.end());
  EXPECT_EQ(shuffled, v);
}

TEST(SeedRandom, DigestDependsOnEveryValue) {
  Digest a, b, c;
  a.Add(int64_t{1});
  a.Add(std::string("x"));
  b.Add(int64_t{1});
  b.Add(std::string("x"));
  c.Add(int64_t{1});
  c.Add(std::string("y"));
  EXPECT_EQ(a.value(), b.value());
  EXPECT_NE(a.value(), c.value());
}

}  // namespace
}  // namespace atrium::seed
