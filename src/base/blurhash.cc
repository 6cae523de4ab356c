#include "base/blurhash.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

namespace atrium {
namespace {

constexpr std::string_view kBase83 =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~";

void AppendBase83(std::string& out, int value, int length) {
  for (int i = 1; i <= length; ++i) {
    int divisor = 1;
    for (int k = 0; k < length - i; ++k) divisor *= 83;
    out += kBase83[(value / divisor) % 83];
  }
}

double SrgbToLinear(uint8_t value) {
  double v = value / 255.0;
  return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
}

int LinearToSrgb(double value) {
  double v = std::clamp(value, 0.0, 1.0);
  if (v <= 0.0031308) return static_cast<int>(std::trunc(v * 12.92 * 255 + 0.5));
  return static_cast<int>(std::trunc((1.055 * std::pow(v, 1 / 2.4) - 0.055) * 255 + 0.5));
}

double SignPow(double value, double exponent) {
  return std::copysign(std::pow(std::abs(value), exponent), value);
}

struct Factor {
  double r = 0, g = 0, b = 0;
};

}  // namespace

std::string EncodeBlurhash(std::span<const uint8_t> rgb, int width, int height, int x_components,
                           int y_components) {
  if (x_components < 1 || x_components > 9 || y_components < 1 || y_components > 9 || width < 1 ||
      height < 1 || rgb.size() != static_cast<size_t>(width) * static_cast<size_t>(height) * 3)
    return "";
  // The linear value of every pixel, once.
  std::vector<double> linear(rgb.size());
  for (size_t i = 0; i < rgb.size(); ++i) linear[i] = SrgbToLinear(rgb[i]);

  std::vector<Factor> factors;
  for (int j = 0; j < y_components; ++j) {
    for (int i = 0; i < x_components; ++i) {
      const double normalisation = (i == 0 && j == 0) ? 1 : 2;
      Factor f;
      for (int x = 0; x < width; ++x) {
        const double bx = std::cos(std::numbers::pi * i * x / width);
        for (int y = 0; y < height; ++y) {
          const double basis = normalisation * bx * std::cos(std::numbers::pi * j * y / height);
          const size_t p = (static_cast<size_t>(y) * width + x) * 3;
          f.r += basis * linear[p];
          f.g += basis * linear[p + 1];
          f.b += basis * linear[p + 2];
        }
      }
      const double scale = 1.0 / (static_cast<double>(width) * height);
      factors.push_back({f.r * scale, f.g * scale, f.b * scale});
    }
  }

  std::string hash;
  AppendBase83(hash, (x_components - 1) + (y_components - 1) * 9, 1);
  double maximum = 1;
  if (factors.size() > 1) {
    double actual = 0;
    for (size_t k = 1; k < factors.size(); ++k)
      actual = std::max(
          {actual, std::abs(factors[k].r), std::abs(factors[k].g), std::abs(factors[k].b)});
    const int quantised =
        static_cast<int>(std::max(0.0, std::min(82.0, std::floor(actual * 166 - 0.5))));
    maximum = (quantised + 1) / 166.0;
    AppendBase83(hash, quantised, 1);
  } else {
    AppendBase83(hash, 0, 1);
  }
  const Factor& dc = factors[0];
  AppendBase83(hash, (LinearToSrgb(dc.r) << 16) + (LinearToSrgb(dc.g) << 8) + LinearToSrgb(dc.b),
               4);
  auto quantise = [maximum](double v) {
    return static_cast<int>(
        std::max(0.0, std::min(18.0, std::floor(SignPow(v / maximum, 0.5) * 9 + 9.5))));
  };
  for (size_t k = 1; k < factors.size(); ++k)
    AppendBase83(
        hash,
        quantise(factors[k].r) * 19 * 19 + quantise(factors[k].g) * 19 + quantise(factors[k].b), 2);
  return hash;
}

}  // namespace atrium
