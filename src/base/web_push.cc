#include "base/web_push.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/param_build.h>
#include <openssl/rand.h>

#include <boost/url.hpp>
#include <memory>

#include "base/crypto.h"
#include "base/json_writer.h"

namespace atrium {
namespace {

constexpr size_t kPointBytes = 65;
constexpr size_t kScalarBytes = 32;
constexpr size_t kAuthBytes = 16;
constexpr size_t kSaltBytes = 16;
constexpr uint32_t kRecordSize = 4096;
// One record: the record size less the tag (16) and the padding delimiter.
constexpr size_t kMaxPlaintext = kRecordSize - 16 - 1 - 86;

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
struct CipherCtxFree {
  void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};
struct SigFree {
  void operator()(ECDSA_SIG* s) const { ECDSA_SIG_free(s); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;

// Base64url or standard base64, padded or not.
bool DecodeLenient(std::string_view text, std::string* out) {
  std::string s(text);
  while (!s.empty() && s.back() == '=') s.pop_back();
  for (char& c : s) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  return DecodeBase64Url(s, out);
}

// A P-256 key from its public point and, for a private key, its scalar.
PkeyPtr MakeKey(const std::string& point, const std::string& scalar) {
  std::unique_ptr<OSSL_PARAM_BLD, BldFree> bld(OSSL_PARAM_BLD_new());
  if (!bld) return nullptr;
  std::unique_ptr<BIGNUM, BnFree> priv;
  if (OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) !=
          1 ||
      OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                       point.size()) != 1)
    return nullptr;
  if (!scalar.empty()) {
    priv.reset(BN_bin2bn(reinterpret_cast<const unsigned char*>(scalar.data()),
                         static_cast<int>(scalar.size()), nullptr));
    if (!priv || OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, priv.get()) != 1)
      return nullptr;
  }
  std::unique_ptr<OSSL_PARAM, ParamFree> params(OSSL_PARAM_BLD_to_param(bld.get()));
  std::unique_ptr<EVP_PKEY_CTX, CtxFree> ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  EVP_PKEY* raw = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, scalar.empty() ? EVP_PKEY_PUBLIC_KEY : EVP_PKEY_KEYPAIR,
                        params.get()) <= 0 ||
      !raw)
    return nullptr;
  PkeyPtr key(raw);
  std::unique_ptr<EVP_PKEY_CTX, CtxFree> check(EVP_PKEY_CTX_new_from_pkey(nullptr, raw, nullptr));
  if (!check || EVP_PKEY_public_check(check.get()) != 1) return nullptr;
  // A private key must be the public key's own.
  if (!scalar.empty() && EVP_PKEY_pairwise_check(check.get()) != 1) return nullptr;
  return key;
}

// The raw bytes of a key pair; false for a pair that is not one.
bool RawPair(const VapidKeys& keys, std::string* point, std::string* scalar) {
  return DecodeBase64Url(keys.public_key, point) && point->size() == kPointBytes &&
         DecodeBase64Url(keys.private_key, scalar) && scalar->size() == kScalarBytes;
}

PkeyPtr PrivateKey(const VapidKeys& keys) {
  std::string point, scalar;
  if (!RawPair(keys, &point, &scalar)) return nullptr;
  return MakeKey(point, scalar);
}

std::string HmacSha256(std::string_view key, std::string_view data) {
  unsigned char out[32];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &len);
  return std::string(reinterpret_cast<char*>(out), len);
}

// HKDF-SHA-256 (RFC 5869) for an output of at most 32 bytes.
std::string Hkdf(std::string_view salt, std::string_view ikm, std::string_view info,
                 size_t length) {
  std::string prk = HmacSha256(salt, ikm);
  std::string t(info);
  t.push_back('\x01');
  return HmacSha256(prk, t).substr(0, length);
}

Result<std::string> Ecdh(EVP_PKEY* mine, EVP_PKEY* theirs) {
  std::unique_ptr<EVP_PKEY_CTX, CtxFree> ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, mine, nullptr));
  size_t len = 0;
  if (!ctx || EVP_PKEY_derive_init(ctx.get()) <= 0 ||
      EVP_PKEY_derive_set_peer(ctx.get(), theirs) <= 0 ||
      EVP_PKEY_derive(ctx.get(), nullptr, &len) <= 0)
    return Status::Internal("ECDH failed");
  std::string secret(len, '\0');
  if (EVP_PKEY_derive(ctx.get(), reinterpret_cast<unsigned char*>(secret.data()), &len) <= 0)
    return Status::Internal("ECDH failed");
  secret.resize(len);
  return secret;
}

