// Deterministic randomness for the synthetic organization: the same seed
// gives the same numbers on every machine and standard library, so every
// helper here is written out rather than taken from <random> (whose
// distributions differ between library versions).
//
// Rng is xoshiro256** seeded through splitmix64. Not for secrets.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace atrium::seed {

__extension__ typedef unsigned __int128 Uint128;

inline uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

class Rng {
 public:
  // `stream` separates independent sequences drawn from one seed.
  explicit Rng(uint64_t seed, uint64_t stream = 0) {
    uint64_t sm = seed ^ (stream * 0xd1b54a32d192ed03ULL);
    for (auto& word : s_) word = SplitMix64(sm);
  }

  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, n) without modulo bias (Lemire's method); n > 0.
  uint64_t Below(uint64_t n) {
    Uint128 m = static_cast<Uint128>(Next()) * n;
    auto low = static_cast<uint64_t>(m);
    if (low < n) {
      const uint64_t threshold = (0 - n) % n;
      while (low < threshold) {
        m = static_cast<Uint128>(Next()) * n;
        low = static_cast<uint64_t>(m);
      }
    }
    return static_cast<uint64_t>(m >> 64);
  }
  // Uniform in [lo, hi], lo <= hi.
  int64_t Between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo) + 1));
  }
  // Uniform in [0, 1), 53 bits.
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Unit() < p; }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[Below(v.size())];
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

// Draws ranks 0..n-1 with probability proportional to 1 / (rank + 1)^s: a
// table of cumulative weights and a binary search, O(n) memory, O(log n) a
// draw.
class Zipf {
 public:
  Zipf(uint64_t n, double s) : cdf_(n) {
    double total = 0;
    for (uint64_t i = 0; i < n; ++i) {
      total += 1.0 / std::pow(static_cast<double>(i + 1), s);
      cdf_[i] = total;
    }
    for (double& c : cdf_) c /= total;
  }
  uint64_t Draw(Rng& rng) const {
    const double u = rng.Unit();
    uint64_t lo = 0, hi = cdf_.size() - 1;
    while (lo < hi) {
      uint64_t mid = (lo + hi) / 2;
      if (cdf_[mid] > u)
        hi = mid;
      else
        lo = mid + 1;
    }
    return lo;
  }
  uint64_t size() const { return cdf_.size(); }

 private:
  std::vector<double> cdf_;
};

// Draws indexes 0..n-1 in proportion to arbitrary non-negative weights.
class Weighted {
 public:
  explicit Weighted(const std::vector<double>& weights) : cdf_(weights.size()) {
    double total = 0;
    for (size_t i = 0; i < weights.size(); ++i) cdf_[i] = total += weights[i];
    for (double& c : cdf_) c /= total;
  }
  uint64_t Draw(Rng& rng) const {
    const double u = rng.Unit();
    uint64_t lo = 0, hi = cdf_.size() - 1;
    while (lo < hi) {
      uint64_t mid = (lo + hi) / 2;
      if (cdf_[mid] > u)
        hi = mid;
      else
        lo = mid + 1;
    }
    return lo;
  }

 private:
  std::vector<double> cdf_;
};

// Fisher-Yates with our own Rng.
template <typename T>
void Shuffle(std::vector<T>& v, Rng& rng) {
  for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rng.Below(i)]);
}

// FNV-1a, 64 bits: the seed's digest of everything it generated.
class Digest {
 public:
  void Add(uint64_t v) {
    for (int i = 0; i < 8; ++i) Byte(static_cast<uint8_t>(v >> (8 * i)));
  }
  void Add(int64_t v) { Add(static_cast<uint64_t>(v)); }
  void Add(const std::string& s) {
    Add(static_cast<uint64_t>(s.size()));
    for (char c : s) Byte(static_cast<uint8_t>(c));
  }
  uint64_t value() const { return h_; }

 private:
  void Byte(uint8_t b) {
    h_ ^= b;
    h_ *= 0x100000001b3ULL;
  }
  uint64_t h_ = 0xcbf29ce484222325ULL;
};

}  // namespace atrium::seed
