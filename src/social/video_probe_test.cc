#include "social/video_probe.h"

#include <gtest/gtest.h>

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
