// JOSE: the signed JSON Web Tokens an OpenID provider issues (ID tokens and
// back-channel logout tokens), verified with OpenSSL 3 against the public
// keys of the provider's JSON Web Key Set.
//
// Only asymmetric signatures are accepted: RS256 (RSA, at least 2048 bits)
// and ES256 (ECDSA on P-256). `alg: none`, every HMAC algorithm (which would
// let a public key serve as a shared secret) and any other algorithm are
// refused, as is a header with `crit`. A key is used only for the algorithm
// of its type (and its own `alg`, when the set names one).
//
// Every function is pure and safe for concurrent use; Jwk values share their
// OpenSSL key, which is never modified after parsing.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

typedef struct evp_pkey_st EVP_PKEY;

namespace atrium {

// One public signing key of a JWK Set.
struct Jwk {
  std::string kid;  // "" when the set gives none
  std::string kty;  // "RSA" or "EC"
  std::string alg;  // "RS256" or "ES256": the one algorithm this key verifies
  std::shared_ptr<EVP_PKEY> key;
};

// The keys of a JWK Set document ({"keys": [...]}). Keys Atrium cannot use
// for signatures (encryption keys, symmetric keys, other curves or
// algorithms) are left out; a usable-looking key that is malformed (bad
// base64url, a point off the curve, an RSA modulus under 2048 bits) fails the
// whole set with 400, as does a document that is not a JWK Set.
Result<std::vector<Jwk>> ParseJwks(std::string_view json);

// A compact JWS split and decoded, not yet verified.
struct Jwt {
  std::string alg;
  std::string kid;
  boost::json::object header;
  boost::json::object claims;
  std::string signing_input;  // "<header>.<payload>", as sent
  std::string signature;      // raw bytes

  // The claim as a string, or "" when absent or not a string.
  std::string StringClaim(std::string_view name) const;
};

// Splits and decodes a compact JWS (three base64url parts whose first two are
// JSON objects), at most 64 KiB. 401 invalid_token for anything else, and for
// an algorithm other than RS256 and ES256 (saying which).
Result<Jwt> ParseJwt(std::string_view compact);

// Verifies the signature with the key the header's `kid` names (without a
// kid: any key of the set for the algorithm). 404 unknown_key when the set
// has no key with that kid (the caller may fetch the set again), 401
// invalid_token for a key of another type or algorithm, or a signature that
// does not verify.
Status VerifyJwtSignature(const Jwt& jwt, const std::vector<Jwk>& keys);

// What the claims of a token must say.
struct JwtExpectations {
  enum class Kind {
    kIdToken,      // nonce required and equal to `nonce`; iat required
    kLogoutToken,  // no nonce; the back-channel logout event; sub or sid
  };
  Kind kind = Kind::kIdToken;
  std::string issuer;    // `iss` must equal it
  std::string audience;  // the client id: in `aud`; `azp`, if any, equals it
  std::string nonce;     // kIdToken only
  int64_t now_seconds = 0;
  int64_t skew_seconds = 60;  // allowed for exp, iat and nbf
};

// The event a back-channel logout token carries (OpenID Connect Back-Channel
// Logout 1.0).
inline constexpr std::string_view kBackChannelLogoutEvent =
    "http://schemas.openid.net/event/backchannel-logout";

// Checks iss, aud (a string or an array), azp (required when aud names more
// than one audience), exp (required), iat (required, not in the future), nbf
// (when present), and what the kind requires. 401 invalid_token naming the
// first claim that fails.
Status CheckJwtClaims(const Jwt& jwt, const JwtExpectations& expected);

}  // namespace atrium
