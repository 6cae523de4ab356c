// Authentication and authorization of API requests, in one place.
//
// A request proves who it is by an OAuth bearer token (the Authorization
// header) or a browser session cookie. Session requests that change state
// (anything but GET, HEAD and OPTIONS) must also carry the session's CSRF
// token in the X-CSRF-Token header. Every endpoint names the OAuth scope it
// needs; a token without it gets 403.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "api/context.h"
#include "http/message.h"
#include "http/router.h"
#include "social/auth_service.h"

namespace atrium::api {

inline constexpr const char* kSessionCookie = "atrium_session";

// Renders a Status as a JSON error response (with WWW-Authenticate on 401).
http::Response ErrorResponse(const Status& status);

// The bearer token of the Authorization header, or "".
std::string BearerToken(const http::Request& request);

enum class Need { kUser, kAppOrUser };

// Authenticates `request` and checks `scope` (empty: any scope). Returns the
// principal or the error to answer with (401, 403).
Result<PrincipalPtr> Authenticate(ApiContext& ctx, const http::Request& request,
                                  std::string_view scope, Need need = Need::kUser);

using ProtectedHandler = std::function<http::Response(http::Request&, const Principal&)>;

// Wraps a handler so it runs only for an authenticated, authorized caller
// (an http::GuardedHandler: a request waiting for "100 Continue" is refused
// before its body when its credentials are).
http::Handler Protect(ApiContext& ctx, std::string scope, ProtectedHandler handler,
                      Need need = Need::kUser);

// Wraps a handler so it runs only for an admin (scope admin:read or admin:write).
http::Handler ProtectAdmin(ApiContext& ctx, std::string scope, ProtectedHandler handler);

}  // namespace atrium::api
