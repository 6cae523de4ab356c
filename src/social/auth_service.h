// AuthService: who is making a request, and how they proved it.
//
// Covers password sign-in (Argon2id, or a bind to the organization's
// directory with ldap-sign-in; throttled: see CheckPassword), the log line
// of every sign-in (LogSignIn), browser sessions (a random secret in a
// cookie, stored hashed, with a CSRF token derived from it, ending
// session-lifetime after sign-in or session-idle-timeout after last use), and the OAuth 2 provider
// Mastodon clients use: registered apps, authorization codes with PKCE, and access tokens (stored
// hashed). Every check of a session or token also checks that the account is active, so
// deactivation cuts access at once.
//
// Safe for concurrent use.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/id.h"
#include "base/rate_limiter.h"
#include "base/settings.h"
#include "base/status.h"
#include "social/ldap_sign_in.h"
#include "social/principal.h"
#include "social/principal_cache.h"
#include "store/store.h"

namespace atrium {

class AuthService {
 public:
  // Reads the time from `clock` (which outlives this service).
  AuthService(Store& store, IdGenerator& ids, const Settings& settings,
              const Clock& clock = Clock::System());
  AuthService(const AuthService&) = delete;
  AuthService& operator=(const AuthService&) = delete;

  // Remembers principals in `cache` (which outlives this service) between
  // requests; without one, every check reads the store. Set before serving.
  void UseCache(PrincipalCache* cache) { cache_ = cache; }

  // The limits this service keeps, each one Limiter per service (or shared
  // by every node of a cluster). Client addresses count as themselves, IPv6
  // ones by their /64 (what one host is usually given).
  enum class Limit {
    // Sign-in failures of one account from one client address: the settings'
    // signin-free-failures, then waits from signin-delay doubling up to
    // signin-max-delay; forgotten on success, or signin-window after the
    // last wait. Another address is never held back by this one's failures.
    kSigninPair,
    // Sign-in failures from one client address, whatever the accounts:
    // signin-failures-per-address per signin-window.
    kSigninAddress,
    // Apps registered from one client address: app-registrations-per-address
    // per hour.
    kAppRegistration,
  };
  static constexpr Limit kLimits[] = {Limit::kSigninPair, Limit::kSigninAddress,
                                      Limit::kAppRegistration};
  // The limit's name (a cluster's Redis keys carry it) and its rule.
  static const char* LimitName(Limit limit);
  static LimitRule RuleOf(Limit limit, const Settings& settings);
  // Counts `limit` in `limiter` (which outlives this service; in a cluster,
  // shared by every node) instead of in this process. Set before serving.
  void ShareLimit(Limit limit, Limiter* limiter) { limits_[Index(limit)] = limiter; }

  // Checks `directory` (which outlives this service) for passwords first:
  // ldap-sign-in. Set before serving.
  void UseDirectory(PasswordDirectory* directory) { directory_ = directory; }

  // Checks a password for `login` (username or e-mail) from `client_addr`,
  // and logs the outcome (LogSignIn).
  //
  // Which password counts: with a directory (UseDirectory), the directory's,
  // for the Atrium member it names (matched as the LDAP sync matches:
  // directory id, then username); and the password Atrium keeps, when the
  // settings' local-sign-in lets this account use one ("on": everyone,
  // "admins": administrators) and the directory did not vouch for the
  // login. An empty password is refused without asking the directory.
  //
  // 401 for a wrong login or password (the same answer for every reason),
  // 403 for a deactivated account. 429, with the seconds to wait, while the
  // account and the address must wait after their failures (kSigninPair) or
  // the address has failed too often (kSigninAddress): then no password is
  // looked at. 503 when the directory cannot be reached and no local
  // password may be used instead. Without a directory, 403 before anything is
  // looked at when local-sign-in is "off", or "admins" and `login` names no
  // administrator.
  Result<Account> CheckPassword(const std::string& login, const std::string& password,
                                const std::string& client_addr);

  // How a sign-in ended, for LogSignIn.
  enum class SignInOutcome { kSuccess, kFailure };
  // Writes one line to the log for a sign-in attempt: the method
  // ("password", "ldap", "oidc", "saml", ...), who (an account as @username,
  // or the name that was given, quoted and cut to 100 bytes), the client
  // address, the outcome and, for a failure, the reason. Never give it a
  // password or a token. Thread-safe.
  static void LogSignIn(std::string_view method, std::string_view who, std::string_view client_addr,
                        SignInOutcome outcome, std::string_view reason = {});

  // A person changes their own password: 401 unless `current` is right
  // (counted like a sign-in failure, 429 past the limits), 422 for a new
  // password that is not valid. Every other session of the person ends and
  // every other token is revoked, on every node; the request's own session
  // or token goes on.
  Status ChangeOwnPassword(const Principal& principal, const std::string& current,
                           const std::string& password, const std::string& client_addr);

