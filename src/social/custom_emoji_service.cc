#include "social/custom_emoji_service.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/clock.h"
#include "base/crypto.h"
#include "base/emoji_shortcode.h"
#include "base/json_writer.h"
#include "base/low_priority.h"
#include "base/markdown.h"
#include "base/status_text.h"
#include "base/text.h"
#include "social/image_pipeline.h"

namespace atrium {
namespace {

constexpr std::string_view kOriginal = "original";
constexpr std::string_view kStatic = "static";

// The audit log's before/after of an emoji.
std::string AuditJson(const CustomEmojiRecord& e) {
  JsonWriter w;
  w.BeginObject()
      .Field("shortcode", e.shortcode)
      .Field("category", e.category)
      .Field("visible_in_picker", e.visible_in_picker)
      .Field("content_type", e.content_type)
      .Field("file_key", e.file_key)
      .EndObject();
  return w.Take();
}

// The shortcodes of plain status text, outside its links.
void AddStatusTextShortcodes(std::string_view text, std::vector<std::string>& out) {
  if (text.find(':') == std::string_view::npos) return;
  size_t at = 0;
  for (const LinkToken& link : ParseStatusText(text).links) {
    if (link.span.begin < at) continue;
    AddEmojiShortcodes(text.substr(at, link.span.begin - at), out);
    at = link.span.end;
  }
  AddEmojiShortcodes(text.substr(at), out);
}

}  // namespace

std::vector<std::string> PostEmojiShortcodes(const StatusRecord& post) {
  std::vector<std::string> out;
  AddEmojiShortcodes(post.spoiler_text, out);
  if (post.kind == StatusKind::kStatus) {
    AddStatusTextShortcodes(post.text, out);
  } else {
    AddEmojiShortcodes(post.title, out);
    if (post.text.find(':') != std::string::npos)
      for (auto& code : MarkdownEmojiShortcodes(post.text))
        if (std::find(out.begin(), out.end(), code) == out.end()) out.push_back(std::move(code));
  }
  if (post.poll)
    for (const auto& option : post.poll->options) AddEmojiShortcodes(option, out);
  return out;
}

std::vector<std::string> AccountEmojiShortcodes(const Account& account, bool with_note) {
  std::vector<std::string> out = EmojiShortcodesIn(account.display_name);
  if (with_note && account.note.find(':') != std::string::npos)
    for (auto& code : MarkdownEmojiShortcodes(account.note))
      if (std::find(out.begin(), out.end(), code) == out.end()) out.push_back(std::move(code));
  return out;
}

CustomEmojiCatalog::CustomEmojiCatalog(uint64_t version, std::vector<CustomEmojiRecord> emojis)
    : version_(version), emojis_(std::move(emojis)) {
  for (size_t i = 0; i < emojis_.size(); ++i) {
    by_shortcode_.emplace(emojis_[i].shortcode, i);
    by_key_.emplace(emojis_[i].file_key, i);
  }
}

const CustomEmojiRecord* CustomEmojiCatalog::Find(std::string_view shortcode) const {
  auto it = by_shortcode_.find(shortcode);
  return it == by_shortcode_.end() ? nullptr : &emojis_[it->second];
}

const CustomEmojiRecord* CustomEmojiCatalog::FindByFileKey(std::string_view key) const {
  auto it = by_key_.find(key);
  return it == by_key_.end() ? nullptr : &emojis_[it->second];
}

std::vector<const CustomEmojiRecord*> CustomEmojiCatalog::Existing(
    const std::vector<std::string>& shortcodes) const {
  std::vector<const CustomEmojiRecord*> out;
  for (const auto& code : shortcodes)
    if (const CustomEmojiRecord* e = Find(code)) out.push_back(e);
  return out;
}

CustomEmojiCatalogPtr CustomEmojiService::Reload() {
  auto all = core_.store.custom_emojis().All();
  std::lock_guard lock(mu_);
  loaded_at_ = NowMillis();
  if (!all.ok()) {
    if (!catalog_)
      catalog_ = std::make_shared<CustomEmojiCatalog>(0, std::vector<CustomEmojiRecord>{});
    return catalog_;
  }
  if (!catalog_ || catalog_->all() != *all)
    catalog_ = std::make_shared<CustomEmojiCatalog>(next_version_++, std::move(all).value());
  return catalog_;
}

CustomEmojiCatalogPtr CustomEmojiService::Catalog() {
  {
    std::lock_guard lock(mu_);
    if (catalog_ && NowMillis() - loaded_at_ < kCatalogMaxAgeMs) return catalog_;
  }
  return Reload();
}

Status CustomEmojiService::CheckCategory(const std::string& category) {
  if (!IsValidUtf8(category) || CountCodePoints(category) > kMaxCustomEmojiCategoryChars)
    return Status::Unprocessable(
        fmt::format("Validation failed: Category must be valid text of at most {} characters",
                    kMaxCustomEmojiCategoryChars));
  for (unsigned char c : category)
    if (c < 0x20 || c == 0x7f)
      return Status::Unprocessable("Validation failed: Category must not hold control characters");
  return Status::Ok();
}

Result<CustomEmojiRecord> CustomEmojiService::Add(const AuditActor& actor,
                                                  const CustomEmojiInput& in) {
  if (!IsEmojiShortcode(in.shortcode))
    return Status::Unprocessable(
        "Validation failed: Shortcode must be 2 to 64 letters, digits or underscores",
        "a shortcode matches [A-Za-z0-9_]{2,64}");
  const std::string category = std::string(Trim(in.category));
  if (Status s = CheckCategory(category); !s.ok()) return s;
  if (in.picture.empty())
    return Status::Unprocessable(
        "Validation failed: Image is missing (a multipart file named image)");
  if (in.picture.size() > kMaxCustomEmojiBytes)
    return Status(Code::kPayloadTooLarge, "Validation failed: Image is too large",
                  fmt::format("a custom emoji may be at most {} bytes", kMaxCustomEmojiBytes));
  const std::string type = SniffImageType(in.picture);
  if (type != "image/png" && type != "image/gif" && type != "image/webp")
    return Status::Unprocessable("Validation failed: Image must be a PNG, GIF or WebP picture",
                                 "recognized by its content, not its name");
  // Refused before the picture is processed and stored.
  if (Catalog()->Find(in.shortcode) != nullptr || Reload()->Find(in.shortcode) != nullptr)
    return Status::Unprocessable("Validation failed: Shortcode has already been taken");

  ImageLimits limits;
  limits.max_decoded_pixels = 16'000'000;
  limits.max_pixels = kMaxCustomEmojiPixels;
  // At a lower priority than serving, as uploads (base/low_priority.h).
  auto processed = AtLowPriority([&] { return ProcessImage(in.picture, limits); });
  if (!processed.ok()) return processed.status();
  auto still = processed->original_type == "image/png"
                   ? Result<std::string>(processed->original)
                   : AtLowPriority([&] { return FirstFramePng(processed->original); });
  if (!still.ok()) return still.status();

  const int64_t now = NowMillis();
  CustomEmojiRecord e;
  e.id = core_.ids.Next();
  e.shortcode = in.shortcode;
  e.category = category;
  e.visible_in_picker = in.visible_in_picker;
  e.file_key = RandomToken(24);
  e.content_type = processed->original_type;
  e.width = processed->width;
  e.height = processed->height;
  e.created_by = actor.id;
  e.created_at = now;
  e.updated_at = now;
  // The files first: a row never names a missing one.
  if (Status s = files_.Put(e.file_key, kOriginal, processed->original); !s.ok()) return s;
  if (Status s = files_.Put(e.file_key, kStatic, *still); !s.ok()) {
    files_.Remove(e.file_key);
    return s;
  }
  if (Status s = core_.store.custom_emojis().Create(e); !s.ok()) {
    files_.Remove(e.file_key);
    return s;
  }
  Reload();
  if (Status s = audit_.Record(actor, "custom_emoji.create", "custom_emoji", std::to_string(e.id),
                               "", AuditJson(e));
      !s.ok())
    return s;
  return e;
}

Result<CustomEmojiRecord> CustomEmojiService::Update(const AuditActor& actor, int64_t id,
                                                     const CustomEmojiChanges& changes) {
  auto before = core_.store.custom_emojis().Get(id);
  if (!before.ok()) return before.status();
  CustomEmojiRecord e = *before;
  if (changes.category) {
    e.category = std::string(Trim(*changes.category));
    if (Status s = CheckCategory(e.category); !s.ok()) return s;
  }
  if (changes.visible_in_picker) e.visible_in_picker = *changes.visible_in_picker;
  e.updated_at = NowMillis();
  if (Status s = core_.store.custom_emojis().Update(e); !s.ok()) return s;
  Reload();
  if (Status s = audit_.Record(actor, "custom_emoji.update", "custom_emoji", std::to_string(id),
                               AuditJson(*before), AuditJson(e));
      !s.ok())
    return s;
  return e;
}

Status CustomEmojiService::Remove(const AuditActor& actor, int64_t id) {
  auto before = core_.store.custom_emojis().Get(id);
  if (!before.ok()) return before.status();
  if (Status s = core_.store.custom_emojis().Delete(id); !s.ok()) return s;
  files_.Remove(before->file_key);
  Reload();
  return audit_.Record(actor, "custom_emoji.delete", "custom_emoji", std::to_string(id),
                       AuditJson(*before), "");
}

Result<CustomEmojiService::Served> CustomEmojiService::Open(std::string_view key,
                                                            std::string_view variant) {
  if (variant != kOriginal && variant != kStatic) return Status::NotFound();
  CustomEmojiCatalogPtr catalog = Catalog();
  const CustomEmojiRecord* e = catalog->FindByFileKey(key);
  if (e == nullptr) return Status::NotFound();
  auto file = files_.Open(e->file_key, variant);
  if (!file.ok()) return file.status();
  return Served{variant == kStatic ? std::string("image/png") : e->content_type, *file};
}

}  // namespace atrium
