// Blurhash (https://blurha.sh): a short string that a client decodes into a
// blurred placeholder of an image while the image loads. This is the
// encoder; it follows the reference C implementation (which Mastodon uses)
// bit for bit. Pure; safe for concurrent use.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace atrium {

// The blurhash of a `width` x `height` image given as 8-bit sRGB pixels, 3
// bytes a pixel, rows top to bottom without padding (so rgb.size() ==
// width * height * 3), with `x_components` x `y_components` (each 1..9)
// cosine components. "" when the sizes do not fit.
std::string EncodeBlurhash(std::span<const uint8_t> rgb, int width, int height, int x_components,
                           int y_components);

}  // namespace atrium
