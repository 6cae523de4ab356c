// ScimTokenService: the provisioning tokens identity providers use at
// /scim/v2. A token is 32 random bytes (base64url); only its SHA-256 is
// stored, so it is shown once, when issued. Shared by the `atrium
// scim-token` command and the admin API. Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/id.h"
#include "base/status.h"
#include "social/audit_log.h"
#include "store/store.h"

namespace atrium {

struct IssuedScimToken {
  ScimTokenRecord record;
  std::string secret;  // shown once; not stored
};

inline constexpr size_t kMaxScimTokenDescriptionChars = 200;

class ScimTokenService {
 public:
  ScimTokenService(Store& store, IdGenerator& ids) : store_(store), ids_(ids) {}
  ScimTokenService(const ScimTokenService&) = delete;
  ScimTokenService& operator=(const ScimTokenService&) = delete;

  // Issues a token. 422 if `description` is not text of at most 200 characters.
  // Issuing and revoking are appended to the audit log as done `by`.
  Result<IssuedScimToken> Issue(const std::string& description, const AuditActor& by);
  // The live token whose secret is `secret`; 401 if there is none or it is revoked.
  Result<ScimTokenRecord> Verify(std::string_view secret);
  // Every token, revoked ones too.
  Result<std::vector<ScimTokenRecord>> List();
  // Revokes token `id`; 404 if there is none. The token as it now is.
  Result<ScimTokenRecord> Revoke(int64_t id, const AuditActor& by);

 private:
  Store& store_;
  IdGenerator& ids_;
};

}  // namespace atrium
