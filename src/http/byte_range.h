// ByteRange: the one range of a `Range: bytes=…` request header a file
// response answers (RFC 9110 section 14). Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

namespace atrium::http {

struct ByteRange {
  enum class Kind {
    kWhole,          // no range asked, or one not understood: the whole file (200)
    kPart,           // bytes first..last (206)
    kUnsatisfiable,  // no byte of the file in the range (416)
  };
  Kind kind = Kind::kWhole;
  int64_t first = 0;
  int64_t last = 0;  // inclusive
  int64_t length() const { return last - first + 1; }
};

// The range `header` asks of a file of `size` bytes: "bytes=10-19",
// "bytes=10-" (to the end), "bytes=-5" (the last five). Several ranges, or
// another unit, are answered whole (as a server may); a syntactically
// broken header is ignored (whole) as RFC 9110 says.
ByteRange ParseByteRange(std::string_view header, int64_t size);

}  // namespace atrium::http
