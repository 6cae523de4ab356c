// Atrium's search, for the web client. Documented in docs/API.md.
//   GET /api/v1/atrium/search?q=&sort=relevance|recent&limit=&offset=&max_id=
// Every kind at once: posts (status updates, comments, blog entries,
// questions and answers) with highlights, and on the first page people,
// hashtags and communities (the community directory's rules); facets of every post found (counts by
// kind, community and author). Pages by offset under a snapshot: the first page answers
// `next.max_id`, the newest id when it was asked, and the next pages pass
// it back with the offset, so posts written meanwhile neither repeat nor
// push others across a page.
#include "api/mastodon/search.h"

#include "api/api_helpers.h"
#include "api/atrium/communities.h"
#include "api/mastodon/renderer.h"
#include "api/pagination.h"
#include "api/routes.h"
#include "base/id.h"
#include "base/json_writer.h"
#include "base/text.h"

namespace atrium::api {
namespace {

using http::Request;
using http::Response;

void WriteFacets(JsonWriter& w, const std::vector<SearchFacet>& facets) {
  w.BeginArray();
  for (const SearchFacet& f : facets)
    w.BeginObject().Key("id").IdOrNull(f.key).Field("count", f.count).EndObject();
  w.EndArray();
}

Response Search(ApiContext& ctx, Request& req, const Principal& p) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status st = OnlyParams(*params, {"q", "sort", "limit", "offset", "max_id"}); !st.ok())
    return ErrorResponse(st);
  const std::string q(Trim(params->GetOr("q", "")));
  if (q.empty()) return ErrorResponse(Status::BadRequest("Missing query", "q is required"));
  const std::string sort = params->GetOr("sort", "relevance");
  if (sort != "relevance" && sort != "recent")
    return ErrorResponse(Status::Unprocessable("Invalid sort", "sort must be relevance or recent"));
  auto page = ParsePage(*params, 20, 40);
  if (!page.ok()) return ErrorResponse(page.status());
  auto offset = ParseSearchOffset(*params);
  if (!offset.ok()) return ErrorResponse(offset.status());
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());

  PostQuery query;
  query.text = q;
  query.recent = sort == "recent";
  query.limit = page->limit;
  query.offset = *offset;
  // The snapshot: every post written before now has a smaller id.
  query.max_id = page->max_id != 0 ? page->max_id : ctx.social.ids.Next();
  query.count = true;
  auto found = ctx.search.Posts(*viewer, query);
  if (!found.ok()) return ErrorResponse(found.status());

  Renderer renderer(ctx, *viewer);
  JsonWriter w;
  w.BeginObject().Key("statuses").BeginArray();
  for (const PostHit& hit : found->hits) {
    auto json = renderer.Status(hit.post);
    if (!json.ok()) return ErrorResponse(json.status());
    w.BeginObject().Key("status").Raw(*json).Field("highlight", hit.highlight);
    w.Key("title_highlight").StringOrNull(hit.title_highlight).EndObject();
  }
  w.EndArray();
  // People and tags on the first page, for a plain query of words.
  std::vector<int64_t> people;
  std::vector<std::string> tags;
  std::vector<CommunityView> communities;
  const bool plain = q.find(':') == std::string::npos && q.find('"') == std::string::npos &&
                     q.find('-') != 0 && *offset == 0;
  if (plain) {
    auto a = ctx.search.Accounts(*viewer, q, 5, 0, false);
    if (!a.ok()) return ErrorResponse(a.status());
    people = std::move(*a);
    auto t = ctx.search.Hashtags(q, 5, 0);
    if (!t.ok()) return ErrorResponse(t.status());
    tags = std::move(*t);
    CommunityQuery cq;
    cq.q = q;
    PageRequest five;
    five.limit = 5;
    auto c = ctx.communities.Browse(p.account, cq, five);
    if (!c.ok()) return ErrorResponse(c.status());
    communities = std::move(*c);
  }
  auto accounts =
      people.empty() ? Result<std::string>(std::string("[]")) : renderer.Accounts(people);
  if (!accounts.ok()) return ErrorResponse(accounts.status());
  w.Key("accounts").Raw(*accounts);
  w.Key("hashtags").BeginArray();
  for (const std::string& t : tags) w.String(t);
  w.EndArray();
  w.Key("communities").BeginArray();
  for (const CommunityView& c : communities) WriteCommunity(w, ctx, c);
  w.EndArray();
  w.Key("facets").BeginObject().Field("total", found->total).Key("kinds").BeginObject();
  for (const auto& [kind, count] : found->kinds) w.Field(kind, count);
  w.EndObject().Key("communities");
  WriteFacets(w, found->communities);
  w.Key("authors");
  WriteFacets(w, found->authors);
  w.EndObject();
  const int64_t next_offset = *offset + page->limit;
  w.Key("next");
  if (next_offset < found->total)
    w.BeginObject()
        .Field("offset", static_cast<int64_t>(next_offset))
        .Key("max_id")
        .IdOrNull(query.max_id)
        .EndObject();
  else
    w.Null();
  w.EndObject();
  return Response::Json(200, w.Take());
}

}  // namespace

void RegisterAtriumSearchRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/atrium/search",
             Protect(ctx, "read:search",
                     [&ctx](Request& req, const Principal& p) { return Search(ctx, req, p); }));
}

}  // namespace atrium::api
