// Announcements for administrators (an Atrium route; members read them at
// /api/v1/announcements). Each change is recorded in the audit log.
//   GET    /api/v1/atrium/admin/announcements      every one, scheduled ones too
//   POST   /api/v1/atrium/admin/announcements      text (Markdown), starts_at, ends_at,
//                                                  all_day, scheduled_at (ISO 8601; absent:
//                                                  now) -> the Announcement
//   PUT    /api/v1/atrium/admin/announcements/:id  the same fields, replaced
//   DELETE /api/v1/atrium/admin/announcements/:id  withdraws it
#include "api/api_helpers.h"
#include "api/mastodon/announcement_serializer.h"
#include "api/routes.h"
#include "base/clock.h"

namespace atrium::api {
namespace {

using http::Request;
using http::Response;

// An ISO 8601 time parameter: 0 when absent or empty, 422 when not a time.
Result<int64_t> TimeParam(const http::Params& params, const char* name) {
  auto text = params.Get(name);
  if (!text || text->empty()) return int64_t{0};
  auto t = ParseIso8601(*text);
  if (!t)
    return Status::Unprocessable(std::string("Validation failed: ") + name +
                                 " must be an ISO 8601 time");
  return *t;
}

Result<AnnouncementInput> ReadInput(Request& req) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return params.status();
  if (Status s = OnlyParams(*params, {"text", "starts_at", "ends_at", "all_day", "scheduled_at"});
      !s.ok())
    return s;
  AnnouncementInput in;
  in.text = params->GetOr("text", "");
  bool bad = false;
  in.all_day = BoolParam(*params, "all_day", &bad).value_or(false);
  if (bad) return Status::Unprocessable("Validation failed: all_day must be a boolean");
  for (auto [name, field] : {std::pair{"starts_at", &AnnouncementInput::starts_at},
                             std::pair{"ends_at", &AnnouncementInput::ends_at},
                             std::pair{"scheduled_at", &AnnouncementInput::scheduled_at}}) {
    auto t = TimeParam(*params, name);
    if (!t.ok()) return t.status();
    in.*field = *t;
  }
  return in;
}

Response Answer(const AnnouncementRecord& a) {
  JsonWriter w;
  WriteAnnouncement(w, AnnouncementView{a, false, {}}, true, NowMillis());
  return Response::Json(200, w.Take());
}

Response List(ApiContext& ctx, Request& req, const Principal& p) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status s = OnlyParams(*params, {}); !s.ok()) return ErrorResponse(s);
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  auto all = ctx.announcements->All(*viewer);
  if (!all.ok()) return ErrorResponse(all.status());
  const int64_t now = NowMillis();
  JsonWriter w;
  w.BeginArray();
  for (const auto& v : *all) WriteAnnouncement(w, v, true, now);
  w.EndArray();
  return Response::Json(200, w.Take());
}

Response Publish(ApiContext& ctx, Request& req, const Principal& p) {
  auto in = ReadInput(req);
  if (!in.ok()) return ErrorResponse(in.status());
  auto a = ctx.announcements->Publish(AuditActorOf(p, req), *in);
  if (!a.ok()) return ErrorResponse(a.status());
  return Answer(*a);
}

Response Edit(ApiContext& ctx, Request& req, const Principal& p) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  auto in = ReadInput(req);
  if (!in.ok()) return ErrorResponse(in.status());
  auto a = ctx.announcements->Edit(AuditActorOf(p, req), *id, *in);
  if (!a.ok()) return ErrorResponse(a.status());
  return Answer(*a);
}

Response Withdraw(ApiContext& ctx, Request& req, const Principal& p) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  if (Status s = ctx.announcements->Withdraw(AuditActorOf(p, req), *id); !s.ok())
    return ErrorResponse(s);
  return Response::Json(200, "{}");
}

template <Response (*Fn)(ApiContext&, Request&, const Principal&)>
http::Handler Admin(ApiContext& ctx, const char* scope) {
  return ProtectAdmin(ctx, scope,
                      [&ctx](Request& req, const Principal& p) { return Fn(ctx, req, p); });
}

}  // namespace

void RegisterAdminAnnouncementRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/atrium/admin/announcements", Admin<List>(ctx, "admin:read"));
  router.Add("POST", "/api/v1/atrium/admin/announcements", Admin<Publish>(ctx, "admin:write"));
  router.Add("PUT", "/api/v1/atrium/admin/announcements/:id", Admin<Edit>(ctx, "admin:write"));
  router.Add("DELETE", "/api/v1/atrium/admin/announcements/:id",
             Admin<Withdraw>(ctx, "admin:write"));
}

}  // namespace atrium::api
