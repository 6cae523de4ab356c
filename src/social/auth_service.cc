#include "social/auth_service.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "base/clock.h"
#include "base/crypto.h"
#include "base/ip_address.h"
#include "base/json_writer.h"
#include "base/metrics.h"
#include "base/text.h"
#include "social/account_service.h"
#include "social/audit_log.h"
#include "social/scopes.h"

namespace atrium {
namespace {

constexpr int64_t kCodeLifetimeMs = 10 * 60 * 1000;
constexpr int64_t kAppRegistrationWindowMs = 60 * 60 * 1000;

// The key a client address counts under: itself, or for IPv6 its /64.
std::string AddressKey(const std::string& client_addr) {
  auto address = IpAddress::Parse(client_addr);
  if (!address) return client_addr;
  if (address->is_v4()) return address->ToString();
  return IpNetwork::Of(*address, 64).ToString();
}

// A 429 saying when to try again (whole seconds, rounded up).
Status TooMany(std::string error, int64_t wait_ms) {
  const int64_t seconds = std::max<int64_t>((wait_ms + 999) / 1000, 1);
  return Status::TooManyRequests(std::move(error), fmt::format("Try again in {} seconds", seconds),
                                 seconds);
}

Status InvalidGrant(std::string description) {
  return Status::BadRequest("invalid_grant", std::move(description));
}

bool IsValidRedirectUri(const std::string& uri) {
  if (uri == "urn:ietf:wg:oauth:2.0:oob") return true;
  auto colon = uri.find(':');
  if (colon == std::string::npos || colon == 0 || uri.size() > 2000) return false;
  if (uri.find('#') != std::string::npos) return false;
  for (size_t i = 0; i < colon; ++i) {
    char c = uri[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '.' || c == '-'));
    if (!ok) return false;
  }
  for (char c : uri)
    if (static_cast<unsigned char>(c) <= 0x20) return false;
  // Schemes that run or show something in the browser itself, never an
  // app's: a redirect there would run the client's page with the code.
  const std::string scheme = AsciiLower(std::string_view(uri).substr(0, colon));
  for (const char* unsafe : {"javascript", "data", "vbscript", "file", "about", "blob"})
    if (scheme == unsafe) return false;
  return true;
}

}  // namespace

AuthService::AuthService(Store& store, IdGenerator& ids, const Settings& settings,
                         const Clock& clock)
    : store_(store),
      ids_(ids),
      clock_(clock),
      local_sign_in_(settings.local_sign_in),
      session_lifetime_ms_(settings.session_lifetime_ms),
      session_idle_timeout_ms_(settings.session_idle_timeout_ms) {
  for (Limit limit : kLimits) {
    own_limits_[Index(limit)] = std::make_unique<RateLimiter>(RuleOf(limit, settings));
    limits_[Index(limit)] = own_limits_[Index(limit)].get();
  }
}

const char* AuthService::LimitName(Limit limit) {
  switch (limit) {
    case Limit::kSigninPair:
      return "signin-pair";
    case Limit::kSigninAddress:
      return "signin-failures-address";
    case Limit::kAppRegistration:
      return "app-registration";
  }
  return "unknown";
}

LimitRule AuthService::RuleOf(Limit limit, const Settings& settings) {
  switch (limit) {
    case Limit::kSigninPair:
      return LimitRule::Backoff(settings.signin_free_failures, settings.signin_delay_ms,
                                settings.signin_max_delay_ms, settings.signin_window_ms);
    case Limit::kSigninAddress:
      return LimitRule::Window(settings.signin_failures_per_address, settings.signin_window_ms);
    case Limit::kAppRegistration:
      return LimitRule::Window(settings.app_registrations_per_address, kAppRegistrationWindowMs);
  }
  return {};
}

// What one sign-in attempt tried, for its log line.
struct AuthService::SignInAttempt {
  std::string method = "password";
  std::string reason;
  // An administrator's local password where only administrators have one
  // (local-sign-in = admins): the break-glass account, audited.
  bool break_glass = false;
};

