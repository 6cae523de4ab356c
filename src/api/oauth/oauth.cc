// The OAuth 2 provider, as Mastodon clients use it:
//   POST /api/v1/apps, GET /api/v1/apps/verify_credentials,
//   GET|POST /oauth/authorize (authorization code, PKCE S256, out-of-band),
//   POST /oauth/token (authorization_code, client_credentials, password),
//   POST /oauth/revoke, GET /.well-known/oauth-authorization-server.
// Errors of /oauth/token and /oauth/revoke follow RFC 6749 §5.2.
#include <fmt/format.h>

#include "api/atrium/sessions.h"
#include "api/authenticate.h"
#include "api/oauth/oauth_pages.h"
#include "api/routes.h"
#include "base/clock.h"
#include "base/crypto.h"
#include "base/json_writer.h"
#include "base/text.h"
#include "http/cookies.h"
#include "http/params.h"
#include "social/scopes.h"

namespace atrium::api {
namespace {

constexpr const char* kOobUri = "urn:ietf:wg:oauth:2.0:oob";
constexpr const char* kOAuthCsrfCookie = "atrium_oauth_csrf";

std::vector<std::string> SplitLines(const std::string& s) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t end = s.find_first_of("\n \r\t", pos);
    if (end == std::string::npos) end = s.size();
    if (end > pos) out.push_back(s.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

// `vapid_key`: the installation's Web Push key (Mastodon's Application
// entity still carries it).
void WriteApplication(JsonWriter& w, const OAuthApp& app, const std::string& vapid_key) {
  auto uris = SplitLines(app.redirect_uris);
  w.Field("id", std::to_string(app.id)).Field("name", app.name).Field("website", app.website);
  w.Key("scopes").BeginArray();
  for (const auto& s : SplitScopes(app.scopes)) w.String(s);
  w.EndArray();
  w.Field("redirect_uri", app.redirect_uris);
  w.Key("redirect_uris").BeginArray();
  for (const auto& u : uris) w.String(u);
  w.EndArray();
  w.Field("vapid_key", vapid_key);
}

http::Response OAuthError(int status, const std::string& error, const std::string& description) {
  http::Response r = http::Response::Error(status, error, description);
  r.Set("Cache-Control", "no-store");
  return r;
}

http::Response OAuthError(const Status& s) {
  return OAuthError(s.http_status(), s.error(), s.description());
}

// Retry-After on an answer to a request refused for a while.
http::Response WithRetryAfter(http::Response r, const Status& s) {
  if (s.retry_after_seconds() > 0) r.Set("Retry-After", std::to_string(s.retry_after_seconds()));
  return r;
}

// Client credentials from the body, or from HTTP Basic authentication.
void ClientCredentials(const http::Request& req, const http::Params& params, std::string* id,
                       std::string* secret) {
  *id = params.GetOr("client_id", "");
  *secret = params.GetOr("client_secret", "");
  std::string_view auth = req.Header("Authorization");
  if (id->empty() && auth.size() > 6 && http::EqualsIgnoreCase(auth.substr(0, 6), "Basic ")) {
    std::string decoded;
    std::string b64(auth.substr(6));
    // Standard base64 to base64url, without padding.
    for (char& c : b64) c = c == '+' ? '-' : c == '/' ? '_' : c;
    while (!b64.empty() && b64.back() == '=') b64.pop_back();
    if (DecodeBase64Url(b64, &decoded)) {
      auto colon = decoded.find(':');
      if (colon != std::string::npos) {
        FormDecode(decoded.substr(0, colon), id);
        FormDecode(decoded.substr(colon + 1), secret);
      }
    }
  }
}

std::string WithQuery(const std::string& uri,
                      const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out = uri;
  char sep = uri.find('?') == std::string::npos ? '?' : '&';
  for (const auto& [k, v] : params) {
    if (v.empty() && k == "state") continue;
    out += sep + UrlEncode(k) + "=" + UrlEncode(v);
    sep = '&';
  }
  return out;
}

http::Response TokenResponse(const AuthService::IssuedToken& t) {
  JsonWriter w;
  w.BeginObject()
      .Field("access_token", t.secret)
      .Field("token_type", "Bearer")
      .Field("scope", t.token.scopes)
      .Field("created_at", t.token.created_at / 1000)
      .EndObject();
  http::Response r = http::Response::Json(200, w.Take());
  r.Set("Cache-Control", "no-store");
  return r;
}

// An HTML page of the authorization flow: never cached, never framed, no
// script.
// The validated parameters of an authorization request.
struct AuthorizeRequest {
  OAuthApp app;
  std::string redirect_uri;
  std::string scopes;
  std::string state;
  std::string code_challenge;
  bool force_login = false;
};

// Validates an authorization request (RFC 6749 §4.1.2.1). An unknown client
// or an unregistered redirect URI answer with a page, never a redirect;
// other problems redirect back to the client with an error.
Result<AuthorizeRequest> ValidateAuthorize(ApiContext& ctx, const http::Params& p,
                                           http::Response* answer) {
  const std::string& title = ctx.settings.title;
  auto app = ctx.auth.FindClient(p.GetOr("client_id", ""));
  if (!app.ok()) {
    *answer = HtmlNoStore(
        400, RenderErrorPage(title, "Unknown application",
                             "The application asking for access is not registered here."));
    return app.status();
  }
  std::string redirect_uri = p.GetOr("redirect_uri", "");
  auto registered = SplitLines(app->redirect_uris);
  if (redirect_uri.empty() && registered.size() == 1) redirect_uri = registered[0];
  if (!AuthService::AppAllowsRedirect(*app, redirect_uri)) {
    *answer = HtmlNoStore(
        400, RenderErrorPage(title, "Invalid redirect URI",
                             "The redirect URI is not one the application registered."));
    return Status::BadRequest("invalid_request", "redirect_uri mismatch");
  }
  std::string state = p.GetOr("state", "");
  auto fail = [&](const std::string& error, const std::string& description) -> Status {
    if (redirect_uri == kOobUri)
      *answer = HtmlNoStore(400, RenderErrorPage(title, "Authorization failed", description));
    else
      *answer = http::Response::Redirect(WithQuery(
          redirect_uri, {{"error", error}, {"error_description", description}, {"state", state}}));
    return Status::BadRequest(error, description);
  };
  if (p.GetOr("response_type", "code") != "code")
    return fail("unsupported_response_type", "Only response_type=code is supported");
  auto scopes = SplitScopes(p.GetOr("scope", p.GetOr("scopes", "read")));
  if (scopes.empty()) scopes = {"read"};
  for (const auto& s : scopes)
    if (!IsKnownScope(s)) return fail("invalid_scope", "Unknown scope: " + s);
  if (!ScopesSubset(scopes, SplitScopes(app->scopes)))
    return fail("invalid_scope", "The application did not register for the scopes it asks for");
  std::string challenge = p.GetOr("code_challenge", "");
  std::string method = p.GetOr("code_challenge_method", challenge.empty() ? "" : "plain");
  if (!challenge.empty() || !method.empty()) {
    if (method != "S256") return fail("invalid_request", "code_challenge_method must be S256");
    if (challenge.size() != 43)
      return fail("invalid_request", "code_challenge must be a base64url SHA-256 digest");
  }
  AuthorizeRequest out;
  out.app = std::move(app).value();
  out.redirect_uri = redirect_uri;
  out.scopes = JoinScopes(scopes);
  out.state = state;
  out.code_challenge = challenge;
  bool bad = false;
  out.force_login = p.GetBool("force_login", &bad).value_or(false);
  return out;
}

AuthorizeForm MakeForm(ApiContext& ctx, const AuthorizeRequest& ar, const std::string& csrf) {
  AuthorizeForm f;
  f.title = ctx.settings.title;
  f.app_name = ar.app.name;
  f.app_website = ar.app.website;
  f.scopes = SplitScopes(ar.scopes);
  f.hidden = {{"response_type", "code"},
              {"client_id", ar.app.client_id},
              {"redirect_uri", ar.redirect_uri},
              {"scope", ar.scopes},
              {"state", ar.state},
              {"code_challenge", ar.code_challenge},
              {"code_challenge_method", ar.code_challenge.empty() ? "" : "S256"},
              {"authenticity_token", csrf}};
  f.password_sign_in = ctx.settings.local_sign_in != "off";
  // Each identity provider signs the person in and comes back to this very
  // authorization; the form's CSRF token stays out of the URL.
  auto query = f.hidden;
  query.pop_back();
  const std::string back = WithQuery("/oauth/authorize", query);
  if (ctx.oidc.enabled())
    f.providers.push_back(
        {ctx.oidc.button_label(), WithQuery("/auth/oidc", {{"return_to", back}})});
  if (ctx.saml)
    f.providers.push_back(
        {ctx.saml->ButtonLabel(), WithQuery("/auth/saml", {{"return_to", back}})});
  return f;
}

http::Response Authorize(ApiContext& ctx, http::Request& req) {
  auto params = http::Params::Parse(req);
  if (!params.ok())
    return HtmlNoStore(
        params.status().http_status(),
        RenderErrorPage(ctx.settings.title, "Invalid request", params.status().description()));
  http::Response answer;
  auto ar = ValidateAuthorize(ctx, *params, &answer);
  if (!ar.ok()) return answer;

  auto session = ar->force_login ? Result<Principal>(Status::Unauthorized(""))
                                 : ctx.auth.FromSession(http::GetCookie(req, kSessionCookie));
  const bool is_post = req.method == "POST";
  std::string csrf = http::GetCookie(req, kOAuthCsrfCookie);
  if (csrf.empty()) csrf = RandomToken(24);
  http::CookieOptions cookie_opts;
  cookie_opts.secure = ctx.settings.cookie_secure;
  cookie_opts.path = "/oauth";
  auto form = [&](int status, const std::string& error, const std::string& login) {
    AuthorizeForm f = MakeForm(ctx, *ar, csrf);
    if (session.ok())
      f.signed_in_as = session->account.display_name + " (@" + session->account.username + ")";
    f.error = error;
    f.login = login;
    http::Response r = HtmlNoStore(status, RenderAuthorizePage(f));
    r.Set("Set-Cookie", http::SetCookieHeader(kOAuthCsrfCookie, csrf, cookie_opts));
    return r;
  };
  if (!is_post) return form(200, "", "");

  // POST: the person answered the form.
  std::string sent = params->GetOr("authenticity_token", "");
  if (sent.empty() || !ConstantTimeEquals(sent, http::GetCookie(req, kOAuthCsrfCookie)))
    return HtmlNoStore(
        403,
        RenderErrorPage(ctx.settings.title, "Form expired",
                        "The form's security token did not match. Go back, reload and try again."));
  if (params->GetOr("decision", "") == "deny") {
    if (ar->redirect_uri == kOobUri)
      return HtmlNoStore(200, RenderErrorPage(ctx.settings.title, "Access denied",
                                              "You denied " + ar->app.name + " access."));
    return http::Response::Redirect(
        WithQuery(ar->redirect_uri, {{"error", "access_denied"},
                                     {"error_description", "The person denied access"},
                                     {"state", ar->state}}));
  }
  if (params->GetOr("decision", "") != "approve") return form(422, "Choose Authorize or Deny.", "");

  Account account;
  std::string new_session_token;
  std::string login = params->GetOr("login", "");
  if (!login.empty() || !session.ok()) {
    auto checked = ctx.auth.CheckPassword(login, params->GetOr("password", ""), req.remote_addr);
    if (!checked.ok()) {
      const Status& s = checked.status();
      std::string message =
          s.code() == Code::kUnauthorized ? "Invalid login or password." : s.ToString();
      return WithRetryAfter(form(s.http_status(), message, login), s);
    }
    account = std::move(checked).value();
    auto started =
        ctx.auth.StartSession(account, std::string(req.Header("User-Agent")), req.remote_addr);
    if (started.ok()) new_session_token = started->token;
  } else {
    account = session->account;
  }

  auto code =
      ctx.auth.IssueCode(ar->app, account.id, ar->redirect_uri, ar->scopes, ar->code_challenge);
  if (!code.ok())
    return HtmlNoStore(503,
                       RenderErrorPage(ctx.settings.title, "Try again", code.status().ToString()));
  http::Response r = ar->redirect_uri == kOobUri
                         ? HtmlNoStore(200, RenderCodePage(ctx.settings.title, ar->app.name, *code))
                         : http::Response::Redirect(WithQuery(
                               ar->redirect_uri, {{"code", *code}, {"state", ar->state}}));
  if (!new_session_token.empty())
    r.Set("Set-Cookie", SessionCookie(ctx.settings, new_session_token));
  return r;
}

http::Response Token(ApiContext& ctx, http::Request& req) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return OAuthError(400, "invalid_request", params.status().description());
  std::string client_id, client_secret;
  ClientCredentials(req, *params, &client_id, &client_secret);
  std::string grant = params->GetOr("grant_type", "");
  if (grant.empty()) return OAuthError(400, "invalid_request", "grant_type is required");
  if (grant != "authorization_code" && grant != "client_credentials" && grant != "password")
    return OAuthError(400, "unsupported_grant_type", "Unsupported grant type: " + grant);
  if (grant == "password" && !ctx.settings.password_grant)
    return OAuthError(400, "unsupported_grant_type",
                      "The password grant is switched off on this server");
  auto app = ctx.auth.AuthenticateClient(client_id, client_secret);
  if (!app.ok()) return OAuthError(app.status());

  if (grant == "authorization_code") {
    auto t =
        ctx.auth.ExchangeCode(*app, params->GetOr("code", ""), params->GetOr("redirect_uri", ""),
                              params->GetOr("code_verifier", ""));
    if (!t.ok()) return OAuthError(t.status());
    return TokenResponse(*t);
  }

  auto scopes = SplitScopes(params->GetOr("scope", params->GetOr("scopes", "read")));
  if (scopes.empty()) scopes = {"read"};
  for (const auto& s : scopes)
    if (!IsKnownScope(s)) return OAuthError(400, "invalid_scope", "Unknown scope: " + s);
  if (!ScopesSubset(scopes, SplitScopes(app->scopes)))
    return OAuthError(400, "invalid_scope",
                      "The application did not register for the scopes it asks for");

  int64_t account_id = 0;
  if (grant == "password") {
    std::string login = params->GetOr("username", params->GetOr("email", ""));
    auto account = ctx.auth.CheckPassword(login, params->GetOr("password", ""), req.remote_addr);
    if (!account.ok()) {
      const Status& s = account.status();
      if (s.code() == Code::kUnauthorized)
        return OAuthError(400, "invalid_grant", "The login or password is incorrect");
      return WithRetryAfter(
          OAuthError(s.http_status(),
                     s.code() == Code::kTooManyRequests ? "slow_down" : "invalid_grant",
                     s.ToString()),
          s);
    }
    account_id = account->id;
  }
  auto t = ctx.auth.IssueToken(*app, account_id, JoinScopes(scopes));
  if (!t.ok()) return OAuthError(t.status());
  return TokenResponse(*t);
}

}  // namespace

void RegisterOAuthRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("POST", "/api/v1/apps", [&ctx](http::Request& req) {
    auto params = http::Params::Parse(req);
    if (!params.ok()) return ErrorResponse(params.status());
    std::vector<std::string> uris = params->GetAll("redirect_uris");
    if (uris.size() == 1) uris = SplitLines(uris[0]);
    auto made = ctx.auth.RegisterApp(params->GetOr("client_name", ""), uris,
                                     params->GetOr("scopes", "read"), params->GetOr("website", ""),
                                     req.remote_addr);
    if (!made.ok()) return ErrorResponse(made.status());
    JsonWriter w;
    w.BeginObject();
    WriteApplication(w, made->app, ctx.push->PublicKey());
    w.Field("client_id", made->app.client_id)
        .Field("client_secret", made->client_secret)
        .Field("client_secret_expires_at", 0)
        .EndObject();
    return http::Response::Json(200, w.Take());
  });

