#include "social/oidc_service.h"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "base/crypto.h"
#include "base/http_fetch.h"
#include "base/local_path.h"
#include "base/text.h"

namespace atrium {
namespace {

namespace json = boost::json;

constexpr int64_t kRequestLifetimeSeconds = 10 * 60;
constexpr int64_t kClockSkewSeconds = 60;
constexpr int64_t kKeysRefetchFloorMs = 10 * 1000;
constexpr int64_t kKeysMaxAgeMs = 60 * 60 * 1000;

// The nonce and the PKCE verifier of a sign-in, from the browser's secret and
// the state: only the browser that began it can finish it.
std::string Derive(std::string_view purpose, const std::string& browser_secret,
                   const std::string& state) {
  return Sha256Base64Url(std::string(purpose) + "\n" + browser_secret + "\n" + state);
}

std::string StringOf(const json::object& o, std::string_view name) {
  const json::value* v = o.if_contains(name);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

Status ProviderError(std::string description) {
  return Status::Unavailable("provider_unavailable", std::move(description));
}

// A username from a sign-in name or an e-mail address: the part before '@',
// with what a username may not hold dropped, at most 30 characters.
std::string UsernameFrom(std::string_view name) {
  name = name.substr(0, name.find('@'));
  std::string out;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '.' || c == '-';
    if (ok && out.size() < 30) out.push_back(c);
  }
  while (!out.empty() && (out.front() == '.' || out.front() == '-')) out.erase(out.begin());
  while (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

}  // namespace

OidcService::OidcService(Store& store, IdGenerator& ids, const Settings& settings,
                         AccountService& accounts, AuthService& auth, const Clock& clock)
    : store_(store),
      ids_(ids),
      settings_(settings),
      accounts_(accounts),
      auth_(auth),
      clock_(clock) {}

Status OidcService::Configure() {
  const Settings& s = settings_;
  if (s.oidc_issuer.empty()) {
    if (!s.oidc_client_id.empty() || !s.oidc_client_secret.empty() ||
        !s.oidc_client_secret_file.empty())
      return Status::BadRequest("invalid_config",
                                "oidc-client-id and its secret are set but oidc-issuer is not");
    return Status::Ok();
  }
  if (s.oidc_client_id.empty())
    return Status::BadRequest("invalid_config", "oidc-issuer is set but oidc-client-id is not");
  if (!s.oidc_client_secret.empty() && !s.oidc_client_secret_file.empty())
    return Status::BadRequest("invalid_config",
                              "give oidc-client-secret or oidc-client-secret-file, not both");
  client_secret_ = s.oidc_client_secret;
  if (!s.oidc_client_secret_file.empty()) {
    std::ifstream in(s.oidc_client_secret_file, std::ios::binary);
    std::stringstream text;
    if (in) text << in.rdbuf();
    if (!in || in.bad())
      return Status::BadRequest("invalid_config",
                                "cannot read oidc-client-secret-file " + s.oidc_client_secret_file);
    client_secret_ = text.str();
    if (client_secret_.ends_with('\n')) client_secret_.pop_back();
    if (client_secret_.ends_with('\r')) client_secret_.pop_back();
  }
  if (client_secret_.empty())
    return Status::BadRequest("invalid_config",
                              "oidc-issuer is set but neither oidc-client-secret nor "
                              "oidc-client-secret-file gives the client secret");
  enabled_ = true;
  return Status::Ok();
}

std::string OidcService::RedirectUri() const { return settings_.BaseUrl() + "/auth/oidc/callback"; }

Result<OidcProvider> DiscoverOidcProvider(const std::string& configured) {
  std::string issuer = configured;
  while (issuer.ends_with('/')) issuer.pop_back();
  std::string url = issuer + "/.well-known/openid-configuration";
  auto fetched = HttpFetch({.url = url});
  if (!fetched.ok())
    return ProviderError("cannot read " + url + ": " + fetched.status().ToString());
  if (fetched->status != 200)
    return ProviderError(url + " answered HTTP " + std::to_string(fetched->status));
  boost::system::error_code ec;
  json::value doc = json::parse(fetched->body, ec);
  if (ec || !doc.is_object()) return ProviderError(url + " is not a JSON object");
  const json::object& o = doc.get_object();
  OidcProvider p{StringOf(o, "issuer"), StringOf(o, "authorization_endpoint"),
                 StringOf(o, "token_endpoint"), StringOf(o, "jwks_uri")};
  // OpenID Connect Discovery 1.0 §4.3: the document's issuer is exactly
  // the one configured.
  if (p.issuer != configured)
    return ProviderError("the provider's issuer is '" + p.issuer + "', not oidc-issuer '" +
                         configured + "'");
  for (const std::string* endpoint : {&p.authorization_endpoint, &p.token_endpoint, &p.jwks_uri})
    if (!endpoint->starts_with("https://") && !endpoint->starts_with("http://"))
      return ProviderError(url + " lacks an authorization, token or JWKS endpoint");
  return p;
}

Result<std::vector<Jwk>> FetchOidcKeys(const OidcProvider& provider) {
  auto fetched = HttpFetch({.url = provider.jwks_uri});
  if (!fetched.ok())
    return ProviderError("cannot read the provider's keys: " + fetched.status().ToString());
  if (fetched->status != 200)
    return ProviderError(provider.jwks_uri + " answered HTTP " + std::to_string(fetched->status));
  auto keys = ParseJwks(fetched->body);
  if (!keys.ok()) return ProviderError("the provider's keys: " + keys.status().ToString());
  return keys;
}

Result<OidcService::Provider> OidcService::Discover() {
  {
    std::lock_guard lock(mu_);
    if (discovered_) return provider_;
  }
  auto discovered = DiscoverOidcProvider(settings_.oidc_issuer);
  if (!discovered.ok()) return discovered.status();
  const Provider& p = *discovered;
  std::lock_guard lock(mu_);
  provider_ = p;
  discovered_ = true;
  return p;
}

Result<OidcService::Started> OidcService::Begin(const std::string& return_to,
                                                const std::string& client_addr) {
  if (!enabled_) return Status::NotFound("not_configured", "OpenID Connect sign-in is off");
  std::string back = return_to.empty() ? "/" : return_to;
  if (!IsLocalPath(back))
    return Status::BadRequest("invalid_return_to",
                              "the return_to parameter must be a path of this site");
  const int64_t now_ms = clock_.NowMillis();
  if (int64_t wait = starts_.RetryAfterMs(client_addr, now_ms); wait > 0) {
    spdlog::warn("oidc: sign-in starts from {} held back for {} ms", client_addr, wait);
    return Status::TooManyRequests("too_many_requests",
                                   "too many sign-ins begun from this address; try again soon",
                                   (wait + 999) / 1000);
  }
  starts_.Record(client_addr, now_ms);
  auto provider = Discover();
  if (!provider.ok()) {
    spdlog::error("oidc: {}", provider.status().ToString());
    return provider.status();
  }
  Started started;
  started.browser_secret = RandomToken();
  const std::string state = RandomToken();
  const std::string nonce = Derive("nonce", started.browser_secret, state);
  const std::string verifier = Derive("pkce", started.browser_secret, state);
  OidcRequest request{Sha256Hex(state), Sha256Hex(started.browser_secret), back,
                      NowSeconds() + kRequestLifetimeSeconds};
  if (Status s = store_.auth().CreateOidcRequest(request, NowSeconds()); !s.ok()) return s;
  const std::string& endpoint = provider->authorization_endpoint;
  started.redirect_url =
      endpoint + (endpoint.find('?') == std::string::npos ? "?" : "&") +
      "response_type=code&client_id=" + UrlEncode(settings_.oidc_client_id) +
      "&redirect_uri=" + UrlEncode(RedirectUri()) + "&scope=" + UrlEncode(settings_.oidc_scopes) +
      "&state=" + UrlEncode(state) + "&nonce=" + UrlEncode(nonce) +
      "&code_challenge=" + Sha256Base64Url(verifier) + "&code_challenge_method=S256";
  return started;
}

Result<std::vector<Jwk>> OidcService::Keys(const Provider& provider, bool refresh) {
  const int64_t now = clock_.NowMillis();
  {
    std::lock_guard lock(mu_);
    if (refresh) {
      // An unknown kid: fetch again, but not twice within the floor,
      // whatever kids the tokens make up.
      if (keys_refetched_ms_ != 0 && now - keys_refetched_ms_ < kKeysRefetchFloorMs) return keys_;
      keys_refetched_ms_ = now;
    } else if (keys_fetched_ms_ != 0 && now - keys_fetched_ms_ < kKeysMaxAgeMs) {
      return keys_;
    }
    keys_fetched_ms_ = now;  // counts from this attempt, even a failed one
  }
  auto keys = FetchOidcKeys(provider);
  if (!keys.ok()) return keys.status();
  spdlog::info("oidc: read {} signing keys from {}", keys->size(), provider.jwks_uri);
  std::lock_guard lock(mu_);
  keys_ = *keys;
  return keys;
}

Status OidcService::VerifySignature(const Jwt& jwt, const Provider& provider) {
  auto keys = Keys(provider, /*refresh=*/false);
  if (!keys.ok()) return keys.status();
  Status s = VerifyJwtSignature(jwt, *keys);
  if (s.code() != Code::kNotFound) return s;
  // A kid not seen yet: the provider may have rotated its keys.
  keys = Keys(provider, /*refresh=*/true);
  if (!keys.ok()) return keys.status();
  s = VerifyJwtSignature(jwt, *keys);
  if (s.code() == Code::kNotFound) return Status::Unauthorized("invalid_token", s.description());
  return s;
}

Result<Jwt> OidcService::Redeem(const Provider& provider, const std::string& code,
                                const std::string& verifier) {
  FetchRequest request{.url = provider.token_endpoint};
  request.body = "grant_type=authorization_code&code=" + UrlEncode(code) +
                 "&redirect_uri=" + UrlEncode(RedirectUri()) +
                 "&code_verifier=" + UrlEncode(verifier);
  // client_secret_basic (RFC 6749 §2.3.1): each part form-encoded first.
  request.headers.emplace_back("Authorization",
                               "Basic " + EncodeBase64(UrlEncode(settings_.oidc_client_id) + ":" +
                                                       UrlEncode(client_secret_)));
  auto fetched = HttpFetch(request);
  if (!fetched.ok()) return fetched.status();
  boost::system::error_code ec;
  json::value doc = json::parse(fetched->body, ec);
  const json::object* o = !ec && doc.is_object() ? &doc.get_object() : nullptr;
  if (fetched->status != 200 || !o) {
    std::string error = o ? StringOf(*o, "error") : "";
    return Status::Unauthorized("token_exchange_failed",
                                "the provider did not exchange the code (HTTP " +
                                    std::to_string(fetched->status) +
                                    (error.empty() ? "" : ", " + error.substr(0, 100)) + ")");
  }
  std::string id_token = StringOf(*o, "id_token");
  if (id_token.empty())
    return Status::Unauthorized("token_exchange_failed", "the provider gave no ID token");
  auto jwt = ParseJwt(id_token);
  if (!jwt.ok()) return jwt.status();
  if (Status s = VerifySignature(*jwt, provider); !s.ok()) return s;
  return jwt;
}

Result<Account> OidcService::CreateFromClaims(const Jwt& token) {
  NewAccount in;
  std::string email = token.StringClaim("email");
  const json::value* verified = token.claims.if_contains("email_verified");
  if (verified && verified->is_bool() && !verified->get_bool()) email.clear();
  if (ValidateEmail(email).ok()) in.email = email;
  if (settings_.oidc_claim == "sub") in.external_id = token.StringClaim("sub");
  std::string name = token.StringClaim("name");
  if (name.empty())
    name =
        std::string(Trim(token.StringClaim("given_name") + " " + token.StringClaim("family_name")));
  in.display_name = IsValidUtf8(name) && CountCodePoints(name) <= 100 ? name : "";
  std::string base = UsernameFrom(token.StringClaim("preferred_username"));
  if (base.empty()) base = UsernameFrom(token.StringClaim("upn"));
  if (base.empty()) base = UsernameFrom(in.email);
  if (base.empty()) base = "member";
  // A taken username gets a number: jane, jane-2, jane-3…
  for (int n = 1; n <= 50; ++n) {
    std::string suffix = n == 1 ? "" : "-" + std::to_string(n);
    in.username = base.substr(0, 30 - suffix.size()) + suffix;
    while (in.username.size() > suffix.size() && in.username[0] == '.') in.username.erase(0, 1);
    if (accounts_.FindByUsername(in.username).ok()) continue;
    auto created = accounts_.Create(in);
    if (created.ok() || created.status().description().find("Username") == std::string::npos)
      return created;
  }
  return Status::Forbidden("no_username", "no free username could be made from the claims");
}

Result<Account> OidcService::FindOrCreate(const Jwt& token) {
  const std::string& claim = settings_.oidc_claim;
  std::string value = token.StringClaim(claim);
  if (value.empty())
    return Status::Forbidden("missing_claim", "the provider's token has no '" + claim +
                                                  "' claim, which names the person here");
  if (claim == "email") {
    const json::value* verified = token.claims.if_contains("email_verified");
    if (verified && verified->is_bool() && !verified->get_bool())
      return Status::Forbidden(
          "unverified_email", "the provider says the e-mail address " + value + " is not verified");
  }
  Result<Account> found = claim == "sub"     ? store_.directory().FindByExternalId(value)
                          : claim == "email" ? store_.accounts().FindByEmail(value)
                                             : accounts_.FindByLogin(value);
  if (found.ok()) {
    if (!found->active || found->removed_at != 0)
      return Status::Forbidden("deactivated", "the account of " + value + " is deactivated");
    return found;
  }
  if (found.status().code() != Code::kNotFound) return found.status();
  if (!settings_.oidc_create_members)
    return Status::Forbidden("unknown_person", "nobody here is known as " + value + " (" + claim +
                                                   "); the directory must provision them first");
  auto created = CreateFromClaims(token);
  if (!created.ok())
    return Status::Forbidden("cannot_create", "could not create a member for " + value + ": " +
                                                  created.status().ToString());
  spdlog::info("oidc: created member {} (@{}) from the claims of {}", created->id,
               created->username, value);
  return created;
}

Result<OidcService::SignedIn> OidcService::Complete(const Callback& cb) {
  if (!enabled_) return Status::NotFound("not_configured", "OpenID Connect sign-in is off");
  auto fail = [&cb](Status s) {
    AuthService::LogSignIn("oidc", "", cb.client_addr, AuthService::SignInOutcome::kFailure,
                           s.ToString());
    return s;
  };
  if (cb.state.empty()) return fail(Status::BadRequest("invalid_state", "the answer has no state"));
  auto request = store_.auth().TakeOidcRequest(Sha256Hex(cb.state));
  if (!request.ok()) {
    if (request.status().code() != Code::kNotFound) return fail(request.status());
    return fail(Status::BadRequest(
        "invalid_state", "this sign-in is unknown or was already used; please start again"));
  }
  if (request->expires_at < NowSeconds())
    return fail(Status::BadRequest("expired", "this sign-in took too long; please start again"));
  if (cb.browser_secret.empty() ||
      !ConstantTimeEquals(Sha256Hex(cb.browser_secret), request->browser_hash))
    return fail(Status::BadRequest(
        "invalid_state", "this sign-in was begun in another browser; please start again"));
  if (!cb.error.empty())
    return fail(Status::Unauthorized(
        "access_denied",
        "the identity provider refused the sign-in: " + cb.error.substr(0, 100) +
            (cb.error_description.empty() ? ""
                                          : " (" + cb.error_description.substr(0, 200) + ")")));
  if (cb.code.empty())
    return fail(Status::BadRequest("invalid_request", "the answer has no authorization code"));
  auto provider = Discover();
  if (!provider.ok()) return fail(provider.status());
  auto token = Redeem(*provider, cb.code, Derive("pkce", cb.browser_secret, cb.state));
  if (!token.ok()) return fail(token.status());
  JwtExpectations want;
  want.kind = JwtExpectations::Kind::kIdToken;
  want.issuer = provider->issuer;
  want.audience = settings_.oidc_client_id;
  want.nonce = Derive("nonce", cb.browser_secret, cb.state);
  want.now_seconds = NowSeconds();
  want.skew_seconds = kClockSkewSeconds;
  if (Status s = CheckJwtClaims(*token, want); !s.ok()) return fail(s);
  auto account = FindOrCreate(*token);
  if (!account.ok()) return fail(account.status());
  OidcSignIn record{ids_.Next(), account->id, token->StringClaim("sub"), token->StringClaim("sid"),
                    clock_.NowMillis()};
  if (Status s = store_.auth().RecordOidcSignIn(record); !s.ok()) return fail(s);
  auto session = auth_.StartSession(*account, cb.user_agent, cb.client_addr);
  if (!session.ok()) return fail(session.status());
  AuthService::LogSignIn("oidc", "@" + account->username, cb.client_addr,
                         AuthService::SignInOutcome::kSuccess);
  return SignedIn{*account, *session, request->return_to};
}

Status OidcService::BackChannelLogout(const std::string& logout_token) {
  if (!enabled_) return Status::NotFound("not_configured", "OpenID Connect sign-in is off");
  auto fail = [](Status s) {
    spdlog::warn("oidc: back-channel logout refused: {}", s.ToString());
    return Status::BadRequest("invalid_request", s.ToString());
  };
  auto provider = Discover();
  if (!provider.ok()) return fail(provider.status());
  auto token = ParseJwt(logout_token);
  if (!token.ok()) return fail(token.status());
  if (Status s = VerifySignature(*token, *provider); !s.ok()) return fail(s);
  JwtExpectations want;
  want.kind = JwtExpectations::Kind::kLogoutToken;
  want.issuer = provider->issuer;
  want.audience = settings_.oidc_client_id;
  want.now_seconds = NowSeconds();
  want.skew_seconds = kClockSkewSeconds;
  if (Status s = CheckJwtClaims(*token, want); !s.ok()) return fail(s);
  std::string sub = token->StringClaim("sub"), sid = token->StringClaim("sid");
  auto accounts = store_.auth().OidcAccounts(sub, sid);
  if (!accounts.ok()) return accounts.status();
  for (int64_t id : *accounts) {
    Status s = auth_.EndEverySession(id);
    if (!s.ok() && s.code() != Code::kNotFound) return s;
  }
  spdlog::info("oidc: back-channel logout (sub '{}', sid '{}') ended the sessions of {} accounts",
               sub, sid, accounts->size());
  return Status::Ok();
}

}  // namespace atrium
