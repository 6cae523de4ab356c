#include "http/byte_range.h"

#include <gtest/gtest.h>

namespace atrium::http {
namespace {

using K = ByteRange::Kind;

void ExpectPart(std::string_view header, int64_t size, int64_t first, int64_t last) {
  ByteRange r = ParseByteRange(header, size);
  EXPECT_EQ(r.kind, K::kPart) << header;
  EXPECT_EQ(r.first, first) << header;
  EXPECT_EQ(r.last, last) << header;
}

TEST(ByteRange, Parts) {
  ExpectPart("bytes=0-9", 100, 0, 9);
  ExpectPart("bytes=10-", 100, 10, 99);
  ExpectPart("bytes=-5", 100, 95, 99);
  ExpectPart("bytes=-500", 100, 0, 99);     // more than the file: all of it
  ExpectPart("bytes=90-200", 100, 90, 99);  // past the end: up to it
  ExpectPart("bytes=99-99", 100, 99, 99);
  EXPECT_EQ(ParseByteRange("bytes=10-19", 100).length(), 10);
}

TEST(ByteRange, Unsatisfiable) {
  EXPECT_EQ(ParseByteRange("bytes=100-", 100).kind, K::kUnsatisfiable);
  EXPECT_EQ(ParseByteRange("bytes=100-200", 100).kind, K::kUnsatisfiable);
  EXPECT_EQ(ParseByteRange("bytes=-0", 100).kind, K::kUnsatisfiable);
  EXPECT_EQ(ParseByteRange("bytes=0-", 0).kind, K::kUnsatisfiable);
}

TEST(ByteRange, AnsweredWhole) {
  for (std::string_view h : {"", "items=0-5", "bytes=5-1", "bytes=a-b", "bytes=0-1,5-6", "bytes=-",
                             "bytes=+1-2", "bytes=1", "bytes=99999999999999999999-"})
    EXPECT_EQ(ParseByteRange(h, 100).kind, K::kWhole) << h;
}

}  // namespace
}  // namespace atrium::http
