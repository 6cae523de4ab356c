#include "base/jose.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include "base/crypto.h"

namespace atrium {
namespace {

namespace json = boost::json;

constexpr size_t kMaxJwtBytes = 64 * 1024;
constexpr size_t kMaxJwksBytes = 512 * 1024;
constexpr int kMinRsaBits = 2048;

Status Invalid(std::string description) {
  return Status::Unauthorized("invalid_token", std::move(description));
}
Status BadSet(std::string description) {
  return Status::BadRequest("invalid_jwks", std::move(description));
}

struct PkeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct CtxFree {
  void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};
struct BldFree {
  void operator()(OSSL_PARAM_BLD* b) const { OSSL_PARAM_BLD_free(b); }
};
struct ParamFree {
  void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
};
struct BnFree {
  void operator()(BIGNUM* b) const { BN_free(b); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
struct SigFree {
  void operator()(ECDSA_SIG* s) const { ECDSA_SIG_free(s); }
};
using BnPtr = std::unique_ptr<BIGNUM, BnFree>;

std::string StringMember(const json::object& o, std::string_view name) {
  const json::value* v = o.if_contains(name);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

// A base64url member decoded; false when absent or malformed.
bool BytesMember(const json::object& o, std::string_view name, std::string* out) {
  const json::value* v = o.if_contains(name);
  if (!v || !v->is_string() || v->get_string().empty()) return false;
  return DecodeBase64Url(std::string_view(v->get_string()), out);
}

// Builds a public key of `type` ("RSA" or "EC") from OSSL parameters.
Result<std::shared_ptr<EVP_PKEY>> FromData(const char* type, OSSL_PARAM_BLD* bld) {
  std::unique_ptr<OSSL_PARAM, ParamFree> params(OSSL_PARAM_BLD_to_param(bld));
  std::unique_ptr<EVP_PKEY_CTX, CtxFree> ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  EVP_PKEY* raw = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) <= 0 || !raw)
    return BadSet(std::string("a ") + type + " key of the set is not a valid public key");
  return std::shared_ptr<EVP_PKEY>(raw, PkeyFree());
}

Result<std::shared_ptr<EVP_PKEY>> RsaKey(const json::object& jwk) {
  std::string n, e;
  if (!BytesMember(jwk, "n", &n) || !BytesMember(jwk, "e", &e))
    return BadSet("an RSA key of the set lacks a valid n or e");
  BnPtr bn_n(BN_bin2bn(reinterpret_cast<const unsigned char*>(n.data()), n.size(), nullptr));
  BnPtr bn_e(BN_bin2bn(reinterpret_cast<const unsigned char*>(e.data()), e.size(), nullptr));
  if (!bn_n || !bn_e) return BadSet("an RSA key of the set is not valid");
  if (BN_num_bits(bn_n.get()) < kMinRsaBits)
    return BadSet("an RSA key of the set is shorter than 2048 bits");
  if (BN_is_odd(bn_e.get()) == 0 || BN_is_one(bn_e.get()))
    return BadSet("an RSA key of the set has an invalid exponent");
  std::unique_ptr<OSSL_PARAM_BLD, BldFree> bld(OSSL_PARAM_BLD_new());
  if (!bld || !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) ||
      !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get()))
    return BadSet("an RSA key of the set is not valid");
  return FromData("RSA", bld.get());
}

Result<std::shared_ptr<EVP_PKEY>> EcKey(const json::object& jwk) {
  std::string x, y;
  if (!BytesMember(jwk, "x", &x) || !BytesMember(jwk, "y", &y) || x.size() != 32 || y.size() != 32)
    return BadSet("a P-256 key of the set lacks a valid x or y");
  std::string point = "\x04" + x + y;  // uncompressed
  std::unique_ptr<OSSL_PARAM_BLD, BldFree> bld(OSSL_PARAM_BLD_new());
  if (!bld ||
      !OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) ||
      !OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                        point.size()))
    return BadSet("a P-256 key of the set is not valid");
  auto key = FromData("EC", bld.get());
  if (!key.ok()) return key;
  // fromdata does not check that the point is on the curve.
  std::unique_ptr<EVP_PKEY_CTX, CtxFree> check(
      EVP_PKEY_CTX_new_from_pkey(nullptr, key->get(), nullptr));
  if (!check || EVP_PKEY_public_check(check.get()) != 1)
    return BadSet("a P-256 key of the set is not a point on the curve");
  return key;
}

bool IsSupportedAlg(std::string_view alg) { return alg == "RS256" || alg == "ES256"; }
std::string_view KtyOf(std::string_view alg) { return alg == "RS256" ? "RSA" : "EC"; }

// Reads the base64url JSON object of a JWS part.
bool DecodeObject(std::string_view part, json::object* out) {
  std::string bytes;
  if (part.empty() || !DecodeBase64Url(part, &bytes)) return false;
  boost::system::error_code ec;
  json::value v = json::parse(bytes, ec);
  if (ec || !v.is_object()) return false;
  *out = std::move(v.get_object());
  return true;
}

