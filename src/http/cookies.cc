#include "http/cookies.h"

#include <fmt/format.h>

namespace atrium::http {

std::string GetCookie(const Request& request, std::string_view name) {
  for (const auto& [k, v] : request.headers) {
    if (!EqualsIgnoreCase(k, "Cookie")) continue;
    std::string_view rest = v;
    while (!rest.empty()) {
      size_t semi = rest.find(';');
      std::string_view pair = rest.substr(0, semi);
      while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
      size_t eq = pair.find('=');
      if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
        std::string_view value = pair.substr(eq + 1);
        while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
          value = value.substr(1, value.size() - 2);
        return std::string(value);
      }
      if (semi == std::string_view::npos) break;
      rest.remove_prefix(semi + 1);
    }
  }
  return {};
}

std::string SetCookieHeader(std::string_view name, std::string_view value, const CookieOptions& o) {
  std::string out = fmt::format("{}={}; Path={}", name, value, o.path);
  if (o.max_age_seconds >= 0) out += fmt::format("; Max-Age={}", o.max_age_seconds);
  if (o.http_only) out += "; HttpOnly";
  if (o.secure) out += "; Secure";
  if (!o.same_site.empty()) out += "; SameSite=" + o.same_site;
  return out;
}

}  // namespace atrium::http
