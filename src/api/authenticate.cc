#include "api/authenticate.h"

#include "base/crypto.h"
#include "http/cookies.h"
#include "social/scopes.h"

namespace atrium::api {

http::Response ErrorResponse(const Status& status) {
  http::Response r =
      http::Response::Error(status.http_status(), status.error(), status.description());
  if (status.code() == Code::kUnauthorized)
    r.Set("WWW-Authenticate", "Bearer realm=\"Atrium\", error=\"invalid_token\"");
  if (status.retry_after_seconds() > 0)
    r.Set("Retry-After", std::to_string(status.retry_after_seconds()));
  return r;
}

std::string BearerToken(const http::Request& request) {
  std::string_view h = request.Header("Authorization");
  if (h.size() > 7 && http::EqualsIgnoreCase(h.substr(0, 7), "Bearer ")) {
    h.remove_prefix(7);
    while (!h.empty() && h.front() == ' ') h.remove_prefix(1);
    return std::string(h);
  }
  return {};
}

static bool IsSafeMethod(const std::string& m) {
  return m == "GET" || m == "HEAD" || m == "OPTIONS";
}

Result<PrincipalPtr> Authenticate(ApiContext& ctx, const http::Request& request,
                                  std::string_view scope, Need need) {
  std::string bearer = BearerToken(request);
  Result<PrincipalPtr> principal = Status::Unauthorized("The access token is invalid");
  if (!bearer.empty()) {
    principal = ctx.auth.BearerPrincipal(bearer);
  } else {
    std::string cookie = http::GetCookie(request, kSessionCookie);
    if (cookie.empty()) return Status::Unauthorized("This method requires an authenticated user");
    principal = ctx.auth.SessionPrincipal(cookie);
    if (principal.ok() && !IsSafeMethod(request.method)) {
      std::string_view sent = request.Header("X-CSRF-Token");
      if (!ConstantTimeEquals(sent, (*principal)->csrf_token))
        return Status::Forbidden(
            "Invalid CSRF token",
            "Requests signed in with a session cookie must send the session's X-CSRF-Token header");
    }
  }
  if (!principal.ok()) return principal;
  if (need == Need::kUser && !(*principal)->has_account())
    return Status::Unauthorized("This method requires an authenticated user");
  if (!scope.empty() && !ScopesAllow((*principal)->scopes, scope))
    return Status::Forbidden("This action is outside the authorized scopes",
                             "This endpoint needs the scope " + std::string(scope));
  return principal;
}

http::Handler Protect(ApiContext& ctx, std::string scope, ProtectedHandler handler, Need need) {
  // The same check on the headers alone answers a request waiting for
  // "100 Continue" before its body is sent.
  auto guard = [&ctx, scope, need](http::Request& req) -> std::optional<http::Response> {
    auto principal = Authenticate(ctx, req, scope, need);
    if (principal.ok()) return std::nullopt;
    return ErrorResponse(principal.status());
  };
  return http::GuardedHandler{
      std::move(guard),
      [&ctx, scope = std::move(scope), handler = std::move(handler), need](http::Request& req) {
        auto principal = Authenticate(ctx, req, scope, need);
        if (!principal.ok()) return ErrorResponse(principal.status());
        req.member_id = (*principal)->account.id;  // for the access log
        return handler(req, **principal);
      }};
}

http::Handler ProtectAdmin(ApiContext& ctx, std::string scope, ProtectedHandler handler) {
  return Protect(
      ctx, std::move(scope),
      [handler = std::move(handler)](http::Request& req, const Principal& p) {
        if (p.account.role != kRoleAdmin)
          return ErrorResponse(Status::Forbidden("This action is allowed only to administrators"));
        return handler(req, p);
      });
}

}  // namespace atrium::api