// A JWS ES256 signature is r||s (32 bytes each); OpenSSL wants DER.
bool EcdsaToDer(const std::string& raw, std::string* der) {
  if (raw.size() != 64) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(raw.data());
  std::unique_ptr<ECDSA_SIG, SigFree> sig(ECDSA_SIG_new());
  BIGNUM* r = BN_bin2bn(p, 32, nullptr);
  BIGNUM* s = BN_bin2bn(p + 32, 32, nullptr);
  if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    return false;
  }
  int len = i2d_ECDSA_SIG(sig.get(), nullptr);
  if (len <= 0) return false;
  der->assign(static_cast<size_t>(len), '\0');
  auto* out = reinterpret_cast<unsigned char*>(der->data());
  return i2d_ECDSA_SIG(sig.get(), &out) == len;
}

bool VerifyWith(const Jwt& jwt, EVP_PKEY* key) {
  std::string sig = jwt.signature;
  if (jwt.alg == "ES256" && !EcdsaToDer(jwt.signature, &sig)) return false;
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> md(EVP_MD_CTX_new());
  if (!md || EVP_DigestVerifyInit(md.get(), nullptr, EVP_sha256(), nullptr, key) != 1) return false;
  return EVP_DigestVerify(md.get(), reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                          reinterpret_cast<const unsigned char*>(jwt.signing_input.data()),
                          jwt.signing_input.size()) == 1;
}

// An integer NumericDate claim; false when absent or not a number.
bool TimeClaim(const json::object& claims, std::string_view name, int64_t* out) {
  const json::value* v = claims.if_contains(name);
  if (!v) return false;
  if (v->is_int64()) {
    *out = v->get_int64();
  } else if (v->is_uint64() && v->get_uint64() <= static_cast<uint64_t>(INT64_MAX)) {
    *out = static_cast<int64_t>(v->get_uint64());
  } else if (v->is_double() && v->get_double() > -1e15 && v->get_double() < 1e15) {
    *out = static_cast<int64_t>(v->get_double());
  } else {
    return false;
  }
  return true;
}

Status CheckAudience(const json::object& claims, const std::string& client_id) {
  const json::value* aud = claims.if_contains("aud");
  size_t audiences = 0;
  bool ours = false;
  if (aud && aud->is_string()) {
    audiences = 1;
    ours = aud->get_string() == client_id;
  } else if (aud && aud->is_array()) {
    for (const json::value& a : aud->get_array()) {
      if (!a.is_string()) return Invalid("aud holds something other than strings");
      ++audiences;
      ours = ours || a.get_string() == client_id;
    }
  } else {
    return Invalid("the token has no aud");
  }
  if (!ours) return Invalid("the token is meant for another client (aud)");
  const json::value* azp = claims.if_contains("azp");
  if (azp && (!azp->is_string() || azp->get_string() != client_id))
    return Invalid("the token was issued to another client (azp)");
  if (audiences > 1 && !azp) return Invalid("the token names several audiences but no azp");
  return Status::Ok();
}

}  // namespace

std::string Jwt::StringClaim(std::string_view name) const { return StringMember(claims, name); }

Result<std::vector<Jwk>> ParseJwks(std::string_view text) {
  if (text.size() > kMaxJwksBytes) return BadSet("the JWK Set is too large");
  boost::system::error_code ec;
  json::value doc = json::parse(text, ec);
  if (ec || !doc.is_object()) return BadSet("the JWK Set is not a JSON object");
  const json::value* keys = doc.get_object().if_contains("keys");
  if (!keys || !keys->is_array()) return BadSet("the JWK Set has no keys array");
  std::vector<Jwk> out;
  for (const json::value& k : keys->get_array()) {
    if (!k.is_object()) return BadSet("a key of the set is not an object");
    const json::object& jwk = k.get_object();
    Jwk key;
    key.kid = StringMember(jwk, "kid");
    key.kty = StringMember(jwk, "kty");
    key.alg = StringMember(jwk, "alg");
    std::string use = StringMember(jwk, "use");
    if (!use.empty() && use != "sig") continue;
    if (key.kty == "RSA") {
      if (key.alg.empty()) key.alg = "RS256";
      if (key.alg != "RS256") continue;
      auto pkey = RsaKey(jwk);
      if (!pkey.ok()) return pkey.status();
      key.key = std::move(*pkey);
    } else if (key.kty == "EC") {
      if (StringMember(jwk, "crv") != "P-256") continue;
      if (key.alg.empty()) key.alg = "ES256";
      if (key.alg != "ES256") continue;
      auto pkey = EcKey(jwk);
      if (!pkey.ok()) return pkey.status();
      key.key = std::move(*pkey);
    } else {
      continue;  // "oct" (a shared secret) and others are never used
    }
    out.push_back(std::move(key));
  }
  return out;
}

