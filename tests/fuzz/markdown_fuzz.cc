// Markdown (a blog body, a note, a description): the table bound first,
// then the HTML, which never carries raw HTML or an unsafe link, and stays
// within its bound however the input is shaped; the custom emoji found in
// its text are shortcodes shown in it.
#include <string>
#include <vector>

#include "base/emoji_shortcode.h"
#include "base/markdown.h"
#include "fuzz_util.h"

using namespace atrium;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = fuzz::Text(data, size);
  (void)CheckMarkdown(text, "Text");
  std::string html = RenderMarkdown(text);
  fuzz::Require(html.size() <= kMaxMarkdownHtml, "the HTML stays within its bound");
  fuzz::Require(html.find("<script") == std::string::npos, "raw HTML never passes");
  fuzz::Require(html.find("href=\"javascript:") == std::string::npos, "unsafe links are dropped");
  // With #tags linked (blog entries and questions), the same promises.
  std::string tagged = RenderMarkdown(text, "https://atrium.example");
  fuzz::Require(tagged.size() <= kMaxMarkdownHtml, "the tagged HTML stays within its bound");
  fuzz::Require(tagged.find("<script") == std::string::npos, "raw HTML never passes with tags");
  fuzz::Require(tagged.find("href=\"javascript:") == std::string::npos,
                "unsafe links are dropped with tags");
  // The custom emoji of its text: each a shortcode, each once, each written.
  std::vector<std::string> codes = MarkdownEmojiShortcodes(text);
  for (size_t i = 0; i < codes.size(); ++i) {
    fuzz::Require(IsEmojiShortcode(codes[i]), "an emoji is a shortcode");
    // As the page shows it (an entity or an escape may stand for a colon).
    const std::string written = ":" + codes[i] + ":";
    fuzz::Require(
        html.find(written) != std::string::npos || text.find(written) != std::string_view::npos,
        "an emoji is written in the text");
    for (size_t j = 0; j < i; ++j) fuzz::Require(codes[i] != codes[j], "each emoji once");
  }
  return 0;
}