Result<std::string> Aes128Gcm(std::string_view key, std::string_view nonce,
                              std::string_view plaintext) {
  std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree> ctx(EVP_CIPHER_CTX_new());
  const auto* k = reinterpret_cast<const unsigned char*>(key.data());
  const auto* iv = reinterpret_cast<const unsigned char*>(nonce.data());
  std::string out(plaintext.size() + 16, '\0');
  auto* o = reinterpret_cast<unsigned char*>(out.data());
  int len = 0, tail = 0;
  if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_128_gcm(), nullptr, k, iv) != 1 ||
      EVP_EncryptUpdate(ctx.get(), o, &len,
                        reinterpret_cast<const unsigned char*>(plaintext.data()),
                        static_cast<int>(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), o + len, &tail) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, 16, o + len + tail) != 1)
    return Status::Internal("AES-GCM failed");
  out.resize(static_cast<size_t>(len + tail) + 16);
  return out;
}

}  // namespace

Result<VapidKeys> GenerateVapidKeys() {
  PkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  if (!key) return Status::Internal("cannot make a P-256 key");
  unsigned char point[kPointBytes];
  size_t point_len = 0;
  BIGNUM* bn = nullptr;
  if (EVP_PKEY_get_octet_string_param(key.get(), OSSL_PKEY_PARAM_PUB_KEY, point, sizeof point,
                                      &point_len) != 1 ||
      point_len != kPointBytes || point[0] != 0x04 ||
      EVP_PKEY_get_bn_param(key.get(), OSSL_PKEY_PARAM_PRIV_KEY, &bn) != 1)
    return Status::Internal("cannot read a P-256 key");
  std::unique_ptr<BIGNUM, BnFree> priv(bn);
  unsigned char scalar[kScalarBytes];
  if (BN_bn2binpad(priv.get(), scalar, sizeof scalar) != static_cast<int>(kScalarBytes))
    return Status::Internal("cannot read a P-256 key");
  VapidKeys out;
  out.public_key = EncodeBase64Url(std::string_view(reinterpret_cast<char*>(point), point_len));
  out.private_key =
      EncodeBase64Url(std::string_view(reinterpret_cast<char*>(scalar), kScalarBytes));
  OPENSSL_cleanse(scalar, sizeof scalar);
  return out;
}

std::string EncodeVapidKeys(const VapidKeys& keys) {
  return keys.private_key + "." + keys.public_key;
}

Result<VapidKeys> DecodeVapidKeys(std::string_view text) {
  size_t dot = text.find('.');
  if (dot == std::string_view::npos) return Status::BadRequest("Not a VAPID key pair");
  VapidKeys keys{std::string(text.substr(dot + 1)), std::string(text.substr(0, dot))};
  if (!PrivateKey(keys)) return Status::BadRequest("Not a VAPID key pair");
  return keys;
}

Status CheckPushKeys(std::string_view p256dh, std::string_view auth) {
  std::string point, secret;
  if (!DecodeLenient(p256dh, &point) || point.size() != kPointBytes || !MakeKey(point, {}))
    return Status::Unprocessable(
        "Validation failed: subscription[keys][p256dh] is not a P-256 public key");
  if (!DecodeLenient(auth, &secret) || secret.size() != kAuthBytes)
    return Status::Unprocessable(
        "Validation failed: subscription[keys][auth] is not 16 bytes of base64url");
  return Status::Ok();
}

