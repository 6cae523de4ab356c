// SCIM provisioning tokens: the bearer secrets identity providers use at
// /scim/v2. A token is 32 random bytes (base64url); only its SHA-256 is
// stored, so it is shown once, when issued. Shared by the `atrium
// scim-token` command and the admin API. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "base/id.h"
#include "base/status.h"
#include "store/store.h"

namespace atrium::api::scim {

struct IssuedScimToken {
  ScimTokenRecord record;
  std::string secret;  // shown once; not stored
};

inline constexpr size_t kMaxScimTokenDescriptionChars = 200;

// Issues a token. 422 if `description` is not text of at most 200 characters.
Result<IssuedScimToken> IssueScimToken(Store& store, IdGenerator& ids,
                                       const std::string& description);

// The live token whose secret is `secret`; 401 if there is none or it is revoked.
Result<ScimTokenRecord> VerifyScimToken(Store& store, std::string_view secret);

}  // namespace atrium::api::scim
