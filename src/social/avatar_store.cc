#include "social/avatar_store.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/crypto.h"
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

Result<std::string> AvatarStore::Save(int64_t account_id, std::string_view bytes) {
  if (bytes.empty()) return Status::Unprocessable("Validation failed: the avatar is empty");
  if (bytes.size() > kMaxAvatarBytes)
    return Status(Code::kPayloadTooLarge, "Validation failed: the avatar is too large",
                  fmt::format("An avatar may be at most {} bytes", kMaxAvatarBytes));
  if (ImageMediaType(bytes).empty())
    return Status::Unprocessable(
        "Validation failed: the avatar must be a PNG, JPEG, GIF or WebP image");
  // Re-encoded through the image pipeline, as attachments are: orientation
  // applied, every piece of metadata (a phone's GPS position, the camera's
  // serial number) gone before anyone sees it.
  ImageLimits limits;
  limits.max_decoded_pixels = kMaxAvatarDecodedPixels;
  limits.max_pixels = kMaxAvatarPixels;
  auto processed = ProcessImage(bytes, limits);
  if (!processed.ok()) return processed.status();
  const std::string type = ImageMediaType(processed->original);
  if (type.empty())
    return Status::Unprocessable(
        "Validation failed: the avatar must be a PNG, JPEG, GIF or WebP image");
  bytes = processed->original;
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec) return Status::Unavailable("Cannot store the avatar", ec.message());
  std::string name = fmt::format("{}-{}.{}", account_id, RandomToken(9), Extension(type));
  std::string path = dir_ + "/" + name;
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) return Status::Unavailable("Cannot store the avatar", "writing the file failed");
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) return Status::Unavailable("Cannot store the avatar", ec.message());
  return name;
}

void AvatarStore::Delete(const std::string& file_name) {
  if (file_name.empty() || file_name.find('/') != std::string::npos) return;
  std::error_code ec;
  std::filesystem::remove(dir_ + "/" + file_name, ec);
}

Result<AvatarStore::Image> AvatarStore::Load(const std::string& file_name) const {
  if (file_name.empty() || file_name.find('/') != std::string::npos ||
      file_name.find("..") != std::string::npos)
    return Status::NotFound();
  std::ifstream in(dir_ + "/" + file_name, std::ios::binary);
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
