// A linked page as fetched for its preview card: its OpenGraph tags and
// oEmbed answer read without a crash, and every URL kept is an absolute
// http(s) URL; excerpts stay within their bound.
#include <string>

#include "base/link_page.h"
#include "base/text.h"
#include "fuzz_util.h"

using namespace atrium;

namespace {
bool HttpOrEmpty(const std::string& url) {
  return url.empty() || url.starts_with("http://") || url.starts_with("https://");
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = fuzz::Text(data, size);
  LinkPage page = ParseLinkPage(text, "https://wiki.example/a/page");
  fuzz::Require(HttpOrEmpty(page.url) && HttpOrEmpty(page.image) && HttpOrEmpty(page.oembed_url),
                "page URLs are absolute http(s) URLs");
  (void)ParseOEmbed(text);
  std::string plain = HtmlText(text);
  if (IsValidUtf8(plain)) {
    std::string excerpt = Excerpt(plain, 80);
    fuzz::Require(excerpt.size() <= 80 * 4 + 3, "an excerpt stays within its bound");
  }
  return 0;
}
