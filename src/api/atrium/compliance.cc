// Retention policies and legal holds, for administrators (an Atrium
// extension of the admin API; docs/API.md):
//   GET    /api/v1/atrium/admin/retention
//          -> {posts_days, direct_days, communities: [{community_id, days}]} (null: forever)
//   PUT    /api/v1/atrium/admin/retention              {posts_days?, direct_days?} (JSON; null:
//   forever) PUT    /api/v1/atrium/admin/retention/communities/:id   {days} (JSON; null: forever)
//   DELETE /api/v1/atrium/admin/retention/communities/:id   the community follows the organization
//   again GET    /api/v1/atrium/admin/legal_holds[?active=true] POST
//   /api/v1/atrium/admin/legal_holds             {case_name, account_id | community_id} POST
//   /api/v1/atrium/admin/legal_holds/:id/release
// eDiscovery export jobs (social/export_job_service.h):
//   POST   /api/v1/atrium/admin/exports   {account_id | community_id, from?, to?} -> the job
//   GET    /api/v1/atrium/admin/exports   the jobs, newest first (max_id, limit)
//   GET    /api/v1/atrium/admin/exports/:id            the job, with its progress
//   GET    /api/v1/atrium/admin/exports/:id/download   the archive (application/x-tar)
// Scopes admin:read and admin:write; administrators only. Every change (and
// every export started or downloaded) is audited by the services.
#include <algorithm>
#include <boost/json.hpp>

#include "api/api_helpers.h"
#include "api/authenticate.h"
#include "api/pagination.h"
#include "api/routes.h"
#include "base/clock.h"
#include "base/json_writer.h"
#include "http/content_disposition.h"
#include "social/export_job_service.h"
#include "social/legal_hold_service.h"
#include "social/retention_service.h"

namespace atrium::api {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

void WriteDays(JsonWriter& w, const std::optional<int>& days) {
  if (days)
    w.Int(*days);
  else
    w.Null();
}

std::string PolicyJson(const RetentionPolicy& p) {
  JsonWriter w;
  w.BeginObject().Key("posts_days");
  WriteDays(w, p.posts_days);
  w.Key("direct_days");
  WriteDays(w, p.direct_days);
  w.Key("communities").BeginArray();
  for (const auto& c : p.communities) {
    w.BeginObject().Field("community_id", std::to_string(c.community_id)).Key("days");
    WriteDays(w, c.days);
    w.EndObject();
  }
  w.EndArray().EndObject();
  return w.Take();
}

std::string HoldJson(const LegalHoldRecord& h) {
  JsonWriter w;
  w.BeginObject()
      .Field("id", std::to_string(h.id))
      .Field("case_name", h.case_name)
      .Key("account_id")
      .IdOrNull(h.account_id)
      .Key("community_id")
      .IdOrNull(h.community_id)
      .Key("created_by")
      .IdOrNull(h.created_by)
      .Field("created_at", FormatIso8601(h.created_at))
      .Key("released_by")
      .IdOrNull(h.released_by)
      .Key("released_at");
  if (h.released_at)
    w.String(FormatIso8601(h.released_at));
  else
    w.Null();
  w.Field("active", h.released_at == 0).EndObject();
  return w.Take();
}

// The JSON object of the request's body, every key one of `allowed`; 400
// otherwise.
Result<json::object> JsonObjectBody(const Request& req,
                                    std::initializer_list<std::string_view> allowed) {
  if (req.MediaType() != "application/json")
    return Status::BadRequest("Bad request", "the body must be JSON (application/json)");
  boost::system::error_code ec;
  json::value v = json::parse(req.body, ec);
  if (ec || !v.is_object())
    return Status::BadRequest("Bad request", "the body must be a JSON object");
  for (const auto& [key, value] : v.as_object())
    if (std::find(allowed.begin(), allowed.end(), std::string_view(key)) == allowed.end())
      return Status::BadRequest("Bad request", "unknown field " + std::string(key));
  return std::move(v.as_object());
}

// A period of days: a whole number, or null for forever; 422 otherwise.
Result<std::optional<int>> DaysOf(const json::value& v, std::string_view name) {
  if (v.is_null()) return std::optional<int>();
  if (v.is_int64() && v.get_int64() >= 1 && v.get_int64() <= RetentionService::kMaxDays)
    return std::optional<int>(static_cast<int>(v.get_int64()));
  if (v.is_uint64() && v.get_uint64() >= 1 && v.get_uint64() <= RetentionService::kMaxDays)
    return std::optional<int>(static_cast<int>(v.get_uint64()));
  return Status::Unprocessable("Validation failed: " + std::string(name) + " must be 1 to " +
                               std::to_string(RetentionService::kMaxDays) +
                               " days, or null for forever");
}

Response GetRetention(ApiContext& ctx, Request& req, const Principal&) {
  if (!req.query.empty())
    return Response::Error(400, "Bad request", "GET retention takes no parameters");
  auto p = ctx.retention->Policy();
  if (!p.ok()) return ErrorResponse(p.status());
  return Response::Json(200, PolicyJson(*p));
}

Response PutRetention(ApiContext& ctx, Request& req, const Principal& principal) {
  auto body = JsonObjectBody(req, {"posts_days", "direct_days"});
  if (!body.ok()) return ErrorResponse(body.status());
  RetentionService::OrganizationChange change;
  for (auto [name, field] : {std::pair{"posts_days", &change.posts_days},
                             std::pair{"direct_days", &change.direct_days}}) {
    const json::value* v = body->if_contains(name);
    if (!v) continue;
    auto days = DaysOf(*v, name);
    if (!days.ok()) return ErrorResponse(days.status());
    field->emplace(*days);
  }
  auto p = ctx.retention->SetOrganization(change, AuditActorOf(principal, req));
  if (!p.ok()) return ErrorResponse(p.status());
  return Response::Json(200, PolicyJson(*p));
}

Response PutCommunityRetention(ApiContext& ctx, Request& req, const Principal& principal) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  auto body = JsonObjectBody(req, {"days"});
  if (!body.ok()) return ErrorResponse(body.status());
  const json::value* v = body->if_contains("days");
  if (!v) return ErrorResponse(Status::Unprocessable("Validation failed: days is missing"));
  auto days = DaysOf(*v, "days");
  if (!days.ok()) return ErrorResponse(days.status());
  auto p = ctx.retention->SetCommunity(*id, *days, /*inherit=*/false, AuditActorOf(principal, req));
  if (!p.ok()) return ErrorResponse(p.status());
  return Response::Json(200, PolicyJson(*p));
}

