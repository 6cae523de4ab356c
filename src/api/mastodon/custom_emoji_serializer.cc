#include "api/mastodon/custom_emoji_serializer.h"

namespace atrium::api {

std::string CustomEmojiUrl(const CustomEmojiRecord& e, std::string_view variant,
                           const std::string& base_url) {
  return base_url + "/media/emoji/" + e.file_key + "/" + std::string(variant);
}

void WriteCustomEmoji(JsonWriter& w, const CustomEmojiRecord& e, const std::string& base_url) {
  w.BeginObject()
      .Field("shortcode", e.shortcode)
      .Field("url", CustomEmojiUrl(e, "original", base_url))
      .Field("static_url", CustomEmojiUrl(e, "static", base_url))
      .Field("visible_in_picker", e.visible_in_picker);
  w.Key("category");
  if (e.category.empty())
    w.Null();
  else
    w.String(e.category);
  w.EndObject();
}

void WriteEmojisUsed(JsonWriter& w, const CustomEmojiCatalog* catalog,
                     const std::vector<std::string>& shortcodes, const std::string& base_url) {
  w.Key("emojis").BeginArray();
  if (catalog != nullptr)
    for (const CustomEmojiRecord* e : catalog->Existing(shortcodes))
      WriteCustomEmoji(w, *e, base_url);
  w.EndArray();
}

}  // namespace atrium::api