Result<Account> AuthService::CheckPassword(const std::string& login, const std::string& password,
                                           const std::string& client_addr) {
  SignInAttempt attempt;
  Result<Account> out = CheckPasswordFor(login, password, client_addr, attempt);
  if (out.ok() && attempt.break_glass) {
    JsonWriter w;
    w.BeginObject().Field("client_addr", client_addr).EndObject();
    if (Status s = AuditLog(store_).Record({out->id, out->username, ""}, "auth.break_glass_sign_in",
                                           "account", std::to_string(out->id), "", w.Take());
        !s.ok())
      return s;  // a break-glass sign-in that cannot be audited does not happen
  }
  if (out.ok())
    LogSignIn(attempt.method, "@" + out->username, client_addr, SignInOutcome::kSuccess);
  else
    LogSignIn(attempt.method, login, client_addr, SignInOutcome::kFailure,
              attempt.reason.empty() ? out.status().ToString() : attempt.reason);
  return out;
}

Result<Account> AuthService::CheckPasswordFor(const std::string& login, const std::string& password,
                                              const std::string& client_addr,
                                              SignInAttempt& attempt) {
  const bool directory = directory_ != nullptr;
  if (directory) attempt.method = "ldap";
  if (local_sign_in_ == "off" && !directory)
    return Status::Forbidden("Signing in with a password is turned off",
                             "Sign in with the organization's identity provider");
  const int64_t now = clock_.NowMillis();
  Result<Account> found = login.find('@') != std::string::npos
                              ? store_.accounts().FindByEmail(login)
                              : store_.accounts().FindByUsername(login);
  if (!found.ok() && found.status().code() != Code::kNotFound) return found.status();
  const bool local = local_sign_in_ == "on" ||
                     (local_sign_in_ == "admins" && found.ok() && found->role == kRoleAdmin);
  // Refused before the password is looked at, so the answer never says
  // whether it was right; the same answer for a login that names nobody.
  if (!local && !directory)
    return Status::Forbidden("Signing in with a password is for administrators only",
                             "Sign in with the organization's identity provider");
  // Failures count against the account, however it was named (username or
  // e-mail), from this address; for a login that names nobody, against that
  // login.
  const std::string address_key = AddressKey(client_addr);
  const std::string pair_key =
      (found.ok() ? "id:" + std::to_string(found->id) : "login:" + AsciiLower(login)) + "|" +
      address_key;
  Limiter& pairs = Limits(Limit::kSigninPair);
  Limiter& addresses = Limits(Limit::kSigninAddress);
  const int64_t wait =
      std::max(pairs.RetryAfterMs(pair_key, now), addresses.RetryAfterMs(address_key, now));
  if (wait > 0) return TooMany("Too many failed sign-in attempts", wait);
  const Status incorrect =
      Status::Unauthorized("invalid_grant", "The login or password is incorrect");

  Result<Account> match = incorrect;
  bool directory_down = false;
  if (directory && password.empty()) {
    // Never sent: a bind with a DN and no password is an unauthenticated
    // bind, which a directory may answer with success.
    attempt.reason = "directory: the password is empty";
  } else if (directory) {
    Result<DirectoryPerson> person = directory_->Verify(login, password);
    if (person.ok()) {
      match = MemberOf(*person);
      if (!match.ok()) attempt.reason = "directory: " + match.status().ToString();
    } else {
      directory_down = person.status().code() == Code::kUnavailable;
      attempt.reason = "directory: " + person.status().ToString();
    }
    if (!match.ok() && match.status().code() != Code::kUnauthorized) return match.status();
  }
  if (!match.ok() && local) {
    // Hash even when there is no such account, so timing does not tell.
    static const std::string kDummyHash = HashPassword("atrium-no-such-account");
    const bool has_password = found.ok() && !found->password_hash.empty();
    if (VerifyPassword(password, has_password ? found->password_hash : kDummyHash) &&
        has_password) {
      attempt.method = "password";
      attempt.reason.clear();
      attempt.break_glass = local_sign_in_ == "admins";
      match = std::move(found).value();
    } else {
      if (!attempt.reason.empty()) attempt.reason += "; ";
      attempt.reason += has_password ? "local: wrong password" : "local: no password";
    }
  }
  if (!match.ok()) {
    // The directory could not answer: nobody was told the password is wrong.
    if (directory_down && !local)
      return Status::Unavailable("The directory cannot be reached",
                                 "Signing in is not possible just now; try again later");
    pairs.Record(pair_key, now);
    addresses.Record(address_key, now);
    return incorrect;
  }
  if (!match->active) {
    attempt.reason = "the account is deactivated";
    return Status::Forbidden("Your account is deactivated");
  }
  pairs.Reset(pair_key);
  return match;
}