Response DeleteCommunityRetention(ApiContext& ctx, Request& req, const Principal& principal) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  auto p = ctx.retention->SetCommunity(*id, std::nullopt, /*inherit=*/true,
                                       AuditActorOf(principal, req));
  if (!p.ok()) return ErrorResponse(p.status());
  return Response::Json(200, PolicyJson(*p));
}

Response ListHolds(ApiContext& ctx, Request& req, const Principal&) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status s = OnlyParams(*params, {"active"}); !s.ok()) return ErrorResponse(s);
  bool bad = false;
  auto active = BoolParam(*params, "active", &bad);
  if (bad) return ErrorResponse(Status::Unprocessable("Validation failed: active is a boolean"));
  auto holds = ctx.holds->List(active.value_or(false));
  if (!holds.ok()) return ErrorResponse(holds.status());
  JsonWriter w;
  w.BeginArray();
  for (const LegalHoldRecord& h : *holds) w.Raw(HoldJson(h));
  w.EndArray();
  return Response::Json(200, w.Take());
}

Response PlaceHold(ApiContext& ctx, Request& req, const Principal& principal) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status s = OnlyParams(*params, {"case_name", "account_id", "community_id"}); !s.ok())
    return ErrorResponse(s);
  int64_t ids[2] = {0, 0};
  const char* names[2] = {"account_id", "community_id"};
  for (int i = 0; i < 2; ++i) {
    auto text = params->Get(names[i]);
    if (!text) continue;
    auto id = ParseId(*text);
    if (!id) return ErrorResponse(Status::NotFound());
    ids[i] = *id;
  }
  auto hold = ctx.holds->Place(params->GetOr("case_name", ""), ids[0], ids[1],
                               AuditActorOf(principal, req));
  if (!hold.ok()) return ErrorResponse(hold.status());
  return Response::Json(200, HoldJson(*hold));
}

Response ReleaseHold(ApiContext& ctx, Request& req, const Principal& principal) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  auto hold = ctx.holds->Release(*id, AuditActorOf(principal, req));
  if (!hold.ok()) return ErrorResponse(hold.status());
  return Response::Json(200, HoldJson(*hold));
}

const char* ExportStateName(ExportState state) {
  switch (state) {
    case ExportState::kQueued:
      return "queued";
    case ExportState::kRunning:
      return "running";
    case ExportState::kDone:
      return "done";
    case ExportState::kFailed:
      return "failed";
  }
  return "queued";
}

void WriteTimeOrNull(JsonWriter& w, const char* key, int64_t ms) {
  w.Key(key);
  if (ms)
    w.String(FormatIso8601(ms));
  else
    w.Null();
}

std::string ExportJson(const ExportJob& job) {
  const ExportJobRecord& j = job.record;
  JsonWriter w;
  w.BeginObject()
      .Field("id", std::to_string(j.id))
      .Field("state", ExportStateName(j.state))
      .Key("account_id")
      .IdOrNull(j.account_id)
      .Key("community_id")
      .IdOrNull(j.community_id);
  WriteTimeOrNull(w, "from", j.from);
  WriteTimeOrNull(w, "to", j.to);
  w.Key("requested_by")
      .BeginObject()
      .Field("id", std::to_string(j.requested_by))
      .Field("username", job.requested_by_name)
      .EndObject()
      .Key("progress")
      .Raw(j.progress.empty() ? "{}" : j.progress)
      .Field("attempts", j.attempts)
      .Key("error");
  if (j.error.empty())
    w.Null();
  else
    w.String(j.error);
  w.Field("created_at", FormatIso8601(j.created_at));
  WriteTimeOrNull(w, "started_at", j.started_at);
  WriteTimeOrNull(w, "finished_at", j.finished_at);
  w.Key("file");
  if (j.state == ExportState::kDone)
    w.BeginObject()
        .Field("bytes", j.file_bytes)
        .Field("sha256", j.file_sha256)
        .Field("download_url", "/api/v1/atrium/admin/exports/" + std::to_string(j.id) + "/download")
        .EndObject();
  else
    w.Null();
  w.EndObject();
  return w.Take();
}

