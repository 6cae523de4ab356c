// AvatarStore: people's profile pictures, as files in the data folder
// (media/avatars/<account id>-<random>.<ext>). Checks what it is given: an
// image of a known type (PNG, JPEG, GIF or WebP, recognized by its first
// bytes, not by what the client claims) of at most kMaxAvatarBytes, and
// stores it re-encoded by the image pipeline, without metadata.
//
// Thread-safe (each call writes its own new file).
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace atrium {

inline constexpr size_t kMaxAvatarBytes = 512 * 1024;
// Larger pictures are refused before decoding; the stored one is scaled
// down to at most kMaxAvatarPixels.
inline constexpr int64_t kMaxAvatarDecodedPixels = 64'000'000;
inline constexpr int64_t kMaxAvatarPixels = 1024 * 1024;

// "image/png" etc. for image bytes of a supported type, or "" if not one.
std::string ImageMediaType(std::string_view bytes);

class AvatarStore {
 public:
  explicit AvatarStore(std::string data_dir) : dir_(std::move(data_dir) + "/media/avatars") {}

  // Checks and writes an avatar for `account_id`; returns its file name.
  // 422 for an unsupported type or an empty file, 413 for one too large.
  Result<std::string> Save(int64_t account_id, std::string_view bytes);
  // Removes a file written by Save (after it was replaced). Missing is fine.
  void Delete(const std::string& file_name);
  // The bytes and media type of a saved avatar; kNotFound if there is none.
  struct Image {
    std::string bytes;
    std::string media_type;
  };
  Result<Image> Load(const std::string& file_name) const;

 private:
  std::string dir_;
};

}  // namespace atrium
