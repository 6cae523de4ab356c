// Hashtags a member follows and features:
//   GET  /api/v1/tags/:name                    the Tag (following, featuring, history)
//   POST /api/v1/tags/:name/follow|unfollow    its public posts reach (or leave) home
//   POST /api/v1/tags/:name/feature|unfeature  on the member's profile
//   GET  /api/v1/followed_tags                 paged by the follow, Link headers
//   GET|POST /api/v1/featured_tags, DELETE /api/v1/featured_tags/:id
//   GET  /api/v1/featured_tags/suggestions     the member's most used tags
#include "api/api_helpers.h"
#include "api/mastodon/tag_serializer.h"
#include "api/pagination.h"
#include "api/routes.h"
#include "base/clock.h"
#include "base/text.h"

namespace atrium::api {
namespace {

using http::Request;
using http::Response;

std::string TagViewJson(ApiContext& ctx, const TagView& tag) {
  JsonWriter w;
  WriteTag(w, ctx.settings.BaseUrl(), tag.name, tag.history, &tag);
  return w.Take();
}

// A handler on the tag named in the path: runs `act` and answers the Tag.
http::Handler OnTag(ApiContext& ctx, const char* scope,
                    Result<TagView> (TagService::*act)(const Viewer&, std::string_view)) {
  return Protect(ctx, scope, [&ctx, act](Request& req, const Principal& p) {
    auto params = http::Params::Parse(req);
    if (!params.ok()) return ErrorResponse(params.status());
    if (Status s = OnlyParams(*params, {}); !s.ok()) return ErrorResponse(s);
    auto viewer = ViewerOf(ctx, p);
    if (!viewer.ok()) return ErrorResponse(viewer.status());
    auto tag = (ctx.tags->*act)(*viewer, req.PathParam("name"));
    if (!tag.ok()) return ErrorResponse(tag.status());
    return Response::Json(200, TagViewJson(ctx, *tag));
  });
}

Response FollowedTags(ApiContext& ctx, Request& req, const Principal& p) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status s = OnlyParams(*params, {"max_id", "since_id", "min_id", "limit"}); !s.ok())
    return ErrorResponse(s);
  auto page = ParsePage(*params, 100, 200);
  if (!page.ok()) return ErrorResponse(page.status());
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  auto followed = ctx.tags->Followed(*viewer, *page);
  if (!followed.ok()) return ErrorResponse(followed.status());
  std::vector<std::string> names;
  for (const auto& f : *followed) names.push_back(f.name);
  auto views = ctx.tags->Views(*viewer, names);
  if (!views.ok()) return ErrorResponse(views.status());
  JsonWriter w;
  w.BeginArray();
  for (const auto& v : *views) WriteTag(w, ctx.settings.BaseUrl(), v.name, v.history, &v);
  w.EndArray();
  Response r = Response::Json(200, w.Take());
  if (!followed->empty()) AddLinkHeader(r, ctx, req, followed->front().id, followed->back().id);
  return r;
}

Response FeaturedTags(ApiContext& ctx, Request& req, const Principal& p) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status s = OnlyParams(*params, {}); !s.ok()) return ErrorResponse(s);
  auto featured = ctx.tags->Featured(p.account.id);
  if (!featured.ok()) return ErrorResponse(featured.status());
  JsonWriter w;
  w.BeginArray();
  for (const auto& f : *featured)
    WriteFeaturedTag(w, ctx.settings.BaseUrl(), p.account.username, f);
  w.EndArray();
  return Response::Json(200, w.Take());
}

Response FeatureTag(ApiContext& ctx, Request& req, const Principal& p) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status s = OnlyParams(*params, {"name"}); !s.ok()) return ErrorResponse(s);
  auto name = params->Get("name");
  if (!name) return ErrorResponse(Status::Unprocessable("Validation failed: Name can't be blank"));
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  auto featured = ctx.tags->Feature(*viewer, *name);
  if (!featured.ok()) return ErrorResponse(featured.status());
  JsonWriter w;
  WriteFeaturedTag(w, ctx.settings.BaseUrl(), p.account.username, *featured);
  return Response::Json(200, w.Take());
}

Response UnfeatureTag(ApiContext& ctx, Request& req, const Principal& p) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  if (Status s = ctx.tags->Unfeature(*viewer, *id); !s.ok()) return ErrorResponse(s);
  return Response::Json(200, "{}");
}

Response FeatureSuggestions(ApiContext& ctx, Request& req, const Principal& p) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status s = OnlyParams(*params, {}); !s.ok()) return ErrorResponse(s);
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  auto tags = ctx.tags->Suggestions(*viewer);
  if (!tags.ok()) return ErrorResponse(tags.status());
  JsonWriter w;
  w.BeginArray();
  for (const auto& v : *tags) WriteTag(w, ctx.settings.BaseUrl(), v.name, v.history, &v);
  w.EndArray();
  return Response::Json(200, w.Take());
}

// Binds a handler of this file to the context.
template <Response (*Fn)(ApiContext&, Request&, const Principal&)>
http::Handler Bound(ApiContext& ctx, const char* scope) {
  return Protect(ctx, scope, [&ctx](Request& req, const Principal& p) { return Fn(ctx, req, p); });
}

}  // namespace

void RegisterTagRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/tags/:name", OnTag(ctx, "read", &TagService::Get));
  router.Add("POST", "/api/v1/tags/:name/follow", OnTag(ctx, "write:follows", &TagService::Follow));
  router.Add("POST", "/api/v1/tags/:name/unfollow",
             OnTag(ctx, "write:follows", &TagService::Unfollow));
  router.Add("POST", "/api/v1/tags/:name/feature",
             OnTag(ctx, "write:accounts", &TagService::FeatureTag));
  router.Add("POST", "/api/v1/tags/:name/unfeature",
             OnTag(ctx, "write:accounts", &TagService::UnfeatureTag));
  router.Add("GET", "/api/v1/followed_tags", Bound<FollowedTags>(ctx, "read:follows"));
  router.Add("GET", "/api/v1/featured_tags", Bound<FeaturedTags>(ctx, "read:accounts"));
  router.Add("POST", "/api/v1/featured_tags", Bound<FeatureTag>(ctx, "write:accounts"));
  router.Add("DELETE", "/api/v1/featured_tags/:id", Bound<UnfeatureTag>(ctx, "write:accounts"));
  router.Add("GET", "/api/v1/featured_tags/suggestions",
             Bound<FeatureSuggestions>(ctx, "read:accounts"));
}

}  // namespace atrium::api
