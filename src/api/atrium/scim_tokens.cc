// SCIM provisioning tokens, for administrators (an Atrium extension of the
// admin API; the `atrium scim-token` command does the same):
//   POST   /api/v1/admin/scim_tokens       {description} -> {id, token, description, created_at}
//                                          (the token is shown only here)
//   GET    /api/v1/admin/scim_tokens       every token, revoked ones too, without secrets
//   DELETE /api/v1/admin/scim_tokens/:id   revokes; answers the revoked token
// Scopes admin:write and admin:read; administrators only.
#include "api/api_helpers.h"
#include "api/routes.h"
#include "base/clock.h"
#include "base/json_writer.h"
#include "social/scim_token_service.h"

namespace atrium::api {
namespace {

using http::Request;
using http::Response;

// The token's fields, without its secret, as members of an open object.
void WriteTokenFields(JsonWriter& w, const ScimTokenRecord& t) {
  w.Field("id", std::to_string(t.id))
      .Field("description", t.description)
      .Field("created_at", FormatIso8601(t.created_at))
      .Key("revoked_at");
  if (t.revoked_at != 0)
    w.String(FormatIso8601(t.revoked_at));
  else
    w.Null();
}

std::string TokenJson(const ScimTokenRecord& t) {
  JsonWriter w;
  w.BeginObject();
  WriteTokenFields(w, t);
  w.EndObject();
  return w.Take();
}

}  // namespace

void RegisterScimTokenRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("POST", "/api/v1/admin/scim_tokens",
             ProtectAdmin(ctx, "admin:write", [&ctx](Request& req, const Principal& p) {
               auto params = http::Params::Parse(req);
               if (!params.ok()) return ErrorResponse(params.status());
               auto issued =
                   ctx.scim_tokens.Issue(params->GetOr("description", ""), AuditActorOf(p, req));
               if (!issued.ok()) return ErrorResponse(issued.status());
               JsonWriter w;
               w.BeginObject();
               WriteTokenFields(w, issued->record);
               w.Field("token", issued->secret).EndObject();
               return Response::Json(200, w.Take());
             }));
  router.Add("GET", "/api/v1/admin/scim_tokens",
             ProtectAdmin(ctx, "admin:read", [&ctx](Request&, const Principal&) {
               auto tokens = ctx.scim_tokens.List();
               if (!tokens.ok()) return ErrorResponse(tokens.status());
               JsonWriter w;
               w.BeginArray();
               for (const ScimTokenRecord& t : *tokens) w.Raw(TokenJson(t));
               w.EndArray();
               return Response::Json(200, w.Take());
             }));
  router.Add("DELETE", "/api/v1/admin/scim_tokens/:id",
             ProtectAdmin(ctx, "admin:write", [&ctx](Request& req, const Principal& p) {
               auto id = PathId(req);
               if (!id) return ErrorResponse(Status::NotFound());
               auto revoked = ctx.scim_tokens.Revoke(*id, AuditActorOf(p, req));
               if (!revoked.ok()) return ErrorResponse(revoked.status());
               return Response::Json(200, TokenJson(*revoked));
             }));
}

}  // namespace atrium::api
