// Cookies: reading the Cookie header and writing Set-Cookie.
#pragma once

#include <string>
#include <string_view>

#include "http/message.h"

namespace atrium::http {

// The value of cookie `name` in the request's Cookie headers, or "".
std::string GetCookie(const Request& request, std::string_view name);

struct CookieOptions {
  bool http_only = true;
  bool secure = false;
  std::string same_site = "Lax";
  std::string path = "/";
  int64_t max_age_seconds = -1;  // -1: a session cookie; 0: delete
};

std::string SetCookieHeader(std::string_view name, std::string_view value,
                            const CookieOptions& options);

}  // namespace atrium::http
