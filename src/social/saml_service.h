// SamlService: Atrium as a SAML 2.0 service provider (the Web Browser SSO
// profile: the AuthnRequest goes by HTTP-Redirect, the Response comes back
// by HTTP-POST to the assertion consumer service).
//
// Signatures and the SAML protocol are Lasso's (liblasso, over xmlsec1),
// given the identity provider's metadata: the assertion, or the response
// enclosing it, must be signed by the provider's key. Atrium then checks
// what Lasso leaves to the service provider: the document holds exactly one
// assertion, the very element whose signature was verified (no signature
// wrapping); Issuer, Destination, Recipient, Audience, the time window with
// kClockSkewMs, InResponseTo naming a request Atrium issued (kept in the
// store, answered once, so any node of a cluster can finish the sign-in) to
// this very browser (the SHA-256 of its cookie secret is kept with it),
// and an assertion id never seen before (kept until it expires). The person
// must already exist and be active: the directory (SCIM, CSV, LDAP) decides
// who exists; the identity provider only proves who is signing in.
//
// Safe for concurrent use (Lasso's calls are serialized: sign-ins are rare).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "base/clock.h"
#include "base/settings.h"
#include "base/status.h"
#include "store/store.h"

namespace atrium {

class SamlService {
 public:
  static constexpr int64_t kClockSkewMs = 60'000;
  static constexpr int64_t kRequestLifetimeMs = 10 * 60'000;

  // The service the saml-* settings describe, or null when
  // saml-idp-metadata is not set. Reads the identity provider's metadata
  // (a file, or an http(s) URL fetched now) and the service provider's key
  // and certificate; 400 invalid_config naming the setting when one cannot
  // be read or is not what it should be. `store` and `clock` outlive it.
  static Result<std::unique_ptr<SamlService>> Open(const Settings& settings, Store& store,
                                                   const Clock& clock = Clock::System());
  ~SamlService();
  SamlService(const SamlService&) = delete;
  SamlService& operator=(const SamlService&) = delete;

  // The sign-in button's label (saml-button).
  const std::string& ButtonLabel() const { return button_; }
  // The service provider's entity id and its assertion consumer service URL.
  const std::string& EntityId() const { return entity_id_; }
  const std::string& AcsUrl() const { return acs_url_; }
  // The service provider's metadata (XML), for the identity provider.
  const std::string& Metadata() const { return metadata_; }

  struct Started {
    std::string redirect_url;    // the identity provider's URL carrying the AuthnRequest
    std::string browser_secret;  // for the browser's cookie
  };
  // Starts a sign-in that comes back to `return_to` (a local path; 400
  // otherwise). The request is remembered for kRequestLifetimeMs with the
  // SHA-256 of a new browser secret: only the browser holding the secret
  // can finish it (no login CSRF).
  Result<Started> Start(const std::string& return_to);

  struct SignedIn {
    Account account;
    std::string return_to;
  };
  // Checks the base64 SAMLResponse the browser posted, with the browser
  // secret from its cookie. 400 with the reason for a response that is not
  // valid (signature, time, audience, recipient, destination, request,
  // replay…) or that answers a request another browser started (the request
  // is used up all the same); 403 when it names nobody in the directory, or
  // a deactivated person. Every answer is logged with its reason, never with
  // the response.
  Result<SignedIn> Finish(const std::string& saml_response, const std::string& browser_secret);

 private:
  struct Lasso;
  SamlService(const Settings& settings, Store& store, const Clock& clock);
  // What the verified response says, once every check passed.
  struct Verified {
    std::string assertion_id;
    std::string in_response_to;
    std::string subject;  // the value saml-attribute names
    int64_t expires_at = 0;
  };
  Result<Verified> Verify(const std::string& saml_response);
  Result<Account> FindPerson(const std::string& subject);

  Store& store_;
  const Clock& clock_;
  std::string entity_id_;
  std::string acs_url_;
  std::string idp_entity_id_;
  std::string attribute_;
  bool match_external_id_ = false;
  bool sign_requests_ = false;
  std::string button_;
  std::string metadata_;
  std::mutex lasso_mu_;  // guards lasso_
  std::unique_ptr<Lasso> lasso_;
};

}  // namespace atrium
