// Custom emoji shortcodes in what people write: ":name:" with name
// [A-Za-z0-9_]{2,}, as Mastodon finds them — not directly after a letter,
// a digit or ':' and not directly before one ("a:b:c" and ":a::b:" hold
// none). The web client finds them by the same rule (web/src/lib/emoji.ts).
//
// Pure functions, linear in the text; safe from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace atrium {

// The longest shortcode Atrium takes, in characters.
inline constexpr size_t kMaxEmojiShortcodeLength = 64;

// True if `name` (without colons) may be a shortcode: [A-Za-z0-9_]{2,64}.
bool IsEmojiShortcode(std::string_view name);

// The shortcodes written in plain `text`, without colons, in order of first
// use, each once.
std::vector<std::string> EmojiShortcodesIn(std::string_view text);

// Adds the shortcodes in `text` to `out` (those not in it yet), in order.
void AddEmojiShortcodes(std::string_view text, std::vector<std::string>& out);

}  // namespace atrium
