// AvatarStore: the pictures of profiles, as files in the data folder:
// people's avatars and header images, communities' avatars and banners
// (media/<kind's folder>/<owner id>-<random>.<ext>). Checks what it is
// given: an image of a known type (PNG, JPEG, GIF or WebP, recognized by its
// first bytes, not by what the client claims) of at most the kind's bytes,
// and stores it re-encoded by the image pipeline, without metadata, scaled
// down to the kind's pixels, written durably (WriteFileDurably) before the
// row that names it.
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
// A person's header image or a community's banner: a wide picture (a phone
// photo is fine), kept at most 1.5 megapixels (e.g. 2100 x 700).
inline constexpr size_t kMaxWidePictureBytes = 8 * 1024 * 1024;
inline constexpr int64_t kMaxWidePicturePixels = 1'500'000;

// Which picture of a profile; each kind has its folder and limits.
enum class PictureKind { kAvatar, kHeader, kBanner };

// "image/png" etc. for image bytes of a supported type, or "" if not one.
std::string ImageMediaType(std::string_view bytes);

class AvatarStore {
 public:
  explicit AvatarStore(std::string data_dir) : dir_(std::move(data_dir) + "/media") {}

  // Checks and writes a picture of `kind` for `owner_id` (an account or a
  // community); returns its file name. 422 for an unsupported type or an
  // empty file, 413 for one too large, 503 if it cannot be written.
  Result<std::string> Save(int64_t owner_id, std::string_view bytes,
                           PictureKind kind = PictureKind::kAvatar);
  // Removes a file written by Save (after it was replaced). Missing is fine.
  void Delete(const std::string& file_name, PictureKind kind = PictureKind::kAvatar);
  // The bytes and media type of a saved picture; kNotFound if there is none.
  struct Image {
    std::string bytes;
    std::string media_type;
  };
  Result<Image> Load(const std::string& file_name, PictureKind kind = PictureKind::kAvatar) const;
  // The id of the account or community a file name of Save belongs to; 0
  // for a name Save never makes.
  static int64_t OwnerOf(std::string_view file_name);

 private:
  std::string FolderOf(PictureKind kind) const;
  std::string dir_;
};

}  // namespace atrium
