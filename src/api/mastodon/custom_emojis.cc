// The organization's custom emoji, as Mastodon apps read them, and their
// pictures (members only, as other media).
//   GET /api/v1/custom_emojis                 every emoji (CustomEmoji entities)
//   GET /media/emoji/:key/:variant            the picture: "original" (animation
//                                             kept) or "static" (PNG)
#include "api/api_helpers.h"
#include "api/mastodon/custom_emoji_serializer.h"
#include "api/routes.h"

namespace atrium::api {
namespace {

using http::Request;
using http::Response;

Response List(ApiContext& ctx, Request& req, const Principal&) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status s = OnlyParams(*params, {}); !s.ok()) return ErrorResponse(s);
  CustomEmojiCatalogPtr catalog = ctx.custom_emojis->Catalog();
  const std::string base = ctx.settings.BaseUrl();
  JsonWriter w;
  w.BeginArray();
  for (const auto& e : catalog->all()) WriteCustomEmoji(w, e, base);
  w.EndArray();
  return Response::Json(200, w.Take());
}

Response Picture(ApiContext& ctx, Request& req, const Principal&) {
  auto served = ctx.custom_emojis->Open(req.PathParam("key"), req.PathParam("variant"));
  if (!served.ok()) return ErrorResponse(served.status());
  auto body = std::make_shared<http::FileBody>();
  body->fd = served->file->fd();
  body->owner = served->file;
  body->offset = 0;
  body->length = served->file->size();
  Response r;
  r.Set("Content-Type", served->content_type);
  // A key names one immutable picture; a removed emoji's is gone.
  r.Set("Cache-Control", "private, max-age=86400");
  r.Set("X-Content-Type-Options", "nosniff");
  r.file = std::move(body);
  return r;
}

template <Response (*Fn)(ApiContext&, Request&, const Principal&)>
http::Handler Bound(ApiContext& ctx, const char* scope) {
  return Protect(ctx, scope, [&ctx](Request& req, const Principal& p) { return Fn(ctx, req, p); });
}

}  // namespace

void RegisterCustomEmojiRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/custom_emojis", Bound<List>(ctx, ""));
  router.Add("GET", "/media/emoji/:key/:variant", Bound<Picture>(ctx, ""));
}

}  // namespace atrium::api
