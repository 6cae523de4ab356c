// Writes a photo-like JPEG for the media benchmark (bench/media.mjs): a
// colour gradient with grain, `width` x `height`, quality 85, so that
// decoding and re-encoding do the work a camera's picture asks for (a flat
// picture would compress to nothing, pure noise would be larger than any
// phone's photo). Built and run by bench/media.mjs:
//
//   g++ -O2 -std=c++20 bench/make-photo.cc $(pkg-config --cflags --libs vips) -o make-photo
//   ./make-photo photo.jpg 4000 3000
#include <vips/vips.h>

#include <cstdio>
#include <cstdlib>

static int Fail(const char* what) {
  std::fprintf(stderr, "make-photo: %s: %s\n", what, vips_error_buffer());
  return 1;
}

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: make-photo FILE.jpg WIDTH HEIGHT\n");
    return 2;
  }
  if (VIPS_INIT(argv[0])) return Fail("init");
  const int width = std::atoi(argv[2]);
  const int height = std::atoi(argv[3]);
  VipsImage* xy = nullptr;
  VipsImage* grain = nullptr;
  VipsImage* bands[3] = {nullptr, nullptr, nullptr};
  VipsImage* rgb = nullptr;
  VipsImage* photo = nullptr;
  // x and y as two bands; red follows x, green y, blue their sum, each
  // with its own grain.
  if (vips_xyz(&xy, width, height, nullptr)) return Fail("xyz");
  if (vips_gaussnoise(&grain, width, height, "mean", 0.0, "sigma", 6.0, nullptr))
    return Fail("noise");
  VipsImage* x = nullptr;
  VipsImage* y = nullptr;
  if (vips_extract_band(xy, &x, 0, nullptr) || vips_extract_band(xy, &y, 1, nullptr))
    return Fail("band");
  VipsImage* sum = nullptr;
  if (vips_add(x, y, &sum, nullptr)) return Fail("add");
  const double sx = 255.0 / width, sy = 255.0 / height, ss = 255.0 / (width + height);
  VipsImage* plain[3] = {nullptr, nullptr, nullptr};
  if (vips_linear1(x, &plain[0], sx, 0.0, nullptr) ||
      vips_linear1(y, &plain[1], sy, 0.0, nullptr) ||
      vips_linear1(sum, &plain[2], -ss, 255.0, nullptr))
    return Fail("linear");
  for (int i = 0; i < 3; ++i)
    if (vips_add(plain[i], grain, &bands[i], nullptr)) return Fail("grain");
  if (vips_bandjoin(bands, &rgb, 3, nullptr)) return Fail("join");
  if (vips_cast_uchar(rgb, &photo, nullptr)) return Fail("cast");
  if (vips_image_write_to_file(photo, argv[1], "Q", 85, nullptr)) return Fail("save");
  return 0;
}
