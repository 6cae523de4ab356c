// /api/v1/polls: a poll (by its post's id) and voting on it.
#include <charconv>

#include "api/api_helpers.h"
#include "api/mastodon/renderer.h"
#include "api/routes.h"

namespace atrium::api {
namespace {

using http::Request;
using http::Response;

// A choice: the position of an option, a small decimal number from 0.
std::optional<int64_t> ParseChoice(std::string_view s) {
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || s.size() > 4 || ec != std::errc() || ptr != s.data() + s.size() || v < 0)
    return std::nullopt;
  return v;
}

Response GetPoll(ApiContext& ctx, Request& req, const Principal& p) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  auto post = ctx.polls->Get(*viewer, *id);
  if (!post.ok()) return ErrorResponse(post.status());
  return JsonOr(Renderer(ctx, *viewer).Poll(*post));
}

Response Vote(ApiContext& ctx, Request& req, const Principal& p) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status st = OnlyParams(*params, {"choices"}); !st.ok()) return ErrorResponse(st);
  std::vector<int64_t> choices;
  for (const auto& v : params->GetAll("choices")) {
    auto choice = ParseChoice(v);
    if (!choice)
      return ErrorResponse(
          Status::Unprocessable("Validation failed: choices must be positions of options"));
    choices.push_back(*choice);
  }
  auto post = ctx.polls->Vote(p.account, *id, choices);
  if (!post.ok()) return ErrorResponse(post.status());
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  return JsonOr(Renderer(ctx, *viewer).Poll(*post));
}

}  // namespace

void RegisterPollRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/polls/:id",
             Protect(ctx, "read:statuses",
                     [&ctx](Request& req, const Principal& p) { return GetPoll(ctx, req, p); }));
  router.Add("POST", "/api/v1/polls/:id/votes",
             Protect(ctx, "write:statuses",
                     [&ctx](Request& req, const Principal& p) { return Vote(ctx, req, p); }));
}

}  // namespace atrium::api
