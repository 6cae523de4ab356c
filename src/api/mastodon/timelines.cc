// /api/v1/timelines: home, public (the organization stream), tag, list.
#include "api/api_helpers.h"
#include "api/mastodon/first_page_cache.h"
#include "api/mastodon/renderer.h"
#include "api/pagination.h"
#include "api/routes.h"
#include "base/clock.h"
#include "base/status_text.h"

namespace atrium::api {
namespace {

using http::Request;
using http::Response;

using TimelineFn = std::function<Result<PostPage>(const Viewer&, const Request&,
                                                  const http::Params&, const PageRequest&)>;

// What every timeline request starts from: its parameters, the page asked
// for and who is reading.
struct TimelineRequest {
  http::Params params;
  PageRequest page;
  Viewer viewer;
};

Result<TimelineRequest> ReadTimelineRequest(ApiContext& ctx, const Request& req,
                                            const Principal& p) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return params.status();
  auto page = ParsePage(*params);
  if (!page.ok()) return page.status();
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return viewer.status();
  return TimelineRequest{std::move(params).value(), *page, std::move(viewer).value()};
}

http::Handler Timeline(ApiContext& ctx, FilterContext context, TimelineFn fn) {
  return Protect(ctx, "read:statuses", [&ctx, context, fn](Request& req, const Principal& p) {
    auto in = ReadTimelineRequest(ctx, req, p);
    if (!in.ok()) return ErrorResponse(in.status());
    const Viewer* viewer = &in->viewer;
    auto result = fn(*viewer, req, in->params, in->page);
    if (!result.ok()) return ErrorResponse(result.status());
    Renderer r(ctx, *viewer);
    r.ApplyFilters(context);
    Response res = JsonOr(r.Statuses(result->posts));
    AddLinkHeader(res, ctx, req, result->first_cursor, result->last_cursor);
    return res;
  });
}

// GET /api/v1/timelines/home, first from the reader's cached page.
http::Handler HomeTimeline(ApiContext& ctx, TimelineFn fn) {
  return Protect(ctx, "read:statuses", [&ctx, fn](Request& req, const Principal& p) {
    auto in = ReadTimelineRequest(ctx, req, p);
    if (!in.ok()) return ErrorResponse(in.status());
    const Viewer* viewer = &in->viewer;
    FirstPageInputs inputs;
    const bool cacheable = CacheableFirstPage(ctx, req, viewer->account_id) &&
                           ctx.home_pages.ReadInputs(*viewer, &inputs);
    if (cacheable) {
      if (CachedFirstPagePtr cached = ctx.home_pages.Find(viewer->account_id, req.query, inputs))
        return CachedResponse(*cached);
    }
    auto result = fn(*viewer, req, in->params, in->page);
    if (!result.ok()) return ErrorResponse(result.status());
    Renderer r(ctx, *viewer);
    r.ApplyFilters(FilterContext::kHome);
    auto json = r.Statuses(result->posts);
    if (!json.ok()) return ErrorResponse(json.status());
    Response res = Response::Json(200, "");
    AddLinkHeader(res, ctx, req, result->first_cursor, result->last_cursor);
    res.shared_body = std::make_shared<const std::string>(std::move(json).value());
    if (!cacheable) return res;
    auto kept = PageOf(res, req.query, std::move(inputs));
    if (!r.Dependencies(&kept->posts, &kept->accounts)) return res;
    // Every post shown is among those considered (originals included).
    kept->posts.insert(kept->posts.end(), result->considered.begin(), result->considered.end());
    ctx.home_pages.Put(viewer->account_id, std::move(kept));
    return res;
  });
}

std::vector<std::string> Tags(const std::vector<std::string>& raw) {
  std::vector<std::string> out;
  for (const auto& t : raw) {
    std::string name = t;
    if (!name.empty() && name[0] == '#') name.erase(0, 1);
    if (!name.empty()) out.push_back(NormalizeHashtag(name));
  }
  return out;
}

// Atrium's atrium_kind filter (blog, question or status); absent: every kind.
Result<std::optional<StatusKind>> KindParam(const http::Params& params) {
  auto name = params.Get("atrium_kind");
  if (!name || name->empty()) return std::optional<StatusKind>{};
  auto kind = ParseStatusKind(*name);
  if (!kind)
    return Status::Unprocessable("Validation failed: atrium_kind must be blog, question or status");
  return std::optional<StatusKind>{*kind};
}

}  // namespace

void RegisterTimelineRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/timelines/home",
             HomeTimeline(ctx,
                          [&ctx](const Viewer& v, const Request&, const http::Params& params,
                                 const PageRequest& page) -> Result<PostPage> {
                            auto kind = KindParam(params);
                            if (!kind.ok()) return kind.status();
                            HomeFilter filter;
                            filter.kind = *kind;
                            std::string source = params.GetOr("atrium_source", "");
                            if (source == "updates")
                              filter.source = HomeFilter::Source::kUpdates;
                            else if (source == "network")
                              filter.source = HomeFilter::Source::kNetwork;
                            else if (source == "communities")
                              filter.source = HomeFilter::Source::kCommunities;
                            else if (!source.empty())
                              return Status::Unprocessable(
                                  "Validation failed: atrium_source must be updates, network or "
                                  "communities");
                            return ctx.timelines.Home(v, page, filter);
                          }));
  router.Add("GET", "/api/v1/timelines/public",
             Timeline(ctx, FilterContext::kPublic,
                      [&ctx](const Viewer& v, const Request&, const http::Params& params,
                             const PageRequest& page) -> Result<PostPage> {
                        bool bad = false;
                        const bool only_media = params.GetBool("only_media", &bad).value_or(false);
                        const bool remote = params.GetBool("remote", &bad).value_or(false);
                        if (bad)
                          return Status::Unprocessable(
                              "Validation failed: only_media and remote must be booleans");
                        if (remote) return PostPage{};  // no other servers
                        auto kind = KindParam(params);
                        if (!kind.ok()) return kind.status();
                        return ctx.timelines.Public(v, page, *kind, only_media);
                      }));
  // A tag's stream: a first page from the reader's kept page (StreamPage).
  router.Add("GET", "/api/v1/timelines/tag/:hashtag",
             Protect(ctx, "read:statuses", [&ctx](Request& req, const Principal& p) {
               auto in = ReadTimelineRequest(ctx, req, p);
               if (!in.ok()) return ErrorResponse(in.status());
               // The path's tag joins any[]; all[] and none[] narrow.
               std::vector<std::string> any = Tags(in->params.GetAll("any"));
               auto first = Tags({req.PathParam("hashtag")});
               any.insert(any.begin(), first.begin(), first.end());
               const std::vector<std::string> all = Tags(in->params.GetAll("all"));
               const std::vector<std::string> none = Tags(in->params.GetAll("none"));
               bool bad = false;
               const bool only_media = in->params.GetBool("only_media", &bad).value_or(false);
               if (bad)
                 return ErrorResponse(
                     Status::Unprocessable("Validation failed: only_media must be a boolean"));
               const Viewer& v = in->viewer;
               return StreamPage(
                   ctx, req, v, FilterContext::kPublic,
                   [&] { return ctx.timelines.Tag(v, any, all, none, in->page, only_media); },
                   [&](const std::vector<int64_t>& ids, bool ended) {
                     return ctx.timelines.TagUnchanged(any, all, none, ids, ended);
                   });
             }));
  // Mastodon 4.3's stream of a trending link: the posts sharing it.
  router.Add("GET", "/api/v1/timelines/link",
             Timeline(ctx, FilterContext::kPublic,
                      [&ctx](const Viewer& v, const Request&, const http::Params& params,
                             const PageRequest& page) -> Result<PostPage> {
                        auto url = params.Get("url");
                        if (!url || url->empty())
                          return Status::Unprocessable("Validation failed: url is required");
                        if (url->size() > 2048)
                          return Status::Unprocessable("Validation failed: url is too long");
                        return ctx.timelines.Link(v, std::string(*url), page);
                      }));
  router.Add("GET", "/api/v1/timelines/list/:list_id",
             Timeline(ctx, FilterContext::kHome,
                      [&ctx](const Viewer& v, const Request& req, const http::Params&,
                             const PageRequest& page) -> Result<PostPage> {
                        auto id = PathId(req, "list_id");
                        if (!id) return Status::NotFound();
                        return ctx.timelines.List(v, *id, page);
                      }));
}

}  // namespace atrium::api
