#include "base/jose.h"

#include <gtest/gtest.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "base/crypto.h"

namespace atrium {
namespace {

namespace json = boost::json;

constexpr int64_t kNow = 1'800'000'000;

// A key pair made for the test, able to sign and to describe itself as a JWK.
class TestKey {
 public:
  static TestKey Rsa(std::string kid, int bits = 2048) {
    return TestKey(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(bits)), "RS256",
                   std::move(kid));
  }
  static TestKey Ec(std::string kid) {
    return TestKey(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"), "ES256", std::move(kid));
  }

  json::object Jwk() const {
    json::object k;
    k["kid"] = kid_;
    if (alg_ == "RS256") {
      k["kty"] = "RSA";
      k["n"] = EncodeBase64Url(Bn(OSSL_PKEY_PARAM_RSA_N));
      k["e"] = EncodeBase64Url(Bn(OSSL_PKEY_PARAM_RSA_E));
    } else {
      k["kty"] = "EC";
      k["crv"] = "P-256";
      k["x"] = EncodeBase64Url(Padded(Bn(OSSL_PKEY_PARAM_EC_PUB_X)));
      k["y"] = EncodeBase64Url(Padded(Bn(OSSL_PKEY_PARAM_EC_PUB_Y)));
    }
    return k;
  }

  // Signs `claims` under `header` (alg and kid filled in unless given).
  std::string Sign(const json::object& claims, json::object header = {}) const {
    if (!header.contains("alg")) header["alg"] = alg_;
    if (!header.contains("kid")) header["kid"] = kid_;
    std::string input =
        EncodeBase64Url(json::serialize(header)) + "." + EncodeBase64Url(json::serialize(claims));
    EVP_MD_CTX* md = EVP_MD_CTX_new();
    size_t len = 0;
    EVP_DigestSignInit(md, nullptr, EVP_sha256(), nullptr, key_.get());
    EVP_DigestSign(md, nullptr, &len, reinterpret_cast<const unsigned char*>(input.data()),
                   input.size());
    std::string sig(len, '\0');
    EVP_DigestSign(md, reinterpret_cast<unsigned char*>(sig.data()), &len,
                   reinterpret_cast<const unsigned char*>(input.data()), input.size());
    sig.resize(len);
    EVP_MD_CTX_free(md);
    if (alg_ == "ES256") sig = DerToRaw(sig);
    return input + "." + EncodeBase64Url(sig);
  }

 private:
  TestKey(EVP_PKEY* key, std::string alg, std::string kid)
      : key_(key, EVP_PKEY_free), alg_(std::move(alg)), kid_(std::move(kid)) {}

  std::string Bn(const char* name) const {
    BIGNUM* bn = nullptr;
    EVP_PKEY_get_bn_param(key_.get(), name, &bn);
    std::string out(static_cast<size_t>(BN_num_bytes(bn)), '\0');
    BN_bn2bin(bn, reinterpret_cast<unsigned char*>(out.data()));
    BN_free(bn);
    return out;
  }
  static std::string Padded(std::string s) { return std::string(32 - s.size(), '\0') + s; }
  static std::string DerToRaw(const std::string& der) {
    const auto* p = reinterpret_cast<const unsigned char*>(der.data());
    ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size()));
    std::string raw(64, '\0');
    BN_bn2binpad(ECDSA_SIG_get0_r(sig), reinterpret_cast<unsigned char*>(raw.data()), 32);
    BN_bn2binpad(ECDSA_SIG_get0_s(sig), reinterpret_cast<unsigned char*>(raw.data()) + 32, 32);
    ECDSA_SIG_free(sig);
    return raw;
  }

  std::shared_ptr<EVP_PKEY> key_;
  std::string alg_;
  std::string kid_;
};

std::string SetOf(std::initializer_list<const TestKey*> keys) {
  json::array arr;
  for (const TestKey* k : keys) arr.push_back(k->Jwk());
  json::object set;
  set["keys"] = arr;
  return json::serialize(set);
}

