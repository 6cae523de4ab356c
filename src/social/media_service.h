// MediaService: uploads, their alt text and focal point, and who may fetch
// their files.
//
// An upload's kind is decided by its bytes (social/media_sniffer.h) and it
// is processed at once: images re-encoded (social/image_pipeline.h), video
// probed and given a poster (social/video_probe.h), documents kept as
// uploaded with a first-page preview for PDF (social/pdf_preview.h). Its
// files written to the MediaStore and then its row to the store, so a row
// never names a missing file; a crash in between leaves only files no row
// names. Until it is attached to a post an upload is its uploader's alone;
// once attached, whoever may see the post (the one visibility policy) may
// fetch its files, and when the post is deleted they are gone.
//
// Errors: 404 for an upload that does not exist or is not the caller's (or
// whose post the caller may not see: indistinguishable), 413 for a file
// over its type's size limit, 422 for a file of a type Atrium does not
// take or that cannot be read, 429 for too many uploads.
//
// Thread-safe. Upload is CPU-bound: call it from a request on the write
// pool, not from an I/O thread.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/rate_limiter.h"
#include "social/image_pipeline.h"
#include "social/media_store.h"
#include "social/social_core.h"

namespace atrium {

// The name a document is kept under: `name` without folders or control
// characters, at most 255 bytes of valid UTF-8; "document" if nothing is
// left.
std::string CleanFileName(std::string_view name);

// Mastodon's limits: alt text length, and attachments on one post.
inline constexpr size_t kMaxMediaDescriptionChars = 1500;
inline constexpr size_t kMaxAttachments = 4;
// Unattached uploads older than this are removed (RemoveAbandoned).
inline constexpr int64_t kAbandonedUploadMs = 24 * 60 * 60 * 1000;

// A focal point "x,y", each from -1.0 to 1.0, as thousandths; nullopt if
// `text` is not one.
std::optional<std::pair<int, int>> ParseFocus(std::string_view text);

// 422 unless `media` may be one post's attachments: at most four images,
// or one video, or at most four documents; never mixed, never repeated.
Status CheckAttachmentMix(const std::vector<MediaRecord>& media);

class MediaService {
 public:
  // `files` and `clock` outlive this.
  MediaService(SocialCore& core, MediaStore& files, const Clock& clock = Clock::System());
  MediaService(const MediaService&) = delete;
  MediaService& operator=(const MediaService&) = delete;

  struct UploadInput {
    std::string_view bytes;
    std::string_view file_name;  // as the client named it; kept for documents
    std::optional<std::string> description;
    std::optional<std::string> focus;  // "x,y"
  };
  Result<MediaRecord> Upload(int64_t account_id, const UploadInput& input);

  // The caller's own upload not yet attached to a post (as Mastodon: GET
  // and PUT answer only for those).
  Result<MediaRecord> GetOwnUnattached(int64_t account_id, int64_t id);
  struct Changes {
    std::optional<std::string> description;
    std::optional<std::string> focus;
  };
  Result<MediaRecord> Update(int64_t account_id, int64_t id, const Changes& changes);
  // Deletes the caller's unattached upload and its files; 422 if it is
  // attached to a post.
  Status Delete(int64_t account_id, int64_t id);

  // `ids` as the attachments of `author_id`'s post `status_id` (0: a new
  // one), in that order: each the author's, unattached or already that
  // post's, and together a valid mix. 422 naming what is wrong.
  Result<std::vector<MediaRecord>> ForPost(int64_t author_id, int64_t status_id,
                                           const std::vector<int64_t>& ids);

  // A file to serve: `variant` ("original" or "small") of the upload whose
  // file key is `key`, if `viewer` may see it.
  struct Served {
    MediaRecord media;
    std::string content_type;
    // A document's original: to be downloaded, never shown in the page.
    bool download = false;
    std::shared_ptr<MediaFile> file;
  };
  Result<Served> Open(const Viewer& viewer, std::string_view key, std::string_view variant);

  // Removes uploads never attached and older than kAbandonedUploadMs, at
  // most `limit`; returns how many.
  Result<int> RemoveAbandoned(int limit);
  // Removes the files of a deleted post's attachments.
  void RemoveFiles(const std::vector<MediaRecord>& media);

 private:
  Result<MediaRecord> StoreImage(std::string_view bytes, MediaRecord media);
  Result<MediaRecord> StoreVideo(std::string_view bytes, MediaRecord media);
  Result<MediaRecord> StoreDocument(std::string_view bytes, MediaRecord media);
  // Writes the files (the preview if not empty), then the row.
  Result<MediaRecord> Keep(MediaRecord media, std::string_view original, std::string_view preview);

  SocialCore& core_;
  MediaStore& files_;
  const Clock& clock_;
  RateLimiter uploads_;
};

}  // namespace atrium
