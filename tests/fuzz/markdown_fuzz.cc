// Markdown (a blog body, a note, a description): the table bound first,
// then the HTML, which never carries raw HTML or an unsafe link, and stays
// within its bound however the input is shaped.
#include <string>

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
  return 0;
}