Result<Account> AuthService::MemberOf(const DirectoryPerson& person) {
  if (!person.external_id.empty()) {
    auto by_id = store_.directory().FindByExternalId(person.external_id);
    if (by_id.ok() || by_id.status().code() != Code::kNotFound) return by_id;
  }
  auto by_name = store_.accounts().FindByUsername(person.username);
  if (by_name.ok() || by_name.status().code() != Code::kNotFound) return by_name;
  return Status::Unauthorized("@" + person.username + " is not a member of Atrium");
}

void AuthService::LogSignIn(std::string_view method, std::string_view who,
                            std::string_view client_addr, SignInOutcome outcome,
                            std::string_view reason) {
  // What a client typed is quoted, cut and stripped of control characters,
  // so it cannot forge or break a log line.
  Metrics::Get().CountSignIn(std::string(method), outcome == SignInOutcome::kSuccess);
  auto printable = [](std::string_view text, size_t max) {
    std::string out;
    for (char c : text.substr(0, max)) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
        out += '?';
      else if (c == '"' || c == '\\')
        out += std::string("\\") + c;
      else
        out += c;
    }
    return out;
  };
  if (outcome == SignInOutcome::kSuccess) {
    spdlog::info("sign-in succeeded: method={} who=\"{}\" address={}", printable(method, 20),
                 printable(who, 100), printable(client_addr, 64));
  } else {
    spdlog::warn("sign-in failed: method={} who=\"{}\" address={} reason=\"{}\"",
                 printable(method, 20), printable(who, 100), printable(client_addr, 64),
                 printable(reason, 500));
  }
}

std::string AuthService::CsrfTokenFor(const std::string& session_token) {
  return Sha256Base64Url("atrium-csrf|" + session_token);
}

Status AuthService::ChangeOwnPassword(const Principal& principal, const std::string& current,
                                      const std::string& password, const std::string& client_addr) {
  if (!principal.has_account()) return Status::Forbidden("This action needs a person's token");
  auto checked = CheckPassword(principal.account.username, current, client_addr);
  if (!checked.ok()) return checked.status();
  if (Status s = ValidatePassword(password); !s.ok()) return s;
  Status s = store_.accounts().SetPassword(principal.account.id, HashPassword(password),
                                           clock_.NowMillis(), principal.session_token_hash,
                                           principal.token_id);
  if (cache_) cache_->Invalidate(principal.account.id);
  return s;
}

Result<AuthService::NewSession> AuthService::StartSession(const Account& account,
                                                          const std::string& user_agent,
                                                          const std::string& ip) {
  NewSession out;
  out.token = RandomToken();
  out.csrf_token = CsrfTokenFor(out.token);
  Session s;
  s.id = ids_.Next();
  s.token_hash = Sha256Hex(out.token);
  s.account_id = account.id;
  s.created_at = clock_.NowMillis();
  s.last_used_at = s.created_at;
  s.user_agent = user_agent.substr(0, 500);
  s.ip = ip;
  if (Status st = store_.auth().CreateSession(s); !st.ok()) return st;
  return out;
}

template <typename Load>
Result<PrincipalPtr> AuthService::Cached(const std::string& key, Load load) {
  PrincipalPtr hit = cache_ ? cache_->Find(key) : nullptr;
  if (hit) return hit;
  const uint64_t generation = cache_ ? cache_->Generation() : 0;
  Result<Principal> p = load();
  if (!p.ok()) return p.status();
  auto shared = std::make_shared<const Principal>(std::move(p).value());
  if (cache_) cache_->Put(key, shared, generation);
  return shared;
}

