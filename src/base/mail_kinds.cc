#include "base/mail_kinds.h"

#include <algorithm>

namespace atrium {
namespace {

bool IsMode(std::string_view v) { return v == "immediate" || v == "digest" || v == "never"; }

}  // namespace

const std::vector<std::string>& MailKinds() {
  static const std::vector<std::string> kinds = {"mention", "direct", "follow_request", "reply",
                                                 "answer"};
  return kinds;
}

bool IsMailDefaultNotifications(std::string_view value) {
  if (IsMode(value)) return true;
  // kind=mode,… : each kind known and named once.
  std::vector<std::string_view> named;
  while (true) {
    size_t comma = value.find(',');
    std::string_view part = value.substr(0, comma);
    size_t eq = part.find('=');
    if (eq == std::string_view::npos || !IsMode(part.substr(eq + 1))) return false;
    std::string_view kind = part.substr(0, eq);
    const auto& kinds = MailKinds();
    if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) return false;
    if (std::find(named.begin(), named.end(), kind) != named.end()) return false;
    named.push_back(kind);
    if (comma == std::string_view::npos) return true;
    value.remove_prefix(comma + 1);
  }
}

std::string MailDefaultFor(std::string_view value, std::string_view kind) {
  if (value.find('=') == std::string_view::npos) return std::string(value);
  while (!value.empty()) {
    size_t comma = value.find(',');
    std::string_view part = value.substr(0, comma);
    size_t eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == kind)
      return std::string(part.substr(eq + 1));
    if (comma == std::string_view::npos) break;
    value.remove_prefix(comma + 1);
  }
  return "immediate";
}

}  // namespace atrium
