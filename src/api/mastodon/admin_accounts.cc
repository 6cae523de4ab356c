// /api/v1/admin/accounts: administering people, in Mastodon's admin API shape
// (the list also as /api/v2/admin/accounts), and Atrium's
// POST /api/v1/atrium/admin/accounts/:id/role.
// The account action (POST /api/v1/admin/accounts/:id/action) is
// ReportService's: "disable" and "suspend" deactivate (access ends at once,
// content stays), "silence" makes the person read-only, "sensitive" marks
// their attachments sensitive, each with a warning they see; "enable" and
// "unsuspend" reactivate, "unsilence" and "unsensitive" lift the limits.
#include "api/api_helpers.h"
#include "api/authenticate.h"
#include "api/mastodon/account_serializer.h"
#include "api/mastodon/report_serializer.h"
#include "api/pagination.h"
#include "api/routes.h"
#include "base/clock.h"
#include "http/params.h"

namespace atrium::api {
// Mastodon's Admin::Account entity.
Result<std::string> AdminAccountJson(ApiContext& ctx, int64_t id) {
  auto snap = ctx.social.accounts.Get(id);
  if (!snap.ok()) return snap.status();
  auto limits = ctx.reports->Limits(id);
  if (!limits.ok()) return limits.status();
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
      .Field("silenced", limits->silenced_at != 0)
      .Field("sensitized", limits->sensitized_at != 0)
      .Field("suspended", !a.active)
      .Key("account")
      .Raw(AccountJson(**snap, base_url))
      .EndObject();
  return w.Take();
}

namespace {

Result<Account> LoadTarget(ApiContext& ctx, const http::Request& req) {
  auto id = ParseId(req.PathParam("id"));
  if (!id) return Status::NotFound();
  return ctx.accounts.Get(*id);
}

// The list of accounts, filtered; `v2` reads API v2's parameters.
http::Response ListAccounts(ApiContext& ctx, http::Request& req, bool v2) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  auto page = ParsePage(*params, 100, 200);
  if (!page.ok()) return ErrorResponse(page.status());
  AccountQuery q;
  bool bad = false;
  if (v2) {
    std::string status = params->GetOr("status", "");
    if (status == "suspended") status = "disabled";
    if (!status.empty() && status != "active" && status != "disabled" && status != "pending" &&
        status != "silenced")
      return ErrorResponse(Status::BadRequest(
          "Invalid status", "status must be active, pending, disabled, silenced or suspended"));
    if (status == "pending" || status == "silenced") return http::Response::Json(200, "[]");
    q.status = status;
    std::string permissions = params->GetOr("permissions", "");
    if (!permissions.empty() && permissions != "staff")
      return ErrorResponse(Status::BadRequest("Invalid permissions", "permissions must be staff"));
    q.staff = permissions == "staff";
    if (params->GetOr("origin", "local") == "remote") return http::Response::Json(200, "[]");
  } else {
    if (params->GetBool("disabled", &bad).value_or(false) ||
        params->GetBool("suspended", &bad).value_or(false))
      q.status = "disabled";
    else if (params->GetBool("active", &bad).value_or(false))
      q.status = "active";
    q.staff = params->GetBool("staff", &bad).value_or(false);
    if (params->GetBool("pending", &bad).value_or(false) ||
        params->GetBool("silenced", &bad).value_or(false) ||
        params->GetBool("remote", &bad).value_or(false))
      return http::Response::Json(200, "[]");
    if (bad) return ErrorResponse(Status::BadRequest("Invalid filter", "filters are booleans"));
  }
  q.role = params->GetOr("role", "");
  if (!q.role.empty() && !IsValidRole(q.role))
    return ErrorResponse(
        Status::BadRequest("Invalid role", "role must be member, moderator or admin"));
  q.username = params->GetOr("username", "");
  q.email = params->GetOr("email", "");
  q.display_name = params->GetOr("display_name", "");
  auto found = ctx.accounts.Query(q, *page);
  if (!found.ok()) return ErrorResponse(found.status());
  std::string body = "[";
  for (const Account& a : *found) {
    auto json = AdminAccountJson(ctx, a.id);
    if (!json.ok()) return ErrorResponse(json.status());
    if (body.size() > 1) body += ',';
    body += *json;
  }
  body += ']';
  http::Response res = http::Response::Json(200, body);
  if (!found->empty()) AddLinkHeader(res, ctx, req, found->front().id, found->back().id);
  return res;
}

// POST /api/v1/admin/accounts/:id/action: what a moderator does about a
// person (ReportService::ActOnAccount says who may do what).
http::Response ActOnAccount(ApiContext& ctx, http::Request& req, const Principal& p) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status s = OnlyParams(
          *params, {"type", "report_id", "warning_preset_id", "text", "send_email_notification"});
      !s.ok())
    return ErrorResponse(s);
  if (params->Has("warning_preset_id"))
    return ErrorResponse(
        Status::Unprocessable("Validation failed: Atrium has no warning presets; send text"));
  auto scope = ctx.reports->ScopeOf(p.account);
  if (!scope.ok()) return ErrorResponse(scope.status());
  if (!scope->Any())
    return ErrorResponse(Status::Forbidden("This action is allowed only to moderators"));
  bool bad = false;
  const std::optional<bool> send_email = BoolParam(*params, "send_email_notification", &bad);
  if (bad)
    return ErrorResponse(
        Status::Unprocessable("Validation failed: send_email_notification is a boolean"));
  atrium::AccountAction action;
  action.type = params->GetOr("type", "");
  action.text = params->GetOr("text", "");
  action.send_email = send_email.value_or(false);
  if (auto text = params->Get("report_id"); text && !text->empty()) {
    auto id = ParseId(*text);
    if (!id) return ErrorResponse(Status::NotFound());
    action.report_id = *id;
  }
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  if (Status s = ctx.reports->ActOnAccount(p.account, *scope, *id, action, AuditActorOf(p, req));
      !s.ok())
    return ErrorResponse(s);
  return http::Response::Json(200, "{}");
}

}  // namespace

void RegisterAdminRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/admin/accounts",
             ProtectAdmin(ctx, "admin:read:accounts", [&ctx](http::Request& req, const Principal&) {
               return ListAccounts(ctx, req, false);
             }));
  router.Add("GET", "/api/v2/admin/accounts",
             ProtectAdmin(ctx, "admin:read:accounts", [&ctx](http::Request& req, const Principal&) {
               return ListAccounts(ctx, req, true);
             }));
  router.Add(
      "POST", "/api/v1/atrium/admin/accounts/:id/role",
      ProtectAdmin(ctx, "admin:write:accounts", [&ctx](http::Request& req, const Principal& p) {
        auto params = http::Params::Parse(req);
        if (!params.ok()) return ErrorResponse(params.status());
        auto a = LoadTarget(ctx, req);
        if (!a.ok()) return ErrorResponse(a.status());
        std::string role = params->GetOr("role", "");
        if (!IsValidRole(role))
          return ErrorResponse(
              Status::Unprocessable("Validation failed: Role must be member, moderator or admin"));
        if (a->id == p.account.id && role != a->role)
          return ErrorResponse(Status::Unprocessable(
              "Validation failed: You cannot change your own role; ask another admin"));
        const AuditActor by = AuditActorOf(p, req);
        if (Status s = ctx.accounts.SetRole(a->id, role, &by); !s.ok()) return ErrorResponse(s);
        auto json = AdminAccountJson(ctx, a->id);
        if (!json.ok()) return ErrorResponse(json.status());
        return http::Response::Json(200, *json);
      }));
  router.Add("GET", "/api/v1/admin/accounts/:id",
             ProtectAdmin(ctx, "admin:read:accounts", [&ctx](http::Request& req, const Principal&) {
               auto a = LoadTarget(ctx, req);
               if (!a.ok()) return ErrorResponse(a.status());
               auto json = AdminAccountJson(ctx, a->id);
               if (!json.ok()) return ErrorResponse(json.status());
               return http::Response::Json(200, *json);
             }));
  router.Add("POST", "/api/v1/admin/accounts/:id/action",
             Protect(ctx, "admin:write:accounts", [&ctx](http::Request& req, const Principal& p) {
               return ActOnAccount(ctx, req, p);
             }));
  for (const char* limit : {"silence", "sensitive"})
    router.Add(
        "POST", std::string("/api/v1/admin/accounts/:id/un") + limit,
        ProtectAdmin(
            ctx, "admin:write:accounts", [&ctx, limit](http::Request& req, const Principal& p) {
              auto a = LoadTarget(ctx, req);
              if (!a.ok()) return ErrorResponse(a.status());
              if (Status s = ctx.reports->Unlimit(a->id, limit, AuditActorOf(p, req)); !s.ok())
                return ErrorResponse(s);
              auto json = AdminAccountJson(ctx, a->id);
              if (!json.ok()) return ErrorResponse(json.status());
              return http::Response::Json(200, *json);
            }));
  auto reactivate = [&ctx](http::Request& req, const Principal& p) {
    auto a = LoadTarget(ctx, req);
    if (!a.ok()) return ErrorResponse(a.status());
    const AuditActor by = AuditActorOf(p, req);
    if (Status s = ctx.accounts.Reactivate(a->id, &by); !s.ok()) return ErrorResponse(s);
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
