// /api/v1/notifications and the grouped /api/v2/notifications.
#include <charconv>

#include "api/api_helpers.h"
#include "api/mastodon/renderer.h"
#include "api/pagination.h"
#include "api/routes.h"

namespace atrium::api {
namespace {

// A renderer with the viewer's filters of the notifications context.
Renderer ForNotifications(ApiContext& ctx, const Viewer& viewer) {
  Renderer r(ctx, viewer);
  r.ApplyFilters(FilterContext::kNotifications);
  return r;
}

using http::Request;
using http::Response;

struct Listing {
  Viewer viewer;
  std::vector<NotificationRecord> items;
  std::vector<std::string> grouped_types;
};

Result<NotificationFilter> FilterOf(const http::Params& params) {
  NotificationFilter f;
  f.types = params.GetAll("types");
  f.exclude_types = params.GetAll("exclude_types");
  if (auto a = params.Get("account_id"); a && !a->empty()) {
    auto id = ParseId(*a);
    if (!id) return Status::BadRequest("Invalid account_id", "account_id must be an id");
    f.from_account_id = *id;
  }
  return f;
}

// Answers the unread count, of notifications or (grouped) of groups.
http::Handler UnreadCount(ApiContext& ctx, bool grouped) {
  return Protect(ctx, "read:notifications", [&ctx, grouped](Request& req, const Principal& p) {
    auto params = http::Params::Parse(req);
    if (!params.ok()) return ErrorResponse(params.status());
    auto filter = FilterOf(*params);
    if (!filter.ok()) return ErrorResponse(filter.status());
    int64_t limit = 100;
    if (auto l = params->Get("limit"); l && !l->empty()) {
      int64_t n = 0;
      auto [end, ec] = std::from_chars(l->data(), l->data() + l->size(), n);
      if (ec != std::errc() || end != l->data() + l->size() || n < 0)
        return ErrorResponse(Status::BadRequest("Invalid limit", "limit must be a number"));
      limit = std::clamp<int64_t>(n, 1, 1000);
    }
    auto viewer = ViewerOf(ctx, p);
    if (!viewer.ok()) return ErrorResponse(viewer.status());
    auto n = ctx.notifications.UnreadCount(*viewer, *filter, limit, grouped);
    if (!n.ok()) return ErrorResponse(n.status());
    return Response::Json(200, "{\"count\":" + std::to_string(*n) + "}");
  });
}

Result<Listing> ListFor(ApiContext& ctx, Request& req, const Principal& p, int default_limit,
                        int max_limit) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return params.status();
  auto page = ParsePage(*params, default_limit, max_limit);
  if (!page.ok()) return page.status();
  auto filter = FilterOf(*params);
  if (!filter.ok()) return filter.status();
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return viewer.status();
  auto items = ctx.notifications.List(*viewer, *filter, *page);
  if (!items.ok()) return items.status();
  return Listing{*viewer, std::move(items).value(), params->GetAll("grouped_types")};
}

void Link(Response& res, ApiContext& ctx, const Request& req,
          const std::vector<NotificationRecord>& items) {
  if (!items.empty()) AddLinkHeader(res, ctx, req, items.front().id, items.back().id);
}

}  // namespace

void RegisterNotificationRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/notifications",
             Protect(ctx, "read:notifications", [&ctx](Request& req, const Principal& p) {
               auto l = ListFor(ctx, req, p, 40, 80);
               if (!l.ok()) return ErrorResponse(l.status());
               Response res = JsonOr(ForNotifications(ctx, l->viewer).Notifications(l->items));
               Link(res, ctx, req, l->items);
               return res;
             }));
  router.Add("GET", "/api/v1/notifications/unread_count", UnreadCount(ctx, false));
  router.Add("GET", "/api/v1/notifications/:id",
             Protect(ctx, "read:notifications", [&ctx](Request& req, const Principal& p) {
               auto id = PathId(req);
               if (!id) return ErrorResponse(Status::NotFound());
               auto viewer = ViewerOf(ctx, p);
               if (!viewer.ok()) return ErrorResponse(viewer.status());
               auto n = ctx.notifications.Get(*viewer, *id);
               if (!n.ok()) return ErrorResponse(n.status());
               return JsonOr(ForNotifications(ctx, *viewer).Notification(*n));
             }));
  router.Add("POST", "/api/v1/notifications/clear",
             Protect(ctx, "write:notifications", [&ctx](Request&, const Principal& p) {
               auto viewer = ViewerOf(ctx, p);
               if (!viewer.ok()) return ErrorResponse(viewer.status());
               if (Status s = ctx.notifications.Clear(*viewer); !s.ok()) return ErrorResponse(s);
               return Response::Json(200, "{}");
             }));
  router.Add("POST", "/api/v1/notifications/:id/dismiss",
             Protect(ctx, "write:notifications", [&ctx](Request& req, const Principal& p) {
               auto id = PathId(req);
               if (!id) return ErrorResponse(Status::NotFound());
               auto viewer = ViewerOf(ctx, p);
               if (!viewer.ok()) return ErrorResponse(viewer.status());
               if (Status s = ctx.notifications.Dismiss(*viewer, *id); !s.ok())
                 return ErrorResponse(s);
               return Response::Json(200, "{}");
             }));

  // API v2: grouped.
  router.Add(
      "GET", "/api/v2/notifications",
      Protect(ctx, "read:notifications", [&ctx](Request& req, const Principal& p) {
        auto l = ListFor(ctx, req, p, 40, 80);
        if (!l.ok()) return ErrorResponse(l.status());
        Response res = JsonOr(
            ForNotifications(ctx, l->viewer).GroupedNotifications(l->items, l->grouped_types));
        Link(res, ctx, req, l->items);
        return res;
      }));
  router.Add("GET", "/api/v2/notifications/unread_count", UnreadCount(ctx, true));
  router.Add("GET", "/api/v2/notifications/:group_key",
             Protect(ctx, "read:notifications", [&ctx](Request& req, const Principal& p) {
               auto viewer = ViewerOf(ctx, p);
               if (!viewer.ok()) return ErrorResponse(viewer.status());
               auto group = ctx.notifications.Group(*viewer, req.PathParam("group_key"));
               if (!group.ok()) return ErrorResponse(group.status());
               return JsonOr(ForNotifications(ctx, *viewer).GroupedNotifications(*group, {}));
             }));
  router.Add("POST", "/api/v2/notifications/:group_key/dismiss",
             Protect(ctx, "write:notifications", [&ctx](Request& req, const Principal& p) {
               auto viewer = ViewerOf(ctx, p);
               if (!viewer.ok()) return ErrorResponse(viewer.status());
               if (Status s = ctx.notifications.DismissGroup(*viewer, req.PathParam("group_key"));
                   !s.ok())
                 return ErrorResponse(s);
               return Response::Json(200, "{}");
             }));
}

}  // namespace atrium::api