  struct NewSession {
    std::string token;  // the cookie's value; only its hash is stored
    std::string csrf_token;
  };
  Result<NewSession> StartSession(const Account& account, const std::string& user_agent,
                                  const std::string& ip);
  // 401 unless `token` names a live session of an active account: not
  // ended, begun less than session-lifetime ago, and used within
  // session-idle-timeout. Records the use, in the store at most once a
  // minute (kSessionUseInterval).
  // kCheckOnly: the same checks, without recording a use (an open live
  // stream rechecking its session is not the person using it).
  enum class SessionUse { kRecord, kCheckOnly };
  Result<Principal> FromSession(const std::string& token, SessionUse use = SessionUse::kRecord);
  // The same, shared with the cache (no copy).
  Result<PrincipalPtr> SessionPrincipal(const std::string& token,
                                        SessionUse use = SessionUse::kRecord);
  // How often a session's use is written to the store, at most.
  static constexpr int64_t kSessionUseIntervalMs = 60 * 1000;
  // Ends the session; its principal is forgotten at once on every node.
  Status EndSession(const std::string& token);
  // Ends every session of the account and revokes every token of it (the
  // identity provider signed the person out); forgotten at once on every
  // node. 404 for no such account.
  Status EndEverySession(int64_t account_id);
  // The CSRF token that goes with a session token.
  static std::string CsrfTokenFor(const std::string& session_token);

  // 401 unless `token` is a live access token (of an active account, if it
  // has one).
  Result<Principal> FromBearer(const std::string& token);
  // The same, shared with the cache (no copy).
  Result<PrincipalPtr> BearerPrincipal(const std::string& token);

  struct NewApp {
    OAuthApp app;
    std::string client_secret;  // shown once; only its hash is stored
  };
  // Registers an app for a client at `client_addr` (empty: for the
  // operator, by a command, without limit). 422 for a missing name, a bad
  // redirect URI or an unknown scope; 429, with the seconds to wait, once
  // the address has registered its limit (kAppRegistration) this hour.
  Result<NewApp> RegisterApp(const std::string& name, const std::vector<std::string>& redirect_uris,
                             const std::string& scopes, const std::string& website,
                             const std::string& client_addr = "");
  // 401 invalid_client unless the id and secret match.
  Result<OAuthApp> AuthenticateClient(const std::string& client_id,
                                      const std::string& client_secret);
  Result<OAuthApp> FindClient(const std::string& client_id);
  // The app with this id (the one a token was issued to); 404 if none.
  Result<OAuthApp> GetApp(int64_t app_id);
  static bool AppAllowsRedirect(const OAuthApp& app, const std::string& redirect_uri);

  // Issues a one-time authorization code valid for ten minutes.
  Result<std::string> IssueCode(const OAuthApp& app, int64_t account_id,
                                const std::string& redirect_uri, const std::string& scopes,
                                const std::string& code_challenge);

  struct IssuedToken {
    AccessToken token;
    std::string secret;
  };
  // Exchanges a code for a token. 400 invalid_grant for an unknown, expired
  // or reused code (reuse also revokes the tokens issued for it), another
  // app's code, a different redirect URI or a wrong PKCE verifier.
  Result<IssuedToken> ExchangeCode(const OAuthApp& app, const std::string& code,
                                   const std::string& redirect_uri,
                                   const std::string& code_verifier);
  Result<IssuedToken> IssueToken(const OAuthApp& app, int64_t account_id, const std::string& scopes,
                                 int64_t code_id = 0);
  // Revokes a token of `app` (forgotten at once on every node). OK if
  // unknown (RFC 7009); 403 if another app's.
  Status Revoke(const OAuthApp& app, const std::string& token);

 private:
  struct SignInAttempt;
  Result<Account> CheckPasswordFor(const std::string& login, const std::string& password,
                                   const std::string& client_addr, SignInAttempt& attempt);
  // The member the directory vouched for; 401 when Atrium has none.
  Result<Account> MemberOf(const DirectoryPerson& person);
  Result<Principal> LoadSession(const std::string& token_hash, const std::string& token);
  Result<Principal> LoadBearer(const std::string& token_hash);
  // `key` from the cache, or `load` (kept in the cache when it succeeds).
  template <typename Load>
  Result<PrincipalPtr> Cached(const std::string& key, Load load);

  static size_t Index(Limit limit) { return static_cast<size_t>(limit); }
  Limiter& Limits(Limit limit) { return *limits_[Index(limit)]; }

  Store& store_;
  PrincipalCache* cache_ = nullptr;
  IdGenerator& ids_;
  const Clock& clock_;
  const std::string local_sign_in_;  // on, admins or off
  const int64_t session_lifetime_ms_;
  const int64_t session_idle_timeout_ms_;
  PasswordDirectory* directory_ = nullptr;
  std::array<std::unique_ptr<RateLimiter>, std::size(kLimits)> own_limits_;
  std::array<Limiter*, std::size(kLimits)> limits_;
};

}  // namespace atrium
