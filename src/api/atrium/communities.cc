// Communities, an Atrium extension, documented in docs/API.md:
//   GET/POST         /api/v1/atrium/communities            (q, mine, type; paged by id)
//   GET              /api/v1/atrium/communities/lookup?handle=
//   GET/PATCH/DELETE /api/v1/atrium/communities/:id
//   POST/DELETE      /api/v1/atrium/communities/:id/banner
//   POST             /api/v1/atrium/communities/:id/{join,leave}
//   GET/POST         /api/v1/atrium/communities/:id/invitations
//   GET              /api/v1/atrium/communities/:id/requests
//   POST             /api/v1/atrium/communities/:id/requests/:account_id/{approve,reject}
//   GET              /api/v1/atrium/communities/:id/members
//   PATCH/DELETE     /api/v1/atrium/communities/:id/members/:account_id
//   GET/POST         /api/v1/atrium/communities/:id/pins, DELETE …/pins/:status_id
//   DELETE           /api/v1/atrium/communities/:id/statuses/:status_id
//   GET              /api/v1/atrium/communities/:id/moderation_log
//   GET              /api/v1/atrium/timelines/community/:id
#include "api/atrium/communities.h"

#include <unordered_map>

#include "api/api_helpers.h"
#include "api/mastodon/first_page_cache.h"
#include "api/mastodon/renderer.h"
#include "api/pagination.h"
#include "api/routes.h"
#include "base/clock.h"
#include "base/json_writer.h"

