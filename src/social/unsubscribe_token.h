// Unsubscribe tokens: the signed part of a one-click unsubscribe link
// (RFC 8058). A token names one member and the kinds of mail it stops and is signed
// with the installation's mail secret (HMAC-SHA-256), so it works without
// signing in and cannot be made for another member or kind.
//
//   <account id>.<kind>.<base64url HMAC of "unsubscribe\n<id>\n<kind>">
//
// Pure functions; safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace atrium {

struct UnsubscribeTarget {
  int64_t account_id = 0;
  std::string kind;
};

// The token for `account_id` and `kind` (a kind is letters and '_'; kinds
// joined by '-' name several).
std::string MakeUnsubscribeToken(std::string_view secret, int64_t account_id,
                                 std::string_view kind);

// What a token names, if `secret` signed it; nullopt for anything else.
std::optional<UnsubscribeTarget> CheckUnsubscribeToken(std::string_view secret,
                                                       std::string_view token);

}  // namespace atrium
