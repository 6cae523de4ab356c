// GET /api/v1/directory: the organization's people in Mastodon's profile
// directory shape — active members only, as the viewer may see them (the
// same search as /api/v1/atrium/directory, DirectoryService::SearchPeople).
//   offset, limit (default 40, at most 80), order (active: most recently
//   posted first, the default; new: newest accounts first), local (every
//   member is local: true and false list the same people).
#include <algorithm>

#include "api/api_helpers.h"
#include "api/mastodon/renderer.h"
#include "api/routes.h"

namespace atrium::api {
namespace {

using http::Request;
using http::Response;

Response ProfileDirectory(ApiContext& ctx, Request& req, const Principal& p) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status s = OnlyParams(*params, {"offset", "limit", "order", "local"}); !s.ok())
    return ErrorResponse(s);
  PeopleQuery q;
  auto limit = params->GetInt("limit", 1, 1000);
  if (!limit.ok()) return ErrorResponse(limit.status());
  q.limit = static_cast<int>(std::min<int64_t>(limit->value_or(40), 80));
  auto offset = params->GetInt("offset", 0, 100000);
  if (!offset.ok()) return ErrorResponse(offset.status());
  q.offset = static_cast<int>(offset->value_or(0));
  const std::string order = params->GetOr("order", "active");
  if (order == "active")
    q.order = PeopleOrder::kActive;
  else if (order == "new")
    q.order = PeopleOrder::kNew;
  else
    return ErrorResponse(Status::Unprocessable("Invalid parameter", "order must be active or new"));
  bool bad = false;
  params->GetBool("local", &bad);
  if (bad)
    return ErrorResponse(Status::Unprocessable("Invalid parameter", "local must be a boolean"));
  auto ids = ctx.directory.SearchPeople(q);
  if (!ids.ok()) return ErrorResponse(ids.status());
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  return JsonOr(Renderer(ctx, *viewer).Accounts(VisibilityPolicy::VisibleAccounts(*viewer, *ids)));
}

}  // namespace

void RegisterProfileDirectoryRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/directory",
             Protect(ctx, "read:accounts", [&ctx](Request& req, const Principal& p) {
               return ProfileDirectory(ctx, req, p);
             }));
}

}  // namespace atrium::api
