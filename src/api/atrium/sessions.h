// Browser session helpers shared by the sign-in endpoints and the OAuth
// authorization page (which signs people in too).
#pragma once

#include <string>

#include "base/settings.h"

namespace atrium::api {

// The Set-Cookie value for a session token; an empty token deletes the cookie.
std::string SessionCookie(const Settings& settings, const std::string& token);

// The Set-Cookie value binding a sign-in through an identity provider to the
// browser that began it: `secret` for ten minutes on `path` (empty: deleted).
// `cross_site_post`: the provider answers with a cross-site POST (SAML), so
// the cookie is SameSite=None when cookies are Secure.
std::string SignInStepCookie(const Settings& settings, const char* name, const char* path,
                             const std::string& secret, bool cross_site_post);

}  // namespace atrium::api
