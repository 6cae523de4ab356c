// The audit log, for administrators (read-only: no route edits or removes
// an entry):
//   GET /api/v1/atrium/admin/audit   newest first; filters actor (an account
//       id), target (a target's id) with target_type, action, from and to
//       (ISO 8601, UTC; from inclusive, to exclusive, a date alone as `to`
//       taking in that whole day); paged by max_id,
//       since_id, min_id (entry ids) and limit (default 40, at most 200).
// Scope admin:read; administrators only (403 for everyone else).
#include "api/api_helpers.h"
#include "api/pagination.h"
#include "api/routes.h"
#include "base/clock.h"
#include "base/json_writer.h"

namespace atrium::api {
namespace {

using http::Request;
using http::Response;

std::string EntryJson(const AuditEntry& e) {
  JsonWriter w;
  w.BeginObject()
      .Field("id", std::to_string(e.seq))
      .Field("created_at", FormatIso8601(e.created_at))
      .Key("actor_id")
      .IdOrNull(e.actor_id)
      .Field("actor", e.actor)
      .Field("action", e.action)
      .Field("target_type", e.target_type)
      .Field("target_id", e.target_id)
      .Field("request_id", e.request_id)
      .Key("before");
  if (e.before.empty())
    w.Null();
  else
    w.Raw(e.before);
  w.Key("after");
  if (e.after.empty())
    w.Null();
  else
    w.Raw(e.after);
  w.Field("prev_hash", e.prev_hash).Field("hash", e.hash).EndObject();
  return w.Take();
}

Response ListAudit(ApiContext& ctx, Request& req) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status s = OnlyParams(*params, {"actor", "target", "target_type", "action", "from", "to",
                                      "max_id", "since_id", "min_id", "limit"});
      !s.ok())
    return ErrorResponse(s);
  auto page = ParsePage(*params, 40, 200);
  if (!page.ok()) return ErrorResponse(page.status());
  AuditQuery q;
  if (std::string actor = params->GetOr("actor", ""); !actor.empty()) {
    auto id = ParseId(actor);
    if (!id)
      return ErrorResponse(Status::BadRequest("Invalid actor", "actor must be an account id"));
    q.actor_id = *id;
  }
  q.target_id = params->GetOr("target", "");
  q.target_type = params->GetOr("target_type", "");
  q.action = params->GetOr("action", "");
  auto from = TimeParam(*params, "from", false);
  if (!from.ok()) return ErrorResponse(from.status());
  auto to = TimeParam(*params, "to", true);
  if (!to.ok()) return ErrorResponse(to.status());
  q.from = *from;
  q.to = *to;
  auto entries = ctx.audit.Query(q, *page);
  if (!entries.ok()) return ErrorResponse(entries.status());
  JsonWriter w;
  w.BeginArray();
  for (const AuditEntry& e : *entries) w.Raw(EntryJson(e));
  w.EndArray();
  Response res = Response::Json(200, w.Take());
  if (!entries->empty()) AddLinkHeader(res, ctx, req, entries->front().seq, entries->back().seq);
  return res;
}

}  // namespace

void RegisterAuditRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/atrium/admin/audit",
             ProtectAdmin(ctx, "admin:read",
                          [&ctx](Request& req, const Principal&) { return ListAudit(ctx, req); }));
}

}  // namespace atrium::api
