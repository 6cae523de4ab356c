// GET /api/v2/search: reads the query, asks SearchService (which holds the
// rules: what is found, and what the viewer may see of it), renders.
#include "api/mastodon/search.h"

#include <algorithm>
#include <cctype>

#include "api/api_helpers.h"
#include "api/authenticate.h"
#include "api/mastodon/renderer.h"
#include "api/pagination.h"
#include "api/routes.h"
#include "base/id.h"
#include "base/json_writer.h"
#include "base/status_text.h"
#include "base/text.h"

namespace atrium::api {
namespace {

using http::Request;
using http::Response;

constexpr int kMaxOffset = 10000;

}  // namespace

Result<int> ParseSearchOffset(const http::Params& params) {
  auto o = params.Get("offset");
  if (!o || o->empty()) return 0;
  auto n = ParseId(*o);
  if (!n && *o != "0")
    return atrium::Status::BadRequest("Invalid offset", "offset must be a number");
  return static_cast<int>(std::min<int64_t>(n.value_or(0), kMaxOffset));
}

namespace {

// Trims spaces at both ends of `q`.
std::string TrimmedQuery(const http::Params& params) {
  return std::string(Trim(params.GetOr("q", "")));
}

Response SearchV2(ApiContext& ctx, Request& req, const Principal& p) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status st = OnlyParams(*params, {"q", "type", "limit", "offset", "account_id", "max_id",
                                       "min_id", "following", "resolve"});
      !st.ok())
    return ErrorResponse(st);
  const std::string q = TrimmedQuery(*params);
  if (q.empty()) return ErrorResponse(atrium::Status::BadRequest("Missing query", "q is required"));
  std::string type = params->GetOr("type", "");
  if (!type.empty() && type != "accounts" && type != "hashtags" && type != "statuses")
    return ErrorResponse(
        atrium::Status::BadRequest("Invalid type", "type must be accounts, hashtags or statuses"));
  auto page = ParsePage(*params, 20, 40);
  if (!page.ok()) return ErrorResponse(page.status());
  auto offset = ParseSearchOffset(*params);
  if (!offset.ok()) return ErrorResponse(offset.status());
  bool bad = false;
  const bool following = params->GetBool("following", &bad).value_or(false);
  if (bad)
    return ErrorResponse(
        atrium::Status::BadRequest("Invalid following", "following must be true or false"));
  params->GetBool("resolve", &bad);  // nothing to resolve: every account is local
  if (bad)
    return ErrorResponse(
        atrium::Status::BadRequest("Invalid resolve", "resolve must be true or false"));
  int64_t account_id = 0;
  if (auto a = params->Get("account_id"); a && !a->empty()) {
    auto id = ParseId(*a);
    if (!id)
      return ErrorResponse(
          atrium::Status::BadRequest("Invalid account_id", "account_id must be an id"));
    account_id = *id;
  }
  SearchQuery query;
  query.text = q;
  if (type == "accounts") query.kinds = {SearchKind::kAccounts};
  if (type == "hashtags") query.kinds = {SearchKind::kHashtags};
  if (type == "statuses") query.kinds = {SearchKind::kStatuses};
  query.following = following;
  query.limit = page->limit;
  query.offset = *offset;
  query.max_id = page->max_id;
  query.min_id = page->min_id;
  query.account_id = account_id;
  query.request_host = std::string(req.Header("Host"));
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  auto found = ctx.search.Search(*viewer, query);
  if (!found.ok()) return ErrorResponse(found.status());
  Renderer renderer(ctx, *viewer);
  const std::string base = ctx.settings.BaseUrl();
  std::string accounts = "[]", statuses = "[]";
  if (!found->account_ids.empty()) {
    auto json = renderer.Accounts(found->account_ids);
    if (!json.ok()) return ErrorResponse(json.status());
    accounts = std::move(*json);
  }
  if (!found->statuses.empty()) {
    auto json = renderer.Statuses(found->statuses);
    if (!json.ok()) return ErrorResponse(json.status());
    statuses = std::move(*json);
  }
  JsonWriter tags;
  tags.BeginArray();
  for (const std::string& n : found->hashtags)
    tags.BeginObject()
        .Field("name", n)
        .Field("url", base + "/tags/" + UrlEncode(n))
        .Key("history")
        .BeginArray()
        .EndArray()
        .Field("following", false)
        .EndObject();
  tags.EndArray();
  JsonWriter w;
  w.BeginObject()
      .Key("accounts")
      .Raw(accounts)
      .Key("statuses")
      .Raw(statuses)
      .Key("hashtags")
      .Raw(tags.str())
      .EndObject();
  return Response::Json(200, w.Take());
}

}  // namespace

void RegisterSearchRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v2/search",
             Protect(ctx, "read:search",
                     [&ctx](Request& req, const Principal& p) { return SearchV2(ctx, req, p); }));
}

}  // namespace atrium::api
