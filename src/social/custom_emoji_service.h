// CustomEmojiService: the organization's custom emoji. Administrators add
// one (a shortcode, a category, whether the composer's picker offers it,
// and a picture), change its category and picker flag, and remove it; each
// change is recorded in the audit log. Members see them as ":shortcode:"
// in posts, names and profiles.
//
// The picture goes through the image pipeline as attachments do: its type
// decided by its bytes (PNG, GIF or WebP), re-encoded without metadata,
// scaled down to kMaxCustomEmojiPixels, an animation kept; a still PNG of
// its first frame is kept beside it for `static_url`. Both are the media
// store's files (variants "original" and "static" of a random key),
// written before the row, removed with it.
//
// Readers use Catalog(), an immutable snapshot: renewed at once after a
// change on this node, and read again from the store when older than
// kCatalogMaxAgeMs (another node's change shows within that time).
//
// Thread-safe.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "social/audit_log.h"
#include "social/media_store.h"
#include "social/social_core.h"
#include "store/custom_emoji_store.h"

namespace atrium {

// The largest picture an administrator may upload, and the most pixels a
// stored one has (larger ones are scaled down).
inline constexpr size_t kMaxCustomEmojiBytes = 256 * 1024;
inline constexpr int64_t kMaxCustomEmojiPixels = 256 * 256;
inline constexpr size_t kMaxCustomEmojiCategoryChars = 64;

// The emoji at one moment. Immutable: share it freely.
class CustomEmojiCatalog {
 public:
  CustomEmojiCatalog(uint64_t version, std::vector<CustomEmojiRecord> emojis);

  // Changes whenever the emoji do (a cache of what was rendered with them
  // keeps it).
  uint64_t version() const { return version_; }
  // Every emoji, by shortcode.
  const std::vector<CustomEmojiRecord>& all() const { return emojis_; }
  // The emoji of `shortcode`, or null.
  const CustomEmojiRecord* Find(std::string_view shortcode) const;
  const CustomEmojiRecord* FindByFileKey(std::string_view key) const;
  // The emoji of those of `shortcodes` that exist, in that order.
  std::vector<const CustomEmojiRecord*> Existing(const std::vector<std::string>& shortcodes) const;

 private:
  uint64_t version_;
  std::vector<CustomEmojiRecord> emojis_;
  std::map<std::string, size_t, std::less<>> by_shortcode_;
  std::map<std::string, size_t, std::less<>> by_key_;
};
using CustomEmojiCatalogPtr = std::shared_ptr<const CustomEmojiCatalog>;

// The shortcodes a post uses, in order of first use: in its content warning,
// its title, and its text — plain text outside links for a status update,
// the Markdown body's text outside code and links for a blog entry or a
// question — and in its poll's options.
std::vector<std::string> PostEmojiShortcodes(const StatusRecord& post);
// The shortcodes in a person's display name and (`with_note`) their about
// text (Markdown).
std::vector<std::string> AccountEmojiShortcodes(const Account& account, bool with_note);

struct CustomEmojiInput {
  std::string shortcode;
  std::string category;
  bool visible_in_picker = true;
  std::string_view picture;
};

struct CustomEmojiChanges {
  std::optional<std::string> category;
  std::optional<bool> visible_in_picker;
};

class CustomEmojiService {
 public:
  static constexpr int64_t kCatalogMaxAgeMs = 5000;

  // `files` outlives this.
  CustomEmojiService(SocialCore& core, MediaStore& files, AuditLog& audit)
      : core_(core), files_(files), audit_(audit) {}
  CustomEmojiService(const CustomEmojiService&) = delete;
  CustomEmojiService& operator=(const CustomEmojiService&) = delete;

  // The current emoji. If the store cannot be read, the last snapshot read
  // (empty at first).
  CustomEmojiCatalogPtr Catalog();

  // For administrators (the caller checks the role). 422 for a shortcode
  // that is not [A-Za-z0-9_]{2,64} or is taken, a category too long, or a
  // picture that is not a PNG, GIF or WebP image; 413 for one over
  // kMaxCustomEmojiBytes.
  Result<CustomEmojiRecord> Add(const AuditActor& actor, const CustomEmojiInput& input);
  Result<CustomEmojiRecord> Update(const AuditActor& actor, int64_t id,
                                   const CustomEmojiChanges& changes);
  // Removes it and its picture: it stops showing at once. 404 if absent.
  Status Remove(const AuditActor& actor, int64_t id);

  // A picture to serve: `variant` ("original" or "static") of the emoji
  // whose file key is `key`; 404 for anything else (a removed emoji too).
  struct Served {
    std::string content_type;
    std::shared_ptr<MediaFile> file;
  };
  Result<Served> Open(std::string_view key, std::string_view variant);

 private:
  static Status CheckCategory(const std::string& category);
  // Reads the store into a new snapshot (kept only if the emoji differ).
  CustomEmojiCatalogPtr Reload();

  SocialCore& core_;
  MediaStore& files_;
  AuditLog& audit_;
  std::mutex mu_;  // guards the three below
  CustomEmojiCatalogPtr catalog_;
  int64_t loaded_at_ = 0;
  uint64_t next_version_ = 1;
};

}  // namespace atrium
