#include "social/scopes.h"

#include <algorithm>

namespace atrium {

const std::vector<std::string>& AllScopes() {
  static const std::vector<std::string> scopes = {"read",
                                                  "write",
                                                  "push",
                                                  "follow",
                                                  "profile",
                                                  "admin:read",
                                                  "admin:write",
                                                  "read:accounts",
                                                  "read:blocks",
                                                  "read:bookmarks",
                                                  "read:favourites",
                                                  "read:filters",
                                                  "read:follows",
                                                  "read:lists",
                                                  "read:mutes",
                                                  "read:notifications",
                                                  "read:search",
                                                  "read:statuses",
                                                  "write:accounts",
                                                  "write:blocks",
                                                  "write:bookmarks",
                                                  "write:conversations",
                                                  "write:favourites",
                                                  "write:filters",
                                                  "write:follows",
                                                  "write:lists",
                                                  "write:media",
                                                  "write:mutes",
                                                  "write:notifications",
                                                  "write:reports",
                                                  "write:statuses",
                                                  "admin:read:accounts",
                                                  "admin:write:accounts",
                                                  "admin:read:reports",
                                                  "admin:write:reports"};
  return scopes;
}

std::vector<std::string> SplitScopes(std::string_view scopes) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < scopes.size()) {
    size_t end = scopes.find_first_of(" +", pos);
    if (end == std::string_view::npos) end = scopes.size();
    std::string s(scopes.substr(pos, end - pos));
    if (!s.empty() && std::find(out.begin(), out.end(), s) == out.end())
      out.push_back(std::move(s));
    pos = end + 1;
  }
  return out;
}

std::string JoinScopes(const std::vector<std::string>& scopes) {
  std::string out;
  for (const auto& s : scopes) out += (out.empty() ? "" : " ") + s;
  return out;
}

bool IsKnownScope(std::string_view scope) {
  const auto& all = AllScopes();
  return std::find(all.begin(), all.end(), scope) != all.end();
}

static bool OneAllows(std::string_view granted, std::string_view required) {
  if (granted == required) return true;
  // A parent allows its children: "read" allows "read:statuses",
  // "admin:read" allows "admin:read:accounts".
  if (required.size() > granted.size() && required.starts_with(granted) &&
      required[granted.size()] == ':')
    return true;
  if (granted == "follow")
    return required == "read:follows" || required == "read:blocks" || required == "read:mutes" ||
           required == "write:follows" || required == "write:blocks" || required == "write:mutes";
  if (required == "profile") return granted == "read" || granted == "read:accounts";
  return false;
}

bool ScopesAllow(const std::vector<std::string>& granted, std::string_view required) {
  for (const auto& g : granted)
    if (OneAllows(g, required)) return true;
  return false;
}

bool ScopesSubset(const std::vector<std::string>& requested,
                  const std::vector<std::string>& granted) {
  for (const auto& r : requested)
    if (!ScopesAllow(granted, r)) return false;
  return true;
}

}  // namespace atrium
