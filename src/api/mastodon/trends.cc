// Org trends — what people talk about this week, as the reader may see it
// (TrendsService counts per visibility class):
//   GET /api/v1/trends/tags       Tags with history (limit 10, at most 20; offset)
//   GET /api/v1/trends/statuses   Statuses (limit 20, at most 40; offset)
//   GET /api/v1/trends/links      PreviewCards with history (limit 10, at most 20; offset)
// GET /api/v1/trends is Mastodon's old name of /trends/tags.
#include "api/api_helpers.h"
#include "api/mastodon/card_serializer.h"
#include "api/mastodon/renderer.h"
#include "api/mastodon/tag_serializer.h"
#include "api/pagination.h"
#include "api/routes.h"

namespace atrium::api {
namespace {

using http::Request;
using http::Response;

struct Window {
  int offset = 0;
  int limit = 0;
};

// offset and limit (a larger limit is cut to `max_limit`, as Mastodon does).
Result<Window> ParseWindow(Request& req, int default_limit, int max_limit) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return params.status();
  if (Status s = OnlyParams(*params, {"limit", "offset"}); !s.ok()) return s;
  auto limit = params->GetInt("limit", 1, 1000);
  if (!limit.ok()) return limit.status();
  auto offset = params->GetInt("offset", 0, 1000000);
  if (!offset.ok()) return offset.status();
  Window w;
  w.limit = static_cast<int>(std::min<int64_t>(limit->value_or(default_limit), max_limit));
  w.offset = static_cast<int>(offset->value_or(0));
  return w;
}

Response TrendingTags(ApiContext& ctx, Request& req, const Principal& p) {
  auto window = ParseWindow(req, 10, 20);
  if (!window.ok()) return ErrorResponse(window.status());
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  auto tags = ctx.trends->Tags(*viewer, window->offset, window->limit);
  if (!tags.ok()) return ErrorResponse(tags.status());
  std::vector<std::string> names;
  for (const auto& t : *tags) names.push_back(t.key);
  auto views = ctx.tags->Views(*viewer, names);
  if (!views.ok()) return ErrorResponse(views.status());
  JsonWriter w;
  w.BeginArray();
  for (const auto& v : *views) WriteTag(w, ctx.settings.BaseUrl(), v.name, v.history, &v);
  w.EndArray();
  Response res = Response::Json(200, w.Take());
  AddOffsetLinkHeader(res, ctx, req, window->offset, window->limit,
                      static_cast<int>(tags->size()) == window->limit);
  return res;
}

Response TrendingStatuses(ApiContext& ctx, Request& req, const Principal& p) {
  auto window = ParseWindow(req, 20, 40);
  if (!window.ok()) return ErrorResponse(window.status());
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  auto posts = ctx.trends->Statuses(*viewer, window->offset, window->limit);
  if (!posts.ok()) return ErrorResponse(posts.status());
  Response res = JsonOr(Renderer(ctx, *viewer).Statuses(*posts));
  AddOffsetLinkHeader(res, ctx, req, window->offset, window->limit,
                      static_cast<int>(posts->size()) == window->limit);
  return res;
}

Response TrendingLinks(ApiContext& ctx, Request& req, const Principal& p) {
  auto window = ParseWindow(req, 10, 20);
  if (!window.ok()) return ErrorResponse(window.status());
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  auto links = ctx.trends->Links(*viewer, window->offset, window->limit);
  if (!links.ok()) return ErrorResponse(links.status());
  JsonWriter w;
  w.BeginArray();
  for (const auto& link : *links) {
    w.BeginObject();
    WriteCardFields(w, link.card, ctx.settings.BaseUrl());
    w.Key("history");
    WriteHistory(w, link.history);
    w.EndObject();
  }
  w.EndArray();
  Response res = Response::Json(200, w.Take());
  AddOffsetLinkHeader(res, ctx, req, window->offset, window->limit,
                      static_cast<int>(links->size()) == window->limit);
  return res;
}

template <Response (*Fn)(ApiContext&, Request&, const Principal&)>
http::Handler Bound(ApiContext& ctx) {
  return Protect(ctx, "read", [&ctx](Request& req, const Principal& p) { return Fn(ctx, req, p); });
}

}  // namespace

void RegisterTrendRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/trends", Bound<TrendingTags>(ctx));
  router.Add("GET", "/api/v1/trends/tags", Bound<TrendingTags>(ctx));
  router.Add("GET", "/api/v1/trends/statuses", Bound<TrendingStatuses>(ctx));
  router.Add("GET", "/api/v1/trends/links", Bound<TrendingLinks>(ctx));
}

}  // namespace atrium::api
