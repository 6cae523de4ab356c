// Connections, an Atrium extension: mutual, by invitation. Documented in
// docs/API.md.
//   GET    /api/v1/atrium/connections                       established (accounts)
//   GET    /api/v1/atrium/connections/invitations?direction=received|sent
//   GET    /api/v1/atrium/profiles/:id/connections          another person's (accounts)
//   POST   /api/v1/atrium/connections/:account_id/invite
//   POST   /api/v1/atrium/connections/:account_id/accept
//   POST   /api/v1/atrium/connections/:account_id/decline
//   POST   /api/v1/atrium/connections/:account_id/withdraw
//   DELETE /api/v1/atrium/connections/:account_id           remove
// Actions answer with the Relationship to that person.
#include "api/api_helpers.h"
#include "api/mastodon/renderer.h"
#include "api/pagination.h"
#include "api/routes.h"

namespace atrium::api {
namespace {

using http::Request;
using http::Response;
using ConnectionAction = Status (RelationshipService::*)(const Account&, int64_t);

http::Handler Act(ApiContext& ctx, ConnectionAction action) {
  return Protect(ctx, "write:follows", [&ctx, action](Request& req, const Principal& p) {
    auto id = PathId(req, "account_id");
    if (!id) return ErrorResponse(Status::NotFound());
    if (Status s = (ctx.relationships.*action)(p.account, *id); !s.ok()) return ErrorResponse(s);
    auto viewer = ViewerOf(ctx, p);
    if (!viewer.ok()) return ErrorResponse(viewer.status());
    auto json = Renderer(ctx, *viewer).Relationships({*id});
    if (!json.ok()) return ErrorResponse(json.status());
    return Response::Json(200, json->size() > 2 ? json->substr(1, json->size() - 2) : "{}");
  });
}

Response AccountsPage(ApiContext& ctx, Request& req, const Viewer& viewer,
                      const Result<AccountPage>& people) {
  if (!people.ok()) return ErrorResponse(people.status());
  Response res = JsonOr(Renderer(ctx, viewer).Accounts(people->account_ids));
  AddLinkHeader(res, ctx, req, people->first_cursor, people->last_cursor);
  return res;
}

}  // namespace

void RegisterConnectionRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/atrium/connections",
             Protect(ctx, "read:follows", [&ctx](Request& req, const Principal& p) {
               auto params = http::Params::Parse(req);
               if (!params.ok()) return ErrorResponse(params.status());
               auto page = ParsePage(*params, 40, 80);
               if (!page.ok()) return ErrorResponse(page.status());
               auto viewer = ViewerOf(ctx, p);
               if (!viewer.ok()) return ErrorResponse(viewer.status());
               return AccountsPage(ctx, req, *viewer,
                                   ctx.relationships.Connections(*viewer, *page));
             }));
  router.Add("GET", "/api/v1/atrium/connections/invitations",
             Protect(ctx, "read:follows", [&ctx](Request& req, const Principal& p) {
               auto params = http::Params::Parse(req);
               if (!params.ok()) return ErrorResponse(params.status());
               auto page = ParsePage(*params, 40, 80);
               if (!page.ok()) return ErrorResponse(page.status());
               std::string direction = params->GetOr("direction", "received");
               if (direction != "received" && direction != "sent")
                 return ErrorResponse(
                     Status::BadRequest("Invalid direction", "direction must be received or sent"));
               auto viewer = ViewerOf(ctx, p);
               if (!viewer.ok()) return ErrorResponse(viewer.status());
               return AccountsPage(ctx, req, *viewer,
                                   ctx.relationships.ConnectionInvitations(
                                       *viewer, direction == "received", *page));
             }));
  router.Add(
      "GET", "/api/v1/atrium/profiles/:id/connections",
      Protect(ctx, "read:follows", [&ctx](Request& req, const Principal& p) {
        auto id = PathId(req);
        if (!id) return ErrorResponse(Status::NotFound());
        auto params = http::Params::Parse(req);
        if (!params.ok()) return ErrorResponse(params.status());
        if (Status s = OnlyParams(*params, {"max_id", "since_id", "min_id", "limit"}); !s.ok())
          return ErrorResponse(s);
        auto page = ParsePage(*params, 40, 80);
        if (!page.ok()) return ErrorResponse(page.status());
        auto viewer = ViewerOf(ctx, p);
        if (!viewer.ok()) return ErrorResponse(viewer.status());
        return AccountsPage(ctx, req, *viewer,
                            ctx.relationships.ConnectionsOf(*viewer, *id, *page));
      }));
  router.Add("POST", "/api/v1/atrium/connections/:account_id/invite",
             Act(ctx, &RelationshipService::InviteConnection));
  router.Add("POST", "/api/v1/atrium/connections/:account_id/accept",
             Act(ctx, &RelationshipService::AcceptConnection));
  router.Add("POST", "/api/v1/atrium/connections/:account_id/decline",
             Act(ctx, &RelationshipService::DeclineConnection));
  router.Add("POST", "/api/v1/atrium/connections/:account_id/withdraw",
             Act(ctx, &RelationshipService::WithdrawConnection));
  router.Add("DELETE", "/api/v1/atrium/connections/:account_id",
             Act(ctx, &RelationshipService::RemoveConnection));
}

}  // namespace atrium::api
