// Reports and the moderators' queue, in Mastodon's API shape (docs/API.md):
//   POST /api/v1/reports                      a member reports a person (and posts)
//   GET  /api/v1/instance/rules               the organization's rules
//   GET  /api/v1/admin/reports[/:id]          the queue (a moderator's scope only)
//   POST /api/v1/admin/reports/:id/assign_to_self|unassign|resolve|reopen
// and Atrium's own:
//   POST /api/v1/atrium/admin/reports/:id/remove_statuses   {status_ids[], reason}
//   GET|POST /api/v1/atrium/admin/rules, PUT|DELETE /api/v1/atrium/admin/rules/:id
// The queue answers site administrators and moderators, and a community's
// owners and moderators for their community's reports; anyone else 403.
#include "api/api_helpers.h"
#include "api/authenticate.h"
#include "api/mastodon/report_serializer.h"
#include "api/pagination.h"
#include "api/routes.h"
#include "http/params.h"

namespace atrium::api {
namespace {

using http::Request;
using http::Response;

// Ids of the list `name`; nullopt (after 422 in *error) when one is not an id.
std::optional<std::vector<int64_t>> IdList(const http::Params& params, const char* name,
                                           Status* error) {
  std::vector<int64_t> ids;
  for (const std::string& text : params.GetAll(name)) {
    auto id = ParseId(text);
    if (!id) {
      *error = Status::Unprocessable(std::string("Validation failed: ") + name +
                                     " holds something that is not an id");
      return std::nullopt;
    }
    ids.push_back(*id);
  }
  return ids;
}

Response CreateReport(ApiContext& ctx, Request& req, const Principal& p) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status s = OnlyParams(*params, {"account_id", "status_ids", "comment", "category", "rule_ids",
                                      "forward", "forward_to_domains"});
      !s.ok())
    return ErrorResponse(s);
  ReportInput in;
  auto account_id = params->Get("account_id");
  if (!account_id || account_id->empty())
    return ErrorResponse(Status::Unprocessable("Validation failed: account_id is missing"));
  auto target = ParseId(*account_id);
  if (!target) return ErrorResponse(Status::NotFound());
  in.target_account_id = *target;
  Status error;
  auto statuses = IdList(*params, "status_ids", &error);
  if (!statuses) return ErrorResponse(error);
  in.status_ids = std::move(*statuses);
  auto rules = IdList(*params, "rule_ids", &error);
  if (!rules) return ErrorResponse(error);
  in.rule_ids = std::move(*rules);
  in.comment = params->GetOr("comment", "");
  in.category = params->GetOr("category", "");
  // `forward` asks to send a copy to the person's server: everyone is on
  // this one, so there is nothing to forward. Accepted (a boolean) and
  // ignored; forwarded stays false.
  bool bad = false;
  BoolParam(*params, "forward", &bad);
  if (bad) return ErrorResponse(Status::Unprocessable("Validation failed: forward is a boolean"));
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  auto report = ctx.reports->Create(p.account, in, AuditActorOf(p, req));
  if (!report.ok()) return ErrorResponse(report.status());
  return JsonOr(ReportJson(ctx, *viewer, *report));
}

Response InstanceRules(ApiContext& ctx, Request& req, const Principal&) {
  if (!req.query.empty())
    return Response::Error(400, "Bad request", "GET rules takes no parameters");
  auto rules = ctx.reports->Rules();
  if (!rules.ok()) return ErrorResponse(rules.status());
  return Response::Json(200, RulesJson(*rules));
}

using ModerationHandler = Response (*)(ApiContext&, Request&, const Principal&,
                                       const ModerationScope&);

// Runs `handler` for a moderator of something (403 for anyone else).
http::Handler ProtectModeration(ApiContext& ctx, const char* scope, ModerationHandler handler) {
  return Protect(ctx, scope, [&ctx, handler](Request& req, const Principal& p) {
    auto moderates = ctx.reports->ScopeOf(p.account);
    if (!moderates.ok()) return ErrorResponse(moderates.status());
    if (!moderates->Any())
      return ErrorResponse(Status::Forbidden("This action is allowed only to moderators"));
    return handler(ctx, req, p, *moderates);
  });
}