Result<std::string> EncryptWebPush(std::string_view plaintext, std::string_view p256dh,
                                   std::string_view auth, const PushEncryptionSeed& seed) {
  if (Status st = CheckPushKeys(p256dh, auth); !st.ok()) return st;
  if (plaintext.size() > kMaxPlaintext)
    return Status(Code::kPayloadTooLarge, "The push message is too large");
  std::string ua_point, auth_secret;
  DecodeLenient(p256dh, &ua_point);
  DecodeLenient(auth, &auth_secret);
  PkeyPtr ua_key = MakeKey(ua_point, {});

  VapidKeys ephemeral = seed.ephemeral;
  if (ephemeral.private_key.empty()) {
    auto made = GenerateVapidKeys();
    if (!made.ok()) return made.status();
    ephemeral = *made;
  }
  std::string as_point, as_scalar;
  if (!RawPair(ephemeral, &as_point, &as_scalar)) return Status::BadRequest("Not a P-256 key pair");
  PkeyPtr as_key = MakeKey(as_point, as_scalar);
  if (!as_key) return Status::BadRequest("Not a P-256 key pair");
  std::string salt = seed.salt;
  if (salt.empty()) {
    salt.assign(kSaltBytes, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(salt.data()), kSaltBytes) != 1)
      return Status::Internal("no random bytes");
  }
  if (salt.size() != kSaltBytes) return Status::BadRequest("The salt is 16 bytes");

  auto shared = Ecdh(as_key.get(), ua_key.get());
  if (!shared.ok()) return shared.status();
  // RFC 8291 section 3.4: the input keying material from the shared secret
  // and the subscription's auth secret, then RFC 8188's key and nonce.
  std::string key_info = std::string("WebPush: info") + '\0' + ua_point + as_point;
  std::string ikm = Hkdf(auth_secret, *shared, key_info, 32);
  std::string cek = Hkdf(salt, ikm, std::string("Content-Encoding: aes128gcm") + '\0', 16);
  std::string nonce = Hkdf(salt, ikm, std::string("Content-Encoding: nonce") + '\0', 12);
  std::string record(plaintext);
  record.push_back('\x02');  // the last record's padding delimiter
  auto sealed = Aes128Gcm(cek, nonce, record);
  if (!sealed.ok()) return sealed.status();

  std::string out = salt;
  out.push_back(static_cast<char>((kRecordSize >> 24) & 0xff));
  out.push_back(static_cast<char>((kRecordSize >> 16) & 0xff));
  out.push_back(static_cast<char>((kRecordSize >> 8) & 0xff));
  out.push_back(static_cast<char>(kRecordSize & 0xff));
  out.push_back(static_cast<char>(as_point.size()));
  out += as_point;
  out += *sealed;
  return out;
}

Result<std::string> VapidAuthorization(std::string_view endpoint, std::string_view subject,
                                       int64_t expires_at, const VapidKeys& keys) {
  auto url = boost::urls::parse_uri(endpoint);
  if (!url || (url->scheme() != "https" && url->scheme() != "http") || !url->has_authority())
    return Status::BadRequest("The push endpoint is not an http(s) URL");
  std::string audience = std::string(url->scheme()) + "://" + std::string(url->encoded_host());
  if (url->has_port()) audience += ":" + std::string(url->port());
  PkeyPtr key = PrivateKey(keys);
  if (!key) return Status::BadRequest("Not a VAPID key pair");

  JsonWriter claims;
  claims.BeginObject()
      .Field("aud", audience)
      .Field("exp", expires_at)
      .Field("sub", std::string(subject))
      .EndObject();
  std::string input =
      EncodeBase64Url(R"({"typ":"JWT","alg":"ES256"})") + "." + EncodeBase64Url(claims.Take());
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> md(EVP_MD_CTX_new());
  size_t der_len = 0;
  if (!md || EVP_DigestSignInit(md.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
      EVP_DigestSign(md.get(), nullptr, &der_len,
                     reinterpret_cast<const unsigned char*>(input.data()), input.size()) != 1)
    return Status::Internal("cannot sign the VAPID token");
  std::string der(der_len, '\0');
  if (EVP_DigestSign(md.get(), reinterpret_cast<unsigned char*>(der.data()), &der_len,
                     reinterpret_cast<const unsigned char*>(input.data()), input.size()) != 1)
    return Status::Internal("cannot sign the VAPID token");
  // A JWS ES256 signature is r||s, 32 bytes each; OpenSSL writes DER.
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  std::unique_ptr<ECDSA_SIG, SigFree> sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der_len)));
  if (!sig) return Status::Internal("cannot sign the VAPID token");
  unsigned char rs[64];
  if (BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), rs, 32) != 32 ||
      BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), rs + 32, 32) != 32)
    return Status::Internal("cannot sign the VAPID token");
  std::string jwt =
      input + "." + EncodeBase64Url(std::string_view(reinterpret_cast<char*>(rs), sizeof rs));
  return "vapid t=" + jwt + ", k=" + keys.public_key;
}

}  // namespace atrium
