// Blog entries, an Atrium extension. Documented in docs/API.md.
//   POST /api/v1/atrium/blogs                  write (title, body, tags[], visibility,
//   community_id) GET  /api/v1/atrium/blogs                  list (account_id, community_id, tag;
//   paged) GET  /api/v1/atrium/blogs/lookup?acct=&slug=   the entry at a permalink GET
//   /api/v1/atrium/blogs/:id PUT  /api/v1/atrium/blogs/:id              edit (title, body, tags[])
// Deleting is DELETE /api/v1/statuses/:id. Each answers with Status entities.
#include "api/atrium/kinded_posts.h"
#include "api/routes.h"
#include "social/post_permalink.h"

namespace atrium::api {
namespace {

using http::Request;
using http::Response;

constexpr StatusKind kBlog = StatusKind::kBlog;

// The blog entry at /@acct/blog/<slug>: the slug's id decides, the author
// must match; anything else is 404.
Response Lookup(ApiContext& ctx, Request& req, const Principal& p) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  std::string acct = params->GetOr("acct", "");
  if (!acct.empty() && acct[0] == '@') acct.erase(0, 1);
  auto id = IdOfSlug(params->GetOr("slug", ""));
  if (acct.empty() || !id) return ErrorResponse(Status::NotFound());
  auto author = ctx.accounts.FindByUsername(acct);
  if (!author.ok()) return ErrorResponse(author.status());
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  auto post = ctx.social.Visible(*viewer, *id);
  if (!post.ok()) return ErrorResponse(post.status());
  if (post->status->account_id != author->id) return ErrorResponse(Status::NotFound());
  return RenderKindedPost(ctx, *viewer, *id, kBlog);
}

}  // namespace

void RegisterBlogRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("POST", "/api/v1/atrium/blogs",
             Protect(ctx, "write:statuses", [&ctx](Request& req, const Principal& p) {
               return CreateKindedPost(ctx, req, p, kBlog);
             }));
  router.Add("GET", "/api/v1/atrium/blogs",
             Protect(ctx, "read:statuses", [&ctx](Request& req, const Principal& p) {
               return ListKindedPosts(ctx, req, p, kBlog, false);
             }));
  router.Add("GET", "/api/v1/atrium/blogs/lookup",
             Protect(ctx, "read:statuses",
                     [&ctx](Request& req, const Principal& p) { return Lookup(ctx, req, p); }));
  router.Add("GET", "/api/v1/atrium/blogs/:id",
             Protect(ctx, "read:statuses", [&ctx](Request& req, const Principal& p) {
               return ShowKindedPost(ctx, req, p, kBlog);
             }));
  router.Add("PUT", "/api/v1/atrium/blogs/:id",
             Protect(ctx, "write:statuses", [&ctx](Request& req, const Principal& p) {
               return EditKindedPost(ctx, req, p, kBlog);
             }));
}

}  // namespace atrium::api