Result<Jwt> ParseJwt(std::string_view compact) {
  if (compact.empty()) return Invalid("the token is empty");
  if (compact.size() > kMaxJwtBytes) return Invalid("the token is too large");
  size_t dot1 = compact.find('.');
  size_t dot2 = dot1 == std::string_view::npos ? dot1 : compact.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || compact.find('.', dot2 + 1) != std::string_view::npos)
    return Invalid("the token is not a signed JWT of three parts");
  Jwt jwt;
  if (!DecodeObject(compact.substr(0, dot1), &jwt.header))
    return Invalid("the token's header is not a base64url JSON object");
  if (!DecodeObject(compact.substr(dot1 + 1, dot2 - dot1 - 1), &jwt.claims))
    return Invalid("the token's payload is not a base64url JSON object");
  const json::value* alg = jwt.header.if_contains("alg");
  if (!alg || !alg->is_string()) return Invalid("the token's header has no alg");
  jwt.alg = std::string(alg->get_string());
  if (!IsSupportedAlg(jwt.alg))
    return Invalid("the token's algorithm '" + jwt.alg.substr(0, 20) +
                   "' is refused: only RS256 and ES256 are accepted");
  if (jwt.header.contains("crit")) return Invalid("the token's header has crit extensions");
  const json::value* kid = jwt.header.if_contains("kid");
  if (kid && !kid->is_string()) return Invalid("the token's kid is not a string");
  if (kid) jwt.kid = std::string(kid->get_string());
  std::string_view sig = compact.substr(dot2 + 1);
  if (sig.empty() || !DecodeBase64Url(sig, &jwt.signature))
    return Invalid("the token's signature is missing or not base64url");
  jwt.signing_input = std::string(compact.substr(0, dot2));
  return jwt;
}

Status VerifyJwtSignature(const Jwt& jwt, const std::vector<Jwk>& keys) {
  if (!IsSupportedAlg(jwt.alg)) return Invalid("the token's algorithm is refused");
  bool named = false;
  for (const Jwk& key : keys) {
    if (!jwt.kid.empty() && key.kid != jwt.kid) continue;
    named = true;
    if (key.kty != KtyOf(jwt.alg) || key.alg != jwt.alg) {
      if (!jwt.kid.empty())
        return Invalid("the key '" + key.kid + "' is not a " + jwt.alg + " key");
      continue;
    }
    if (VerifyWith(jwt, key.key.get())) return Status::Ok();
    if (!jwt.kid.empty()) return Invalid("the token's signature does not verify");
  }
  if (!jwt.kid.empty() && !named)
    return Status::NotFound("unknown_key", "the provider's keys have no kid '" + jwt.kid + "'");
  return Invalid("the token's signature does not verify with any of the provider's keys");
}

Status CheckJwtClaims(const Jwt& jwt, const JwtExpectations& want) {
  const json::object& c = jwt.claims;
  const json::value* iss = c.if_contains("iss");
  if (!iss || !iss->is_string() || iss->get_string() != want.issuer)
    return Invalid("the token was issued by another provider (iss)");
  if (Status s = CheckAudience(c, want.audience); !s.ok()) return s;
  int64_t exp = 0, iat = 0, nbf = 0;
  if (!TimeClaim(c, "exp", &exp)) return Invalid("the token has no exp");
  if (exp + want.skew_seconds <= want.now_seconds) return Invalid("the token has expired (exp)");
  if (!TimeClaim(c, "iat", &iat)) return Invalid("the token has no iat");
  if (iat > want.now_seconds + want.skew_seconds)
    return Invalid("the token was issued in the future (iat)");
  if (c.contains("nbf")) {
    if (!TimeClaim(c, "nbf", &nbf)) return Invalid("the token's nbf is not a number");
    if (nbf > want.now_seconds + want.skew_seconds)
      return Invalid("the token is not valid yet (nbf)");
  }
  const json::value* nonce = c.if_contains("nonce");
  if (want.kind == JwtExpectations::Kind::kIdToken) {
    if (!c.contains("sub") || !c.at("sub").is_string() || c.at("sub").get_string().empty())
      return Invalid("the token has no sub");
    if (!nonce || !nonce->is_string() || want.nonce.empty() ||
        !ConstantTimeEquals(std::string_view(nonce->get_string()), want.nonce))
      return Invalid("the token's nonce is not the one of this sign-in");
    return Status::Ok();
  }
  if (nonce) return Invalid("a logout token must not carry a nonce");
  const json::value* events = c.if_contains("events");
  if (!events || !events->is_object() || !events->get_object().contains(kBackChannelLogoutEvent) ||
      !events->get_object().at(kBackChannelLogoutEvent).is_object())
    return Invalid("the token carries no back-channel logout event");
  if (jwt.StringClaim("sub").empty() && jwt.StringClaim("sid").empty())
    return Invalid("the logout token names neither sub nor sid");
  return Status::Ok();
}

}  // namespace atrium
