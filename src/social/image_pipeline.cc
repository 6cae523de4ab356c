// On libvips' C API: images are reference-counted GObjects, held here by
// VipsRef so that every path releases them; every vips call that fails
// leaves a message in vips' error buffer, cleared after use.
#include "social/image_pipeline.h"

#include <vips/vips.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "base/blurhash.h"

namespace atrium {
namespace {

struct Unref {
  void operator()(VipsImage* image) const {
    if (image != nullptr) g_object_unref(image);
  }
};
using VipsRef = std::unique_ptr<VipsImage, Unref>;

// The side of the picture the blurhash is computed from: enough for a
// placeholder, and quick.
constexpr int kBlurhashSide = 32;

Status VipsError(std::string_view what) {
  std::string detail = vips_error_buffer();
  vips_error_clear();
  return Status::Unprocessable(std::string("Validation failed: ") + std::string(what), detail);
}

// The bytes of a buffer vips allocated, then frees it.
std::string TakeBuffer(void* buffer, size_t size) {
  std::string out(static_cast<const char*>(buffer), size);
  g_free(buffer);
  return out;
}

bool IsAnimatable(const std::string& type) { return type == "image/gif" || type == "image/webp"; }

// The first frame of `image` (an animation's frames are stacked top to
// bottom), in sRGB, 8 bits, without alpha (flattened on white).
Result<VipsRef> FlatFirstFrame(VipsImage* image, int page_height) {
  VipsImage* out = nullptr;
  VipsRef current(image);
  g_object_ref(image);
  if (page_height > 0 && page_height < vips_image_get_height(image)) {
    if (vips_crop(current.get(), &out, 0, 0, vips_image_get_width(image), page_height, nullptr))
      return VipsError("the image cannot be read");
    current.reset(out);
  }
  if (vips_colourspace(current.get(), &out, VIPS_INTERPRETATION_sRGB, nullptr))
    return VipsError("the image cannot be read");
  current.reset(out);
  if (vips_image_hasalpha(current.get())) {
    VipsArrayDouble* white = vips_array_double_newv(3, 255.0, 255.0, 255.0);
    int failed = vips_flatten(current.get(), &out, "background", white, nullptr);
    vips_area_unref(VIPS_AREA(white));
    if (failed) return VipsError("the image cannot be read");
    current.reset(out);
  }
  if (vips_image_get_bands(current.get()) > 3) {
    if (vips_extract_band(current.get(), &out, 0, "n", 3, nullptr))
      return VipsError("the image cannot be read");
    current.reset(out);
  }
  if (vips_cast(current.get(), &out, VIPS_FORMAT_UCHAR, nullptr))
    return VipsError("the image cannot be read");
  current.reset(out);
  return current;
}

Result<std::string> Blurhash(VipsImage* preview) {
  VipsImage* out = nullptr;
  if (vips_thumbnail_image(preview, &out, kBlurhashSide, "height", kBlurhashSide, nullptr))
    return VipsError("the image cannot be read");
  VipsRef tiny(out);
  size_t size = 0;
  void* memory = vips_image_write_to_memory(tiny.get(), &size);
  if (memory == nullptr) return VipsError("the image cannot be read");
  const int w = vips_image_get_width(tiny.get());
  const int h = vips_image_get_height(tiny.get());
  const int bands = vips_image_get_bands(tiny.get());
  std::string hash;
  if (bands == 3)
    hash = EncodeBlurhash(std::span<const uint8_t>(static_cast<const uint8_t*>(memory), size), w, h,
                          4, 4);
  g_free(memory);
  return hash;
}

Result<std::string> Save(VipsImage* image, const std::string& type) {
  void* buffer = nullptr;
  size_t size = 0;
  int failed = 0;
  if (type == "image/png")
    failed = vips_pngsave_buffer(image, &buffer, &size, "strip", TRUE, nullptr);
  else if (type == "image/gif")
    failed = vips_gifsave_buffer(image, &buffer, &size, "strip", TRUE, nullptr);
  else if (type == "image/webp")
    failed = vips_webpsave_buffer(image, &buffer, &size, "Q", 85, "strip", TRUE, nullptr);
  else
    failed = vips_jpegsave_buffer(image, &buffer, &size, "Q", 85, "strip", TRUE, nullptr);
  if (failed) return VipsError("the image cannot be stored");
  return TakeBuffer(buffer, size);
}

// Sets the preview of `result` (and its size and blurhash) from `frame`,
// an sRGB 8-bit picture without alpha.
Status AddPreview(VipsImage* frame, ProcessedImage& result) {
  VipsImage* out = nullptr;
  if (vips_thumbnail_image(frame, &out, kPreviewSide, "height", kPreviewSide, "size",
                           VIPS_SIZE_DOWN, nullptr))
    return VipsError("the image cannot be read");
  VipsRef preview(out);
  auto preview_bytes = Save(preview.get(), "image/jpeg");
  if (!preview_bytes.ok()) return preview_bytes.status();
  result.preview = std::move(*preview_bytes);
  result.preview_type = "image/jpeg";
  result.preview_width = vips_image_get_width(preview.get());
  result.preview_height = vips_image_get_height(preview.get());
  auto hash = Blurhash(preview.get());
  if (!hash.ok()) return hash.status();
  result.blurhash = std::move(*hash);
  return Status::Ok();
}

}  // namespace

bool InitImagePipeline() {
  static const bool ok = [] {
    if (VIPS_INIT("atrium") != 0) return false;
    vips_cache_set_max(0);  // uploads are seen once: caching them only costs memory
    return true;
  }();
  return ok;
}

std::string SniffImageType(std::string_view bytes) {
  if (!InitImagePipeline() || bytes.size() < 12) return "";
  const char* loader = vips_foreign_find_load_buffer(bytes.data(), bytes.size());
  if (loader == nullptr) {
    vips_error_clear();
    return "";
  }
  // libvips' loader classes (PNG and GIF have had two implementations).
  static constexpr std::pair<std::string_view, std::string_view> kLoaders[] = {
      {"VipsForeignLoadJpegBuffer", "image/jpeg"}, {"VipsForeignLoadPngBuffer", "image/png"},
      {"VipsForeignLoadSpngBuffer", "image/png"},  {"VipsForeignLoadNsgifBuffer", "image/gif"},
      {"VipsForeignLoadGifBuffer", "image/gif"},   {"VipsForeignLoadWebpBuffer", "image/webp"},
      {"VipsForeignLoadHeifBuffer", "image/heif"},
  };
  for (const auto& [name, type] : kLoaders) {
    if (name != loader) continue;
    if (type != "image/heif") return std::string(type);
    const std::string_view brand = bytes.substr(8, 4);
    return brand == "avif" || brand == "avis" ? "image/avif" : "image/heic";
  }
  return "";
}

Result<ProcessedImage> ProcessImage(std::string_view bytes, const ImageLimits& limits) {
  const std::string type = SniffImageType(bytes);
  if (type.empty())
    return Status::Unprocessable(
        "Validation failed: the file is not an image of a supported type",
        "images may be JPEG, PNG, GIF, WebP, HEIC or AVIF, recognized by their content");

  // The header only: nothing is decoded yet.
  VipsRef header(vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr));
  if (!header) return VipsError("the image cannot be read");
  const int64_t w = vips_image_get_width(header.get());
  const int64_t h = vips_image_get_height(header.get());
  const int64_t pages = std::max(1, vips_image_get_n_pages(header.get()));
  const bool animated = IsAnimatable(type) && pages > 1;
  if (w <= 0 || h <= 0 || w * h > limits.max_decoded_pixels ||
      (animated && w * h * pages > limits.max_decoded_pixels))
    return Status::Unprocessable(
        "Validation failed: the image has too many pixels",
        "an image may have at most " + std::to_string(limits.max_decoded_pixels) + " pixels");

