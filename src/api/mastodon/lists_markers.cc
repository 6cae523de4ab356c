// /api/v1/lists (people a member groups into a stream of their own) and
// /api/v1/markers (where a member stopped reading).
#include "api/api_helpers.h"
#include "api/mastodon/renderer.h"
#include "api/pagination.h"
#include "api/routes.h"
#include "base/clock.h"
#include "base/text.h"

namespace atrium::api {
namespace {

using http::Request;
using http::Response;

void WriteList(JsonWriter& w, const ListRecord& l) {
  w.BeginObject()
      .Field("id", std::to_string(l.id))
      .Field("title", l.title)
      .Field("replies_policy", l.replies_policy)
      .Field("exclusive", l.exclusive)
      .EndObject();
}

std::string ListJson(const ListRecord& l) {
  JsonWriter w;
  WriteList(w, l);
  return w.Take();
}

// The viewer's own list in :id, or 404.
Result<ListRecord> OwnList(ApiContext& ctx, const Request& req, const Principal& p) {
  auto id = PathId(req);
  if (!id) return Status::NotFound();
  return ctx.lists.Get(p.account.id, *id);
}

// Reads title, replies_policy and exclusive; 422 for an exclusive that is
// not a boolean.
Result<ListSettings> ReadListSettings(const http::Params& params) {
  ListSettings settings;
  settings.title = params.Get("title");
  settings.replies_policy = params.Get("replies_policy");
  bool bad = false;
  settings.exclusive = params.GetBool("exclusive", &bad);
  if (bad) return Status::Unprocessable("Validation failed: exclusive must be a boolean");
  return settings;
}

std::vector<int64_t> Ids(const http::Params& params, const char* name) {
  std::vector<int64_t> out;
  for (const auto& v : params.GetAll(name))
    if (auto id = ParseId(v)) out.push_back(*id);
  return out;
}

}  // namespace

void RegisterListAndMarkerRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/lists",
             Protect(ctx, "read:lists", [&ctx](Request&, const Principal& p) {
               auto lists = ctx.lists.Of(p.account.id);
               if (!lists.ok()) return ErrorResponse(lists.status());
               JsonWriter w;
               w.BeginArray();
               for (const auto& l : *lists) WriteList(w, l);
               w.EndArray();
               return Response::Json(200, w.Take());
             }));
  router.Add("POST", "/api/v1/lists",
             Protect(ctx, "write:lists", [&ctx](Request& req, const Principal& p) {
               auto params = http::Params::Parse(req);
               if (!params.ok()) return ErrorResponse(params.status());
               auto settings = ReadListSettings(*params);
               if (!settings.ok()) return ErrorResponse(settings.status());
               auto l = ctx.lists.Create(p.account.id, *settings);
               if (!l.ok()) return ErrorResponse(l.status());
               return Response::Json(200, ListJson(*l));
             }));
  router.Add("GET", "/api/v1/lists/:id",
             Protect(ctx, "read:lists", [&ctx](Request& req, const Principal& p) {
               auto l = OwnList(ctx, req, p);
               if (!l.ok()) return ErrorResponse(l.status());
               return Response::Json(200, ListJson(*l));
             }));
  router.Add("PUT", "/api/v1/lists/:id",
             Protect(ctx, "write:lists", [&ctx](Request& req, const Principal& p) {
               auto l = OwnList(ctx, req, p);
               if (!l.ok()) return ErrorResponse(l.status());
               auto params = http::Params::Parse(req);
               if (!params.ok()) return ErrorResponse(params.status());
               auto settings = ReadListSettings(*params);
               if (!settings.ok()) return ErrorResponse(settings.status());
               auto updated = ctx.lists.Update(*l, *settings);
               if (!updated.ok()) return ErrorResponse(updated.status());
               return Response::Json(200, ListJson(*updated));
             }));
  router.Add("DELETE", "/api/v1/lists/:id",
             Protect(ctx, "write:lists", [&ctx](Request& req, const Principal& p) {
               auto l = OwnList(ctx, req, p);
               if (!l.ok()) return ErrorResponse(l.status());
               if (Status s = ctx.lists.Delete(*l); !s.ok()) return ErrorResponse(s);
               return Response::Json(200, "{}");
             }));
  router.Add("GET", "/api/v1/lists/:id/accounts",
             Protect(ctx, "read:lists", [&ctx](Request& req, const Principal& p) {
               auto l = OwnList(ctx, req, p);
               if (!l.ok()) return ErrorResponse(l.status());
               auto ids = ctx.lists.Members(*l);
               if (!ids.ok()) return ErrorResponse(ids.status());
               auto viewer = ViewerOf(ctx, p);
               if (!viewer.ok()) return ErrorResponse(viewer.status());
               return JsonOr(Renderer(ctx, *viewer).Accounts(*ids));
             }));
  router.Add("POST", "/api/v1/lists/:id/accounts",
             Protect(ctx, "write:lists", [&ctx](Request& req, const Principal& p) {
               auto l = OwnList(ctx, req, p);
               if (!l.ok()) return ErrorResponse(l.status());
               auto params = http::Params::Parse(req);
               if (!params.ok()) return ErrorResponse(params.status());
               auto viewer = ViewerOf(ctx, p);
               if (!viewer.ok()) return ErrorResponse(viewer.status());
               if (Status s = ctx.lists.AddMembers(*viewer, *l, Ids(*params, "account_ids"));
                   !s.ok())
                 return ErrorResponse(s);
               return Response::Json(200, "{}");
             }));
  router.Add("DELETE", "/api/v1/lists/:id/accounts",
             Protect(ctx, "write:lists", [&ctx](Request& req, const Principal& p) {
               auto l = OwnList(ctx, req, p);
               if (!l.ok()) return ErrorResponse(l.status());
               auto params = http::Params::Parse(req);
               if (!params.ok()) return ErrorResponse(params.status());
               if (Status s = ctx.lists.RemoveMembers(*l, Ids(*params, "account_ids")); !s.ok())
                 return ErrorResponse(s);
               return Response::Json(200, "{}");
             }));
  router.Add("GET", "/api/v1/accounts/:id/lists",
             Protect(ctx, "read:lists", [&ctx](Request& req, const Principal& p) {
               auto id = PathId(req);
               if (!id) return ErrorResponse(Status::NotFound());
               auto lists = ctx.lists.Containing(p.account.id, *id);
               if (!lists.ok()) return ErrorResponse(lists.status());
               JsonWriter w;
               w.BeginArray();
               for (const auto& l : *lists) WriteList(w, l);
               w.EndArray();
               return Response::Json(200, w.Take());
             }));

  auto write_markers = [](const std::vector<MarkerRecord>& markers) {
    JsonWriter w;
    w.BeginObject();
    for (const auto& m : markers) {
      w.Key(m.timeline)
          .BeginObject()
          .Field("last_read_id", std::to_string(m.last_read_id))
          .Field("version", m.version)
          .Field("updated_at", FormatIso8601(m.updated_at))
          .EndObject();
    }
    w.EndObject();
    return w.Take();
  };
  router.Add("GET", "/api/v1/markers",
             Protect(ctx, "read:statuses", [&ctx, write_markers](Request& req, const Principal& p) {
               auto params = http::Params::Parse(req);
               if (!params.ok()) return ErrorResponse(params.status());
               std::vector<std::string> timelines;
               for (const auto& t : params->GetAll("timeline"))
                 if (t == "home" || t == "notifications") timelines.push_back(t);
               auto markers = ctx.markers.Get(p.account.id, timelines);
               if (!markers.ok()) return ErrorResponse(markers.status());
               return Response::Json(200, write_markers(*markers));
             }));
  router.Add(
      "POST", "/api/v1/markers",
      Protect(ctx, "write:statuses", [&ctx, write_markers](Request& req, const Principal& p) {
        auto params = http::Params::Parse(req);
        if (!params.ok()) return ErrorResponse(params.status());
        std::vector<MarkerRecord> out;
        for (const char* timeline : {"home", "notifications"}) {
          auto v = params->Get(std::string(timeline) + "[last_read_id]");
          if (!v) continue;
          auto id = ParseId(*v);
          if (!id)
            return ErrorResponse(
                Status::Unprocessable("Validation failed: last_read_id must be an id"));
          auto m = ctx.markers.Set(p.account.id, timeline, *id);
          if (!m.ok()) return ErrorResponse(m.status());
          out.push_back(*m);
        }
        if (out.empty())
          return ErrorResponse(Status::Unprocessable(
              "Validation failed: give home[last_read_id] or notifications[last_read_id]"));
        return Response::Json(200, write_markers(out));
      }));
}

}  // namespace atrium::api
