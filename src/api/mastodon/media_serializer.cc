#include "api/mastodon/media_serializer.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>

namespace atrium::api {
namespace {

// "30000/1001" as a number of frames per second, rounded as Mastodon does.
int FramesPerSecond(const std::string& rate) {
  const size_t slash = rate.find('/');
  if (slash == std::string::npos) return 0;
  const double num = std::atof(rate.substr(0, slash).c_str());
  const double den = std::atof(rate.substr(slash + 1).c_str());
  return den > 0 ? static_cast<int>(std::lround(num / den)) : 0;
}

// A size object; a video's original also carries its frame rate and
// duration, as Mastodon's does.
void WriteSize(JsonWriter& w, int width, int height, const MediaRecord& video) {
  w.BeginObject()
      .Field("width", width)
      .Field("height", height)
      .Field("size", fmt::format("{}x{}", width, height))
      .Field("aspect", height > 0 ? static_cast<double>(width) / height : 0.0);
  if (video.type == MediaType::kVideo) {
    if (!video.frame_rate.empty()) w.Field("frame_rate", video.frame_rate);
    w.Field("duration", video.duration_ms / 1000.0);
  }
  w.EndObject();
}

}  // namespace

std::string MediaUrl(const std::string& base_url, const MediaRecord& media,
                     std::string_view variant) {
  return fmt::format("{}/media/attachments/{}/{}", base_url, media.file_key, variant);
}

// Mastodon's "length" of a video: "H:MM:SS.ss".
std::string Length(int64_t ms) {
  return fmt::format("{}:{:02}:{:02}.{:02}", ms / 3'600'000, ms / 60'000 % 60, ms / 1000 % 60,
                     ms % 1000 / 10);
}

void WriteMediaAttachment(JsonWriter& w, const MediaRecord& m, const std::string& base_url) {
  w.BeginObject()
      .Field("id", std::to_string(m.id))
      .Field("type", MediaTypeName(m.type))
      .Field("url", MediaUrl(base_url, m, "original"));
  if (m.has_preview())
    w.Field("preview_url", MediaUrl(base_url, m, "small"));
  else
    w.Key("preview_url").Null();
  w.Key("remote_url").Null();
  w.Key("text_url").Null();
  w.Key("meta").BeginObject();
  if (m.type == MediaType::kVideo) {
    const double seconds = m.duration_ms / 1000.0;
    w.Field("length", Length(m.duration_ms)).Field("duration", seconds);
    if (!m.frame_rate.empty()) w.Field("fps", FramesPerSecond(m.frame_rate));
  }
  if (m.width > 0 && m.type != MediaType::kDocument) {
    w.Key("original");
    WriteSize(w, m.width, m.height, m);
  }
  if (m.has_preview()) {
    w.Key("small");
    WriteSize(w, m.small_width, m.small_height, MediaRecord{});
  }
  if (m.type == MediaType::kDocument)
    w.Field("file_name", m.file_name).Field("file_size", m.size).Field("mime_type", m.content_type);
  else if (m.type == MediaType::kVideo)
    w.Field("file_size", m.size).Field("mime_type", m.content_type);
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
