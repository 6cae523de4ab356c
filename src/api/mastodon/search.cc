// GET /api/v2/search: accounts, hashtags and statuses for a query, as
// Mastodon answers it on a server without a full-text index — statuses are
// found by their address (a post's URL or permalink pasted into the search
// box), not by the words in them. Every post found goes through the one
// visibility policy; hashtags are those a public post carries.
#include "api/mastodon/search.h"

#include <boost/url/parse.hpp>
#include <cctype>
#include <regex>

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

// The post id in the address of a post of this server — /@user/ID,
// /@user/blog/ID-slug, /@user/questions/ID-slug, /statuses/ID — or 0.
int64_t PostIdFromUrl(const std::string& q, const Request& req, const std::string& base_url) {
  auto url = boost::urls::parse_absolute_uri(q);
  if (!url) return 0;
  auto base = boost::urls::parse_absolute_uri(base_url);
  const std::string host(url->encoded_host_and_port());
  const bool ours = (base && host == std::string(base->encoded_host_and_port())) ||
                    host == std::string(req.Header("Host"));
  if (!ours) return 0;
  static const std::regex path(
      R"(^/(?:@[^/]+/(?:(?:blog|questions)/)?|statuses/|web/statuses/)([0-9]{1,19})(?:-[^/]*)?/?$)");
  std::smatch m;
  const std::string p(url->encoded_path());
  if (!std::regex_match(p, m, path)) return 0;
  return ParseId(m[1].str()).value_or(0);
}

}  // namespace

Result<int> ParseSearchOffset(const http::Params& params) {
  auto o = params.Get("offset");
  if (!o || o->empty()) return 0;
  auto n = ParseId(*o);
  if (!n && *o != "0")
    return atrium::Status::BadRequest("Invalid offset", "offset must be a number");
  return static_cast<int>(std::min<int64_t>(n.value_or(0), kMaxOffset));
}

Result<std::vector<int64_t>> SearchAccountIds(ApiContext& ctx, const Viewer& viewer, std::string q,
                                              int limit, int offset, bool following) {
  while (!q.empty() && (q[0] == '@' || q[0] == ' ')) q.erase(0, 1);
  if (auto at = q.find('@'); at != std::string::npos) q.erase(at);  // user@this-server
  if (q.empty()) return std::vector<int64_t>{};
  auto found = ctx.store.accounts().Search(q, limit, offset);
  if (!found.ok()) return found.status();
  std::vector<int64_t> ids;
  for (const auto& a : *found) {
    if (viewer.graph->BlockedEitherWay(a.id)) continue;
    if (following && !viewer.graph->Follows(a.id)) continue;
    ids.push_back(a.id);
  }
  return ids;
}

void RegisterSearchRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v2/search",
             Protect(ctx, "read:search", [&ctx](Request& req, const Principal& p) {
               auto params = http::Params::Parse(req);
               if (!params.ok()) return ErrorResponse(params.status());
               std::string q = params->GetOr("q", "");
               while (!q.empty() && std::isspace(static_cast<unsigned char>(q.back())))
                 q.pop_back();
               while (!q.empty() && std::isspace(static_cast<unsigned char>(q.front())))
                 q.erase(0, 1);
               if (q.empty())
                 return ErrorResponse(atrium::Status::BadRequest("Missing query", "q is required"));
               std::string type = params->GetOr("type", "");
               if (!type.empty() && type != "accounts" && type != "hashtags" && type != "statuses")
                 return ErrorResponse(atrium::Status::BadRequest(
                     "Invalid type", "type must be accounts, hashtags or statuses"));
               auto page = ParsePage(*params, 20, 40);
               if (!page.ok()) return ErrorResponse(page.status());
               auto offset = ParseSearchOffset(*params);
               if (!offset.ok()) return ErrorResponse(offset.status());
               bool bad = false;
               const bool following = params->GetBool("following", &bad).value_or(false);
               if (bad)
                 return ErrorResponse(atrium::Status::BadRequest(
                     "Invalid following", "following must be true or false"));
               auto viewer = ViewerOf(ctx, p);
               if (!viewer.ok()) return ErrorResponse(viewer.status());
               Renderer renderer(ctx, *viewer);
               const std::string base = ctx.settings.BaseUrl();

               std::string accounts = "[]", statuses = "[]";
               JsonWriter tags;
               tags.BeginArray();
               const bool url_query = q.find("://") != std::string::npos;
               if ((type.empty() || type == "accounts") && !url_query) {
                 auto ids = SearchAccountIds(ctx, *viewer, q, page->limit, *offset, following);
                 if (!ids.ok()) return ErrorResponse(ids.status());
                 auto json = renderer.Accounts(*ids);
                 if (!json.ok()) return ErrorResponse(json.status());
                 accounts = std::move(*json);
               }
               if ((type.empty() || type == "hashtags") && !url_query) {
                 std::string name = q[0] == '#' ? q.substr(1) : q;
                 name = NormalizeHashtag(name);
                 if (!name.empty() && name.find(' ') == std::string::npos) {
                   auto names = ctx.store.statuses().SearchTags(name, page->limit, *offset);
                   if (!names.ok()) return ErrorResponse(names.status());
                   for (const std::string& n : *names)
                     tags.BeginObject()
                         .Field("name", n)
                         .Field("url", base + "/tags/" + UrlEncode(n))
                         .Key("history")
                         .BeginArray()
                         .EndArray()
                         .Field("following", false)
                         .EndObject();
                 }
               }
               if ((type.empty() || type == "statuses") && url_query && *offset == 0) {
                 if (int64_t id = PostIdFromUrl(q, req, base); id != 0) {
                   auto post = ctx.social.Visible(*viewer, id);
                   if (post.ok()) {
                     auto json = renderer.Statuses({*post});
                     if (!json.ok()) return ErrorResponse(json.status());
                     statuses = std::move(*json);
                   } else if (post.status().code() != Code::kNotFound) {
                     return ErrorResponse(post.status());
                   }
                 }
               }
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
             }));
}

}  // namespace atrium::api
