#include "social/avatar_store.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/crypto.h"
#include "base/durable_file.h"
#include "base/low_priority.h"
#include "social/image_pipeline.h"

namespace atrium {

std::string ImageMediaType(std::string_view b) {
  if (b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8))
    return "image/png";
  if (b.size() >= 3 && b.substr(0, 3) == std::string_view("\xff\xd8\xff", 3)) return "image/jpeg";
  if (b.size() >= 6 && (b.substr(0, 6) == "GIF87a" || b.substr(0, 6) == "GIF89a"))
    return "image/gif";
  if (b.size() >= 12 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WEBP") return "image/webp";
  return "";
}

static std::string Extension(const std::string& media_type) {
  if (media_type == "image/png") return "png";
  if (media_type == "image/jpeg") return "jpg";
  if (media_type == "image/gif") return "gif";
  return "webp";
}

namespace {

struct KindRules {
  const char* folder;
  const char* what;
  size_t max_bytes;
  int64_t max_pixels;
};

KindRules RulesOf(PictureKind kind) {
  switch (kind) {
    case PictureKind::kHeader:
      return {"headers", "header image", kMaxWidePictureBytes, kMaxWidePicturePixels};
    case PictureKind::kBanner:
      return {"banners", "banner", kMaxWidePictureBytes, kMaxWidePicturePixels};
    case PictureKind::kAvatar:
      break;
  }
  return {"avatars", "avatar", kMaxAvatarBytes, kMaxAvatarPixels};
}

// A name Save made: digits, '-', then letters, digits, '-' or '_', a dot and
// an extension; never a folder, never "..".
bool SavedName(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.find("..") != std::string_view::npos) return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'))
      return false;
  return AvatarStore::OwnerOf(name) != 0;
}

}  // namespace

int64_t AvatarStore::OwnerOf(std::string_view file_name) {
  const size_t dash = file_name.find('-');
  if (dash == 0 || dash == std::string_view::npos || dash > 19) return 0;
  int64_t id = 0;
  for (char c : file_name.substr(0, dash)) {
    if (c < '0' || c > '9') return 0;
    id = id * 10 + (c - '0');
  }
  return id;
}

std::string AvatarStore::FolderOf(PictureKind kind) const {
  return dir_ + "/" + RulesOf(kind).folder;
}

Result<std::string> AvatarStore::Save(int64_t owner_id, std::string_view bytes, PictureKind kind) {
  const KindRules rules = RulesOf(kind);
  const std::string refused =
      fmt::format("Validation failed: the {} must be a PNG, JPEG, GIF or WebP image", rules.what);
  if (bytes.empty())
    return Status::Unprocessable(fmt::format("Validation failed: the {} is empty", rules.what));
  if (bytes.size() > rules.max_bytes)
    return Status(Code::kPayloadTooLarge,
                  fmt::format("Validation failed: the {} is too large", rules.what),
                  fmt::format("A {} may be at most {} bytes", rules.what, rules.max_bytes));
  if (ImageMediaType(bytes).empty()) return Status::Unprocessable(refused);
  // Re-encoded through the image pipeline, as attachments are: orientation
  // applied, every piece of metadata (a phone's GPS position, the camera's
  // serial number) gone before anyone sees it.
  ImageLimits limits;
  limits.max_decoded_pixels = kMaxAvatarDecodedPixels;
  limits.max_pixels = rules.max_pixels;
  // At a lower priority than serving, as uploads (base/low_priority.h).
  auto processed = AtLowPriority([&] { return ProcessImage(bytes, limits); });
  if (!processed.ok()) return processed.status();
  const std::string type = ImageMediaType(processed->original);
  if (type.empty()) return Status::Unprocessable(refused);
  const std::string dir = FolderOf(kind);
  std::error_code ec;
  const bool created = std::filesystem::create_directories(dir, ec);
  if (ec) return Status::Unavailable(fmt::format("Cannot store the {}", rules.what), ec.message());
  std::string name = fmt::format("{}-{}.{}", owner_id, RandomToken(9), Extension(type));
  // As attachments are: on disk before the row that names it.
  if (Status s = WriteFileDurably(dir + "/" + name, processed->original, created); !s.ok())
    return s;
  return name;
}

void AvatarStore::Delete(const std::string& file_name, PictureKind kind) {
  if (!SavedName(file_name)) return;
  std::error_code ec;
  std::filesystem::remove(FolderOf(kind) + "/" + file_name, ec);
}

Result<AvatarStore::Image> AvatarStore::Load(const std::string& file_name, PictureKind kind) const {
  if (!SavedName(file_name)) return Status::NotFound();
  std::ifstream in(FolderOf(kind) + "/" + file_name, std::ios::binary);
  if (!in) return Status::NotFound();
  std::stringstream ss;
  ss << in.rdbuf();
  Image img;
  img.bytes = ss.str();
  img.media_type = ImageMediaType(img.bytes);
  if (img.media_type.empty()) return Status::NotFound();
  return img;
}

}  // namespace atrium
