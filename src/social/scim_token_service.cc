#include "social/scim_token_service.h"

#include "base/clock.h"
#include "base/crypto.h"
#include "base/json_writer.h"
#include "base/text.h"

namespace atrium {

namespace {

// A token as the audit log keeps it: never its secret.
std::string TokenJson(const ScimTokenRecord& t) {
  JsonWriter w;
  w.BeginObject().Field("description", t.description);
  if (t.revoked_at) w.Field("revoked_at", FormatIso8601(t.revoked_at));
  w.EndObject();
  return w.Take();
}

}  // namespace

Result<IssuedScimToken> ScimTokenService::Issue(const std::string& description,
                                                const AuditActor& by) {
  if (!IsValidUtf8(description) || CountCodePoints(description) > kMaxScimTokenDescriptionChars)
    return Status::Unprocessable(
        "Validation failed: description must be at most 200 characters of text");
  IssuedScimToken out;
  out.secret = RandomToken(32);
  out.record.id = ids_.Next();
  out.record.token_hash = Sha256Hex(out.secret);
  out.record.description = description;
  out.record.created_at = NowMillis();
  if (Status s = store_.directory().CreateScimToken(out.record); !s.ok()) return s;
  if (Status s = AuditLog(store_).Record(by, "scim_token.issue", "scim_token",
                                         std::to_string(out.record.id), "", TokenJson(out.record));
      !s.ok())
    return s;
  return out;
}

Result<ScimTokenRecord> ScimTokenService::Verify(std::string_view secret) {
  if (secret.empty())
    return Status::Unauthorized("A provisioning token is required (Authorization: Bearer)");
  auto token = store_.directory().FindScimToken(Sha256Hex(secret));
  if (!token.ok()) {
    if (token.status().code() == Code::kNotFound)
      return Status::Unauthorized("The provisioning token is invalid");
    return token.status();
  }
  if (token->revoked_at != 0)
    return Status::Unauthorized("The provisioning token has been revoked");
  return token;
}

Result<std::vector<ScimTokenRecord>> ScimTokenService::List() {
  return store_.directory().ScimTokens();
}

Result<ScimTokenRecord> ScimTokenService::Revoke(int64_t id, const AuditActor& by) {
  if (Status s = store_.directory().RevokeScimToken(id, NowMillis()); !s.ok()) return s;
  auto tokens = store_.directory().ScimTokens();
  if (!tokens.ok()) return tokens.status();
  for (const ScimTokenRecord& t : *tokens) {
    if (t.id != id) continue;
    if (Status s = AuditLog(store_).Record(by, "scim_token.revoke", "scim_token",
                                           std::to_string(id), "", TokenJson(t));
        !s.ok())
      return s;
    return t;
  }
  return Status::NotFound();
}

}  // namespace atrium