json::object IdClaims() {
  json::object c;
  c["iss"] = "https://idp.example.com";
  c["aud"] = "atrium";
  c["sub"] = "248289761001";
  c["nonce"] = "n-0S6_WzA2Mj";
  c["iat"] = kNow - 10;
  c["exp"] = kNow + 300;
  return c;
}

JwtExpectations IdExpectations() {
  JwtExpectations want;
  want.issuer = "https://idp.example.com";
  want.audience = "atrium";
  want.nonce = "n-0S6_WzA2Mj";
  want.now_seconds = kNow;
  want.skew_seconds = 60;
  return want;
}

// Parses, verifies against `set` and checks the claims: OK or the first error.
Status Verify(const std::string& token, const std::string& set,
              const JwtExpectations& want = IdExpectations()) {
  auto jwt = ParseJwt(token);
  if (!jwt.ok()) return jwt.status();
  auto keys = ParseJwks(set);
  if (!keys.ok()) return keys.status();
  if (Status s = VerifyJwtSignature(*jwt, *keys); !s.ok()) return s;
  return CheckJwtClaims(*jwt, want);
}

class Jose : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    InitCrypto();
    rsa_ = new TestKey(TestKey::Rsa("rsa-1"));
    rsa_other_ = new TestKey(TestKey::Rsa("rsa-1"));  // same kid, another key
    ec_ = new TestKey(TestKey::Ec("ec-1"));
  }
  static TestKey* rsa_;
  static TestKey* rsa_other_;
  static TestKey* ec_;
};
TestKey* Jose::rsa_ = nullptr;
TestKey* Jose::rsa_other_ = nullptr;
TestKey* Jose::ec_ = nullptr;

TEST_F(Jose, Rs256AndEs256Verify) {
  std::string set = SetOf({rsa_, ec_});
  EXPECT_TRUE(Verify(rsa_->Sign(IdClaims()), set).ok())
      << Verify(rsa_->Sign(IdClaims()), set).ToString();
  EXPECT_TRUE(Verify(ec_->Sign(IdClaims()), set).ok())
      << Verify(ec_->Sign(IdClaims()), set).ToString();
}

TEST_F(Jose, AnotherKeyWithTheSameKidIsRefused) {
  Status s = Verify(rsa_other_->Sign(IdClaims()), SetOf({rsa_}));
  EXPECT_EQ(s.code(), Code::kUnauthorized);
  EXPECT_NE(s.description().find("signature"), std::string::npos) << s.ToString();
}

TEST_F(Jose, ATamperedPayloadIsRefused) {
  std::string token = rsa_->Sign(IdClaims());
  json::object other = IdClaims();
  other["sub"] = "someone-else";
  std::string forged_payload = EncodeBase64Url(json::serialize(other));
  size_t dot1 = token.find('.'), dot2 = token.rfind('.');
  token = token.substr(0, dot1 + 1) + forged_payload + token.substr(dot2);
  EXPECT_EQ(Verify(token, SetOf({rsa_})).code(), Code::kUnauthorized);
}

TEST_F(Jose, AnUnknownKidIsNotFoundSoTheCallerMayRefetch) {
  TestKey rotated = TestKey::Rsa("rsa-2");
  Status s = Verify(rotated.Sign(IdClaims()), SetOf({rsa_, ec_}));
  EXPECT_EQ(s.code(), Code::kNotFound);
  EXPECT_EQ(s.error(), "unknown_key");
  // Once the set has the new key, the same token verifies.
  EXPECT_TRUE(Verify(rotated.Sign(IdClaims()), SetOf({rsa_, &rotated})).ok());
}