Result<PrincipalPtr> AuthService::SessionPrincipal(const std::string& token, SessionUse use) {
  const Status ended = Status::Unauthorized("Your session has ended; sign in again");
  if (token.empty() || token.size() > 200) return ended;
  const std::string hash = Sha256Hex(token);
  const std::string key = "s" + hash;
  // Read before anything is loaded: a principal changed since is not kept.
  const uint64_t generation = cache_ ? cache_->Generation() : 0;
  Result<PrincipalPtr> principal = Cached(key, [&] { return LoadSession(hash, token); });
  if (!principal.ok()) return principal;
  const int64_t now = clock_.NowMillis();
  if (session_lifetime_ms_ > 0 && now - (*principal)->session_created_at >= session_lifetime_ms_)
    return ended;
  auto idle = [&](const Principal& p) {
    return session_idle_timeout_ms_ > 0 && now - p.session_last_used_at > session_idle_timeout_ms_;
  };
  if (idle(**principal)) {
    // The cached use may be older than the store's (another node's, or
    // recorded since the cache loaded it): the store decides.
    auto fresh = LoadSession(hash, token);
    if (!fresh.ok()) return fresh.status();
    if (idle(*fresh)) return ended;
    principal = std::make_shared<const Principal>(std::move(fresh).value());
  }
  if (use == SessionUse::kRecord &&
      now - (*principal)->session_last_used_at >= kSessionUseIntervalMs) {
    if (Status s = store_.auth().TouchSession(hash, now, now - kSessionUseIntervalMs); !s.ok())
      spdlog::warn("cannot record the use of a session: {}", s.ToString());
    auto used = std::make_shared<Principal>(**principal);
    used->session_last_used_at = now;
    principal = std::shared_ptr<const Principal>(std::move(used));
    if (cache_) cache_->Put(key, *principal, generation);
  }
  return principal;
}

Result<Principal> AuthService::FromSession(const std::string& token, SessionUse use) {
  auto p = SessionPrincipal(token, use);
  if (!p.ok()) return p.status();
  return **p;
}

Result<Principal> AuthService::LoadSession(const std::string& token_hash,
                                           const std::string& token) {
  const Status invalid = Status::Unauthorized("Your session has ended; sign in again");
  auto session = store_.auth().FindSession(token_hash);
  if (!session.ok()) return session.status().code() == Code::kNotFound ? invalid : session.status();
  auto account = store_.accounts().Get(session->account_id);
  if (!account.ok()) return account.status().code() == Code::kNotFound ? invalid : account.status();
  if (!account->active) return invalid;
  Principal p;
  p.account = std::move(account).value();
  p.scopes = {"read", "write", "follow", "push"};
  if (p.account.role == kRoleAdmin) {
    p.scopes.push_back("admin:read");
    p.scopes.push_back("admin:write");
  } else {
    // The report queue and warnings are also site and community
    // moderators' (ReportService decides what each person moderates; every
    // other admin route asks for the administrator's role): the web client
    // may ask them.
    p.scopes.push_back("admin:read:reports");
    p.scopes.push_back("admin:write:reports");
    p.scopes.push_back("admin:write:accounts");
  }
  p.via_session = true;
  p.session_token_hash = session->token_hash;
  p.csrf_token = CsrfTokenFor(token);
  p.session_created_at = session->created_at;
  p.session_last_used_at = std::max(session->last_used_at, session->created_at);
  return p;
}

Status AuthService::EndSession(const std::string& token) {
  const std::string hash = Sha256Hex(token);
  auto session = store_.auth().FindSession(hash);
  Status st = store_.auth().DeleteSession(hash);
  if (cache_ && session.ok()) cache_->Invalidate(session->account_id);
  return st;
}

Status AuthService::EndEverySession(int64_t account_id) {
  Status st = store_.auth().EndAllSessions(account_id, clock_.NowMillis());
  if (cache_ && st.ok()) cache_->Invalidate(account_id);
  return st;
}

Result<PrincipalPtr> AuthService::BearerPrincipal(const std::string& token) {
  if (token.empty() || token.size() > 200)
    return Status::Unauthorized("The access token is invalid");
  const std::string hash = Sha256Hex(token);
  return Cached("b" + hash, [&] { return LoadBearer(hash); });
}

Result<Principal> AuthService::FromBearer(const std::string& token) {
  auto p = BearerPrincipal(token);
  if (!p.ok()) return p.status();
  return **p;
}

