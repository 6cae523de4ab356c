// Browser sessions: POST /auth/sign_in, POST /auth/sign_out and
// GET /api/v1/atrium/session; and POST /api/v1/atrium/password, a person
// changing their own password (which ends their other sessions and tokens).
//
// Sign-in takes a JSON body only: a cross-site HTML form cannot send one
// without a CORS preflight, which closes the door on login CSRF. The session
// cookie is HttpOnly and SameSite=Lax; state-changing requests made with it
// need the X-CSRF-Token the sign-in answer (and /api/v1/atrium/session) gives.
#include "api/atrium/sessions.h"

#include "api/authenticate.h"
#include "api/mastodon/renderer.h"
#include "api/routes.h"
#include "base/json_writer.h"
#include "http/cookies.h"
#include "http/params.h"

namespace atrium::api {

std::string SessionCookie(const Settings& settings, const std::string& token) {
  http::CookieOptions o;
  o.secure = settings.cookie_secure;
  o.max_age_seconds = token.empty() ? 0 : -1;
  return http::SetCookieHeader(kSessionCookie, token, o);
}

static http::Response SessionJson(ApiContext& ctx, const Account& account,
                                  const std::string& csrf) {
  auto me = CredentialAccountJson(ctx, account);
  if (!me.ok()) return ErrorResponse(me.status());
  JsonWriter w;
  w.BeginObject().Field("csrf_token", csrf).Key("account").Raw(*me).EndObject();
  return http::Response::Json(200, w.Take());
}

// POST /api/v1/atrium/password: current_password, password.
static http::Response ChangePassword(ApiContext& ctx, http::Request& req, const Principal& p) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  auto current = params->Get("current_password");
  auto password = params->Get("password");
  if (!current || !password || current->empty())
    return ErrorResponse(
        Status::Unprocessable("Validation failed: current_password and password are required"));
  Status s = ctx.auth.ChangeOwnPassword(p, *current, *password, req.remote_addr);
  // 422, not 401: the request itself is signed in (a 401 tells a client
  // its credentials are gone).
  if (s.code() == Code::kUnauthorized)
    s = Status::Unprocessable("Validation failed: the current password is wrong");
  if (!s.ok()) return ErrorResponse(s);
  return http::Response::Json(200, "{}");
}

void RegisterSessionRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("POST", "/api/v1/atrium/password",
             Protect(ctx, "write:accounts", [&ctx](http::Request& req, const Principal& p) {
               return ChangePassword(ctx, req, p);
             }));

  router.Add("POST", "/auth/sign_in", [&ctx](http::Request& req) {
    if (req.MediaType() != "application/json")
      return http::Response::Error(415, "Unsupported media type",
                                   "Send the sign-in as application/json");
    auto params = http::Params::Parse(req);
    if (!params.ok()) return ErrorResponse(params.status());
    std::string login =
        params->GetOr("login", params->GetOr("email", params->GetOr("username", "")));
    std::string password = params->GetOr("password", "");
    if (login.empty() || password.empty())
      return ErrorResponse(
          Status::Unprocessable("Validation failed: login and password are required"));
    auto account = ctx.auth.CheckPassword(login, password, req.remote_addr);
    if (!account.ok()) {
      Status s = account.status();
      if (s.code() == Code::kUnauthorized) s = Status::Unauthorized("Invalid login or password");
      return ErrorResponse(s);
    }
    auto session =
        ctx.auth.StartSession(*account, std::string(req.Header("User-Agent")), req.remote_addr);
    if (!session.ok()) return ErrorResponse(session.status());
    http::Response r = SessionJson(ctx, *account, session->csrf_token);
    r.Set("Set-Cookie", SessionCookie(ctx.settings, session->token));
    r.Set("Cache-Control", "no-store");
    return r;
  });

  router.Add("POST", "/auth/sign_out",
             Protect(ctx, "", [&ctx](http::Request& req, const Principal& p) {
               if (!p.via_session)
                 return ErrorResponse(Status::Unprocessable(
                     "Sign-out ends a browser session; revoke tokens with /oauth/revoke"));
               ctx.auth.EndSession(http::GetCookie(req, kSessionCookie));
               http::Response r = http::Response::Json(200, "{}");
               r.Set("Set-Cookie", SessionCookie(ctx.settings, ""));
               return r;
             }));

  router.Add(
      "GET", "/api/v1/atrium/session", Protect(ctx, "", [&ctx](http::Request&, const Principal& p) {
        if (!p.via_session)
          return ErrorResponse(Status::Unprocessable("This answers for browser sessions only"));
        http::Response r = SessionJson(ctx, p.account, p.csrf_token);
        r.Set("Cache-Control", "no-store");
        return r;
      }));
}

std::string SignInStepCookie(const Settings& settings, const char* name, const char* path,
                             const std::string& secret, bool cross_site_post) {
  http::CookieOptions o;
  o.secure = settings.cookie_secure;
  // Browsers refuse SameSite=None without Secure: over plain http no
  // SameSite at all (docs/DEPLOYMENT.md says SAML needs https).
  if (cross_site_post) o.same_site = settings.cookie_secure ? "None" : "";
  o.path = path;
  o.max_age_seconds = secret.empty() ? 0 : 600;
  return http::SetCookieHeader(name, secret, o);
}

}  // namespace atrium::api
