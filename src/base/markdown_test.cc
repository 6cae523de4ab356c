#include "base/markdown.h"

#include <gtest/gtest.h>

namespace atrium {
namespace {

TEST(Markdown, RendersCommonMarkAndGfm) {
  EXPECT_EQ(RenderMarkdown("# Hi\n\n**bold** and ~~old~~"),
            "<h1>Hi</h1>\n<p><strong>bold</strong> and <del>old</del></p>\n");
  EXPECT_NE(RenderMarkdown("see https://example.com").find("<a href=\"https://example.com\">"),
            std::string::npos);
  EXPECT_EQ(RenderMarkdown(""), "");
}

TEST(Markdown, NeverPassesHtmlOrUnsafeLinks) {
  std::string out = RenderMarkdown(
      "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))");
  EXPECT_EQ(out.find("<script"), std::string::npos);
  EXPECT_EQ(out.find("<img"), std::string::npos);
  EXPECT_EQ(out.find("javascript:"), std::string::npos);
}

}  // namespace
}  // namespace atrium
