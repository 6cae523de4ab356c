// /api/v1/conversations: a member's direct conversations, as Mastodon's —
// the list (paged by the conversations' last posts, with Link headers),
// marking one read (or unread again), removing one from the member's own
// list.
// ConversationService decides what each member is shown.
#include "api/api_helpers.h"
#include "api/mastodon/renderer.h"
#include "api/pagination.h"
#include "api/routes.h"

namespace atrium::api {
namespace {

using http::Request;
using http::Response;

Response List(ApiContext& ctx, Request& req, const Principal& p) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status st = OnlyParams(*params, {"max_id", "since_id", "min_id", "limit"}); !st.ok())
    return ErrorResponse(st);
  auto page = ParsePage(*params, 20, 40);
  if (!page.ok()) return ErrorResponse(page.status());
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  auto list = ctx.conversations->List(*viewer, *page);
  if (!list.ok()) return ErrorResponse(list.status());
  Renderer r(ctx, *viewer);
  auto json = r.Conversations(list->conversations);
  if (!json.ok()) return ErrorResponse(json.status());
  Response res = Response::Json(200, std::move(*json));
  AddLinkHeader(res, ctx, req, list->first_cursor, list->last_cursor);
  return res;
}

// POST …/read and …/unread (Mastodon 4.2's).
Response Mark(ApiContext& ctx, Request& req, const Principal& p, bool unread) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status st = OnlyParams(*params, {}); !st.ok()) return ErrorResponse(st);
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  auto conversation = ctx.conversations->MarkRead(*viewer, *id, unread);
  if (!conversation.ok()) return ErrorResponse(conversation.status());
  Renderer r(ctx, *viewer);
  return JsonOr(r.Conversation(*conversation));
}

Response Read(ApiContext& ctx, Request& req, const Principal& p) {
  return Mark(ctx, req, p, false);
}

Response Unread(ApiContext& ctx, Request& req, const Principal& p) {
  return Mark(ctx, req, p, true);
}

Response Remove(ApiContext& ctx, Request& req, const Principal& p) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status st = OnlyParams(*params, {}); !st.ok()) return ErrorResponse(st);
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  if (Status st = ctx.conversations->Remove(*viewer, *id); !st.ok()) return ErrorResponse(st);
  return Response::Json(200, "{}");
}

}  // namespace

void RegisterConversationRoutes(http::Router& router, ApiContext& ctx) {
  auto handle = [&ctx](const char* scope, Response (*fn)(ApiContext&, Request&, const Principal&)) {
    return Protect(ctx, scope,
                   [&ctx, fn](Request& req, const Principal& p) { return fn(ctx, req, p); });
  };
  router.Add("GET", "/api/v1/conversations", handle("read:statuses", List));
  router.Add("DELETE", "/api/v1/conversations/:id", handle("write:conversations", Remove));
  router.Add("POST", "/api/v1/conversations/:id/read", handle("write:conversations", Read));
  router.Add("POST", "/api/v1/conversations/:id/unread", handle("write:conversations", Unread));
}

}  // namespace atrium::api