Result<Principal> AuthService::LoadBearer(const std::string& token_hash) {
  const Status invalid = Status::Unauthorized("The access token is invalid");
  auto t = store_.auth().FindToken(token_hash);
  if (!t.ok()) return t.status().code() == Code::kNotFound ? invalid : t.status();
  if (t->revoked_at) return Status::Unauthorized("The access token was revoked");
  Principal p;
  p.app_id = t->app_id;
  p.token_id = t->id;
  p.scopes = SplitScopes(t->scopes);
  if (t->account_id) {
    auto account = store_.accounts().Get(t->account_id);
    if (!account.ok())
      return account.status().code() == Code::kNotFound ? invalid : account.status();
    if (!account->active) return Status::Unauthorized("Your account is deactivated");
    p.account = std::move(account).value();
  }
  return p;
}

Result<AuthService::NewApp> AuthService::RegisterApp(const std::string& name,
                                                     const std::vector<std::string>& redirect_uris,
                                                     const std::string& scopes,
                                                     const std::string& website,
                                                     const std::string& client_addr) {
  const int64_t now = clock_.NowMillis();
  const std::string address_key = AddressKey(client_addr);
  Limiter& registrations = Limits(Limit::kAppRegistration);
  const bool limited = !client_addr.empty();
  if (int64_t wait = limited ? registrations.RetryAfterMs(address_key, now) : 0; wait > 0)
    return TooMany("Too many applications registered from this address", wait);
  if (name.empty() || CountCodePoints(name) > 100 || !IsValidUtf8(name))
    return Status::Unprocessable("Validation failed: Application name must be 1 to 100 characters");
  if (redirect_uris.empty())
    return Status::Unprocessable("Validation failed: Redirect URI can't be blank");
  for (const auto& uri : redirect_uris)
    if (!IsValidRedirectUri(uri))
      return Status::Unprocessable(
          "Validation failed: Redirect URI must be an absolute URI without a fragment, with "
          "http(s), an app's own scheme or urn:ietf:wg:oauth:2.0:oob (never javascript:, "
          "data:, vbscript:, file:, about: or blob:)");
  auto list = SplitScopes(scopes.empty() ? "read" : scopes);
  if (list.empty()) list = {"read"};
  for (const auto& s : list)
    if (!IsKnownScope(s))
      return Status::Unprocessable("Validation failed: Scopes has an unknown scope: " + s);
  if (website.size() > 2000 || !IsValidUtf8(website))
    return Status::Unprocessable("Validation failed: Website is too long");

  NewApp out;
  out.client_secret = RandomToken();
  OAuthApp& app = out.app;
  app.id = ids_.Next();
  app.name = name;
  app.website = website;
  for (const auto& uri : redirect_uris)
    app.redirect_uris += (app.redirect_uris.empty() ? "" : "\n") + uri;
  app.scopes = JoinScopes(list);
  app.client_id = RandomToken();
  app.client_secret_hash = Sha256Hex(out.client_secret);
  app.created_at = now;
  if (Status s = store_.auth().CreateApp(app); !s.ok()) return s;
  if (limited) registrations.Record(address_key, now);
  return out;
}

Result<OAuthApp> AuthService::GetApp(int64_t app_id) { return store_.auth().GetApp(app_id); }

Result<OAuthApp> AuthService::FindClient(const std::string& client_id) {
  if (client_id.empty() || client_id.size() > 200)
    return Status::Unauthorized("invalid_client", "Client authentication failed: unknown client");
  auto app = store_.auth().FindAppByClientId(client_id);
  if (!app.ok() && app.status().code() == Code::kNotFound)
    return Status::Unauthorized("invalid_client", "Client authentication failed: unknown client");
  return app;
}

Result<OAuthApp> AuthService::AuthenticateClient(const std::string& client_id,
                                                 const std::string& client_secret) {
  auto app = FindClient(client_id);
  if (!app.ok()) return app;
  if (!ConstantTimeEquals(Sha256Hex(client_secret), app->client_secret_hash))
    return Status::Unauthorized("invalid_client",
                                "Client authentication failed: wrong client secret");
  return app;
}