TEST_F(Jose, AlgNoneIsRefused) {
  json::object header;
  header["alg"] = "none";
  std::string token = EncodeBase64Url(json::serialize(header)) + "." +
                      EncodeBase64Url(json::serialize(IdClaims())) + ".";
  Status s = Verify(token, SetOf({rsa_}));
  EXPECT_EQ(s.code(), Code::kUnauthorized);
  EXPECT_NE(s.description().find("'none' is refused"), std::string::npos) << s.ToString();
}

TEST_F(Jose, Hs256WithThePublicKeyAsSecretIsRefused) {
  // The classic confusion: HMAC keyed with the JWK's own public bytes.
  json::object header;
  header["alg"] = "HS256";
  header["kid"] = "rsa-1";
  std::string input =
      EncodeBase64Url(json::serialize(header)) + "." + EncodeBase64Url(json::serialize(IdClaims()));
  std::string secret = SetOf({rsa_});
  unsigned char mac[32];
  unsigned int len = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &len);
  std::string token = input + "." + EncodeBase64Url(std::string(reinterpret_cast<char*>(mac), len));
  Status s = Verify(token, secret);
  EXPECT_EQ(s.code(), Code::kUnauthorized);
  EXPECT_NE(s.description().find("'HS256' is refused"), std::string::npos) << s.ToString();
}

TEST_F(Jose, AnRsaKeyNeverVerifiesAnEs256Token) {
  // An ES256 header naming the RSA key's kid.
  json::object header;
  header["kid"] = "rsa-1";
  Status s = Verify(ec_->Sign(IdClaims(), header), SetOf({rsa_, ec_}));
  EXPECT_EQ(s.code(), Code::kUnauthorized);
  EXPECT_NE(s.description().find("not a ES256 key"), std::string::npos) << s.ToString();
}

TEST_F(Jose, SymmetricAndShortKeysAreNotUsed) {
  json::object oct;
  oct["kty"] = "oct";
  oct["kid"] = "rsa-1";
  oct["k"] = EncodeBase64Url("secret");
  json::object set;
  set["keys"] = json::array{oct};
  auto keys = ParseJwks(json::serialize(set));
  ASSERT_TRUE(keys.ok());
  EXPECT_TRUE(keys->empty());
  TestKey small = TestKey::Rsa("small", 1024);
  EXPECT_EQ(ParseJwks(SetOf({&small})).status().code(), Code::kBadRequest);
}

TEST_F(Jose, APointOffTheCurveIsRefused) {
  json::object jwk = ec_->Jwk();
  std::string y;
  ASSERT_TRUE(DecodeBase64Url(std::string_view(jwk["y"].get_string()), &y));
  y[31] = static_cast<char>(y[31] ^ 1);
  jwk["y"] = EncodeBase64Url(y);
  json::object set;
  set["keys"] = json::array{jwk};
  EXPECT_EQ(ParseJwks(json::serialize(set)).status().code(), Code::kBadRequest);
}

TEST_F(Jose, ExpiryIatAndNbfWithSkew) {
  std::string set = SetOf({rsa_});
  auto with = [&](const char* claim, int64_t value) {
    json::object c = IdClaims();
    c[claim] = value;
    return Verify(rsa_->Sign(c), set);
  };
  EXPECT_TRUE(with("exp", kNow - 30).ok());   // within the skew
  EXPECT_FALSE(with("exp", kNow - 61).ok());  // expired
  EXPECT_NE(with("exp", kNow - 61).description().find("expired"), std::string::npos);
  EXPECT_TRUE(with("iat", kNow + 30).ok());
  EXPECT_FALSE(with("iat", kNow + 61).ok());  // issued in the future
  EXPECT_TRUE(with("nbf", kNow + 30).ok());
  EXPECT_FALSE(with("nbf", kNow + 61).ok());  // not valid yet
  json::object no_exp = IdClaims();
  no_exp.erase("exp");
  EXPECT_FALSE(Verify(rsa_->Sign(no_exp), set).ok());
  json::object no_iat = IdClaims();
  no_iat.erase("iat");
  EXPECT_FALSE(Verify(rsa_->Sign(no_iat), set).ok());
}