  router.Add(
      "GET", "/api/v1/apps/verify_credentials",
      Protect(
          ctx, "",
          [&ctx](http::Request&, const Principal& p) {
            auto app = ctx.auth.GetApp(p.app_id);
            if (!app.ok())
              return ErrorResponse(Status::Unauthorized("This method requires an app token"));
            JsonWriter w;
            w.BeginObject();
            WriteApplication(w, *app, ctx.push->PublicKey());
            w.EndObject();
            return http::Response::Json(200, w.Take());
          },
          Need::kAppOrUser));

  router.Add("GET", "/oauth/authorize", [&ctx](http::Request& req) { return Authorize(ctx, req); });
  router.Add("POST", "/oauth/authorize",
             [&ctx](http::Request& req) { return Authorize(ctx, req); });
  router.Add("POST", "/oauth/token", [&ctx](http::Request& req) { return Token(ctx, req); });

  router.Add("POST", "/oauth/revoke", [&ctx](http::Request& req) {
    auto params = http::Params::Parse(req);
    if (!params.ok()) return OAuthError(400, "invalid_request", params.status().description());
    std::string client_id, client_secret;
    ClientCredentials(req, *params, &client_id, &client_secret);
    auto app = ctx.auth.AuthenticateClient(client_id, client_secret);
    if (!app.ok()) return OAuthError(app.status());
    Status s = ctx.auth.Revoke(*app, params->GetOr("token", ""));
    if (!s.ok()) return OAuthError(s);
    return http::Response::Json(200, "{}");
  });

