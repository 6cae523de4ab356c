// How custom emoji look on the wire: Mastodon's CustomEmoji entity, and the
// `emojis` arrays of statuses, accounts and polls (the emoji their text
// uses, as they are now: a removed one is no longer listed, so clients stop
// showing its picture).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/json_writer.h"
#include "social/custom_emoji_service.h"

namespace atrium::api {

// The picture's URL: `variant` "original" or "static".
std::string CustomEmojiUrl(const CustomEmojiRecord& e, std::string_view variant,
                           const std::string& base_url);

// Writes a CustomEmoji entity (shortcode, url, static_url,
// visible_in_picker, category).
void WriteCustomEmoji(JsonWriter& w, const CustomEmojiRecord& e, const std::string& base_url);

// Writes the array of those of `shortcodes` that `catalog` has (an empty
// array without a catalog).
void WriteEmojisUsed(JsonWriter& w, const CustomEmojiCatalog* catalog,
                     const std::vector<std::string>& shortcodes, const std::string& base_url);

}  // namespace atrium::api
