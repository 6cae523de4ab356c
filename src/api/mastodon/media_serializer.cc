#include "api/mastodon/media_serializer.h"

#include <fmt/format.h>

namespace atrium::api {
namespace {

void WriteSize(JsonWriter& w, int width, int height) {
  w.BeginObject()
      .Field("width", width)
      .Field("height", height)
      .Field("size", fmt::format("{}x{}", width, height))
      .Field("aspect", height > 0 ? static_cast<double>(width) / height : 0.0)
      .EndObject();
}

}  // namespace

std::string MediaUrl(const std::string& base_url, const MediaRecord& media,
                     std::string_view variant) {
  return fmt::format("{}/media/attachments/{}/{}", base_url, media.file_key, variant);
}

void WriteMediaAttachment(JsonWriter& w, const MediaRecord& m, const std::string& base_url) {
  w.BeginObject()
      .Field("id", std::to_string(m.id))
      .Field("type", MediaTypeName(m.type))
      .Field("url", MediaUrl(base_url, m, "original"))
      .Field("preview_url", MediaUrl(base_url, m, "small"));
  w.Key("remote_url").Null();
  w.Key("text_url").Null();
  w.Key("meta").BeginObject();
  w.Key("original");
  WriteSize(w, m.width, m.height);
  w.Key("small");
  WriteSize(w, m.small_width, m.small_height);
  w.Key("focus")
      .BeginObject()
      .Field("x", m.focus_x / 1000.0)
      .Field("y", m.focus_y / 1000.0)
      .EndObject();
  w.EndObject();
  w.Key("description").StringOrNull(m.description);
  w.Key("blurhash").StringOrNull(m.blurhash);
  w.EndObject();
}

std::string MediaAttachmentJson(const MediaRecord& media, const std::string& base_url) {
  JsonWriter w;
  WriteMediaAttachment(w, media, base_url);
  return w.Take();
}

}  // namespace atrium::api