Response StartExport(ApiContext& ctx, Request& req, const Principal& principal) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status s = OnlyParams(*params, {"account_id", "community_id", "from", "to"}); !s.ok())
    return ErrorResponse(s);
  int64_t ids[2] = {0, 0};
  const char* names[2] = {"account_id", "community_id"};
  for (int i = 0; i < 2; ++i) {
    auto text = params->Get(names[i]);
    if (!text || text->empty()) continue;
    auto id = ParseId(*text);
    if (!id) return ErrorResponse(Status::NotFound());
    ids[i] = *id;
  }
  auto from = TimeParam(*params, "from", false);
  if (!from.ok()) return ErrorResponse(from.status());
  auto to = TimeParam(*params, "to", true);
  if (!to.ok()) return ErrorResponse(to.status());
  auto job = ctx.exports->Start(ids[0], ids[1], *from, *to, AuditActorOf(principal, req));
  if (!job.ok()) return ErrorResponse(job.status());
  return Response::Json(200, ExportJson(*job));
}

Response ListExports(ApiContext& ctx, Request& req, const Principal&) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status s = OnlyParams(*params, {"max_id", "since_id", "min_id", "limit"}); !s.ok())
    return ErrorResponse(s);
  auto page = ParsePage(*params, 20, 80);
  if (!page.ok()) return ErrorResponse(page.status());
  auto jobs = ctx.exports->List(*page);
  if (!jobs.ok()) return ErrorResponse(jobs.status());
  JsonWriter w;
  w.BeginArray();
  for (const ExportJob& j : *jobs) w.Raw(ExportJson(j));
  w.EndArray();
  Response res = Response::Json(200, w.Take());
  if (!jobs->empty()) AddLinkHeader(res, ctx, req, jobs->front().record.id, jobs->back().record.id);
  return res;
}

Response GetExport(ApiContext& ctx, Request& req, const Principal&) {
  if (!req.query.empty())
    return Response::Error(400, "Bad request", "GET an export takes no parameters");
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  auto job = ctx.exports->Get(*id);
  if (!job.ok()) return ErrorResponse(job.status());
  return Response::Json(200, ExportJson(*job));
}

Response DownloadExport(ApiContext& ctx, Request& req, const Principal& principal) {
  if (!req.query.empty())
    return Response::Error(400, "Bad request", "the download takes no parameters");
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  auto file = ctx.exports->Download(*id, AuditActorOf(principal, req));
  if (!file.ok()) return ErrorResponse(file.status());
  auto body = std::make_shared<http::FileBody>();
  body->fd = *file->fd;
  body->owner = file->fd;
  body->offset = 0;
  body->length = file->size;
  Response r;
  r.Set("Content-Type", "application/x-tar");
  r.Set("Content-Disposition", http::AttachmentDisposition(file->file_name));
  r.Set("Cache-Control", "no-store");
  r.Set("X-Content-Type-Options", "nosniff");
  r.file = std::move(body);
  return r;
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

void RegisterComplianceRoutes(http::Router& router, ApiContext& ctx) {
  AddAdmin(router, ctx, "GET", "/api/v1/atrium/admin/retention", "admin:read", GetRetention);
  AddAdmin(router, ctx, "PUT", "/api/v1/atrium/admin/retention", "admin:write", PutRetention);
  AddAdmin(router, ctx, "PUT", "/api/v1/atrium/admin/retention/communities/:id", "admin:write",
           PutCommunityRetention);
  AddAdmin(router, ctx, "DELETE", "/api/v1/atrium/admin/retention/communities/:id", "admin:write",
           DeleteCommunityRetention);
  AddAdmin(router, ctx, "GET", "/api/v1/atrium/admin/legal_holds", "admin:read", ListHolds);
  AddAdmin(router, ctx, "POST", "/api/v1/atrium/admin/legal_holds", "admin:write", PlaceHold);
  AddAdmin(router, ctx, "POST", "/api/v1/atrium/admin/legal_holds/:id/release", "admin:write",
           ReleaseHold);
  AddAdmin(router, ctx, "POST", "/api/v1/atrium/admin/exports", "admin:write", StartExport);
  AddAdmin(router, ctx, "GET", "/api/v1/atrium/admin/exports", "admin:read", ListExports);
  AddAdmin(router, ctx, "GET", "/api/v1/atrium/admin/exports/:id", "admin:read", GetExport);
  AddAdmin(router, ctx, "GET", "/api/v1/atrium/admin/exports/:id/download", "admin:read",
           DownloadExport);
}

}  // namespace atrium::api
