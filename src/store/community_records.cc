// What every store implementation of communities shares: type names, and
// the stored forms of tags and of the search text.
#include "store/community_records.h"

#include <cctype>

#include "base/text.h"

namespace atrium {

const char* CommunityTypeName(CommunityType t) {
  switch (t) {
    case CommunityType::kPublic:
      return "public";
    case CommunityType::kModerated:
      return "moderated";
    case CommunityType::kRestricted:
      return "restricted";
  }
  return "public";
}

std::optional<CommunityType> ParseCommunityType(std::string_view name) {
  if (name == "public") return CommunityType::kPublic;
  if (name == "moderated") return CommunityType::kModerated;
  if (name == "restricted") return CommunityType::kRestricted;
  return std::nullopt;
}

std::string JoinCommunityTags(const std::vector<std::string>& tags) {
  std::string out;
  for (const auto& t : tags) {
    if (!out.empty()) out += ' ';
    out += t;
  }
  return out;
}

std::vector<std::string> SplitCommunityTags(const std::string& joined) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < joined.size()) {
    size_t end = joined.find(' ', start);
    if (end == std::string::npos) end = joined.size();
    if (end > start) out.push_back(joined.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string CommunitySearchText(const CommunityRecord& c) {
  std::string all = c.handle + " " + c.name + " " + JoinCommunityTags(c.tags) + " " + c.description;
  std::string out;
  bool in_word = false;
  for (char ch : AsciiLower(all)) {
    bool word_char = std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' ||
                     (static_cast<unsigned char>(ch) & 0x80);
    if (word_char) {
      if (!in_word) out += ' ';
      out += ch;
    }
    in_word = word_char;
  }
  return out;
}

}  // namespace atrium
