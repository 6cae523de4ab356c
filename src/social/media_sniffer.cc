// libmagic's handles are not safe for concurrent use and loading the rule
// database takes milliseconds: one handle for the process, loaded once,
// used under a mutex (a lookup takes microseconds).
#include "social/media_sniffer.h"

#include <magic.h>

#include <algorithm>
#include <array>
#include <mutex>

#include "social/image_pipeline.h"

namespace atrium {
namespace {

struct Magic {
  std::mutex mu;
  magic_t handle = nullptr;
};

Magic& TheMagic() {
  static Magic* magic = [] {
    auto* m = new Magic;
    m->handle = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR);
    if (m->handle != nullptr && magic_load(m->handle, nullptr) != 0) {
      magic_close(m->handle);
      m->handle = nullptr;
    }
    return m;
  }();
  return *magic;
}

constexpr std::array<std::string_view, 2> kVideoTypes = {"video/mp4", "video/webm"};

constexpr std::array<std::string_view, 13> kDocumentTypes = {
    "application/pdf",
    "application/msword",
    "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
    "text/plain",
    "text/csv",
    "application/csv",
};

template <size_t N>
bool Among(const std::array<std::string_view, N>& list, std::string_view type) {
  return std::find(list.begin(), list.end(), type) != list.end();
}

constexpr std::array<std::string_view, 6> kImageTypes = {"image/jpeg", "image/png",  "image/gif",
                                                         "image/webp", "image/heic", "image/avif"};

}  // namespace

std::vector<std::string_view> AcceptedMediaTypes() {
  std::vector<std::string_view> all(kImageTypes.begin(), kImageTypes.end());
  all.insert(all.end(), kVideoTypes.begin(), kVideoTypes.end());
  all.insert(all.end(), kDocumentTypes.begin(), kDocumentTypes.end() - 1);  // not the alias
  return all;
}

std::string MagicMediaType(std::string_view bytes) {
  Magic& magic = TheMagic();
  if (magic.handle == nullptr || bytes.empty()) return "";
  std::lock_guard lock(magic.mu);
  const char* type = magic_buffer(magic.handle, bytes.data(), bytes.size());
  return type == nullptr ? "" : type;
}

std::optional<SniffedMedia> SniffMedia(std::string_view bytes) {
  if (std::string image = SniffImageType(bytes); !image.empty())
    return SniffedMedia{MediaType::kImage, std::move(image)};
  const std::string type = MagicMediaType(bytes);
  if (Among(kVideoTypes, type)) return SniffedMedia{MediaType::kVideo, type};
  if (Among(kDocumentTypes, type))
    return SniffedMedia{MediaType::kDocument, type == "application/csv" ? "text/csv" : type};
  return std::nullopt;
}

}  // namespace atrium
