// ImagePipeline: turns uploaded image bytes into what Atrium stores and
// serves, through libvips. The type is decided by the bytes alone (the
// loader libvips recognizes), never by a name or a claimed media type;
// JPEG, PNG, GIF (animation kept), WebP and, where the library reads them,
// HEIC and AVIF (stored as JPEG, which every browser shows). The pixel
// count is read from the header and checked before anything is decoded.
// The original is re-encoded with its orientation applied, at most
// `max_pixels` large, without any metadata (EXIF with GPS positions and
// camera serial numbers, XMP, IPTC, comments, colour profiles); a preview
// fits kPreviewSide; the blurhash is computed from the preview.
//
// Process is CPU-bound (tens to hundreds of milliseconds): call it from a
// request on the write pool, never from an I/O thread. Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace atrium {

struct ImageLimits {
  // Refused (422) above this many pixels in one frame, or in all frames of
  // an animation, as the file's header declares them.
  int64_t max_decoded_pixels = 64'000'000;
  // The stored original is scaled down to at most this many pixels.
  int64_t max_pixels = 16'000'000;
};

struct ProcessedImage {
  std::string original;  // re-encoded, metadata stripped
  std::string original_type;
  int width = 0;
  int height = 0;
  std::string preview;  // JPEG
  std::string preview_type;
  int preview_width = 0;
  int preview_height = 0;
  std::string blurhash;
};

inline constexpr int kPreviewSide = 640;

// Starts libvips once for the process (idempotent, thread-safe). False if
// it cannot start.
bool InitImagePipeline();

// The media type of image bytes Atrium accepts ("image/jpeg", …), as
// libvips' loaders recognize them from the first bytes; "" for anything
// else (including images libvips reads but Atrium does not take: SVG, PDF,
// TIFF…).
std::string SniffImageType(std::string_view bytes);

// The preview (JPEG, fitting kPreviewSide), its size and the blurhash of a
// picture given as `width` x `height` 8-bit RGB pixels, row by row (a
// video's poster frame, a PDF's first page); `original` stays empty, width
// and height are the picture's. 422 if the pixels cannot be encoded.
Result<ProcessedImage> PreviewFromPixels(std::string_view rgb, int width, int height);

// The first frame of image bytes Atrium accepts as PNG, its transparency
// kept and no metadata (a custom emoji's still picture, for clients that do
// not animate). 422 if `bytes` are not one or cannot be read.
Result<std::string> FirstFramePng(std::string_view bytes);

// Processes `bytes`. 422 for bytes that are not an accepted image, are
// damaged, or declare more than limits.max_decoded_pixels.
Result<ProcessedImage> ProcessImage(std::string_view bytes, const ImageLimits& limits);

}  // namespace atrium
