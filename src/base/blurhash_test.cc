#include "base/blurhash.h"

#include <gtest/gtest.h>

#include <vector>

namespace atrium {
namespace {

// Deterministic test pictures, given each pixel's colour.
template <typename Colour>
std::vector<uint8_t> Picture(int w, int h, Colour colour) {
  std::vector<uint8_t> rgb;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      auto [r, g, b] = colour(x, y, w, h);
      rgb.push_back(static_cast<uint8_t>(r));
      rgb.push_back(static_cast<uint8_t>(g));
      rgb.push_back(static_cast<uint8_t>(b));
    }
  return rgb;
}
struct Rgb {
  int r, g, b;
};
Rgb Fade(int x, int y, int w, int h) {
  return {255 - x * 255 / (w - 1), y * 200 / (h - 1), (x * y * 17 + 3) % 256};
}
Rgb Stripes(int x, int y, int w, int h) {
  return {2 * x < w ? 230 : 20, (x * 5 + y * 53) % 256, 2 * y < h ? 210 : 40};
}
Rgb Soft(int x, int y, int w, int h) {
  return {150 - x * 40 / (w - 1), 100 + y * 30 / (h - 1), 120 + ((x + y) % 3) * 5};
}

// The expected strings were computed independently, by the npm package
// `blurhash` 2.0.5 (encode) on the same pixels (as RGBA, alpha 255). That
// encoder takes the largest AC component without its sign where the
// reference C encoder (and Mastodon's) takes its magnitude; in each of
// these pictures the largest one is positive, so both agree.
TEST(Blurhash, MatchesTheReferenceEncoder) {
  EXPECT_EQ(EncodeBlurhash(Picture(7, 5, Fade), 7, 5, 4, 3), "L~ID%9}9;x-7zswJsWr^emf9fSf5");
  EXPECT_EQ(EncodeBlurhash(Picture(32, 20, Fade), 32, 20, 4, 4),
            "U.Hm{J|s$2w[mWn$jujbf|fifQfin,o2jvjs");
  EXPECT_EQ(EncodeBlurhash(Picture(7, 5, Stripes), 7, 5, 4, 3), "L~Kv:w||wLTJz+wPoKakebf9fjf9");
  EXPECT_EQ(EncodeBlurhash(Picture(32, 20, Stripes), 32, 20, 4, 4),
            "U~JaQP|_snK4s]nljaa#e@f8fjfRs%njjaa{");
  EXPECT_EQ(EncodeBlurhash(Picture(9, 6, Soft), 9, 6, 3, 2), "BIF5jq}uwx=iw|o1");
}

TEST(Blurhash, RefusesSizesThatDoNotFit) {
  auto rgb = Picture(4, 4, Soft);
  EXPECT_EQ(EncodeBlurhash(rgb, 4, 3, 4, 3), "");   // too many bytes for 4x3
  EXPECT_EQ(EncodeBlurhash(rgb, 4, 4, 0, 3), "");   // no components
  EXPECT_EQ(EncodeBlurhash(rgb, 4, 4, 10, 3), "");  // more than 9
  EXPECT_EQ(EncodeBlurhash({}, 0, 0, 4, 3), "");
}

}  // namespace
}  // namespace atrium
