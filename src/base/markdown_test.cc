#include "base/markdown.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

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

// A body's #hashtags link to their tag page as a post's do; not in code, not
// inside a link, not a heading's '#', and nothing in a tag can add markup.
TEST(Markdown, LinksHashtagsOutsideCodeAndLinks) {
  EXPECT_EQ(RenderMarkdown("Ship it #Release, **#bold** now", "https://a.example"),
            "<p>Ship it <a href=\"https://a.example/tags/release\" class=\"mention hashtag\" "
            "rel=\"tag\">#<span>Release</span></a>, <strong><a "
            "href=\"https://a.example/tags/bold\" class=\"mention hashtag\" "
            "rel=\"tag\">#<span>bold</span></a></strong> now</p>\n");
  EXPECT_EQ(RenderMarkdown("# Title\n\n`#code` and [#linked](https://x.example/)\n\n    #block",
                           "https://a.example"),
            "<h1>Title</h1>\n<p><code>#code</code> and <a "
            "href=\"https://x.example/\">#linked</a></p>\n<pre><code>#block\n</code></pre>\n");
  EXPECT_EQ(RenderMarkdown("see https://x.example/#frag #1", "https://a.example").find("/tags/"),
            std::string::npos);
  // Without a base address, or through the one-argument form: plain text.
  EXPECT_EQ(RenderMarkdown("#Release"), "<p>#Release</p>\n");
  EXPECT_EQ(RenderMarkdown("#Release", ""), "<p>#Release</p>\n");
  std::string out = RenderMarkdown("#caf\xc3\xa9<script>", "https://a.example");
  EXPECT_EQ(out.find("<script"), std::string::npos) << out;
  EXPECT_NE(out.find("href=\"https://a.example/tags/caf%C3%A9\""), std::string::npos) << out;
}

// A table cell takes no link node of ours: its #tags stay text, and the
// nodes made for them are freed (markdown_fuzz found them leaking; the
// sanitizer build of this test would too).
TEST(Markdown, HashtagsInATableCellStayText) {
  std::string out = RenderMarkdown("| a | b |\n|---|---|\n| #release | x |\n", "https://a.example");
  EXPECT_NE(out.find("<table>"), std::string::npos) << out;
  EXPECT_NE(out.find("#release"), std::string::npos) << out;
}

// Outside images are never loaded with a page: each becomes a link to it.
TEST(Markdown, ImagesBecomeLinksAndAreNeverLoaded) {
  EXPECT_EQ(RenderMarkdown("Look: ![the chart](https://elsewhere.example/c.png \"Q3\") now"),
            "<p>Look: <a href=\"https://elsewhere.example/c.png\" title=\"Q3\">the chart</a> "
            "now</p>\n");
  EXPECT_EQ(RenderMarkdown("![](http://10.0.0.1/pixel.gif)"),
            "<p><a href=\"http://10.0.0.1/pixel.gif\">http://10.0.0.1/pixel.gif</a></p>\n");
  std::string out = RenderMarkdown(
      "[![badge *x*](https://a.example/b.svg)](https://a.example/)\n\n"
      "![ref][r]\n\n[r]: https://a.example/r.png\n\n![x](javascript:alert(1))");
  EXPECT_EQ(out.find("<img"), std::string::npos) << out;
  EXPECT_NE(out.find("<em>x</em>"), std::string::npos) << out;
  EXPECT_NE(out.find("href=\"https://a.example/r.png\""), std::string::npos) << out;
  EXPECT_EQ(out.find("javascript:"), std::string::npos) << out;
}

// A wide header over many one-cell rows: cmark-gfm would fill every row.
std::string WideTable(int columns, int rows, std::string_view prefix = "") {
  std::string md(prefix);
  md += "|";
  for (int i = 0; i < columns; ++i) md += "a|";
  md += "\n";
  md += prefix;
  md += "|";
  for (int i = 0; i < columns; ++i) md += "-|";
  md += "\n";
  for (int r = 0; r < rows; ++r) {
    md += prefix;
    md += "x\n";
  }
  return md;
}

