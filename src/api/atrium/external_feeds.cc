// /api/v1/atrium/external_feeds: the external blogs (RSS or Atom feeds) a
// member connected; each new entry becomes their post linking it
// (social/feed_import_service.h).
#include "api/api_helpers.h"
#include "api/routes.h"
#include "base/clock.h"
#include "base/json_writer.h"

namespace atrium::api {
namespace {

using http::Request;
using http::Response;

void WriteFeed(JsonWriter& w, const FeedSubscriptionRecord& f) {
  w.BeginObject()
      .Field("id", std::to_string(f.id))
      .Field("url", f.url)
      .Field("title", f.title)
      .Field("visibility", VisibilityName(f.visibility))
      .Field("created_at", FormatIso8601(f.created_at));
  w.Key("last_polled_at");
  if (f.last_polled_at)
    w.String(FormatIso8601(f.last_polled_at));
  else
    w.Null();
  w.Field("next_poll_at", FormatIso8601(f.next_poll_at));
  w.Key("last_error").StringOrNull(f.last_error);
  w.Field("failures", f.failures);
  w.EndObject();
}

Response List(ApiContext& ctx, Request& req, const Principal& p) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status st = OnlyParams(*params, {}); !st.ok()) return ErrorResponse(st);
  auto feeds = ctx.feed_imports->List(p.account);
  if (!feeds.ok()) return ErrorResponse(feeds.status());
  JsonWriter w;
  w.BeginArray();
  for (const auto& f : *feeds) WriteFeed(w, f);
  w.EndArray();
  return Response::Json(200, w.Take());
}

Response Connect(ApiContext& ctx, Request& req, const Principal& p) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status st = OnlyParams(*params, {"url", "visibility"}); !st.ok()) return ErrorResponse(st);
  auto feed = ctx.feed_imports->Connect(p.account, params->Get("url").value_or(""),
                                        params->Get("visibility").value_or(""));
  if (!feed.ok()) return ErrorResponse(feed.status());
  JsonWriter w;
  WriteFeed(w, *feed);
  return Response::Json(200, w.Take());
}

Response Disconnect(ApiContext& ctx, Request& req, const Principal& p) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  if (Status st = ctx.feed_imports->Disconnect(p.account, *id); !st.ok()) return ErrorResponse(st);
  return Response::Json(200, "{}");
}

}  // namespace

void RegisterExternalFeedRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/atrium/external_feeds",
             Protect(ctx, "read:accounts",
                     [&ctx](Request& req, const Principal& p) { return List(ctx, req, p); }));
  router.Add("POST", "/api/v1/atrium/external_feeds",
             Protect(ctx, "write:accounts",
                     [&ctx](Request& req, const Principal& p) { return Connect(ctx, req, p); }));
  router.Add("DELETE", "/api/v1/atrium/external_feeds/:id",
             Protect(ctx, "write:accounts",
                     [&ctx](Request& req, const Principal& p) { return Disconnect(ctx, req, p); }));
}

}  // namespace atrium::api
