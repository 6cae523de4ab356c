#include "http/byte_range.h"

#include <charconv>

namespace atrium::http {
namespace {

// Digits only (no sign, no spaces); false if empty or too large.
bool ParseNumber(std::string_view text, int64_t* out) {
  if (text.empty() || text.size() > 18) return false;
  for (char c : text)
    if (c < '0' || c > '9') return false;
  std::from_chars(text.data(), text.data() + text.size(), *out);
  return true;
}

}  // namespace

ByteRange ParseByteRange(std::string_view header, int64_t size) {
  ByteRange whole;
  constexpr std::string_view kUnit = "bytes=";
  if (header.substr(0, kUnit.size()) != kUnit) return whole;
  std::string_view spec = header.substr(kUnit.size());
  while (!spec.empty() && spec.front() == ' ') spec.remove_prefix(1);
  while (!spec.empty() && spec.back() == ' ') spec.remove_suffix(1);
  if (spec.find(',') != std::string_view::npos) return whole;
  const size_t dash = spec.find('-');
  if (dash == std::string_view::npos) return whole;
  const std::string_view from = spec.substr(0, dash);
  const std::string_view to = spec.substr(dash + 1);
  ByteRange r;
  r.kind = ByteRange::Kind::kPart;
  if (from.empty()) {
    // The last `n` bytes.
    int64_t n = 0;
    if (!ParseNumber(to, &n)) return whole;
    if (n == 0 || size == 0) return {ByteRange::Kind::kUnsatisfiable, 0, 0};
    r.first = n >= size ? 0 : size - n;
    r.last = size - 1;
    return r;
  }
  if (!ParseNumber(from, &r.first)) return whole;
  if (to.empty()) {
    r.last = size - 1;
  } else {
    if (!ParseNumber(to, &r.last) || r.last < r.first) return whole;
    if (r.last >= size) r.last = size - 1;
  }
  if (r.first >= size) return {ByteRange::Kind::kUnsatisfiable, 0, 0};
  return r;
}

}  // namespace atrium::http