Response AdminReport(ApiContext& ctx, const Principal& p, const Result<ReportRecord>& report) {
  if (!report.ok()) return ErrorResponse(report.status());
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  return JsonOr(AdminReportJson(ctx, *viewer, *report));
}

// An optional id filter; nullopt (after 422 in *error) when not an id.
std::optional<int64_t> IdFilter(const http::Params& params, const char* name, Status* error) {
  auto text = params.Get(name);
  if (!text || text->empty()) return 0;
  auto id = ParseId(*text);
  if (!id) {
    *error = Status::Unprocessable(std::string("Validation failed: ") + name + " is not an id");
    return std::nullopt;
  }
  return *id;
}

Response ListReports(ApiContext& ctx, Request& req, const Principal& p,
                     const ModerationScope& scope) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status s = OnlyParams(*params, {"resolved", "account_id", "target_account_id", "max_id",
                                      "since_id", "min_id", "limit"});
      !s.ok())
    return ErrorResponse(s);
  auto page = ParsePage(*params, 100, 200);
  if (!page.ok()) return ErrorResponse(page.status());
  ReportQuery query;
  bool bad = false;
  query.resolved = BoolParam(*params, "resolved", &bad).value_or(false);
  if (bad) return ErrorResponse(Status::Unprocessable("Validation failed: resolved is a boolean"));
  Status error;
  auto account_id = IdFilter(*params, "account_id", &error);
  if (!account_id) return ErrorResponse(error);
  auto target_id = IdFilter(*params, "target_account_id", &error);
  if (!target_id) return ErrorResponse(error);
  query.account_id = *account_id;
  query.target_account_id = *target_id;
  auto reports = ctx.reports->List(scope, query, *page);
  if (!reports.ok()) return ErrorResponse(reports.status());
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  std::string body = "[";
  for (const ReportRecord& r : *reports) {
    auto json = AdminReportJson(ctx, *viewer, r);
    if (!json.ok()) return ErrorResponse(json.status());
    if (body.size() > 1) body += ',';
    body += *json;
  }
  body += ']';
  Response res = Response::Json(200, body);
  if (!reports->empty()) AddLinkHeader(res, ctx, req, reports->front().id, reports->back().id);
  return res;
}

Response GetReport(ApiContext& ctx, Request& req, const Principal& p,
                   const ModerationScope& scope) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  return AdminReport(ctx, p, ctx.reports->Get(scope, *id));
}

// The steps that take no parameters: assign_to_self, unassign, resolve, reopen.
template <bool kAssign, bool kOn>
Response ReportStep(ApiContext& ctx, Request& req, const Principal& p,
                    const ModerationScope& scope) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status s = OnlyParams(*params, {}); !s.ok()) return ErrorResponse(s);
  const AuditActor by = AuditActorOf(p, req);
  if constexpr (kAssign)
    return AdminReport(ctx, p, ctx.reports->Assign(p.account, scope, *id, kOn, by));
  else
    return AdminReport(ctx, p, ctx.reports->Resolve(p.account, scope, *id, kOn, by));
}

Response RemoveStatuses(ApiContext& ctx, Request& req, const Principal& p,
                        const ModerationScope& scope) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status s = OnlyParams(*params, {"status_ids", "reason"}); !s.ok()) return ErrorResponse(s);
  Status error;
  auto ids = IdList(*params, "status_ids", &error);
  if (!ids) return ErrorResponse(error);
  return AdminReport(
      ctx, p,
      ctx.reports->RemoveStatuses(p.account, scope, *id, *ids, params->GetOr("reason", ""),
                                  AuditActorOf(p, req)));
}

// A rule's text and hint from the request; 422 for other parameters.
Result<std::pair<std::string, std::string>> RuleParams(const Request& req) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return params.status();
  if (Status s = OnlyParams(*params, {"text", "hint"}); !s.ok()) return s;
  return std::pair{params->GetOr("text", ""), params->GetOr("hint", "")};
}

