// OidcService: signing in through the organization's OpenID Connect
// provider (Entra ID, Okta, Keycloak…), as its relying party.
//
// The authorization code flow with PKCE (S256), `state` and `nonce`. Begin()
// keeps the pending sign-in in the store (so the callback may reach any node
// of a cluster) under the SHA-256 of its state, bound to the browser by the
// SHA-256 of a secret that goes into the browser's cookie; the nonce and the
// PKCE verifier are derived from that secret and the state, so the store
// holds nothing that completes a sign-in. Complete() takes the pending
// sign-in once (a replayed state is refused), exchanges the code at the
// token endpoint, verifies the ID token completely (base/jose.h) and finds
// the person by the configured claim: they must already exist and be active
// (provisioned by SCIM, CSV or LDAP), unless oidc-create-members lets the
// claims create them. Then it starts a session as a password sign-in does.
//
// The provider's discovery document and keys are fetched with libcurl
// (base/http_fetch.h), which blocks: call Begin, Complete and
// BackChannelLogout off the I/O threads. The keys are cached, and fetched
// again once they are an hour old, or when a token names a kid they lack —
// such a fetch at most once every 10 seconds, so tokens with made-up kids
// cannot make Atrium hammer the provider.
//
// Every outcome is logged with its reason, never a token or a code.
// Safe for concurrent use.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/id.h"
#include "base/jose.h"
#include "base/rate_limiter.h"
#include "base/settings.h"
#include "base/status.h"
#include "social/account_service.h"
#include "social/auth_service.h"
#include "store/store.h"

namespace atrium {

// What an OpenID provider's discovery document names.
struct OidcProvider {
  std::string issuer;
  std::string authorization_endpoint;
  std::string token_endpoint;
  std::string jwks_uri;
};

// Reads `issuer`'s discovery document (blocking) and checks it names that
// issuer and its endpoints; 503 provider_unavailable naming what failed.
Result<OidcProvider> DiscoverOidcProvider(const std::string& issuer);
// Reads the provider's signing keys (its JWK Set); 503 naming what failed.
Result<std::vector<Jwk>> FetchOidcKeys(const OidcProvider& provider);

class OidcService {
 public:
  // Every argument outlives this service.
  OidcService(Store& store, IdGenerator& ids, const Settings& settings, AccountService& accounts,
              AuthService& auth, const Clock& clock = Clock::System());
  OidcService(const OidcService&) = delete;
  OidcService& operator=(const OidcService&) = delete;

  // Checks the settings together and reads oidc-client-secret-file; call
  // once at start. OK and disabled when oidc-issuer is empty; 400 naming
  // what is missing or unreadable otherwise. Nothing is fetched yet.
  Status Configure();
  bool enabled() const { return enabled_; }
  // The label of the sign-in button (oidc-button).
  const std::string& button_label() const { return settings_.oidc_button; }
  // The redirect URI registered at the provider: <public-url>/auth/oidc/callback.
  std::string RedirectUri() const;

  struct Started {
    std::string redirect_url;    // the provider's authorization endpoint
    std::string browser_secret;  // for the browser's cookie
  };
  // Sign-ins one client address may begin per minute (on this node): each
  // keeps a row in the store for ten minutes.
  static constexpr int64_t kStartsPerMinute = 60;

  // Begins a sign-in for a client at `client_addr` that comes back to
  // `return_to` ("" for "/"). 400 for a return_to that is not a local path;
  // 404 when not configured; 429 with the seconds to wait past
  // kStartsPerMinute; 503 when the provider's discovery document cannot be
  // read.
  Result<Started> Begin(const std::string& return_to, const std::string& client_addr);

  // What the provider sent to the callback.
  struct Callback {
    std::string code;
    std::string state;
    std::string error;  // the provider's refusal ("access_denied"), if any
    std::string error_description;
    std::string browser_secret;  // from the cookie
    std::string user_agent;
    std::string client_addr;
  };
  struct SignedIn {
    Account account;
    AuthService::NewSession session;
    std::string return_to;
  };
  // Completes a sign-in. 400 for an unknown, used or expired state or one
  // begun in another browser; 401 for the provider's refusal, a failed code
  // exchange or an ID token that fails any check; 403 for a person unknown
  // (and oidc-create-members off) or deactivated; 503 when the provider
  // cannot be reached.
  Result<SignedIn> Complete(const Callback& callback);

  // OpenID Connect Back-Channel Logout: verifies `logout_token` like an ID
  // token (no nonce, the logout event, sub and/or sid) and ends every
  // session and token of the people who signed in as its sub or in its sid.
  // 400 for a token that fails a check; 404 when not configured.
  Status BackChannelLogout(const std::string& logout_token);

 private:
  using Provider = OidcProvider;
  // DiscoverOidcProvider, once.
  Result<Provider> Discover();
  // Verifies a token's signature, fetching the keys when needed.
  Status VerifySignature(const Jwt& jwt, const Provider& provider);
  Result<std::vector<Jwk>> Keys(const Provider& provider, bool refresh);
  Result<Jwt> Redeem(const Provider& provider, const std::string& code,
                     const std::string& verifier);
  Result<Account> FindOrCreate(const Jwt& id_token);
  Result<Account> CreateFromClaims(const Jwt& id_token);
  int64_t NowSeconds() const { return clock_.NowMillis() / 1000; }

  Store& store_;
  IdGenerator& ids_;
  const Settings& settings_;
  AccountService& accounts_;
  AuthService& auth_;
  const Clock& clock_;
  bool enabled_ = false;
  std::string client_secret_;
  RateLimiter starts_{kStartsPerMinute, 60 * 1000};

  std::mutex mu_;  // guards what follows
  bool discovered_ = false;
  Provider provider_;
  std::vector<Jwk> keys_;
  int64_t keys_fetched_ms_ = 0;    // 0: never
  int64_t keys_refetched_ms_ = 0;  // the last fetch for an unknown kid; 0: none
};

}  // namespace atrium
