// Web Push on the sending side: the application server's VAPID key pair
// (RFC 8292), a message encrypted for one subscription (RFC 8291, the
// aes128gcm content coding of RFC 8188) and the Authorization header that
// proves who sent it. Everything runs on OpenSSL: ECDH on P-256,
// HKDF-SHA-256, AES-128-GCM and ES256 signatures.
//
// Keys travel as base64url without padding: a public key as its 65-byte
// uncompressed point (what browsers give as `p256dh` and expect as the
// `applicationServerKey`), a private key as its 32-byte scalar.
//
// Stateless and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace atrium {

struct VapidKeys {
  std::string public_key;   // base64url, 65-byte uncompressed P-256 point
  std::string private_key;  // base64url, 32-byte scalar
};

// A fresh P-256 key pair.
Result<VapidKeys> GenerateVapidKeys();

// Joins a key pair into one string to keep ("<private>.<public>"), and back;
// 400 for text that is not a valid pair.
std::string EncodeVapidKeys(const VapidKeys& keys);
Result<VapidKeys> DecodeVapidKeys(std::string_view text);

// Checks a subscription's keys as a browser sends them (base64url, padded
// or not; standard base64 accepted too): `p256dh` a point on P-256, `auth`
// 16 bytes. 422 naming what is wrong.
Status CheckPushKeys(std::string_view p256dh, std::string_view auth);

// What RFC 8291 needs of the sender for one message; left empty, a fresh
// ephemeral key pair and a random salt are made (tests pass fixed ones).
struct PushEncryptionSeed {
  VapidKeys ephemeral;  // the sender's one-time ECDH key pair
  std::string salt;     // 16 raw bytes
};

// `plaintext` encrypted for the subscription whose keys are `p256dh` and
// `auth` (as CheckPushKeys reads them): the aes128gcm body — salt, record
// size 4096, the sender's public key, then one record. 422 for keys that
// are not valid, 413 for a plaintext over 3993 bytes (one record).
Result<std::string> EncryptWebPush(std::string_view plaintext, std::string_view p256dh,
                                   std::string_view auth, const PushEncryptionSeed& seed = {});

// The `Authorization` header of a push request to `endpoint`: "vapid
// t=<JWT>, k=<public key>", the JWT signed with ES256 naming the endpoint's
// origin (aud), `subject` (sub, a mailto: or https: URL) and `expires_at`
// (exp, Unix seconds). 400 for an endpoint that is not an http(s) URL or
// keys that are not valid.
Result<std::string> VapidAuthorization(std::string_view endpoint, std::string_view subject,
                                       int64_t expires_at, const VapidKeys& keys);

}  // namespace atrium
