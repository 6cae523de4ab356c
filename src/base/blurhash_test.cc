#include "base/blurhash.h"

#include <gtest/gtest.h>

#include <vector>

namespace atrium {
namespace {

// A deterministic test picture: each channel a different pattern.
std::vector<uint8_t> Pattern(int w, int h) {
  std::vector<uint8_t> rgb;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      rgb.push_back(static_cast<uint8_t>((x * 37 + y * 11) % 256));
      rgb.push_back(static_cast<uint8_t>((x * 5 + y * 53) % 256));
      rgb.push_back(static_cast<uint8_t>((x * y * 17 + 3) % 256));
    }
  return rgb;
}

// The expected strings were computed independently, by the npm package
// `blurhash` 2.0.5 (encode) on the same pixels.
TEST(Blurhash, MatchesTheReferenceEncoder) {
  EXPECT_EQ(EncodeBlurhash(Pattern(7, 5), 7, 5, 4, 3), "LJHLbD3KA8~2?~5k$mZ?DO#@XBaJ");
  EXPECT_EQ(EncodeBlurhash(Pattern(32, 20), 32, 20, 4, 4), "U4HenL?Ls_.UyHHa9iIvDzv|BmwZ~WL?z~ab");
  EXPECT_EQ(EncodeBlurhash(Pattern(3, 2), 3, 2, 1, 1), "0067x^");
}

TEST(Blurhash, RefusesSizesThatDoNotFit) {
  auto rgb = Pattern(4, 4);
  EXPECT_EQ(EncodeBlurhash(rgb, 4, 3, 4, 3), "");   // too many bytes for 4x3
  EXPECT_EQ(EncodeBlurhash(rgb, 4, 4, 0, 3), "");   // no components
  EXPECT_EQ(EncodeBlurhash(rgb, 4, 4, 10, 3), "");  // more than 9
  EXPECT_EQ(EncodeBlurhash({}, 0, 0, 4, 3), "");
}

}  // namespace
}  // namespace atrium
