// Secrets: random tokens, digests and password hashing, all on libsodium.
// Every function is thread-safe once InitCrypto() has returned.
#pragma once

#include <string>
#include <string_view>

namespace atrium {

// Initializes libsodium. Call once at start; throws if it cannot.
void InitCrypto();

// A fresh random secret of `bytes` random bytes, base64url without padding.
std::string RandomToken(size_t bytes = 32);

// SHA-256 digests.
std::string Sha256Hex(std::string_view data);
std::string Sha256Base64Url(std::string_view data);

// HMAC-SHA-256 of `data` under `key`, as base64url without padding.
std::string HmacSha256Base64Url(std::string_view key, std::string_view data);

// Compares two strings in time independent of where they differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// Hashes a password with Argon2id (libsodium's interactive limits). The
// result is a self-describing "$argon2id$..." string.
std::string HashPassword(std::string_view password);

// True if `password` matches a hash made by HashPassword.
bool VerifyPassword(std::string_view password, const std::string& hash);

// Standard base64 with padding (HTTP Basic credentials).
std::string EncodeBase64(std::string_view data);

// Base64url without padding, and back; DecodeBase64Url returns false on bad input.
std::string EncodeBase64Url(std::string_view data);
bool DecodeBase64Url(std::string_view text, std::string* out);

}  // namespace atrium
