// Media attachments as the store keeps them: one row per uploaded file
// (the bytes themselves live in a MediaStore, social/media_store.h, under
// the row's file key). Plain values shared by every store implementation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace atrium {

// What an attachment is. Stored as these numbers.
enum class MediaType : int {
  kImage = 0,
  kVideo = 1,
  kDocument = 2,
};
// Mastodon's name of the type ("image", "video", "unknown" for a document).
const char* MediaTypeName(MediaType type);

struct MediaRecord {
  int64_t id = 0;
  int64_t account_id = 0;  // the uploader
  int64_t status_id = 0;   // 0: not attached to a post yet
  int position = 0;        // order within the post
  MediaType type = MediaType::kImage;
  std::string content_type;  // of the original as served ("image/jpeg")
  std::string description;   // alt text
  // Focal point, each in -1000..1000 (Mastodon's -1.0..1.0, in thousandths).
  int focus_x = 0;
  int focus_y = 0;
  int width = 0;  // of the stored original
  int height = 0;
  int small_width = 0;  // of the preview
  int small_height = 0;
  int64_t size = 0;  // bytes of the stored original
  std::string blurhash;
  // Names the files in the MediaStore; random and unguessable: URLs carry it.
  std::string file_key;
  int64_t created_at = 0;  // ms
  // A document's name as uploaded (no folders, no control characters).
  std::string file_name;
  // A video's length and frame rate ("30000/1001"); 0 and "" otherwise.
  int64_t duration_ms = 0;
  std::string frame_rate;
  // Whether there is a "small" variant (a preview picture): every image
  // and video has one, a PDF has its first page, other documents none.
  bool has_preview() const { return small_width > 0; }
};

// The media rows. Every method is one transaction.
class MediaAttachmentStore {
 public:
  virtual ~MediaAttachmentStore() = default;
  // Inserts `media` (id and file key set, unattached). kConflict if the id
  // or the file key exists.
  virtual Status Create(const MediaRecord& media) = 0;
  // kNotFound when there is no such row.
  virtual Result<MediaRecord> Get(int64_t id) = 0;
  // The rows among `ids` that exist, in no particular order.
  virtual Result<std::vector<MediaRecord>> GetMany(const std::vector<int64_t>& ids) = 0;
  // The row whose file key is `file_key`; kNotFound if none.
  virtual Result<MediaRecord> FindByKey(std::string_view file_key) = 0;
  // Writes description and focus of the row `media.id`; kNotFound if absent.
  virtual Status UpdateDescription(const MediaRecord& media) = 0;
  // Deletes the row if it is `account_id`'s and unattached: true if it did.
  virtual Result<bool> DeleteUnattached(int64_t id, int64_t account_id) = 0;
  // Unattached rows created before `before_ms`, oldest first, at most `limit`.
  virtual Result<std::vector<MediaRecord>> UnattachedBefore(int64_t before_ms, int limit) = 0;
};

}  // namespace atrium
