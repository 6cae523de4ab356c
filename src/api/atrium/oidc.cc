// Signing in through the organization's identity provider:
//   GET  /auth/providers                  the sign-in choices (public)
//   GET  /auth/oidc                       starts an OpenID Connect sign-in
//   GET  /auth/oidc/callback              where the provider sends the browser back
//   POST /auth/oidc/backchannel-logout    the provider signs a person out
//
// The sign-in's browser secret travels in the `atrium_oidc` cookie (HttpOnly,
// SameSite=Lax so it comes back with the provider's redirect, path
// /auth/oidc, ten minutes). The callback answers with an HTML page on
// failure (a browser is looking at it), and otherwise starts the same
// session cookie as POST /auth/sign_in and redirects to return_to.
//
// Begin, the callback and the logout wait on the provider (libcurl), so the
// server runs them on its writers' pool (BlockingPaths, ServerOptions::blocking_paths).
#include "api/api_helpers.h"
#include "api/atrium/sessions.h"
#include "api/oauth/oauth_pages.h"
#include "api/routes.h"
#include "base/json_writer.h"
#include "http/cookies.h"
#include "http/params.h"

namespace atrium::api {
namespace {

constexpr const char* kOidcCookie = "atrium_oidc";

std::string OidcCookie(const Settings& settings, const std::string& secret) {
  return SignInStepCookie(settings, kOidcCookie, "/auth/oidc", secret, /*cross_site_post=*/false);
}

http::Response SignInErrorPage(ApiContext& ctx, const Status& s) {
  std::string message = s.description().empty() ? s.error() : s.description();
  if (!message.empty()) message[0] = static_cast<char>(std::toupper(message[0]));
  http::Response r =
      HtmlNoStore(s.http_status(), RenderErrorPage(ctx.settings.title, "Sign-in failed", message));
  r.Set("Set-Cookie", OidcCookie(ctx.settings, ""));
  return r;
}

// GET /auth/providers: how one may sign in here (the password form, and the
// buttons of the OpenID Connect and SAML providers).
http::Response Providers(ApiContext& ctx) {
  JsonWriter w;
  w.BeginObject().Field("local", ctx.settings.local_sign_in).Key("providers").BeginArray();
  if (ctx.oidc.enabled())
    w.BeginObject()
        .Field("id", "oidc")
        .Field("label", ctx.oidc.button_label())
        .Field("url", "/auth/oidc")
        .EndObject();
  if (ctx.saml)
    w.BeginObject()
        .Field("id", "saml")
        .Field("label", ctx.saml->ButtonLabel())
        .Field("url", "/auth/saml")
        .EndObject();
  w.EndArray().EndObject();
  return http::Response::Json(200, w.Take());
}

// GET /auth/oidc?return_to=/a/local/path
http::Response Begin(ApiContext& ctx, http::Request& req) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return SignInErrorPage(ctx, params.status());
  for (const auto& [name, value] : params->all())
    if (name != "return_to")
      return SignInErrorPage(
          ctx, Status::BadRequest("invalid_request", "unsupported parameter: " + name));
  auto started = ctx.oidc.Begin(params->GetOr("return_to", ""), req.remote_addr);
  if (!started.ok()) {
    http::Response r = SignInErrorPage(ctx, started.status());
    if (started.status().retry_after_seconds() > 0)
      r.Set("Retry-After", std::to_string(started.status().retry_after_seconds()));
    return r;
  }
  http::Response r = http::Response::Redirect(started->redirect_url);
  r.Set("Set-Cookie", OidcCookie(ctx.settings, started->browser_secret));
  r.Set("Cache-Control", "no-store");
  return r;
}

// GET /auth/oidc/callback?code=…&state=… (or error=…)
http::Response Callback(ApiContext& ctx, http::Request& req) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return SignInErrorPage(ctx, params.status());
  OidcService::Callback cb;
  cb.code = params->GetOr("code", "");
  cb.state = params->GetOr("state", "");
  cb.error = params->GetOr("error", "");
  cb.error_description = params->GetOr("error_description", "");
  cb.browser_secret = http::GetCookie(req, kOidcCookie);
  cb.user_agent = std::string(req.Header("User-Agent"));
  cb.client_addr = req.remote_addr;
  auto signed_in = ctx.oidc.Complete(cb);
  if (!signed_in.ok()) return SignInErrorPage(ctx, signed_in.status());
  http::Response r = http::Response::Redirect(signed_in->return_to);
  r.Set("Set-Cookie", SessionCookie(ctx.settings, signed_in->session.token));
  r.Set("Set-Cookie", OidcCookie(ctx.settings, ""));
  r.Set("Cache-Control", "no-store");
  return r;
}

// POST /auth/oidc/backchannel-logout, logout_token=… (a form, from the provider)
http::Response BackChannelLogout(ApiContext& ctx, http::Request& req) {
  auto fail = [](const Status& s) {
    http::Response r = http::Response::Error(400, s.error(), s.description());
    r.Set("Cache-Control", "no-store");
    return r;
  };
  if (req.MediaType() != "application/x-www-form-urlencoded")
    return fail(Status::BadRequest("invalid_request",
                                   "send logout_token as application/x-www-form-urlencoded"));
  auto params = http::Params::Parse(req);
  if (!params.ok()) return fail(params.status());
  std::string token = params->GetOr("logout_token", "");
  if (token.empty()) return fail(Status::BadRequest("invalid_request", "logout_token is required"));
  Status s = ctx.oidc.BackChannelLogout(token);
  if (s.code() == Code::kNotFound) return ErrorResponse(s);
  if (!s.ok()) return fail(s);
  http::Response r = http::Response::Json(200, "{}");
  r.Set("Cache-Control", "no-store");
  return r;
}

}  // namespace

const std::vector<std::string>& BlockingPaths() {
  static const std::vector<std::string> paths = {"/auth/oidc", "/auth/oidc/callback"};
  return paths;
}

void RegisterOidcRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/auth/providers", [&ctx](http::Request&) { return Providers(ctx); });
  router.Add("GET", "/auth/oidc", [&ctx](http::Request& req) { return Begin(ctx, req); });
  router.Add("GET", "/auth/oidc/callback",
             [&ctx](http::Request& req) { return Callback(ctx, req); });
  router.Add("POST", "/auth/oidc/backchannel-logout",
             [&ctx](http::Request& req) { return BackChannelLogout(ctx, req); });
}

}  // namespace atrium::api