Response AdminRules(ApiContext& ctx, Request& req, const Principal&) {
  if (!req.query.empty())
    return Response::Error(400, "Bad request", "GET rules takes no parameters");
  auto rules = ctx.reports->Rules();
  if (!rules.ok()) return ErrorResponse(rules.status());
  return Response::Json(200, RulesJson(*rules));
}

Response AddRule(ApiContext& ctx, Request& req, const Principal& p) {
  auto in = RuleParams(req);
  if (!in.ok()) return ErrorResponse(in.status());
  auto rule = ctx.reports->AddRule(in->first, in->second, AuditActorOf(p, req));
  if (!rule.ok()) return ErrorResponse(rule.status());
  return Response::Json(200, RuleJson(*rule));
}

Response UpdateRule(ApiContext& ctx, Request& req, const Principal& p) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  auto in = RuleParams(req);
  if (!in.ok()) return ErrorResponse(in.status());
  auto rule = ctx.reports->UpdateRule(*id, in->first, in->second, AuditActorOf(p, req));
  if (!rule.ok()) return ErrorResponse(rule.status());
  return Response::Json(200, RuleJson(*rule));
}

Response DeleteRule(ApiContext& ctx, Request& req, const Principal& p) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  if (Status s = ctx.reports->DeleteRule(*id, AuditActorOf(p, req)); !s.ok())
    return ErrorResponse(s);
  return Response::Json(200, "{}");
}

using AdminHandler = Response (*)(ApiContext&, Request&, const Principal&);

void AddAdmin(http::Router& router, ApiContext& ctx, const char* method, const char* path,
              const char* scope, AdminHandler handler) {
  router.Add(method, path,
             ProtectAdmin(ctx, scope, [&ctx, handler](Request& req, const Principal& p) {
               return handler(ctx, req, p);
             }));
}

}  // namespace

void RegisterReportRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("POST", "/api/v1/reports",
             Protect(ctx, "write:reports", [&ctx](Request& req, const Principal& p) {
               return CreateReport(ctx, req, p);
             }));
  router.Add("GET", "/api/v1/instance/rules",
             Protect(ctx, "", [&ctx](Request& req, const Principal& p) {
               return InstanceRules(ctx, req, p);
             }));
  router.Add("GET", "/api/v1/admin/reports",
             ProtectModeration(ctx, "admin:read:reports", ListReports));
  router.Add("GET", "/api/v1/admin/reports/:id",
             ProtectModeration(ctx, "admin:read:reports", GetReport));
  router.Add("POST", "/api/v1/admin/reports/:id/assign_to_self",
             ProtectModeration(ctx, "admin:write:reports", ReportStep<true, true>));
  router.Add("POST", "/api/v1/admin/reports/:id/unassign",
             ProtectModeration(ctx, "admin:write:reports", ReportStep<true, false>));
  router.Add("POST", "/api/v1/admin/reports/:id/resolve",
             ProtectModeration(ctx, "admin:write:reports", ReportStep<false, true>));
  router.Add("POST", "/api/v1/admin/reports/:id/reopen",
             ProtectModeration(ctx, "admin:write:reports", ReportStep<false, false>));
  router.Add("POST", "/api/v1/atrium/admin/reports/:id/remove_statuses",
             ProtectModeration(ctx, "admin:write:reports", RemoveStatuses));
  AddAdmin(router, ctx, "GET", "/api/v1/atrium/admin/rules", "admin:read", AdminRules);
  AddAdmin(router, ctx, "POST", "/api/v1/atrium/admin/rules", "admin:write", AddRule);
  AddAdmin(router, ctx, "PUT", "/api/v1/atrium/admin/rules/:id", "admin:write", UpdateRule);
  AddAdmin(router, ctx, "DELETE", "/api/v1/atrium/admin/rules/:id", "admin:write", DeleteRule);
}

}  // namespace atrium::api
