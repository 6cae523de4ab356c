// Blogs out as feeds, an Atrium extension. Documented in docs/API.md.
//   GET    /api/v1/atrium/feed_token    the member's feed token: when it was issued (404: none)
//   POST   /api/v1/atrium/feed_token    issues a new one (replacing the old), shown once
//   DELETE /api/v1/atrium/feed_token    revokes it
//   GET    /api/v1/atrium/feeds/:token/accounts/:id      a member's blog entries (Atom)
//   GET    /api/v1/atrium/feeds/:token/communities/:id   a community's blog entries (Atom)
// Feed readers send neither cookies nor Authorization headers: the token in
// the path is the member's credential for the two feed routes, and nothing
// else opens them (a session does not).
#include "api/api_helpers.h"
#include "api/atrium/atom_feed.h"
#include "api/routes.h"
#include "base/clock.h"
#include "base/json_writer.h"

namespace atrium::api {
namespace {

using http::Request;
using http::Response;

// The feed routes of a member, with `token` in them when it is known.
std::string TokenJson(ApiContext& ctx, const FeedTokenRecord& record, const std::string& secret) {
  JsonWriter w;
  w.BeginObject().Field("created_at", FormatIso8601(record.created_at));
  if (!secret.empty()) {
    const std::string base = ctx.settings.BaseUrl() + "/api/v1/atrium/feeds/" + secret;
    w.Field("token", secret)
        .Field("account_feed_url", base + "/accounts/" + std::to_string(record.account_id))
        .Field("community_feed_url_template", base + "/communities/{id}");
  }
  w.EndObject();
  return w.Take();
}

Response ShowToken(ApiContext& ctx, const Principal& p) {
  auto token = ctx.blog_feeds->TokenOf(p.account.id);
  if (!token.ok()) return ErrorResponse(token.status());
  return JsonOr(TokenJson(ctx, *token, ""));
}

Response IssueToken(ApiContext& ctx, Request& req, const Principal& p) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status s = OnlyParams(*params, {}); !s.ok()) return ErrorResponse(s);
  auto issued = ctx.blog_feeds->IssueToken(p.account.id);
  if (!issued.ok()) return ErrorResponse(issued.status());
  Response res = JsonOr(TokenJson(ctx, issued->record, issued->secret));
  res.Set("Cache-Control", "no-store");
  return res;
}

Response RevokeToken(ApiContext& ctx, const Principal& p) {
  if (Status s = ctx.blog_feeds->RevokeToken(p.account.id); !s.ok()) return ErrorResponse(s);
  return JsonOr(std::string("{}"));
}

// Answers a feed (or its error) to a feed reader.
Response AtomOr(ApiContext& ctx, const Result<BlogFeed>& feed) {
  if (!feed.ok()) return ErrorResponse(feed.status());
  Response res;
  res.body = BlogFeedAtom(*feed, ctx.settings.BaseUrl());
  res.Set("Content-Type", "application/atom+xml; charset=utf-8");
  // The URL holds the reader's credential: kept out of shared caches and
  // out of the Referer of links followed from the feed.
  res.Set("Cache-Control", "private, no-cache");
  res.Set("Referrer-Policy", "no-referrer");
  return res;
}

enum class FeedOf { kAccount, kCommunity };

Response Feed(ApiContext& ctx, Request& req, FeedOf of) {
  const std::string token(req.PathParam("token"));
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  auto id = PathId(req);
  // The token first: without a valid one, nothing is said about the rest.
  if (!id || !params->all().empty()) {
    if (Status s = ctx.blog_feeds->CheckToken(token); !s.ok()) return ErrorResponse(s);
    if (!id) return ErrorResponse(Status::NotFound());
    return ErrorResponse(OnlyParams(*params, {}));
  }
  return AtomOr(ctx, of == FeedOf::kAccount ? ctx.blog_feeds->AccountFeed(token, *id)
                                            : ctx.blog_feeds->CommunityFeed(token, *id));
}

}  // namespace

void RegisterBlogFeedRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/atrium/feed_token",
             Protect(ctx, "read:accounts",
                     [&ctx](Request&, const Principal& p) { return ShowToken(ctx, p); }));
  router.Add("POST", "/api/v1/atrium/feed_token",
             Protect(ctx, "write:accounts",
                     [&ctx](Request& req, const Principal& p) { return IssueToken(ctx, req, p); }));
  router.Add("DELETE", "/api/v1/atrium/feed_token",
             Protect(ctx, "write:accounts",
                     [&ctx](Request&, const Principal& p) { return RevokeToken(ctx, p); }));
  router.Add("GET", "/api/v1/atrium/feeds/:token/accounts/:id",
             [&ctx](Request& req) { return Feed(ctx, req, FeedOf::kAccount); });
  router.Add("GET", "/api/v1/atrium/feeds/:token/communities/:id",
             [&ctx](Request& req) { return Feed(ctx, req, FeedOf::kCommunity); });
}

}  // namespace atrium::api
