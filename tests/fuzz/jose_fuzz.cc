// A JWK Set (the first line) and a compact JWS (the rest), as an OpenID
// provider sends them: the set parsed, the token split, its signature
// verified against the set and its claims checked as an ID token and as a
// logout token. Nothing but RS256 and ES256 may ever verify.
#include "base/jose.h"
#include "fuzz_util.h"

using namespace atrium;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = fuzz::Text(data, size);
  size_t newline = text.find('\n');
  std::string_view set = text.substr(0, newline);
  std::string_view token = newline == std::string_view::npos ? "" : text.substr(newline + 1);
  auto keys = ParseJwks(set);
  if (keys.ok())
    for (const Jwk& k : *keys)
      fuzz::Require((k.kty == "RSA" && k.alg == "RS256") || (k.kty == "EC" && k.alg == "ES256"),
                    "a key of the set is only ever RS256 or ES256");
  auto jwt = ParseJwt(token);
  if (!jwt.ok()) return 0;
  fuzz::Require(jwt->alg == "RS256" || jwt->alg == "ES256", "only RS256 and ES256 are parsed");
  fuzz::Require(jwt->signing_input.size() < token.size(), "the signing input is part of the token");
  if (keys.ok()) (void)VerifyJwtSignature(*jwt, *keys);
  JwtExpectations want;
  want.issuer = "https://idp.example.com";
  want.audience = "atrium";
  want.nonce = "n";
  want.now_seconds = 1'800'000'000;
  (void)CheckJwtClaims(*jwt, want);
  want.kind = JwtExpectations::Kind::kLogoutToken;
  (void)CheckJwtClaims(*jwt, want);
  return 0;
}
