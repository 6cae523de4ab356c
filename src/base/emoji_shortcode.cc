#include "base/emoji_shortcode.h"

#include <algorithm>

namespace atrium {
namespace {

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// A letter, a digit or ':' next to a shortcode makes it none.
bool Joins(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ':';
}

}  // namespace

bool IsEmojiShortcode(std::string_view name) {
  return name.size() >= 2 && name.size() <= kMaxEmojiShortcodeLength &&
         std::all_of(name.begin(), name.end(), IsNameChar);
}

void AddEmojiShortcodes(std::string_view text, std::vector<std::string>& out) {
  size_t i = 0;
  while (i < text.size()) {
    const size_t open = text.find(':', i);
    if (open == std::string_view::npos) return;
    size_t end = open + 1;
    while (end < text.size() && IsNameChar(text[end])) ++end;
    const bool closed = end < text.size() && text[end] == ':';
    const std::string_view name = text.substr(open + 1, end - open - 1);
    if (closed && IsEmojiShortcode(name) && (open == 0 || !Joins(text[open - 1])) &&
        (end + 1 == text.size() || !Joins(text[end + 1]))) {
      if (std::find(out.begin(), out.end(), name) == out.end()) out.emplace_back(name);
      i = end + 1;
      continue;
    }
    // The closing ':' of a failed candidate may open the next one.
    i = closed ? end : std::max(end, open + 1);
  }
}

std::vector<std::string> EmojiShortcodesIn(std::string_view text) {
  std::vector<std::string> out;
  AddEmojiShortcodes(text, out);
  return out;
}

}  // namespace atrium
