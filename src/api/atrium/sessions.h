// Browser session helpers shared by the sign-in endpoints and the OAuth
// authorization page (which signs people in too).
#pragma once

#include <string>

#include "base/settings.h"

namespace atrium::api {

// The Set-Cookie value for a session token; an empty token deletes the cookie.
std::string SessionCookie(const Settings& settings, const std::string& token);

}  // namespace atrium::api
