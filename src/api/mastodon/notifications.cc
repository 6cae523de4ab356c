// /api/v1/notifications and the grouped /api/v2/notifications.
#include "api/api_helpers.h"
#include "api/mastodon/renderer.h"
#include "api/pagination.h"
#include "api/routes.h"

namespace atrium::api {
namespace {

using http::Request;
using http::Response;

struct Listing {
  Viewer viewer;
  std::vector<NotificationRecord> items;
  std::vector<std::string> grouped_types;
};

Result<Listing> ListFor(ApiContext& ctx, Request& req, Principal& p, int default_limit, int max_limit) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return params.status();
  auto page = ParsePage(*params, default_limit, max_limit);
  if (!page.ok()) return page.status();
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return viewer.status();
  auto items = ctx.notifications.List(*viewer, params->GetAll("types"), params->GetAll("exclude_types"), *page);
  if (!items.ok()) return items.status();
  return Listing{*viewer, std::move(items).value(), params->GetAll("grouped_types")};
}

void Link(Response& res, ApiContext& ctx, const Request& req, const std::vector<NotificationRecord>& items) {
  if (!items.empty()) AddLinkHeader(res, ctx, req, items.front().id, items.back().id);
}

}  // namespace

void RegisterNotificationRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/notifications", Protect(ctx, "read:notifications", [&ctx](Request& req, Principal& p) {
               auto l = ListFor(ctx, req, p, 40, 80);
               if (!l.ok()) return ErrorResponse(l.status());
               Response res = JsonOr(Renderer(ctx, l->viewer).Notifications(l->items));
               Link(res, ctx, req, l->items);
               return res;
             }));
  router.Add("GET", "/api/v1/notifications/unread_count",
             Protect(ctx, "read:notifications", [&ctx](Request& req, Principal& p) {
               auto params = http::Params::Parse(req);
               if (!params.ok()) return ErrorResponse(params.status());
               auto viewer = ViewerOf(ctx, p);
               if (!viewer.ok()) return ErrorResponse(viewer.status());
               auto n = ctx.notifications.UnreadCount(*viewer, 100);
               if (!n.ok()) return ErrorResponse(n.status());
               return Response::Json(200, "{\"count\":" + std::to_string(*n) + "}");
             }));
  router.Add("GET", "/api/v1/notifications/:id", Protect(ctx, "read:notifications", [&ctx](Request& req, Principal& p) {
               auto id = PathId(req);
               if (!id) return ErrorResponse(Status::NotFound());
               auto viewer = ViewerOf(ctx, p);
               if (!viewer.ok()) return ErrorResponse(viewer.status());
               auto n = ctx.notifications.Get(*viewer, *id);
               if (!n.ok()) return ErrorResponse(n.status());
               return JsonOr(Renderer(ctx, *viewer).Notification(*n));
             }));
  router.Add("POST", "/api/v1/notifications/clear", Protect(ctx, "write:notifications", [&ctx](Request&, Principal& p) {
               auto viewer = ViewerOf(ctx, p);
               if (!viewer.ok()) return ErrorResponse(viewer.status());
               if (Status s = ctx.notifications.Clear(*viewer); !s.ok()) return ErrorResponse(s);
               return Response::Json(200, "{}");
             }));
  router.Add("POST", "/api/v1/notifications/:id/dismiss",
             Protect(ctx, "write:notifications", [&ctx](Request& req, Principal& p) {
               auto id = PathId(req);
               if (!id) return ErrorResponse(Status::NotFound());
               auto viewer = ViewerOf(ctx, p);
               if (!viewer.ok()) return ErrorResponse(viewer.status());
               if (Status s = ctx.notifications.Dismiss(*viewer, *id); !s.ok()) return ErrorResponse(s);
               return Response::Json(200, "{}");
             }));

  // API v2: grouped.
  router.Add("GET", "/api/v2/notifications", Protect(ctx, "read:notifications", [&ctx](Request& req, Principal& p) {
               auto l = ListFor(ctx, req, p, 40, 80);
               if (!l.ok()) return ErrorResponse(l.status());
               Response res = JsonOr(Renderer(ctx, l->viewer).GroupedNotifications(l->items, l->grouped_types));
               Link(res, ctx, req, l->items);
               return res;
             }));
  router.Add("GET", "/api/v2/notifications/unread_count",
             Protect(ctx, "read:notifications", [&ctx](Request&, Principal& p) {
               auto viewer = ViewerOf(ctx, p);
               if (!viewer.ok()) return ErrorResponse(viewer.status());
               auto n = ctx.notifications.UnreadCount(*viewer, 100);
               if (!n.ok()) return ErrorResponse(n.status());
               return Response::Json(200, "{\"count\":" + std::to_string(*n) + "}");
             }));
  router.Add("GET", "/api/v2/notifications/:group_key",
             Protect(ctx, "read:notifications", [&ctx](Request& req, Principal& p) {
               auto viewer = ViewerOf(ctx, p);
               if (!viewer.ok()) return ErrorResponse(viewer.status());
               auto group = ctx.notifications.Group(*viewer, req.PathParam("group_key"));
               if (!group.ok()) return ErrorResponse(group.status());
               return JsonOr(Renderer(ctx, *viewer).GroupedNotifications(*group, {}));
             }));
  router.Add("POST", "/api/v2/notifications/:group_key/dismiss",
             Protect(ctx, "write:notifications", [&ctx](Request& req, Principal& p) {
               auto viewer = ViewerOf(ctx, p);
               if (!viewer.ok()) return ErrorResponse(viewer.status());
               if (Status s = ctx.notifications.DismissGroup(*viewer, req.PathParam("group_key")); !s.ok())
                 return ErrorResponse(s);
               return Response::Json(200, "{}");
             }));
}

}  // namespace atrium::api
