#include "social/post_permalink.h"

#include <cctype>

#include "base/id.h"

namespace atrium {

std::string TitleSlug(std::string_view title) {
  constexpr size_t kMaxSlug = 60;
  std::string out;
  bool dash = false;
  for (char ch : title) {
    auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) && c < 0x80) {
      if (dash && !out.empty()) out += '-';
      dash = false;
      if (out.size() >= kMaxSlug) break;
      out += static_cast<char>(std::tolower(c));
    } else {
      dash = true;
    }
  }
  return out;
}

std::string PostPermalinkPath(std::string_view username, const StatusRecord& status) {
  std::string path = "/@" + std::string(username) + "/";
  if (status.kind == StatusKind::kStatus) return path + std::to_string(status.id);
  path += status.kind == StatusKind::kBlog ? "blog/" : "questions/";
  path += std::to_string(status.id);
  std::string slug = TitleSlug(status.title);
  if (!slug.empty()) path += "-" + slug;
  return path;
}

std::optional<int64_t> IdOfSlug(std::string_view slug) {
  size_t digits = 0;
  while (digits < slug.size() && std::isdigit(static_cast<unsigned char>(slug[digits]))) ++digits;
  if (digits == 0 || (digits < slug.size() && slug[digits] != '-')) return std::nullopt;
  return ParseId(slug.substr(0, digits));
}

}  // namespace atrium
