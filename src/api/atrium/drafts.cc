// /api/v1/atrium/drafts: the blog entries a member started and has not
// published, kept on the server so that writing goes on from another
// device (social/draft_service.h). Only the owner ever sees a draft.
#include "api/api_helpers.h"
#include "api/routes.h"
#include "base/clock.h"
#include "base/json_writer.h"

namespace atrium::api {
namespace {

using http::Request;
using http::Response;

void WriteDraft(JsonWriter& w, const DraftRecord& d) {
  w.BeginObject()
      .Field("id", std::to_string(d.id))
      .Field("title", d.title)
      .Field("body", d.body)
      .Key("tags")
      .BeginArray();
  for (const auto& t : d.tags) w.String(t);
  w.EndArray().Key("community_id").IdOrNull(d.community_id);
  w.Field("created_at", FormatIso8601(d.created_at))
      .Field("updated_at", FormatIso8601(d.updated_at))
      .EndObject();
}

Response Render(const DraftRecord& d) {
  JsonWriter w;
  WriteDraft(w, d);
  return Response::Json(200, w.Take());
}

// The draft in the request: title, body, tags and community_id, nothing else.
Result<DraftInput> ReadDraft(Request& req) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return params.status();
  if (Status st = OnlyParams(*params, {"title", "body", "tags", "community_id"}); !st.ok())
    return st;
  DraftInput in;
  in.title = params->GetOr("title", "");
  in.body = params->GetOr("body", "");
  in.tags = params->GetAll("tags");
  if (auto c = params->Get("community_id"); c && !c->empty()) {
    auto id = ParseId(*c);
    if (!id) return Status::Unprocessable("Validation failed: community_id is not an id");
    in.community_id = *id;
  }
  return in;
}

Response List(ApiContext& ctx, Request& req, const Principal& p) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status st = OnlyParams(*params, {}); !st.ok()) return ErrorResponse(st);
  auto drafts = ctx.drafts->List(p.account);
  if (!drafts.ok()) return ErrorResponse(drafts.status());
  JsonWriter w;
  w.BeginArray();
  for (const auto& d : *drafts) WriteDraft(w, d);
  w.EndArray();
  return Response::Json(200, w.Take());
}

Response Create(ApiContext& ctx, Request& req, const Principal& p) {
  auto in = ReadDraft(req);
  if (!in.ok()) return ErrorResponse(in.status());
  auto d = ctx.drafts->Create(p.account, *in);
  if (!d.ok()) return ErrorResponse(d.status());
  return Render(*d);
}

Response Show(ApiContext& ctx, Request& req, const Principal& p) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  auto d = ctx.drafts->Get(p.account, *id);
  if (!d.ok()) return ErrorResponse(d.status());
  return Render(*d);
}

Response Update(ApiContext& ctx, Request& req, const Principal& p) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  auto in = ReadDraft(req);
  if (!in.ok()) return ErrorResponse(in.status());
  auto d = ctx.drafts->Update(p.account, *id, *in);
  if (!d.ok()) return ErrorResponse(d.status());
  return Render(*d);
}

Response Remove(ApiContext& ctx, Request& req, const Principal& p) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  if (Status st = ctx.drafts->Delete(p.account, *id); !st.ok()) return ErrorResponse(st);
  return Response::Json(200, "{}");
}

}  // namespace

void RegisterDraftRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/atrium/drafts",
             Protect(ctx, "read:statuses",
                     [&ctx](Request& req, const Principal& p) { return List(ctx, req, p); }));
  router.Add("POST", "/api/v1/atrium/drafts",
             Protect(ctx, "write:statuses",
                     [&ctx](Request& req, const Principal& p) { return Create(ctx, req, p); }));
  router.Add("GET", "/api/v1/atrium/drafts/:id",
             Protect(ctx, "read:statuses",
                     [&ctx](Request& req, const Principal& p) { return Show(ctx, req, p); }));
  router.Add("PUT", "/api/v1/atrium/drafts/:id",
             Protect(ctx, "write:statuses",
                     [&ctx](Request& req, const Principal& p) { return Update(ctx, req, p); }));
  router.Add("DELETE", "/api/v1/atrium/drafts/:id",
             Protect(ctx, "write:statuses",
                     [&ctx](Request& req, const Principal& p) { return Remove(ctx, req, p); }));
}

}  // namespace atrium::api
