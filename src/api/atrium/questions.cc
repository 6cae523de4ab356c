// Questions, an Atrium extension. Documented in docs/API.md. Answers are
// ordinary replies (POST /api/v1/statuses with in_reply_to_id).
//   POST /api/v1/atrium/questions              ask (title, body, tags[], visibility, community_id)
//   GET  /api/v1/atrium/questions              list (state=open|unanswered|answered|all,
//                                              expertise, unanswered, tag, community_id,
//                                              account_id)
//   GET  /api/v1/atrium/questions/:id
//   PUT  /api/v1/atrium/questions/:id          edit (title, body, tags[])
//   POST /api/v1/atrium/questions/:id/accept   {status_id}: accept that reply
//   POST /api/v1/atrium/questions/:id/unaccept
// Each answers with Status entities (the question, for accept and unaccept).
#include "api/atrium/kinded_posts.h"
#include "api/routes.h"

namespace atrium::api {
namespace {

using http::Request;
using http::Response;

constexpr StatusKind kQuestion = StatusKind::kQuestion;

Response Decide(ApiContext& ctx, Request& req, const Principal& p, bool accept) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  Result<StatusRecord> done = Status::NotFound();
  if (accept) {
    auto params = http::Params::Parse(req);
    if (!params.ok()) return ErrorResponse(params.status());
    auto answer = ParseId(params->GetOr("status_id", ""));
    if (!answer)
      return ErrorResponse(
          Status::Unprocessable("Validation failed: status_id must be the id of a reply"));
    done = ctx.questions.Accept(p.account, *id, *answer);
  } else {
    done = ctx.questions.Unaccept(p.account, *id);
  }
  if (!done.ok()) return ErrorResponse(done.status());
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  return RenderKindedPost(ctx, *viewer, done->id, kQuestion);
}

}  // namespace

void RegisterQuestionRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("POST", "/api/v1/atrium/questions",
             Protect(ctx, "write:statuses", [&ctx](Request& req, const Principal& p) {
               return CreateKindedPost(ctx, req, p, kQuestion);
             }));
  router.Add("GET", "/api/v1/atrium/questions",
             Protect(ctx, "read:statuses", [&ctx](Request& req, const Principal& p) {
               return ListKindedPosts(ctx, req, p, kQuestion, true);
             }));
  router.Add("GET", "/api/v1/atrium/questions/:id",
             Protect(ctx, "read:statuses", [&ctx](Request& req, const Principal& p) {
               return ShowKindedPost(ctx, req, p, kQuestion);
             }));
  router.Add("PUT", "/api/v1/atrium/questions/:id",
             Protect(ctx, "write:statuses", [&ctx](Request& req, const Principal& p) {
               return EditKindedPost(ctx, req, p, kQuestion);
             }));
  router.Add("POST", "/api/v1/atrium/questions/:id/accept",
             Protect(ctx, "write:statuses", [&ctx](Request& req, const Principal& p) {
               return Decide(ctx, req, p, true);
             }));
  router.Add("POST", "/api/v1/atrium/questions/:id/unaccept",
             Protect(ctx, "write:statuses", [&ctx](Request& req, const Principal& p) {
               return Decide(ctx, req, p, false);
             }));
}

}  // namespace atrium::api