  // Scaled to fit max_pixels (a bounding square of the longer side keeps
  // the rotated image's area in bounds too), orientation applied.
  const double scale =
      w * h > limits.max_pixels ? std::sqrt(double(limits.max_pixels) / double(w * h)) : 1.0;
  const int box = std::max(1, static_cast<int>(std::floor(std::max(w, h) * scale)));
  VipsImage* out = nullptr;
  if (vips_thumbnail_buffer(const_cast<char*>(bytes.data()), bytes.size(), &out, box, "height", box,
                            "size", VIPS_SIZE_DOWN, "option_string", animated ? "n=-1" : "",
                            nullptr))
    return VipsError("the image cannot be read");
  VipsRef lazy(out);
  // Decoded once, into memory: the original and the preview both read it
  // (the loader reads the file only once, in order).
  VipsRef image(vips_image_copy_memory(lazy.get()));
  if (!image) return VipsError("the image cannot be read");

  ProcessedImage result;
  // HEIC and AVIF are kept as JPEG: every browser shows that.
  result.original_type = type == "image/heic" || type == "image/avif" ? "image/jpeg" : type;
  auto original = Save(image.get(), result.original_type);
  if (!original.ok()) return original.status();
  result.original = std::move(*original);
  result.width = vips_image_get_width(image.get());
  int page_height = animated ? vips_image_get_page_height(image.get()) : 0;
  result.height = page_height > 0 ? page_height : vips_image_get_height(image.get());

  auto frame = FlatFirstFrame(image.get(), page_height);
  if (!frame.ok()) return frame.status();
  if (Status s = AddPreview(frame->get(), result); !s.ok()) return s;
  return result;
}

Result<std::string> FirstFramePng(std::string_view bytes) {
  if (SniffImageType(bytes).empty())
    return Status::Unprocessable("Validation failed: the file is not an image of a supported type");
  // Without "n", a loader reads the first frame only.
  VipsRef image(vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr));
  if (!image) return VipsError("the image cannot be read");
  return Save(image.get(), "image/png");
}

Result<ProcessedImage> PreviewFromPixels(std::string_view rgb, int width, int height) {
  if (!InitImagePipeline() || width <= 0 || height <= 0 ||
      rgb.size() != static_cast<size_t>(width) * static_cast<size_t>(height) * 3)
    return Status::Unprocessable("Validation failed: the preview cannot be made");
  VipsRef image(
      vips_image_new_from_memory(rgb.data(), rgb.size(), width, height, 3, VIPS_FORMAT_UCHAR));
  if (!image) return VipsError("the preview cannot be made");
  vips_image_set_int(image.get(), "interpretation", VIPS_INTERPRETATION_sRGB);
  ProcessedImage result;
  result.width = width;
  result.height = height;
  if (Status s = AddPreview(image.get(), result); !s.ok()) return s;
  return result;
}

}  // namespace atrium