bool AuthService::AppAllowsRedirect(const OAuthApp& app, const std::string& redirect_uri) {
  // An app registered before unsafe schemes were refused is held to it too.
  if (!IsValidRedirectUri(redirect_uri)) return false;
  size_t pos = 0;
  while (pos <= app.redirect_uris.size()) {
    size_t end = app.redirect_uris.find('\n', pos);
    if (end == std::string::npos) end = app.redirect_uris.size();
    if (app.redirect_uris.compare(pos, end - pos, redirect_uri) == 0 &&
        end - pos == redirect_uri.size())
      return true;
    pos = end + 1;
  }
  return false;
}

Result<std::string> AuthService::IssueCode(const OAuthApp& app, int64_t account_id,
                                           const std::string& redirect_uri,
                                           const std::string& scopes,
                                           const std::string& code_challenge) {
  std::string code = RandomToken();
  AuthCode c;
  c.id = ids_.Next();
  c.code_hash = Sha256Hex(code);
  c.app_id = app.id;
  c.account_id = account_id;
  c.redirect_uri = redirect_uri;
  c.scopes = scopes;
  c.code_challenge = code_challenge;
  c.expires_at = clock_.NowMillis() + kCodeLifetimeMs;
  if (Status s = store_.auth().CreateCode(c); !s.ok()) return s;
  return code;
}

Result<AuthService::IssuedToken> AuthService::ExchangeCode(const OAuthApp& app,
                                                           const std::string& code,
                                                           const std::string& redirect_uri,
                                                           const std::string& code_verifier) {
  if (code.empty() || code.size() > 200)
    return InvalidGrant("The authorization code is missing or invalid");
  const int64_t now = clock_.NowMillis();
  auto c = store_.auth().ConsumeCode(Sha256Hex(code), now);
  if (!c.ok()) {
    if (c.status().code() == Code::kNotFound)
      return InvalidGrant("The authorization code is invalid");
    if (c.status().code() == Code::kConflict) {
      // The store revoked the tokens issued for the code; whose, it does not say.
      if (cache_) cache_->InvalidateAll();
      return InvalidGrant("The authorization code was already used");
    }
    return c.status();
  }
  if (c->app_id != app.id)
    return InvalidGrant("The authorization code was issued to another client");
  if (c->expires_at < now) return InvalidGrant("The authorization code has expired");
  if (c->redirect_uri != redirect_uri)
    return InvalidGrant("The redirect URI does not match the authorization request");
  if (!c->code_challenge.empty()) {
    if (code_verifier.size() < 43 || code_verifier.size() > 128)
      return InvalidGrant("The PKCE code verifier is missing or not 43 to 128 characters");
    if (!ConstantTimeEquals(Sha256Base64Url(code_verifier), c->code_challenge))
      return InvalidGrant("The PKCE code verifier does not match the code challenge");
  } else if (!code_verifier.empty()) {
    return InvalidGrant(
        "A code verifier was sent, but the authorization request had no code challenge");
  }
  auto account = store_.accounts().Get(c->account_id);
  if (!account.ok() || !account->active) return InvalidGrant("The account is not active");
  return IssueToken(app, c->account_id, c->scopes, c->id);
}

Result<AuthService::IssuedToken> AuthService::IssueToken(const OAuthApp& app, int64_t account_id,
                                                         const std::string& scopes,
                                                         int64_t code_id) {
  IssuedToken out;
  out.secret = RandomToken();
  AccessToken& t = out.token;
  t.id = ids_.Next();
  t.token_hash = Sha256Hex(out.secret);
  t.app_id = app.id;
  t.account_id = account_id;
  t.scopes = scopes;
  t.created_at = clock_.NowMillis();
  t.code_id = code_id;
  if (Status s = store_.auth().CreateToken(t); !s.ok()) return s;
  return out;
}

Status AuthService::Revoke(const OAuthApp& app, const std::string& token) {
  if (token.empty() || token.size() > 200) return Status::Ok();
  auto t = store_.auth().FindToken(Sha256Hex(token));
  if (!t.ok()) return t.status().code() == Code::kNotFound ? Status::Ok() : t.status();
  if (t->app_id != app.id)
    return Status::Forbidden("unauthorized_client", "You are not authorized to revoke this token");
  Status st = store_.auth().RevokeToken(t->id, clock_.NowMillis());
  if (cache_ && t->account_id) cache_->Invalidate(t->account_id);
  return st;
}

}  // namespace atrium
