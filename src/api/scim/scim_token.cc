#include "api/scim/scim_token.h"

#include "base/clock.h"
#include "base/crypto.h"
#include "base/text.h"

namespace atrium::api::scim {

Result<IssuedScimToken> IssueScimToken(Store& store, IdGenerator& ids,
                                       const std::string& description) {
  if (!IsValidUtf8(description) || CountCodePoints(description) > kMaxScimTokenDescriptionChars)
    return Status::Unprocessable(
        "Validation failed: description must be at most 200 characters of text");
  IssuedScimToken out;
  out.secret = RandomToken(32);
  out.record.id = ids.Next();
  out.record.token_hash = Sha256Hex(out.secret);
  out.record.description = description;
  out.record.created_at = NowMillis();
  if (Status s = store.directory().CreateScimToken(out.record); !s.ok()) return s;
  return out;
}

Result<ScimTokenRecord> VerifyScimToken(Store& store, std::string_view secret) {
  if (secret.empty())
    return Status::Unauthorized("A provisioning token is required (Authorization: Bearer)");
  auto token = store.directory().FindScimToken(Sha256Hex(secret));
  if (!token.ok()) {
    if (token.status().code() == Code::kNotFound)
      return Status::Unauthorized("The provisioning token is invalid");
    return token.status();
  }
  if (token->revoked_at != 0)
    return Status::Unauthorized("The provisioning token has been revoked");
  return token;
}

}  // namespace atrium::api::scim
