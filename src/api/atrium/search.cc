// Atrium's search, for the web client. Documented in docs/API.md.
//   GET /api/v1/atrium/search?q=&type=all|people|communities|experts
//       &sort=relevance|recent&limit=&offset=&max_id=
//   GET /api/v1/atrium/search/typeahead?q=&limit=
// type=all (the default): every kind at once: posts (status updates,
// comments, blog entries, questions and answers) with highlights, and on
// the first page people, hashtags and communities from the index; facets
// of the posts found (counts by kind, community and author; the newest
// kSearchCountCap of them at most, "capped" past it). type=people,
// communities or experts ("who knows X": people by expertise, endorsements
// first): that kind only, paged by offset. The typeahead answers a few
// people, communities and hashtags whose names hold what is typed. Pages by offset under a
// snapshot: the first page answers `next.max_id`, the newest id when it was asked, and the next
// pages pass it back with the offset, so posts written meanwhile neither repeat nor push others
// across a page.
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

// The communities `ids` as `p` may know them (CommunityService checks each
// again), rendered as a JSON array.
Result<std::string> CommunitiesJson(ApiContext& ctx, const Principal& p,
                                    const std::vector<int64_t>& ids) {
  JsonWriter w;
  w.BeginArray();
  for (int64_t id : ids) {
    auto c = ctx.communities.Get(p.account, id);
    if (c.ok())
      WriteCommunity(w, ctx, *c);
    else if (c.status().code() != Code::kNotFound)
      return c.status();
  }
  w.EndArray();
  return w.Take();
}

// type=people, communities or experts: one kind, paged by offset.
Response SearchDirectory(ApiContext& ctx, const Principal& p, const Viewer& viewer,
                         const std::string& type, DirectoryQuery query) {
  query.experts = type == "experts";
  const bool people = type != "communities";
  auto ids = people ? ctx.search.People(viewer, query) : ctx.search.Communities(viewer, query);
  if (!ids.ok()) return ErrorResponse(ids.status());
  Renderer renderer(ctx, viewer);
  auto accounts =
      people && !ids->empty() ? renderer.Accounts(*ids) : Result<std::string>(std::string("[]"));
  if (!accounts.ok()) return ErrorResponse(accounts.status());
  auto communities =
      people ? Result<std::string>(std::string("[]")) : CommunitiesJson(ctx, p, *ids);
  if (!communities.ok()) return ErrorResponse(communities.status());
  JsonWriter w;
  w.BeginObject().Key("statuses").BeginArray().EndArray();
  w.Key("accounts").Raw(*accounts).Key("hashtags").BeginArray().EndArray();
  w.Key("communities").Raw(*communities).Key("facets").Null().Key("next");
  if (static_cast<int>(ids->size()) == query.limit)
    w.BeginObject().Field("offset", static_cast<int64_t>(query.offset + query.limit)).EndObject();
  else
    w.Null();
  w.EndObject();
  return Response::Json(200, w.Take());
}

