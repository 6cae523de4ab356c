// /api/v1/admin/accounts: administering people, in Mastodon's admin API shape.
// Atrium maps Mastodon's "disable" and "suspend" actions to deactivation
// (access ends at once, content stays) and "enable"/"unsuspend" to
// reactivation.
#include "api/authenticate.h"
#include "api/mastodon/account_serializer.h"
#include "api/routes.h"
#include "base/clock.h"
#include "http/params.h"

namespace atrium::api {
namespace {

// Mastodon's Admin::Account entity.
Result<std::string> AdminAccountJson(ApiContext& ctx, int64_t id) {
  auto snap = ctx.social.accounts.Get(id);
  if (!snap.ok()) return snap.status();
  const Account& a = (*snap)->account;
  const std::string base_url = ctx.settings.BaseUrl();
  JsonWriter w;
  w.BeginObject()
      .Field("id", std::to_string(a.id))
      .Field("username", a.username)
      .Key("domain")
      .Null()
      .Field("created_at", FormatIso8601(a.created_at))
      .Field("email", a.email)
      .Key("ip")
      .Null()
      .Key("ips")
      .BeginArray()
      .EndArray()
      .Key("locale")
      .Null()
      .Key("invite_request")
      .Null()
      .Key("role")
      .BeginObject()
      .Field("name", a.role)
      .EndObject()
      .Field("confirmed", true)
      .Field("approved", true)
      .Field("disabled", !a.active)
      .Field("silenced", false)
      .Field("suspended", !a.active)
      .Key("account")
      .Raw(AccountJson(**snap, base_url))
      .EndObject();
  return w.Take();
}

Result<Account> LoadTarget(ApiContext& ctx, const http::Request& req) {
  auto id = ParseId(req.PathParam("id"));
  if (!id) return Status::NotFound();
  return ctx.accounts.Get(*id);
}

}  // namespace

void RegisterAdminRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/admin/accounts/:id",
             ProtectAdmin(ctx, "admin:read:accounts", [&ctx](http::Request& req, Principal&) {
               auto a = LoadTarget(ctx, req);
               if (!a.ok()) return ErrorResponse(a.status());
               auto json = AdminAccountJson(ctx, a->id);
               if (!json.ok()) return ErrorResponse(json.status());
               return http::Response::Json(200, *json);
             }));
  router.Add(
      "POST", "/api/v1/admin/accounts/:id/action",
      ProtectAdmin(ctx, "admin:write:accounts", [&ctx](http::Request& req, Principal& p) {
        auto params = http::Params::Parse(req);
        if (!params.ok()) return ErrorResponse(params.status());
        auto a = LoadTarget(ctx, req);
        if (!a.ok()) return ErrorResponse(a.status());
        std::string type = params->GetOr("type", "");
        if (type != "disable" && type != "suspend" && type != "none" && type != "silence" &&
            type != "sensitive")
          return ErrorResponse(Status::Unprocessable(
              "Validation failed: Type must be none, sensitive, disable, silence or suspend"));
        if (type == "disable" || type == "suspend") {
          if (a->id == p.account.id)
            return ErrorResponse(Status::Unprocessable("You cannot deactivate your own account"));
          if (Status s = ctx.accounts.Deactivate(a->id); !s.ok()) return ErrorResponse(s);
        }
        return http::Response::Json(200, "{}");
      }));
  auto reactivate = [&ctx](http::Request& req, Principal&) {
    auto a = LoadTarget(ctx, req);
    if (!a.ok()) return ErrorResponse(a.status());
    if (Status s = ctx.accounts.Reactivate(a->id); !s.ok()) return ErrorResponse(s);
    auto json = AdminAccountJson(ctx, a->id);
    if (!json.ok()) return ErrorResponse(json.status());
    return http::Response::Json(200, *json);
  };
  router.Add("POST", "/api/v1/admin/accounts/:id/enable",
             ProtectAdmin(ctx, "admin:write:accounts", reactivate));
  router.Add("POST", "/api/v1/admin/accounts/:id/unsuspend",
             ProtectAdmin(ctx, "admin:write:accounts", reactivate));
}

}  // namespace atrium::api