TEST(Markdown, TableCellBoundCountsHeaderAndRowsUpToABlankLine) {
  EXPECT_EQ(MarkdownTableCellBound(""), 0u);
  EXPECT_EQ(MarkdownTableCellBound("no table here\n- a list\n"), 0u);
  // 3 columns × (header + 2 rows).
  EXPECT_EQ(MarkdownTableCellBound("|a|b|c|\n|-|:-:|--|\n|1|2|3|\n|4|5|6|\n\nafter"), 9u);
  EXPECT_EQ(MarkdownTableCellBound(WideTable(1000, 2000)), 1000u * 2001u);
  // Inside block quotes and list items too.
  EXPECT_EQ(MarkdownTableCellBound(WideTable(50, 10, "> ")), 50u * 11u);
  EXPECT_EQ(MarkdownTableCellBound(WideTable(50, 10, "- > 1. ")), 50u * 11u);
}

TEST(Markdown, TheBoundIsNeverBelowWhatCmarkMakes) {
  // Tables cmark-gfm does render, with the cells it makes counted by hand.
  for (auto [md, cells] :
       std::vector<std::pair<std::string, size_t>>{{WideTable(4, 3), 4 * 4},
                                                   {"a|b\n-|-\nc|d\ne\n", 2 * 3},
                                                   {"> |a|b|\n> |---|---|\n> |c|d|\n", 2 * 2}}) {
    std::string html = RenderMarkdown(md);
    size_t made = 0;
    for (size_t at = html.find("<t"); at != std::string::npos; at = html.find("<t", at + 1))
      for (const char* cell : {"<td>", "<td ", "<th>", "<th "})
        if (html.compare(at, 4, cell) == 0) ++made;
    EXPECT_EQ(made, cells) << md;
    EXPECT_GE(MarkdownTableCellBound(md), made) << md;
  }
}

TEST(Markdown, CheckRefusesTablesOverTheBound) {
  EXPECT_TRUE(CheckMarkdown(WideTable(100, 99), "Note").ok());
  Status refused = CheckMarkdown(WideTable(101, 99), "Note");
  EXPECT_EQ(refused.code(), Code::kUnprocessable);
  EXPECT_NE(refused.ToString().find("Validation failed: Note has tables"), std::string::npos);
}

TEST(Markdown, TextOverTheBoundIsShownAsEscapedParagraphsWithoutParsing) {
  // 8 KB that cmark-gfm would turn into 2 million cells.
  std::string md = WideTable(1000, 2000);
  std::string html = RenderMarkdown(md + "<b>x</b>");
  EXPECT_LT(html.size(), 3 * md.size());
  EXPECT_EQ(html.find("<table"), std::string::npos);
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt;"), std::string::npos);
  EXPECT_EQ(html.rfind("<p>", 0), 0u);
}

TEST(Markdown, EmojiShortcodesOfTheTextOnly) {
  // Code spans, code blocks and links are not text; emphasis and tables are.
  EXPECT_EQ(MarkdownEmojiShortcodes(
                "Go :rocket: `:code_span:`\n\n```\n:fenced:\n```\n\n"
                "    :indented:\n\n[:linked:](https://example.com) "
                "https://example.com/:autolinked: ![:imaged:](a.png) **:strong:** _:emph:_"),
            (std::vector<std::string>{"rocket", "strong", "emph"}));
  EXPECT_EQ(MarkdownEmojiShortcodes("| a | b |\n|---|---|\n| :in_cell: | x |\n"),
            (std::vector<std::string>{"in_cell"}));
  // A run of text the parser cuts at '_' is read whole.
  EXPECT_EQ(MarkdownEmojiShortcodes("I :thumbs_up_sign: it"),
            (std::vector<std::string>{"thumbs_up_sign"}));
  // Each once, in order; none next to letters or colons.
  EXPECT_EQ(MarkdownEmojiShortcodes(":b_b: :a_a: :b_b: x:c_c: ::d_d::"),
            (std::vector<std::string>{"b_b", "a_a"}));
  EXPECT_TRUE(MarkdownEmojiShortcodes("").empty());
  // Over the bounds the text is shown as plain paragraphs: all of it counts.
  EXPECT_EQ(MarkdownEmojiShortcodes(WideTable(1000, 2000) + "\n`:x_x:`"),
            (std::vector<std::string>{"x_x"}));
}

}  // namespace
}  // namespace atrium