namespace atrium::api {

void WriteCommunity(JsonWriter& w, const ApiContext& ctx, const CommunityView& v) {
  const CommunityRecord& c = v.community;
  const std::string base = ctx.settings.BaseUrl();
  w.BeginObject()
      .Field("id", std::to_string(c.id))
      .Field("handle", c.handle)
      .Field("name", c.name)
      .Field("description", c.description)
      .Field("description_html", c.description_html);
  w.Key("tags").BeginArray();
  for (const auto& t : c.tags) w.String(t);
  w.EndArray();
  w.Field("type", CommunityTypeName(c.type))
      .Field("listed", c.listed)
      .Field("archived", c.archived)
      .Key("avatar");
  if (c.avatar.empty())
    w.Null();
  else
    w.String(base + "/media/avatars/" + c.avatar);
  // The banner is for those who may read the community (the file answers
  // only them): a restricted community's for its members.
  w.Key("banner");
  const bool member = v.membership && v.membership->state == MembershipState::kMember;
  if (c.banner.empty() || (c.type == CommunityType::kRestricted && !member))
    w.Null();
  else
    w.String(base + "/media/banners/" + c.banner);
  w.Field("members_count", c.members_count).Field("created_at", FormatIso8601(c.created_at));
  w.Key("role");
  if (v.membership && v.membership->state == MembershipState::kMember)
    w.String(v.membership->role);
  else
    w.Null();
  w.Key("pending");
  if (v.membership && v.membership->state == MembershipState::kInvited)
    w.String("invited");
  else if (v.membership && v.membership->state == MembershipState::kRequested)
    w.String("requested");
  else
    w.Null();
  w.EndObject();
}

namespace {

using http::Request;
using http::Response;

Response CommunityJson(const ApiContext& ctx, const Result<CommunityView>& v) {
  if (!v.ok()) return ErrorResponse(v.status());
  JsonWriter w;
  WriteCommunity(w, ctx, *v);
  return Response::Json(200, w.str());
}

// Reads the fields of a community from a create or update request.
Result<CommunityInput> ReadInput(const http::Params& params) {
  CommunityInput in;
  in.handle = params.Get("handle");
  in.name = params.Get("name");
  in.description = params.Get("description");
  in.type = params.Get("type");
  bool bad = false;
  in.listed = params.GetBool("listed", &bad);
  if (bad) return Status::Unprocessable("Validation failed: listed must be true or false");
  in.archived = params.GetBool("archived", &bad);
  if (bad) return Status::Unprocessable("Validation failed: archived must be true or false");
  if (params.Has("tags") || params.Has("tags[]")) in.tags = params.GetAll("tags");
  return in;
}

using Handler = std::function<Response(Request&, const Principal&, int64_t id)>;

// A handler for /communities/:id/…: a well-formed id, else 404.
http::Handler WithId(ApiContext& ctx, const char* scope, Handler fn) {
  return Protect(ctx, scope, [fn](Request& req, const Principal& p) {
    auto id = PathId(req, "id");
    if (!id) return ErrorResponse(Status::NotFound());
    return fn(req, p, *id);
  });
}

// Answers {} on success.
Response Done(const Status& s) {
  if (!s.ok()) return ErrorResponse(s);
  return Response::Json(200, "{}");
}

Response AccountList(ApiContext& ctx, Request& req, const Principal& p,
                     const Result<std::vector<CommunityMemberRecord>>& rows) {
  if (!rows.ok()) return ErrorResponse(rows.status());
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  std::vector<int64_t> ids;
  for (const auto& r : *rows) ids.push_back(r.account_id);
  Response res = JsonOr(Renderer(ctx, *viewer).Accounts(ids));
  if (!rows->empty()) AddLinkHeader(res, ctx, req, rows->front().id, rows->back().id);
  return res;
}

}  // namespace

void RegisterCommunityRoutes(http::Router& router, ApiContext& ctx) {
  const std::string base = "/api/v1/atrium/communities";

  router.Add(
      "GET", base, Protect(ctx, "read", [&ctx](Request& req, const Principal& p) {
        auto params = http::Params::Parse(req);
        if (!params.ok()) return ErrorResponse(params.status());
        auto page = ParsePage(*params, 20, 80);
        if (!page.ok()) return ErrorResponse(page.status());
        CommunityQuery q;
        q.q = params->GetOr("q", "");
        if (auto t = params->Get("type")) {
          q.type = ParseCommunityType(*t);
          if (!q.type)
            return ErrorResponse(
                Status::BadRequest("Invalid type", "type must be public, moderated or restricted"));
        }
        bool bad = false;
        if (params->GetBool("mine", &bad).value_or(false)) q.member_id = p.account.id;
        if (bad) return ErrorResponse(Status::BadRequest("mine must be true or false"));
        auto found = ctx.communities.Browse(p.account, q, *page);
        if (!found.ok()) return ErrorResponse(found.status());
        JsonWriter w;
        w.BeginArray();
        for (const auto& v : *found) WriteCommunity(w, ctx, v);
        w.EndArray();
        Response res = Response::Json(200, w.str());
        if (!found->empty())
          AddLinkHeader(res, ctx, req, found->front().community.id, found->back().community.id);
        return res;
      }));

  router.Add("POST", base, Protect(ctx, "write", [&ctx](Request& req, const Principal& p) {
               auto params = http::Params::Parse(req);
               if (!params.ok()) return ErrorResponse(params.status());
               auto in = ReadInput(*params);
               if (!in.ok()) return ErrorResponse(in.status());
               return CommunityJson(ctx, ctx.communities.Create(p.account, *in));
             }));

  router.Add("GET", base + "/lookup",
             Protect(ctx, "read", [&ctx](Request& req, const Principal& p) {
               auto params = http::Params::Parse(req);
               if (!params.ok()) return ErrorResponse(params.status());
               std::string handle = params->GetOr("handle", "");
               if (handle.empty()) return ErrorResponse(Status::BadRequest("Missing handle"));
               return CommunityJson(ctx, ctx.communities.FindByHandle(p.account, handle));
             }));

  router.Add("GET", base + "/:id",
             WithId(ctx, "read", [&ctx](Request&, const Principal& p, int64_t id) {
               return CommunityJson(ctx, ctx.communities.Get(p.account, id));
             }));

  router.Add("PATCH", base + "/:id",
             WithId(ctx, "write", [&ctx](Request& req, const Principal& p, int64_t id) {
               auto params = http::Params::Parse(req);
               if (!params.ok()) return ErrorResponse(params.status());
               if (params->Has("handle"))
                 return ErrorResponse(Status::Unprocessable(
                     "Validation failed: A community's handle cannot be changed"));
               auto in = ReadInput(*params);
               if (!in.ok()) return ErrorResponse(in.status());
               std::optional<std::string_view> avatar;
               for (const auto& file : params->files()) {
                 if (file.field != "avatar" || avatar)
                   return ErrorResponse(Status::Unprocessable(
                       "Validation failed: only an avatar image can be uploaded"));
                 avatar = file.data;
               }
               auto updated = ctx.communities.Update(p.account, id, *in, avatar);
               if (!updated.ok()) return ErrorResponse(updated.status());
               return CommunityJson(ctx, ctx.communities.Get(p.account, id));
             }));

  router.Add("DELETE", base + "/:id",
             WithId(ctx, "write", [&ctx](Request&, const Principal& p, int64_t id) {
               return Done(ctx.communities.Delete(p.account, id));
             }));

  // The banner: a multipart `file`, owners and moderators.
  router.Add("POST", base + "/:id/banner",
             WithId(ctx, "write", [&ctx](Request& req, const Principal& p, int64_t id) {
               auto params = http::Params::Parse(req);
               if (!params.ok()) return ErrorResponse(params.status());
               if (Status s = OnlyParams(*params, {}); !s.ok()) return ErrorResponse(s);
               if (params->files().size() != 1 || params->files()[0].field != "file")
                 return ErrorResponse(Status::Unprocessable(
                     "Validation failed: send the banner as one multipart/form-data part "
                     "named file"));
               auto updated = ctx.communities.SetBanner(p.account, id, params->files()[0].data);
               if (!updated.ok()) return ErrorResponse(updated.status());
               return CommunityJson(ctx, ctx.communities.Get(p.account, id));
             }));
  router.Add("DELETE", base + "/:id/banner",
             WithId(ctx, "write", [&ctx](Request&, const Principal& p, int64_t id) {
               auto updated = ctx.communities.SetBanner(p.account, id, std::nullopt);
               if (!updated.ok()) return ErrorResponse(updated.status());
               return CommunityJson(ctx, ctx.communities.Get(p.account, id));
             }));
  // The banner's file, to those who may read the community.
  router.Add("GET", "/media/banners/:name",
             Protect(ctx, "", [&ctx](Request& req, const Principal& p) {
               return PictureResponse(ctx.communities.Banner(p.account, req.PathParam("name")));
             }));

  router.Add("POST", base + "/:id/join",
             WithId(ctx, "write", [&ctx](Request&, const Principal& p, int64_t id) {
               return CommunityJson(ctx, ctx.communities.Join(p.account, id));
             }));
  router.Add("POST", base + "/:id/leave",
             WithId(ctx, "write", [&ctx](Request&, const Principal& p, int64_t id) {
               return CommunityJson(ctx, ctx.communities.Leave(p.account, id));
             }));

  router.Add("POST", base + "/:id/invitations",
             WithId(ctx, "write", [&ctx](Request& req, const Principal& p, int64_t id) {
               auto params = http::Params::Parse(req);
               if (!params.ok()) return ErrorResponse(params.status());
               auto target = ParseId(params->GetOr("account_id", ""));
               if (!target)
                 return ErrorResponse(
                     Status::Unprocessable("Validation failed: account_id is missing or invalid"));
               if (Status s = ctx.communities.Invite(p.account, id, *target); !s.ok())
                 return ErrorResponse(s);
               return CommunityJson(ctx, ctx.communities.Get(p.account, id));
             }));

  auto pending_list = [&ctx](MembershipState state) {
    return [&ctx, state](Request& req, const Principal& p, int64_t id) {
      auto params = http::Params::Parse(req);
      if (!params.ok()) return ErrorResponse(params.status());
      auto page = ParsePage(*params, 40, 80);
      if (!page.ok()) return ErrorResponse(page.status());
      return AccountList(ctx, req, p, ctx.communities.Members(p.account, id, state, "", *page));
    };
  };
  router.Add("GET", base + "/:id/invitations",
             WithId(ctx, "read", pending_list(MembershipState::kInvited)));
  router.Add("GET", base + "/:id/requests",
             WithId(ctx, "read", pending_list(MembershipState::kRequested)));

  using Decision = Status (CommunityService::*)(const Account&, int64_t, int64_t);
  auto decide = [&ctx](Decision decision) {
    return [&ctx, decision](Request& req, const Principal& p, int64_t id) {
      auto account_id = PathId(req, "account_id");
      if (!account_id) return ErrorResponse(Status::NotFound("No such request"));
      if (Status s = (ctx.communities.*decision)(p.account, id, *account_id); !s.ok())
        return ErrorResponse(s);
      return CommunityJson(ctx, ctx.communities.Get(p.account, id));
    };
  };
  router.Add("POST", base + "/:id/requests/:account_id/approve",
             WithId(ctx, "write", decide(&CommunityService::Approve)));
  router.Add("POST", base + "/:id/requests/:account_id/reject",
             WithId(ctx, "write", decide(&CommunityService::Reject)));

  router.Add("GET", base + "/:id/members",
             WithId(ctx, "read", [&ctx](Request& req, const Principal& p, int64_t id) {
               auto params = http::Params::Parse(req);
               if (!params.ok()) return ErrorResponse(params.status());
               auto page = ParsePage(*params, 40, 80);
               if (!page.ok()) return ErrorResponse(page.status());
               // One more than the page: "Show more" is offered only when there is more.
               auto rows = ctx.communities.Members(p.account, id, MembershipState::kMember,
                                                   params->GetOr("role", ""), WithLookahead(*page));
               if (!rows.ok()) return ErrorResponse(rows.status());
               const bool has_next = TrimLookahead(*rows, *page);
               auto viewer = ViewerOf(ctx, p);
               if (!viewer.ok()) return ErrorResponse(viewer.status());
               std::vector<int64_t> ids;
               for (const auto& r : *rows) ids.push_back(r.account_id);
               Renderer renderer(ctx, *viewer);
               // One Account per row, in row order (blocked people left out).
               JsonWriter w;
               w.BeginArray();
               for (const auto& r : *rows) {
                 if (!VisibilityPolicy::CanSeeAccount(*viewer, r.account_id)) continue;
                 auto account = renderer.Account(r.account_id);
                 if (!account.ok()) continue;
                 w.BeginObject().Key("account").Raw(*account);
                 w.Field("role", r.role).Field("created_at", FormatIso8601(r.created_at));
                 w.EndObject();
               }
               w.EndArray();
               Response res = Response::Json(200, w.str());
               if (!rows->empty())
                 AddLinkHeader(res, ctx, req, rows->front().id, rows->back().id, has_next);
               return res;
             }));

  router.Add(
      "PATCH", base + "/:id/members/:account_id",
      WithId(ctx, "write", [&ctx](Request& req, const Principal& p, int64_t id) {
        auto account_id = PathId(req, "account_id");
        if (!account_id) return ErrorResponse(Status::NotFound("Not a member"));
        auto params = http::Params::Parse(req);
        if (!params.ok()) return ErrorResponse(params.status());
        auto role = params->Get("role");
        if (!role)
          return ErrorResponse(Status::Unprocessable("Validation failed: role is missing"));
        bool bad = false;
        bool transfer = params->GetBool("transfer", &bad).value_or(false);
        if (bad)
          return ErrorResponse(
              Status::Unprocessable("Validation failed: transfer must be true or false"));
        const AuditActor by = AuditActorOf(p, req);
        return Done(ctx.communities.SetRole(p.account, id, *account_id, *role, transfer, &by));
      }));
  router.Add("DELETE", base + "/:id/members/:account_id",
             WithId(ctx, "write", [&ctx](Request& req, const Principal& p, int64_t id) {
               auto account_id = PathId(req, "account_id");
               if (!account_id) return ErrorResponse(Status::NotFound("Not a member"));
               return Done(ctx.communities.RemoveMember(p.account, id, *account_id));
             }));

  router.Add("GET", base + "/:id/pins",
             WithId(ctx, "read", [&ctx](Request&, const Principal& p, int64_t id) {
               auto ids = ctx.communities.Pins(p.account, id);
               if (!ids.ok()) return ErrorResponse(ids.status());
               auto viewer = ViewerOf(ctx, p);
               if (!viewer.ok()) return ErrorResponse(viewer.status());
               auto posts = ctx.social.VisibleMany(*viewer, *ids, false);
               if (!posts.ok()) return ErrorResponse(posts.status());
               return JsonOr(Renderer(ctx, *viewer).Statuses(*posts));
             }));
  router.Add("POST", base + "/:id/pins",
             WithId(ctx, "write", [&ctx](Request& req, const Principal& p, int64_t id) {
               auto params = http::Params::Parse(req);
               if (!params.ok()) return ErrorResponse(params.status());
               auto status_id = ParseId(params->GetOr("status_id", ""));
               if (!status_id)
                 return ErrorResponse(
                     Status::Unprocessable("Validation failed: status_id is missing or invalid"));
               return Done(ctx.communities.Pin(p.account, id, *status_id));
             }));
  router.Add("DELETE", base + "/:id/pins/:status_id",
             WithId(ctx, "write", [&ctx](Request& req, const Principal& p, int64_t id) {
               auto status_id = PathId(req, "status_id");
               if (!status_id) return ErrorResponse(Status::NotFound("This post is not pinned"));
               return Done(ctx.communities.Unpin(p.account, id, *status_id));
             }));

  router.Add("DELETE", base + "/:id/statuses/:status_id",
             WithId(ctx, "write", [&ctx](Request& req, const Principal& p, int64_t id) {
               auto status_id = PathId(req, "status_id");
               if (!status_id) return ErrorResponse(Status::NotFound("No such post"));
               auto params = http::Params::Parse(req);
               if (!params.ok()) return ErrorResponse(params.status());
               const AuditActor by = AuditActorOf(p, req);
               return Done(ctx.communities.RemoveStatus(p.account, id, *status_id,
                                                        params->GetOr("reason", ""), &by));
             }));

  router.Add("GET", base + "/:id/moderation_log",
             WithId(ctx, "read", [&ctx](Request& req, const Principal& p, int64_t id) {
               auto params = http::Params::Parse(req);
               if (!params.ok()) return ErrorResponse(params.status());
               auto page = ParsePage(*params, 40, 80);
               if (!page.ok()) return ErrorResponse(page.status());
               auto log = ctx.communities.ModerationLog(p.account, id, *page);
               if (!log.ok()) return ErrorResponse(log.status());
               auto viewer = ViewerOf(ctx, p);
               if (!viewer.ok()) return ErrorResponse(viewer.status());
               Renderer renderer(ctx, *viewer);
               JsonWriter w;
               w.BeginArray();
               for (const auto& r : *log) {
                 w.BeginObject().Field("id", std::to_string(r.id)).Field("action", r.action);
                 auto account = renderer.Account(r.actor_id);
                 w.Key("account");
                 if (account.ok())
                   w.Raw(*account);
                 else
                   w.Null();
                 w.Key("status_id").IdOrNull(r.status_id);
                 w.Key("target_account_id").IdOrNull(r.target_account_id);
                 w.Field("reason", r.reason).Field("created_at", FormatIso8601(r.created_at));
                 w.EndObject();
               }
               w.EndArray();
               Response res = Response::Json(200, w.str());
               if (!log->empty()) AddLinkHeader(res, ctx, req, log->front().id, log->back().id);
               return res;
             }));

  router.Add("GET", "/api/v1/atrium/timelines/community/:id",
             WithId(ctx, "read:statuses", [&ctx](Request& req, const Principal& p, int64_t id) {
               auto viewer = ViewerOf(ctx, p);
               if (!viewer.ok()) return ErrorResponse(viewer.status());
               const Viewer& v = *viewer;
               if (Status s = ctx.communities.CheckReadable(v, p.account, id); !s.ok())
                 return ErrorResponse(s);
               auto params = http::Params::Parse(req);
               if (!params.ok()) return ErrorResponse(params.status());
               auto page = ParsePage(*params);
               if (!page.ok()) return ErrorResponse(page.status());
               // A community's stream is filtered as a public one.
               return StreamPage(
                   ctx, req, v, FilterContext::kPublic,
                   [&] { return ctx.timelines.Community(v, id, *page); },
                   [&](const std::vector<int64_t>& ids, bool ended) {
                     return ctx.timelines.CommunityUnchanged(id, ids, ended);
                   });
             }));
}

}  // namespace atrium::api
