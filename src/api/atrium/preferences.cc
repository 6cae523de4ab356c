// The member's interface language (the web client's language, stored on
// the account so it follows the member from device to device).
#include "api/atrium/preferences.h"

#include "api/api_helpers.h"

namespace atrium::api {
namespace {

using http::Request;
using http::Response;

Response InterfaceResponse(const Result<MemberPreferences>& p) {
  if (!p.ok()) return ErrorResponse(p.status());
  JsonWriter w;
  w.BeginObject().Key("language");
  if (p->interface_language)
    w.String(*p->interface_language);
  else
    w.Null();
  w.EndObject();
  return Response::Json(200, w.Take());
}

Response GetInterface(ApiContext& ctx, Request& req, const Principal& p) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status s = OnlyParams(*params, {}); !s.ok()) return ErrorResponse(s);
  return InterfaceResponse(PreferenceService(ctx.social.store).Of(p.account.id));
}

Response PatchInterface(ApiContext& ctx, Request& req, const Principal& p) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status s = OnlyParams(*params, {"language"}); !s.ok()) return ErrorResponse(s);
  auto language = params->Get("language");
  if (!language)
    return ErrorResponse(Status::Unprocessable(
        "Validation failed: language is missing",
        "language must be a BCP 47 language tag, or \"\" to follow the browser"));
  return InterfaceResponse(
      PreferenceService(ctx.social.store).SetInterfaceLanguage(p.account.id, *language));
}

}  // namespace

void WritePreferenceMembers(JsonWriter& w, const MemberPreferences& p) {
  w.Field("posting:default:visibility", p.posting_visibility)
      .Field("posting:default:sensitive", p.posting_sensitive)
      .Key("posting:default:language");
  if (p.posting_language)
    w.String(*p.posting_language);
  else
    w.Null();
  w.Key("atrium:interface:language");
  if (p.interface_language)
    w.String(*p.interface_language);
  else
    w.Null();
}

void RegisterPreferenceRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/atrium/preferences/interface",
             Protect(ctx, "read:accounts", [&ctx](Request& req, const Principal& p) {
               return GetInterface(ctx, req, p);
             }));
  router.Add("PATCH", "/api/v1/atrium/preferences/interface",
             Protect(ctx, "write:accounts", [&ctx](Request& req, const Principal& p) {
               return PatchInterface(ctx, req, p);
             }));
}

}  // namespace atrium::api
