// SAML 2.0 sign-in (social/saml_service.h): GET /auth/saml starts it,
// POST /auth/saml/acs is where the identity provider's response comes back,
// GET /auth/saml/metadata describes Atrium to the identity provider.
//
// These are pages a browser goes through, so they answer with HTML, errors
// included. The session made at the end is the one /auth/sign_in makes.
//
// The sign-in's browser secret travels in the `atrium_saml` cookie (HttpOnly,
// path /auth/saml, ten minutes), set by GET /auth/saml, required by POST
// /auth/saml/acs and cleared when it signs the person in. That POST comes cross-site from the
// identity provider, so with cookie-secure the cookie is SameSite=None;
// Secure. Without cookie-secure (plain http) browsers refuse SameSite=None,
// so it carries no SameSite attribute: browsers that treat that as Lax send
// it on the identity provider's POST only briefly after it was set, or not
// at all; SAML sign-in in a browser needs https (docs/DEPLOYMENT.md).
#include <algorithm>

#include "api/atrium/sessions.h"
#include "api/oauth/oauth_pages.h"
#include "api/routes.h"
#include "http/cookies.h"
#include "http/params.h"

namespace atrium::api {
namespace {

constexpr const char* kSamlCookie = "atrium_saml";

std::string SamlCookie(const Settings& settings, const std::string& secret) {
  return SignInStepCookie(settings, kSamlCookie, "/auth/saml", secret, /*cross_site_post=*/true);
}

http::Response ErrorPage(ApiContext& ctx, int status, const std::string& message) {
  return HtmlNoStore(status, RenderErrorPage(ctx.settings.title, "Sign-in failed", message));
}

http::Response NotConfigured(ApiContext& ctx) {
  return ErrorPage(ctx, 404, "Signing in with SAML is not configured on this server.");
}

// Refuses a parameter other than `allowed`.
Status OnlyParams(const http::Params& params, std::initializer_list<std::string_view> allowed) {
  for (const auto& [name, value] : params.all())
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end())
      return Status::BadRequest("invalid_request", "Unsupported parameter: " + name);
  return Status::Ok();
}

// GET /auth/saml?return_to=/path: to the identity provider.
http::Response Start(ApiContext& ctx, http::Request& req) {
  if (!ctx.saml) return NotConfigured(ctx);
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorPage(ctx, 400, params.status().description());
  if (Status st = OnlyParams(*params, {"return_to"}); !st.ok())
    return ErrorPage(ctx, 400, st.description());
  auto started = ctx.saml->Start(params->GetOr("return_to", "/"));
  if (!started.ok())
    return ErrorPage(ctx, started.status().http_status(), started.status().description());
  http::Response r = http::Response::Redirect(started->redirect_url, 303);
  r.Set("Set-Cookie", SamlCookie(ctx.settings, started->browser_secret));
  r.Set("Cache-Control", "no-store");
  return r;
}

// POST /auth/saml/acs (SAMLResponse, RelayState): signed in, and on to the
// page the sign-in started from.
http::Response Acs(ApiContext& ctx, http::Request& req) {
  if (!ctx.saml) return NotConfigured(ctx);
  if (req.MediaType() != "application/x-www-form-urlencoded")
    return ErrorPage(ctx, 415, "The identity provider's response must be a form post.");
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorPage(ctx, 400, params.status().description());
  if (Status st = OnlyParams(*params, {"SAMLResponse", "RelayState"}); !st.ok())
    return ErrorPage(ctx, 400, st.description());
  std::string response = params->GetOr("SAMLResponse", "");
  if (response.empty()) return ErrorPage(ctx, 400, "SAMLResponse is required.");
  // The cookie stays on a refusal: a post this browser did not ask for
  // (another site's form) does not end the sign-in it has under way.
  auto signed_in = ctx.saml->Finish(response, http::GetCookie(req, kSamlCookie));
  if (!signed_in.ok()) {
    const Status& s = signed_in.status();
    return ErrorPage(ctx, s.http_status(),
                     s.code() == Code::kBadRequest
                         ? "The identity provider's answer was refused: " + s.description() + "."
                         : s.description() + ".");
  }
  auto session = ctx.auth.StartSession(signed_in->account, std::string(req.Header("User-Agent")),
                                       req.remote_addr);
  if (!session.ok())
    return ErrorPage(ctx, session.status().http_status(), session.status().ToString());
  http::Response r = http::Response::Redirect(signed_in->return_to, 303);
  r.Set("Set-Cookie", SessionCookie(ctx.settings, session->token));
  r.Set("Set-Cookie", SamlCookie(ctx.settings, ""));
  r.Set("Cache-Control", "no-store");
  return r;
}

http::Response Metadata(ApiContext& ctx, http::Request&) {
  if (!ctx.saml) return NotConfigured(ctx);
  http::Response r;
  r.body = ctx.saml->Metadata();
  r.Set("Content-Type", "application/samlmetadata+xml; charset=utf-8");
  return r;
}

}  // namespace

void RegisterSamlRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/auth/saml", [&ctx](http::Request& req) { return Start(ctx, req); });
  router.Add("POST", "/auth/saml/acs", [&ctx](http::Request& req) { return Acs(ctx, req); });
  router.Add("GET", "/auth/saml/metadata",
             [&ctx](http::Request& req) { return Metadata(ctx, req); });
}

}  // namespace atrium::api
