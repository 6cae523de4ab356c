#include "social/image_pipeline.h"

#include <gtest/gtest.h>
#include <vips/vips.h>

#include <string>

namespace atrium {
namespace {

// A w x h picture saved by libvips as `format` (".png", ".jpg"…), with
// EXIF orientation `orientation` when not 0.
std::string Encode(int w, int h, const char* format, int orientation = 0) {
  EXPECT_TRUE(InitImagePipeline());
  VipsImage* black = nullptr;
  EXPECT_EQ(vips_black(&black, w, h, "bands", 3, nullptr), 0);
  VipsImage* image = nullptr;
  EXPECT_EQ(vips_linear1(black, &image, 1.0, 90.0, "uchar", TRUE, nullptr), 0);
  g_object_unref(black);
  if (orientation != 0) vips_image_set_int(image, VIPS_META_ORIENTATION, orientation);
  void* buffer = nullptr;
  size_t size = 0;
  EXPECT_EQ(vips_image_write_to_buffer(image, format, &buffer, &size, nullptr), 0);
  g_object_unref(image);
  std::string out(static_cast<const char*>(buffer), size);
  g_free(buffer);
  return out;
}

TEST(ImagePipeline, TypeByContentOnly) {
  EXPECT_EQ(SniffImageType(Encode(8, 8, ".png")), "image/png");
  EXPECT_EQ(SniffImageType(Encode(8, 8, ".jpg")), "image/jpeg");
  EXPECT_EQ(SniffImageType(Encode(8, 8, ".webp")), "image/webp");
  EXPECT_EQ(SniffImageType(Encode(8, 8, ".gif")), "image/gif");
  // Read by libvips, but not taken.
  EXPECT_EQ(SniffImageType(Encode(8, 8, ".tif")), "");
  EXPECT_EQ(SniffImageType("<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>"), "");
  EXPECT_EQ(SniffImageType("just some text, long enough"), "");
  EXPECT_EQ(SniffImageType(""), "");
}

TEST(ImagePipeline, OrientationAppliedAndSizes) {
  // Orientation 6: the camera was turned; the stored picture is upright.
  auto done = ProcessImage(Encode(40, 20, ".jpg", 6), ImageLimits{});
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->width, 20);
  EXPECT_EQ(done->height, 40);
  EXPECT_EQ(done->original_type, "image/jpeg");
  EXPECT_EQ(SniffImageType(done->original), "image/jpeg");
  EXPECT_EQ(done->preview_width, 20);  // never enlarged
  EXPECT_EQ(done->preview_type, "image/jpeg");
  EXPECT_EQ(done->blurhash.size(), 2u + 4u + 2u * 15u);  // 4x4 components
}

TEST(ImagePipeline, CapsTheOriginalAndShrinksThePreview) {
  ImageLimits limits;
  limits.max_pixels = 100 * 50;  // the 1000x500 picture must shrink tenfold
  auto done = ProcessImage(Encode(1000, 500, ".png"), limits);
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->width, 100);
  EXPECT_EQ(done->height, 50);
  EXPECT_EQ(done->original_type, "image/png");
  auto big = ProcessImage(Encode(1000, 500, ".png"), ImageLimits{});
  ASSERT_TRUE(big.ok());
  EXPECT_EQ(big->width, 1000);
  EXPECT_EQ(big->preview_width, kPreviewSide);
  EXPECT_EQ(big->preview_height, kPreviewSide / 2);
}

TEST(ImagePipeline, RefusesTooManyPixelsAndUnreadableBytes) {
  ImageLimits limits;
  limits.max_decoded_pixels = 99;
  auto bomb = ProcessImage(Encode(10, 10, ".png"), limits);
  EXPECT_EQ(bomb.status().code(), Code::kUnprocessable);
  limits.max_decoded_pixels = 100;
  EXPECT_TRUE(ProcessImage(Encode(10, 10, ".png"), limits).ok());

  std::string broken = Encode(16, 16, ".png");
  broken.resize(40);  // the header survives, the pixels do not
  EXPECT_EQ(ProcessImage(broken, ImageLimits{}).status().code(), Code::kUnprocessable);
  EXPECT_EQ(ProcessImage("not an image at all", ImageLimits{}).status().code(),
            Code::kUnprocessable);
}

}  // namespace
}  // namespace atrium
