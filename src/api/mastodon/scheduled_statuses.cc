// /api/v1/scheduled_statuses: a member's posts waiting for their time.
// Scheduling itself is POST /api/v1/statuses with scheduled_at.
#include "api/mastodon/scheduled_statuses.h"

#include "api/api_helpers.h"
#include "api/mastodon/media_serializer.h"
#include "api/pagination.h"
#include "api/routes.h"
#include "base/clock.h"
#include "base/json_writer.h"

namespace atrium::api {

std::string ScheduledStatusJson(const ScheduledPost& post, const std::string& base_url) {
  JsonWriter w;
  w.BeginObject()
      .Field("id", std::to_string(post.id))
      .Field("scheduled_at", FormatIso8601(post.scheduled_at))
      .Key("params")
      .Raw(post.params_json)
      .Key("media_attachments")
      .BeginArray();
  for (const MediaRecord& m : post.media) WriteMediaAttachment(w, m, base_url);
  w.EndArray().EndObject();
  return w.Take();
}

namespace {

using http::Request;
using http::Response;

Response One(ApiContext& ctx, const Result<ScheduledPost>& post) {
  if (!post.ok()) return ErrorResponse(post.status());
  return Response::Json(200, ScheduledStatusJson(*post, ctx.settings.BaseUrl()));
}

Response List(ApiContext& ctx, Request& req, const Principal& p) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status st = OnlyParams(*params, {"max_id", "since_id", "min_id", "limit"}); !st.ok())
    return ErrorResponse(st);
  auto page = ParsePage(*params, 20, 40);
  if (!page.ok()) return ErrorResponse(page.status());
  auto posts = ctx.scheduled->List(p.account, *page);
  if (!posts.ok()) return ErrorResponse(posts.status());
  std::string body = "[";
  for (const ScheduledPost& post : *posts) {
    if (body.size() > 1) body += ',';
    body += ScheduledStatusJson(post, ctx.settings.BaseUrl());
  }
  body += ']';
  Response res = Response::Json(200, std::move(body));
  if (!posts->empty()) AddLinkHeader(res, ctx, req, posts->front().id, posts->back().id);
  return res;
}

Response Show(ApiContext& ctx, Request& req, const Principal& p) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  return One(ctx, ctx.scheduled->Get(p.account, *id));
}

Response Reschedule(ApiContext& ctx, Request& req, const Principal& p) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status st = OnlyParams(*params, {"scheduled_at"}); !st.ok()) return ErrorResponse(st);
  auto text = params->Get("scheduled_at");
  if (!text || text->empty()) {
    // Nothing to change: the scheduled post as it is.
    return One(ctx, ctx.scheduled->Get(p.account, *id));
  }
  auto at = ParseIso8601(*text);
  if (!at)
    return ErrorResponse(
        Status::Unprocessable("Validation failed: scheduled_at is not a date and time (ISO 8601)"));
  return One(ctx, ctx.scheduled->Reschedule(p.account, *id, *at));
}

Response Cancel(ApiContext& ctx, Request& req, const Principal& p) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  if (Status st = ctx.scheduled->Cancel(p.account, *id); !st.ok()) return ErrorResponse(st);
  return Response::Json(200, "{}");
}

}  // namespace

void RegisterScheduledStatusRoutes(http::Router& router, ApiContext& ctx) {
  auto handle = [&ctx](const char* scope, Response (*fn)(ApiContext&, Request&, const Principal&)) {
    return Protect(ctx, scope,
                   [&ctx, fn](Request& req, const Principal& p) { return fn(ctx, req, p); });
  };
  router.Add("GET", "/api/v1/scheduled_statuses", handle("read:statuses", List));
  router.Add("GET", "/api/v1/scheduled_statuses/:id", handle("read:statuses", Show));
  router.Add("PUT", "/api/v1/scheduled_statuses/:id", handle("write:statuses", Reschedule));
  router.Add("DELETE", "/api/v1/scheduled_statuses/:id", handle("write:statuses", Cancel));
}

}  // namespace atrium::api