TEST_F(Jose, AudienceAndAuthorizedParty) {
  std::string set = SetOf({rsa_});
  auto with_aud = [&](json::value aud, const char* azp) {
    json::object c = IdClaims();
    c["aud"] = aud;
    if (azp) c["azp"] = azp;
    return Verify(rsa_->Sign(c), set);
  };
  EXPECT_FALSE(with_aud("someone-else", nullptr).ok());
  EXPECT_TRUE(with_aud(json::array{"atrium"}, nullptr).ok());
  EXPECT_FALSE(with_aud(json::array{"someone-else"}, nullptr).ok());
  // Several audiences: azp must name Atrium.
  EXPECT_FALSE(with_aud(json::array{"atrium", "other"}, nullptr).ok());
  EXPECT_TRUE(with_aud(json::array{"atrium", "other"}, "atrium").ok());
  EXPECT_FALSE(with_aud(json::array{"atrium", "other"}, "other").ok());
  EXPECT_FALSE(with_aud("atrium", "other").ok());  // azp given: it must be Atrium
  EXPECT_FALSE(with_aud(json::array{"atrium", 7}, "atrium").ok());
}

TEST_F(Jose, IssuerAndNonce) {
  std::string set = SetOf({rsa_});
  json::object c = IdClaims();
  c["iss"] = "https://evil.example.com";
  EXPECT_NE(Verify(rsa_->Sign(c), set).description().find("iss"), std::string::npos);
  JwtExpectations other = IdExpectations();
  other.nonce = "another-sign-in";
  EXPECT_NE(Verify(rsa_->Sign(IdClaims()), set, other).description().find("nonce"),
            std::string::npos);
  json::object no_nonce = IdClaims();
  no_nonce.erase("nonce");
  EXPECT_FALSE(Verify(rsa_->Sign(no_nonce), set).ok());
}

TEST_F(Jose, LogoutToken) {
  std::string set = SetOf({ec_});
  JwtExpectations want = IdExpectations();
  want.kind = JwtExpectations::Kind::kLogoutToken;
  want.nonce.clear();
  json::object c = IdClaims();
  c.erase("nonce");
  c["jti"] = "bWJq";
  c["sid"] = "08a5019c-17e1-4977-8f42-65a12843ea02";
  json::object events;
  events[kBackChannelLogoutEvent] = json::object{};
  c["events"] = events;
  EXPECT_TRUE(Verify(ec_->Sign(c), set, want).ok()) << Verify(ec_->Sign(c), set, want).ToString();
  json::object with_nonce = c;
  with_nonce["nonce"] = "x";
  EXPECT_FALSE(Verify(ec_->Sign(with_nonce), set, want).ok());
  json::object no_event = c;
  no_event.erase("events");
  EXPECT_FALSE(Verify(ec_->Sign(no_event), set, want).ok());
  json::object nobody = c;
  nobody.erase("sub");
  nobody.erase("sid");
  EXPECT_FALSE(Verify(ec_->Sign(nobody), set, want).ok());
  // An ID token is not a logout token.
  EXPECT_FALSE(Verify(ec_->Sign(IdClaims()), set, want).ok());
}

TEST_F(Jose, MalformedTokensAreRefused) {
  for (const char* bad : {"", "a", "a.b", "a.b.c.d", "e30.e30.", "!!!.e30.AA", "e30.e30.AA",
                          "eyJhbGciOiJSUzI1NiJ9.W10.AA"})
    EXPECT_EQ(ParseJwt(bad).status().code(), Code::kUnauthorized) << bad;
  json::object header;
  header["alg"] = "RS256";
  header["crit"] = json::array{"b64"};
  EXPECT_FALSE(Verify(rsa_->Sign(IdClaims(), header), SetOf({rsa_})).ok());
}

}  // namespace
}  // namespace atrium