  router.Add("GET", "/.well-known/oauth-authorization-server", [&ctx](http::Request&) {
    const std::string base = ctx.settings.BaseUrl();
    JsonWriter w;
    w.BeginObject()
        .Field("issuer", base + "/")
        .Field("service_documentation", base + "/docs/API.md")
        .Field("authorization_endpoint", base + "/oauth/authorize")
        .Field("token_endpoint", base + "/oauth/token")
        .Field("revocation_endpoint", base + "/oauth/revoke")
        .Field("app_registration_endpoint", base + "/api/v1/apps")
        .Key("scopes_supported")
        .BeginArray();
    for (const auto& s : AllScopes()) w.String(s);
    w.EndArray();
    w.Key("response_types_supported").BeginArray().String("code").EndArray();
    w.Key("response_modes_supported").BeginArray().String("query").EndArray();
    w.Key("grant_types_supported")
        .BeginArray()
        .String("authorization_code")
        .String("client_credentials");
    if (ctx.settings.password_grant) w.String("password");
    w.EndArray();
    w.Key("token_endpoint_auth_methods_supported")
        .BeginArray()
        .String("client_secret_basic")
        .String("client_secret_post")
        .EndArray();
    w.Key("code_challenge_methods_supported").BeginArray().String("S256").EndArray();
    w.EndObject();
    return http::Response::Json(200, w.Take());
  });
}

}  // namespace atrium::api
