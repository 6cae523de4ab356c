// The organization's announcements, as members read them:
//   GET    /api/v1/announcements                     those in force, with read and reactions
//   POST   /api/v1/announcements/:id/dismiss         marks one read
//   PUT    /api/v1/announcements/:id/reactions/:name adds the member's emoji reaction
//   DELETE /api/v1/announcements/:id/reactions/:name removes it
// Administrators publish them at /api/v1/atrium/admin/announcements
// (api/atrium/admin_announcements.cc).
#include "api/api_helpers.h"
#include "api/mastodon/announcement_serializer.h"
#include "api/routes.h"

namespace atrium::api {
namespace {

using http::Request;
using http::Response;

Response List(ApiContext& ctx, Request& req, const Principal& p) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status s = OnlyParams(*params, {}); !s.ok()) return ErrorResponse(s);
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  auto list = ctx.announcements->InForce(*viewer);
  if (!list.ok()) return ErrorResponse(list.status());
  JsonWriter w;
  w.BeginArray();
  for (const auto& v : *list) WriteAnnouncement(w, v);
  w.EndArray();
  return Response::Json(200, w.Take());
}

Response Dismiss(ApiContext& ctx, Request& req, const Principal& p) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  if (Status s = ctx.announcements->Dismiss(*viewer, *id); !s.ok()) return ErrorResponse(s);
  return Response::Json(200, "{}");
}

template <bool kAdd>
Response Reaction(ApiContext& ctx, Request& req, const Principal& p) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  const std::string& name = req.PathParam("name");
  Status s = kAdd ? ctx.announcements->React(*viewer, *id, name)
                  : ctx.announcements->Unreact(*viewer, *id, name);
  if (!s.ok()) return ErrorResponse(s);
  return Response::Json(200, "{}");
}

template <Response (*Fn)(ApiContext&, Request&, const Principal&)>
http::Handler Bound(ApiContext& ctx, const char* scope) {
  return Protect(ctx, scope, [&ctx](Request& req, const Principal& p) { return Fn(ctx, req, p); });
}

}  // namespace

void RegisterAnnouncementRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/announcements", Bound<List>(ctx, "read"));
  router.Add("POST", "/api/v1/announcements/:id/dismiss", Bound<Dismiss>(ctx, "write:accounts"));
  router.Add("PUT", "/api/v1/announcements/:id/reactions/:name",
             Bound<Reaction<true>>(ctx, "write:favourites"));
  router.Add("DELETE", "/api/v1/announcements/:id/reactions/:name",
             Bound<Reaction<false>>(ctx, "write:favourites"));
}

}  // namespace atrium::api
