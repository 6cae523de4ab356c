#include "base/link_page.h"

#include <gtest/gtest.h>

namespace atrium {
namespace {

TEST(LinkPage, OpenGraphFirst) {
  LinkPage p = ParseLinkPage(R"(<!doctype html><html><head>
    <title>Fallback</title>
    <meta name="description" content="meta description">
    <meta property="og:title" content="  Atlas &amp; friends  ">
    <meta property="og:description" content="OG description">
    <meta property="og:site_name" content="Atlas Wiki">
    <meta property="og:type" content="video.other">
    <meta property="og:url" content="/canonical">
    <meta property="og:image" content="img/a.png">
    <meta property="og:image:width" content="1200"><meta property="og:image:height" content="630">
    <link rel="alternate" type="application/json+oembed" href="//wiki.example/oembed?x=1">
    </head><body><meta property="og:title" content="in the body"></body></html>)",
                             "https://wiki.example/pages/atlas");
  EXPECT_EQ(p.title, "Atlas & friends");
  EXPECT_EQ(p.description, "OG description");
  EXPECT_EQ(p.site_name, "Atlas Wiki");
  EXPECT_EQ(p.type, "video.other");
  EXPECT_EQ(p.url, "https://wiki.example/canonical");
  EXPECT_EQ(p.image, "https://wiki.example/pages/img/a.png");
  EXPECT_EQ(p.image_width, 1200);
  EXPECT_EQ(p.image_height, 630);
  EXPECT_EQ(p.oembed_url, "https://wiki.example/oembed?x=1");
}

TEST(LinkPage, Fallbacks) {
  LinkPage p = ParseLinkPage(
      "<html><head><title>  Only\n a   title </title><meta name=description content=Short>"
      "<meta name='twitter:image' content='javascript:alert(1)'></head></html>",
      "http://intranet/x");
  EXPECT_EQ(p.title, "Only a title");
  EXPECT_EQ(p.description, "Short");
  EXPECT_EQ(p.image, "") << "only http(s) pictures";
  EXPECT_EQ(ParseLinkPage("", "http://x/").title, "");
  EXPECT_EQ(ParseLinkPage("\x01\x02 not html", "http://x/").title, "");
}

TEST(LinkPage, OEmbed) {
  auto e = ParseOEmbed(
      R"({"type":"video","title":"Demo","author_name":"Maria","provider_name":"Tube","width":"640","height":360,"html":"<iframe>"})");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->type, "video");
  EXPECT_EQ(e->title, "Demo");
  EXPECT_EQ(e->author_name, "Maria");
  EXPECT_EQ(e->width, 640);
  EXPECT_EQ(e->height, 360);
  EXPECT_FALSE(ParseOEmbed(R"({"type":"script"})"));
  EXPECT_FALSE(ParseOEmbed("[]"));
  EXPECT_FALSE(ParseOEmbed("{"));
}

TEST(LinkPage, TextAndExcerpt) {
  EXPECT_EQ(HtmlText("<p>One &amp; <b>two</b></p><script>x()</script><p>three</p>"),
            "One & two three");
  EXPECT_EQ(HtmlText("plain"), "plain");
  EXPECT_EQ(Excerpt("short", 10), "short");
  EXPECT_EQ(Excerpt("one two three four five", 12), "one two…");
  EXPECT_EQ(Excerpt("ééééééééééé", 5), "éééé…");
}

// A scheme in any case is http(s), handed on in its canonical lower case
// (found by link_page_fuzz: "hTtps://" came back as written).
TEST(LinkPage, ResolvedUrlsHaveALowerCaseScheme) {
  EXPECT_EQ(ResolveHttpUrl("https://wiki.example/a", "hTtps://wiki.example/x"),
            "https://wiki.example/x");
  EXPECT_EQ(ResolveHttpUrl("HTTP://wiki.example/a/b", "c"), "http://wiki.example/a/c");
  EXPECT_EQ(ResolveHttpUrl("https://wiki.example/a", "FTP://wiki.example/x"), "");
}

}  // namespace
}  // namespace atrium
