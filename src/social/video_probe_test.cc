#include "social/video_probe.h"

#include <gtest/gtest.h>
#include <vips/vips.h>

#include <cstring>

#include "social/media_test_files.h"

namespace atrium {
namespace {

TEST(VideoProbe, WebmVp8) {
  auto video = ProbeVideo(Fixture("clip.webm"), "video/webm", VideoLimits{});
  ASSERT_TRUE(video.ok()) << video.status().ToString();
  EXPECT_EQ(video->container, "webm");
  EXPECT_EQ(video->video_codec, "vp8");
  EXPECT_EQ(video->audio_codec, "");
  EXPECT_EQ(video->width, 64);
  EXPECT_EQ(video->height, 48);
  EXPECT_EQ(video->frame_rate, "10/1");
  EXPECT_NEAR(video->duration_ms, 1000, 100);
  EXPECT_EQ(video->poster.preview_width, 64);
  EXPECT_EQ(video->poster.preview_height, 48);
  EXPECT_EQ(video->poster.preview.substr(0, 3), "\xff\xd8\xff");  // a JPEG
  EXPECT_FALSE(video->poster.blurhash.empty());
}

TEST(VideoProbe, Mp4Av1) {
  auto video = ProbeVideo(Fixture("clip.mp4"), "video/mp4", VideoLimits{});
  ASSERT_TRUE(video.ok()) << video.status().ToString();
  EXPECT_EQ(video->container, "mp4");
  EXPECT_EQ(video->video_codec, "av1");
  EXPECT_EQ(video->width, 64);
  EXPECT_FALSE(video->poster.preview.empty());
}

// clip.mp4 as a phone held upright records it: the same pictures, and a
// track header (tkhd) whose matrix says "turn 90 degrees clockwise to show"
// (a=0, b=1, c=-1, d=0 in 16.16 fixed point, w=1 in 2.30).
std::string TurnedMp4() {
  std::string mp4 = Fixture("clip.mp4");
  const size_t tkhd = mp4.find("tkhd");
  if (tkhd == std::string::npos || tkhd < 4) return "";
  const size_t box = tkhd - 4;
  const bool v1 = mp4[tkhd + 4] == 1;
  const size_t matrix = box + 8 + 4 + (v1 ? 32 : 20) + 16;
  const uint32_t values[9] = {0, 0x00010000, 0, 0xffff0000, 0, 0, 0, 0, 0x40000000};
  for (int i = 0; i < 9; ++i)
    for (int b = 0; b < 4; ++b)
      mp4[matrix + i * 4 + b] = static_cast<char>(values[i] >> (24 - 8 * b) & 0xff);
  return mp4;
}

// The mean brightness of the w x h pixels at (x, y) of a JPEG.
double MeanOf(const std::string& jpeg, int x, int y, int w, int h) {
  VipsImage* image = vips_image_new_from_buffer(jpeg.data(), jpeg.size(), "", nullptr);
  if (image == nullptr) return -1;
  VipsImage* part = nullptr;
  double mean = -1;
  if (vips_crop(image, &part, x, y, w, h, nullptr) == 0 && vips_avg(part, &mean, nullptr) != 0)
    mean = -1;
  if (part) g_object_unref(part);
  g_object_unref(image);
  return mean;
}

TEST(VideoProbe, APhoneVideoHeldUprightIsShownUpright) {
  ASSERT_TRUE(InitImagePipeline());
  const std::string turned = TurnedMp4();
  ASSERT_FALSE(turned.empty());
  auto video = ProbeVideo(turned, "video/mp4", VideoLimits{});
  ASSERT_TRUE(video.ok()) << video.status().ToString();
  // Stored 64 x 48, shown 48 x 64.
  EXPECT_EQ(video->width, 48);
  EXPECT_EQ(video->height, 64);
  EXPECT_EQ(video->poster.preview_width, 48);
  EXPECT_EQ(video->poster.preview_height, 64);
  // The clip's first frame darkens to the left; turned clockwise, its left
  // edge is the top: the poster is dark at the top, bright at the bottom.
  const double top = MeanOf(video->poster.preview, 0, 0, 48, 8);
  const double bottom = MeanOf(video->poster.preview, 0, 56, 48, 8);
  ASSERT_GE(top, 0);
  EXPECT_LT(top + 60, bottom) << "top " << top << ", bottom " << bottom;
  // The unturned clip, for comparison: as wide as stored, dark on the left.
  auto plain = ProbeVideo(Fixture("clip.mp4"), "video/mp4", VideoLimits{});
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->poster.preview_width, 64);
  const double left = MeanOf(plain->poster.preview, 0, 0, 8, 48);
  const double right = MeanOf(plain->poster.preview, 56, 0, 8, 48);
  EXPECT_LT(left + 60, right) << "left " << left << ", right " << right;
}

TEST(VideoProbe, RefusesCodecsBrowsersDoNotPlay) {
  auto video = ProbeVideo(Fixture("mpeg4.mp4"), "video/mp4", VideoLimits{});
  ASSERT_FALSE(video.ok());
  EXPECT_EQ(video.status().code(), Code::kUnprocessable);
  EXPECT_NE(video.status().ToString().find("mpeg4"), std::string::npos)
      << video.status().ToString();
}

TEST(VideoProbe, RefusesOtherContainersAndDamage) {
  EXPECT_EQ(ProbeVideo(Fixture("clip.webm"), "video/x-matroska", VideoLimits{}).status().code(),
            Code::kUnprocessable);
  // A WebM cut short after its header: no picture to decode.
  std::string cut = Fixture("clip.webm").substr(0, 200);
  EXPECT_EQ(ProbeVideo(cut, "video/webm", VideoLimits{}).status().code(), Code::kUnprocessable);
  EXPECT_EQ(ProbeVideo("not a video at all", "video/mp4", VideoLimits{}).status().code(),
            Code::kUnprocessable);
}

TEST(VideoProbe, RefusesFramesOverTheLimit) {
  VideoLimits small;
  small.max_frame_pixels = 64 * 47;
  EXPECT_EQ(ProbeVideo(Fixture("clip.webm"), "video/webm", small).status().code(),
            Code::kUnprocessable);
}

}  // namespace
}  // namespace atrium