Response Search(ApiContext& ctx, Request& req, const Principal& p) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status st = OnlyParams(*params, {"q", "type", "sort", "limit", "offset", "max_id"}); !st.ok())
    return ErrorResponse(st);
  const std::string q(Trim(params->GetOr("q", "")));
  if (q.empty()) return ErrorResponse(Status::BadRequest("Missing query", "q is required"));
  const std::string type = params->GetOr("type", "all");
  if (type != "all" && type != "people" && type != "communities" && type != "experts")
    return ErrorResponse(
        Status::Unprocessable("Invalid type", "type must be all, people, communities or experts"));
  const std::string sort = params->GetOr("sort", "relevance");
  if (sort != "relevance" && sort != "recent")
    return ErrorResponse(Status::Unprocessable("Invalid sort", "sort must be relevance or recent"));
  auto page = ParsePage(*params, 20, 40);
  if (!page.ok()) return ErrorResponse(page.status());
  auto offset = ParseSearchOffset(*params);
  if (!offset.ok()) return ErrorResponse(offset.status());
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  if (type != "all") {
    if (params->Get("sort") || params->Get("max_id"))
      return ErrorResponse(Status::Unprocessable(
          "Invalid parameter", "sort and max_id apply to posts, not to type=" + type));
    DirectoryQuery query;
    query.text = q;
    query.limit = page->limit;
    query.offset = *offset;
    return SearchDirectory(ctx, p, *viewer, type, query);
  }

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
  std::vector<int64_t> people, community_ids;
  std::vector<std::string> tags;
  const bool plain = q.find(':') == std::string::npos && q.find('"') == std::string::npos &&
                     q.find('-') != 0 && *offset == 0;
  if (plain) {
    DirectoryQuery five;
    five.text = q;
    five.limit = 5;
    auto a = ctx.search.People(*viewer, five);
    if (!a.ok()) return ErrorResponse(a.status());
    people = std::move(*a);
    auto t = ctx.search.Hashtags(q, 5, 0);
    if (!t.ok()) return ErrorResponse(t.status());
    tags = std::move(*t);
    auto c = ctx.search.Communities(*viewer, five);
    if (!c.ok()) return ErrorResponse(c.status());
    community_ids = std::move(*c);
  }
  auto accounts =
      people.empty() ? Result<std::string>(std::string("[]")) : renderer.Accounts(people);
  if (!accounts.ok()) return ErrorResponse(accounts.status());
  auto communities = CommunitiesJson(ctx, p, community_ids);
  if (!communities.ok()) return ErrorResponse(communities.status());
  w.Key("accounts").Raw(*accounts);
  w.Key("hashtags").BeginArray();
  for (const std::string& t : tags) w.String(t);
  w.EndArray();
  w.Key("communities").Raw(*communities);
  w.Key("facets").BeginObject().Field("total", found->total).Field("capped", found->capped);
  w.Key("kinds").BeginObject();
  for (const auto& [kind, count] : found->kinds) w.Field(kind, count);
  w.EndObject().Key("communities");
  WriteFacets(w, found->communities);
  w.Key("authors");
  WriteFacets(w, found->authors);
  w.EndObject();
  const int64_t next_offset = *offset + page->limit;
  w.Key("next");
  // A capped total is a lower bound: a full page may have more after it.
  const bool more = next_offset < found->total ||
                    (found->capped && found->hits.size() == static_cast<size_t>(page->limit));
  if (more)
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

// GET /api/v1/atrium/search/typeahead?q=&limit= (limit: of each kind, 1..10, 5).
Response Typeahead(ApiContext& ctx, Request& req, const Principal& p) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status st = OnlyParams(*params, {"q", "limit"}); !st.ok()) return ErrorResponse(st);
  const std::string q(Trim(params->GetOr("q", "")));
  if (q.empty()) return ErrorResponse(Status::BadRequest("Missing query", "q is required"));
  if (q.size() > 100)
    return ErrorResponse(Status::Unprocessable("Invalid query", "q is at most 100 bytes"));
  auto page = ParsePage(*params, 5, 10);
  if (!page.ok()) return ErrorResponse(page.status());
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  auto found = ctx.search.Typeahead(*viewer, q, page->limit);
  if (!found.ok()) return ErrorResponse(found.status());
  Renderer renderer(ctx, *viewer);
  auto accounts = found->people.empty() ? Result<std::string>(std::string("[]"))
                                        : renderer.Accounts(found->people);
  if (!accounts.ok()) return ErrorResponse(accounts.status());
  auto communities = CommunitiesJson(ctx, p, found->communities);
  if (!communities.ok()) return ErrorResponse(communities.status());
  JsonWriter w;
  w.BeginObject().Key("accounts").Raw(*accounts).Key("communities").Raw(*communities);
  w.Key("hashtags").BeginArray();
  for (const std::string& t : found->tags) w.String(t);
  w.EndArray().EndObject();
  return Response::Json(200, w.Take());
}

}  // namespace

void RegisterAtriumSearchRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/atrium/search",
             Protect(ctx, "read:search",
                     [&ctx](Request& req, const Principal& p) { return Search(ctx, req, p); }));
  router.Add("GET", "/api/v1/atrium/search/typeahead",
             Protect(ctx, "read:search",
                     [&ctx](Request& req, const Principal& p) { return Typeahead(ctx, req, p); }));
}

}  // namespace atrium::api
