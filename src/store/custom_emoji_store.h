// CustomEmojiStore: the organization's custom emoji, each a shortcode
// (":shortcode:" in what people write) and a picture kept in the media
// store. A few hundred at most: read whole. Every method is one
// transaction; safe for concurrent use.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"

namespace atrium {

struct CustomEmojiRecord {
  int64_t id = 0;
  std::string shortcode;  // [A-Za-z0-9_]{2,}, unique
  std::string category;   // "" for none
  bool visible_in_picker = true;
  std::string file_key;      // the media store's key: variants "original" and "static"
  std::string content_type;  // the original's: image/png, image/gif or image/webp
  int width = 0;
  int height = 0;
  int64_t created_by = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;

  bool operator==(const CustomEmojiRecord&) const = default;
};

class CustomEmojiStore {
 public:
  virtual ~CustomEmojiStore() = default;
  // 422 (and nothing written) if the shortcode is taken.
  virtual Status Create(const CustomEmojiRecord& e) = 0;
  // Replaces category and visible_in_picker and updated_at; kNotFound if absent.
  virtual Status Update(const CustomEmojiRecord& e) = 0;
  // kNotFound if absent.
  virtual Status Delete(int64_t id) = 0;
  virtual Result<CustomEmojiRecord> Get(int64_t id) = 0;
  // Every emoji, by shortcode.
  virtual Result<std::vector<CustomEmojiRecord>> All() = 0;
};

}  // namespace atrium
