#include "base/text.h"

#include <gtest/gtest.h>

namespace atrium {
namespace {

TEST(Text, Utf8Validation) {
  EXPECT_TRUE(IsValidUtf8("plain"));
  EXPECT_TRUE(IsValidUtf8("ünïcödé 日本 😀"));
  EXPECT_FALSE(IsValidUtf8("\xff"));
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // > U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xe6\x97"));          // truncated
  EXPECT_EQ(CountCodePoints("a日😀"), 3u);
}

TEST(Text, TrimDropsSpaceTabsAndLineEndsAtTheEdgesOnly) {
  EXPECT_EQ(Trim("  a b \t"), "a b");
  EXPECT_EQ(Trim("\r\n\tkey = value\r\n"), "key = value");
  EXPECT_EQ(Trim("inner  space"), "inner  space");
  EXPECT_EQ(Trim(" \t\r\n "), "");
  EXPECT_EQ(Trim(""), "");
  EXPECT_EQ(Trim("\vx\f"), "\vx\f");  // only the four above
  const std::string s = "  x  ";
  EXPECT_EQ(Trim(s).data(), s.data() + 2);  // a view into the argument
}

TEST(Text, EqualsIgnoreCaseFoldsAsciiLettersOnly) {
  EXPECT_TRUE(EqualsIgnoreCase("Content-Type", "content-TYPE"));
  EXPECT_TRUE(EqualsIgnoreCase("", ""));
  EXPECT_FALSE(EqualsIgnoreCase("Cookie", "Cookies"));
  EXPECT_FALSE(EqualsIgnoreCase("a-b", "a_b"));
  EXPECT_FALSE(EqualsIgnoreCase("\xc3\x89", "\xc3\xa9"));  // not ASCII letters
}

TEST(Text, FormDecoding) {
  std::string out;
  ASSERT_TRUE(FormDecode("a+b%20c%2Fd", &out));
  EXPECT_EQ(out, "a b c/d");
  EXPECT_FALSE(FormDecode("%", &out));
  EXPECT_FALSE(FormDecode("%2", &out));
  EXPECT_FALSE(FormDecode("%zz", &out));
  EXPECT_EQ(UrlEncode("a b/é"), "a%20b%2F%C3%A9");
  EXPECT_EQ(HtmlEscape("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
}

}  // namespace
}  // namespace atrium
