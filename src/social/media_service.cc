#include "social/media_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <semaphore>
#include <set>
#include <thread>

#include "base/crypto.h"
#include "base/low_priority.h"
#include "base/text.h"
#include "social/media_sniffer.h"
#include "social/pdf_preview.h"
#include "social/video_probe.h"

namespace atrium {
namespace {

constexpr int64_t kHourMs = 60 * 60 * 1000;

// Pictures decoded at once in this process: one per core. Each may hold
// tens of megabytes of pixels, and the write pool that runs uploads has
// many more threads than that; the other uploads wait their turn.
std::counting_semaphore<256>& Decoding() {
  static std::counting_semaphore<256> slots(
      std::clamp<std::ptrdiff_t>(std::thread::hardware_concurrency(), 1, 256));
  return slots;
}

Status TooLarge(std::string_view what, int64_t limit) {
  return Status(Code::kPayloadTooLarge, fmt::format("Validation failed: the {} is too large", what),
                fmt::format("It may be at most {} bytes", limit));
}

Status CheckDescription(const std::optional<std::string>& description) {
  if (!description) return Status::Ok();
  if (!IsValidUtf8(*description))
    return Status::Unprocessable("Validation failed: description is not valid UTF-8");
  if (CountCodePoints(*description) > kMaxMediaDescriptionChars)
    return Status::Unprocessable(fmt::format(
        "Validation failed: description may be at most {} characters", kMaxMediaDescriptionChars));
  return Status::Ok();
}

// Runs `work` holding one of the Decoding() slots, at a lower priority than
// serving (base/low_priority.h): under load the reads come first and the
// upload waits.
template <typename F>
auto WithDecodingSlot(F&& work) {
  Decoding().acquire();
  struct Release {
    ~Release() { Decoding().release(); }
  } release;
  return AtLowPriority(work);
}

Status ApplyFocus(const std::optional<std::string>& focus, MediaRecord& m) {
  if (!focus) return Status::Ok();
  auto xy = ParseFocus(*focus);
  if (!xy)
    return Status::Unprocessable(
        "Validation failed: focus must be two numbers from -1.0 to 1.0, as \"x,y\"");
  m.focus_x = xy->first;
  m.focus_y = xy->second;
  return Status::Ok();
}

}  // namespace

std::string CleanFileName(std::string_view name) {
  if (size_t slash = name.find_last_of("/\\"); slash != std::string_view::npos)
    name = name.substr(slash + 1);
  std::string out;
  if (IsValidUtf8(name))
    for (unsigned char c : name)
      if (c >= 0x20 && c != 0x7f) out.push_back(static_cast<char>(c));
  out = std::string(Trim(out));
  if (out.size() > 255) {
    size_t end = 255;
    while (end > 0 && (static_cast<unsigned char>(out[end]) & 0xC0) == 0x80) --end;
    out.resize(end);
  }
  if (out.empty() || out == "." || out == "..") return "document";
  return out;
}

std::optional<std::pair<int, int>> ParseFocus(std::string_view text) {
  const size_t comma = text.find(',');
  if (comma == std::string_view::npos) return std::nullopt;
  auto one = [](std::string_view part) -> std::optional<int> {
    part = Trim(part);
    double v = 0;
    auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
    if (part.empty() || ec != std::errc() || end != part.data() + part.size() ||
        !std::isfinite(v) || v < -1.0 || v > 1.0)
      return std::nullopt;
    return static_cast<int>(std::lround(v * 1000));
  };
  auto x = one(text.substr(0, comma));
  auto y = one(text.substr(comma + 1));
  if (!x || !y) return std::nullopt;
  return std::make_pair(*x, *y);
}

Status CheckAttachmentMix(const std::vector<MediaRecord>& media) {
  if (media.size() > kMaxAttachments)
    return Status::Unprocessable(
        fmt::format("Validation failed: a post may have at most {} attachments", kMaxAttachments));
  std::set<int64_t> seen;
  for (const auto& m : media) {
    if (!seen.insert(m.id).second)
      return Status::Unprocessable("Validation failed: an attachment is listed twice");
    if (m.type != media.front().type)
      return Status::Unprocessable(
          "Validation failed: a post has images, or one video, or documents, not a mix");
  }
  if (!media.empty() && media.front().type == MediaType::kVideo && media.size() > 1)
    return Status::Unprocessable("Validation failed: a post may have only one video");
  return Status::Ok();
}

MediaService::MediaService(SocialCore& core, MediaStore& files, const Clock& clock)
    : core_(core),
      files_(files),
      clock_(clock),
      uploads_(LimitRule::Window(core.settings.media_uploads_per_hour, kHourMs)) {
  InitImagePipeline();
}

Result<MediaRecord> MediaService::Upload(int64_t account_id, const UploadInput& in) {
  const std::string key = std::to_string(account_id);
  const int64_t now = clock_.NowMillis();
  if (int64_t wait = uploads_.RetryAfterMs(key, now); wait > 0)
    return Status::TooManyRequests("Too many uploads",
                                   fmt::format("Try again in {} seconds", (wait + 999) / 1000),
                                   (wait + 999) / 1000);
  if (in.bytes.empty()) return Status::Unprocessable("Validation failed: the file is empty");
  MediaRecord m;
  if (Status s = CheckDescription(in.description); !s.ok()) return s;
  if (Status s = ApplyFocus(in.focus, m); !s.ok()) return s;
  m.description = in.description.value_or("");
  // The kind by the bytes alone.
  auto sniffed = SniffMedia(in.bytes);
  if (!sniffed)
    return Status::Unprocessable(
        "Validation failed: the file is not of a supported type",
        "Atrium takes JPEG, PNG, GIF, WebP, HEIC and AVIF images, MP4 and WebM video, and PDF, "
        "Word, Excel, PowerPoint, OpenDocument, plain text and CSV documents, recognized by "
        "their content");
  const auto& s = core_.settings;
  const auto size = static_cast<int64_t>(in.bytes.size());
  switch (sniffed->type) {
    case MediaType::kImage:
      if (size > s.media_image_max_bytes) return TooLarge("image", s.media_image_max_bytes);
      break;
    case MediaType::kVideo:
      if (size > s.media_video_max_bytes) return TooLarge("video", s.media_video_max_bytes);
      break;
    case MediaType::kDocument:
      if (size > s.media_document_max_bytes)
        return TooLarge("document", s.media_document_max_bytes);
      break;
  }
  uploads_.Record(key, now);
  m.account_id = account_id;
  m.type = sniffed->type;
  m.content_type = sniffed->content_type;
  switch (sniffed->type) {
    case MediaType::kImage:
      return StoreImage(in.bytes, std::move(m));
    case MediaType::kVideo:
      return StoreVideo(in.bytes, std::move(m));
    case MediaType::kDocument:
      m.file_name = CleanFileName(in.file_name);
      return StoreDocument(in.bytes, std::move(m));
  }
  return Status::Internal("unknown media type");
}

Result<MediaRecord> MediaService::StoreImage(std::string_view bytes, MediaRecord m) {
  ImageLimits limits;
  limits.max_pixels = core_.settings.media_image_max_pixels;
  limits.max_decoded_pixels = core_.settings.media_image_max_source_pixels;
  auto image = WithDecodingSlot([&] { return ProcessImage(bytes, limits); });
  if (!image.ok()) return image.status();
  m.content_type = image->original_type;
  m.width = image->width;
  m.height = image->height;
  m.small_width = image->preview_width;
  m.small_height = image->preview_height;
  m.blurhash = image->blurhash;
  return Keep(std::move(m), image->original, image->preview);
}

Result<MediaRecord> MediaService::StoreVideo(std::string_view bytes, MediaRecord m) {
  VideoLimits limits;
  limits.max_frame_pixels = core_.settings.media_image_max_pixels;
  auto video = WithDecodingSlot([&] { return ProbeVideo(bytes, m.content_type, limits); });
  if (!video.ok()) return video.status();
  m.width = video->width;
  m.height = video->height;
  m.duration_ms = video->duration_ms;
  m.frame_rate = video->frame_rate;
  m.small_width = video->poster.preview_width;
  m.small_height = video->poster.preview_height;
  m.blurhash = video->poster.blurhash;
  return Keep(std::move(m), bytes, video->poster.preview);
}

Result<MediaRecord> MediaService::StoreDocument(std::string_view bytes, MediaRecord m) {
  if (m.content_type != "application/pdf") return Keep(std::move(m), bytes, "");
  auto page = WithDecodingSlot([&] { return PdfFirstPagePreview(bytes); });
  if (!page.ok()) return page.status();
  m.width = page->width;
  m.height = page->height;
  m.small_width = page->preview_width;
  m.small_height = page->preview_height;
  m.blurhash = page->blurhash;
  return Keep(std::move(m), bytes, page->preview);
}

Result<MediaRecord> MediaService::Keep(MediaRecord m, std::string_view original,
                                       std::string_view preview) {
  m.id = core_.ids.Next();
  m.size = static_cast<int64_t>(original.size());
  m.file_key = RandomToken(24);
  m.created_at = clock_.NowMillis();
  // Files first, durably; then the row that makes them reachable.
  if (Status s = files_.Put(m.file_key, "original", original); !s.ok()) return s;
  if (!preview.empty()) {
    if (Status s = files_.Put(m.file_key, "small", preview); !s.ok()) {
      files_.Remove(m.file_key);
      return s;
    }
  }
  if (Status s = core_.store.media().Create(m); !s.ok()) {
    files_.Remove(m.file_key);
    return s;
  }
  return m;
}

Result<MediaRecord> MediaService::GetOwnUnattached(int64_t account_id, int64_t id) {
  auto m = core_.store.media().Get(id);
  if (!m.ok()) return m.status();
  if (m->account_id != account_id || m->status_id != 0) return Status::NotFound();
  return m;
}

Result<MediaRecord> MediaService::Update(int64_t account_id, int64_t id, const Changes& changes) {
  auto m = GetOwnUnattached(account_id, id);
  if (!m.ok()) return m.status();
  if (Status s = CheckDescription(changes.description); !s.ok()) return s;
  if (Status s = ApplyFocus(changes.focus, *m); !s.ok()) return s;
  if (changes.description) m->description = *changes.description;
  if (Status s = core_.store.media().UpdateDescription(*m); !s.ok()) return s;
  return m;
}

Status MediaService::Delete(int64_t account_id, int64_t id) {
  auto m = core_.store.media().Get(id);
  if (!m.ok()) return m.status();
  if (m->account_id != account_id) return Status::NotFound();
  auto deleted = core_.store.media().DeleteUnattached(id, account_id);
  if (!deleted.ok()) return deleted.status();
  if (!*deleted)
    return Status::Unprocessable("Validation failed: the media is attached to a post",
                                 "delete or edit the post instead");
  files_.Remove(m->file_key);
  return Status::Ok();
}

Result<std::vector<MediaRecord>> MediaService::ForPost(int64_t author_id, int64_t status_id,
                                                       const std::vector<int64_t>& ids) {
  if (ids.size() > kMaxAttachments)
    return Status::Unprocessable(
        fmt::format("Validation failed: a post may have at most {} attachments", kMaxAttachments));
  auto found = core_.store.media().GetMany(ids);
  if (!found.ok()) return found.status();
  std::vector<MediaRecord> out;
  for (int64_t id : ids) {
    auto it = std::find_if(found->begin(), found->end(),
                           [id](const MediaRecord& m) { return m.id == id; });
    if (it == found->end() || it->account_id != author_id)
      return Status::Unprocessable(
          fmt::format("Validation failed: media {} does not exist or is not yours", id));
    if (it->status_id != 0 && it->status_id != status_id)
      return Status::Unprocessable(
          fmt::format("Validation failed: media {} is attached to another post", id));
    out.push_back(*it);
  }
  if (Status s = CheckAttachmentMix(out); !s.ok()) return s;
  for (size_t i = 0; i < out.size(); ++i) {
    out[i].status_id = status_id;
    out[i].position = static_cast<int>(i);
  }
  return out;
}

Result<MediaService::Served> MediaService::Open(const Viewer& viewer, std::string_view key,
                                                std::string_view variant) {
  if (variant != "original" && variant != "small") return Status::NotFound();
  auto m = core_.store.media().FindByKey(key);
  if (!m.ok()) return m.status();
  if (m->status_id == 0) {
    if (m->account_id != viewer.account_id) return Status::NotFound();
  } else {
    // THE rule: whoever may see the post may see its attachments.
    auto post = core_.Visible(viewer, m->status_id);
    if (!post.ok()) return post.status();
  }
  auto file = files_.Open(m->file_key, variant);
  if (!file.ok()) return file.status();
  Served out;
  out.content_type = variant == "small" ? "image/jpeg" : m->content_type;
  out.download = variant == "original" && m->type == MediaType::kDocument;
  out.media = std::move(*m);
  out.file = std::move(*file);
  return out;
}

Result<int> MediaService::RemoveAbandoned(int limit) {
  auto old = core_.store.media().UnattachedBefore(clock_.NowMillis() - kAbandonedUploadMs, limit);
  if (!old.ok()) return old.status();
  int removed = 0;
  for (const auto& m : *old) {
    auto deleted = core_.store.media().DeleteUnattached(m.id, m.account_id);
    if (!deleted.ok()) return deleted.status();
    if (!*deleted) continue;  // attached meanwhile
    files_.Remove(m.file_key);
    ++removed;
  }
  return removed;
}

void MediaService::RemoveFiles(const std::vector<MediaRecord>& media) {
  for (const auto& m : media) files_.Remove(m.file_key);
}

}  // namespace atrium
