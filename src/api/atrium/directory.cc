// Atrium's directory and profile endpoints, under /api/v1/atrium/:
//   GET    /api/v1/atrium/profiles/:id                 the full profile
//   GET    /api/v1/atrium/profiles/:id/manager          the manager (404: none)
//   GET    /api/v1/atrium/profiles/:id/management_chain managers, nearest first
//   GET    /api/v1/atrium/profiles/:id/reports          direct reports
//   GET    /api/v1/atrium/profiles/:id/peers            same manager
//   POST   /api/v1/atrium/profiles/:id/expertise/:tag/endorse
//   DELETE /api/v1/atrium/profiles/:id/expertise/:tag/endorse
//   GET    /api/v1/atrium/profiles/:id/expertise/:tag/endorsers
//   GET    /api/v1/atrium/directory?q=&title=&department=&location=&expertise=
//   GET    /api/v1/atrium/expertise/:tag               who knows about it
#include "api/api_helpers.h"
#include "api/mastodon/account_serializer.h"
#include "api/mastodon/renderer.h"
#include "api/routes.h"
#include "base/status_text.h"

namespace atrium::api {
namespace {

using http::Request;
using http::Response;

Result<AccountPtr> Person(ApiContext& ctx, const Request& req) {
  auto id = PathId(req);
  if (!id) return Status::NotFound();
  auto a = ctx.social.accounts.Get(*id);
  if (!a.ok()) return a.status();
  if ((*a)->account.removed_at != 0 && !(*a)->account.active) return Status::NotFound();
  return a;
}

// People found by a search or an endorsement: those the viewer may see
// (VisibilityPolicy::CanSeeAccount), as Accounts.
Response AccountList(ApiContext& ctx, const Principal& p, const Result<std::vector<int64_t>>& ids) {
  if (!ids.ok()) return ErrorResponse(ids.status());
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  return JsonOr(Renderer(ctx, *viewer).Accounts(VisibilityPolicy::VisibleAccounts(*viewer, *ids)));
}

// People of the org chart (a chain, reports, peers): everyone, since the
// organization's structure is no one's to hide; the Renderer shows each as
// the viewer may see them (VisibilityPolicy::ProfileViewOf).
Response OrgChartList(ApiContext& ctx, const Principal& p,
                      const Result<std::vector<int64_t>>& ids) {
  if (!ids.ok()) return ErrorResponse(ids.status());
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  return JsonOr(Renderer(ctx, *viewer).Accounts(*ids));
}

// `text` if the view shows what is personal, else "".
const std::string& Personal(ProfileView view, const std::string& text) {
  static const std::string kNone;
  return view == ProfileView::kFull ? text : kNone;
}

std::string ProfileJson(ApiContext& ctx, const Viewer& viewer, const AccountSnapshot& snap) {
  const Account& a = snap.account;
  const std::string base = ctx.settings.BaseUrl();
  const ProfileView view = VisibilityPolicy::ProfileViewOf(viewer, a.id);
  JsonWriter w;
  w.BeginObject().Key("account");
  WriteAccount(w, snap, base, view);
  w.Field("limited", view != ProfileView::kFull)
      .Field("pronouns", Personal(view, a.pronouns))
      .Field("about", Personal(view, a.note))
      .Field("about_html", Personal(view, a.note_html));
  w.Key("directory")
      .BeginObject()
      .Field("managed", a.directory_managed)
      .Field("title", a.title)
      .Field("department", a.department)
      .Field("location", Personal(view, a.location))
      .Field("phone", Personal(view, a.phone))
      .Field("email", Personal(view, a.email))
      .Field("employee_number", Personal(view, a.employee_number))
      .Field("cost_center", Personal(view, a.cost_center))
      .Field("organization", a.organization)
      .Field("division", a.division);
  w.Key("manager");
  auto manager =
      a.manager_id ? ctx.social.accounts.Get(a.manager_id) : Result<AccountPtr>(Status::NotFound());
  if (manager.ok())
    WriteAccount(w, **manager, base, VisibilityPolicy::ProfileViewOf(viewer, a.manager_id));
  else
    w.Null();
  w.EndObject();
  w.Key("expertise").BeginArray();
  auto expertise = view == ProfileView::kFull
                       ? ctx.directory.Expertise(a.id, viewer.account_id)
                       : Result<std::vector<ExpertiseView>>(std::vector<ExpertiseView>{});
  if (expertise.ok()) {
    for (const auto& e : *expertise) {
      w.BeginObject()
          .Field("tag", e.tag)
          .Field("endorsements", e.endorsements)
          .Field("endorsed", e.endorsed_by_viewer)
          .EndObject();
    }
  }
  w.EndArray();
  w.EndObject();
  return w.Take();
}

}  // namespace

void RegisterDirectoryRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/atrium/profiles/:id",
             Protect(ctx, "read:accounts", [&ctx](Request& req, const Principal& p) {
               auto person = Person(ctx, req);
               if (!person.ok()) return ErrorResponse(person.status());
               auto viewer = ViewerOf(ctx, p);
               if (!viewer.ok()) return ErrorResponse(viewer.status());
               return Response::Json(200, ProfileJson(ctx, *viewer, **person));
             }));
  router.Add(
      "GET", "/api/v1/atrium/profiles/:id/manager",
      Protect(ctx, "read:accounts", [&ctx](Request& req, const Principal& p) {
        auto person = Person(ctx, req);
        if (!person.ok()) return ErrorResponse(person.status());
        auto chain = ctx.directory.ManagementChain((*person)->account.id);
        if (!chain.ok()) return ErrorResponse(chain.status());
        if (chain->empty())
          return ErrorResponse(Status::NotFound("Record not found", "This person has no manager"));
        auto viewer = ViewerOf(ctx, p);
        if (!viewer.ok()) return ErrorResponse(viewer.status());
        return JsonOr(Renderer(ctx, *viewer).Account(chain->front()));
      }));
  router.Add("GET", "/api/v1/atrium/profiles/:id/management_chain",
             Protect(ctx, "read:accounts", [&ctx](Request& req, const Principal& p) {
               auto person = Person(ctx, req);
               if (!person.ok()) return ErrorResponse(person.status());
               return OrgChartList(ctx, p, ctx.directory.ManagementChain((*person)->account.id));
             }));
  router.Add("GET", "/api/v1/atrium/profiles/:id/reports",
             Protect(ctx, "read:accounts", [&ctx](Request& req, const Principal& p) {
               auto person = Person(ctx, req);
               if (!person.ok()) return ErrorResponse(person.status());
               return OrgChartList(ctx, p, ctx.directory.DirectReports((*person)->account.id));
             }));
  router.Add("GET", "/api/v1/atrium/profiles/:id/peers",
             Protect(ctx, "read:accounts", [&ctx](Request& req, const Principal& p) {
               auto person = Person(ctx, req);
               if (!person.ok()) return ErrorResponse(person.status());
               return OrgChartList(ctx, p, ctx.directory.Peers((*person)->account.id));
             }));

  auto endorse = [&ctx](bool add) {
    return Protect(ctx, "write:accounts", [&ctx, add](Request& req, const Principal& p) {
      auto person = Person(ctx, req);
      if (!person.ok()) return ErrorResponse(person.status());
      const std::string& tag = req.PathParam("tag");
      auto r = add ? ctx.directory.Endorse(p.account, (*person)->account.id, tag)
                   : ctx.directory.Unendorse(p.account, (*person)->account.id, tag);
      if (!r.ok()) return ErrorResponse(r.status());
      ctx.social.accounts.Invalidate((*person)->account.id);
      auto viewer = ViewerOf(ctx, p);
      if (!viewer.ok()) return ErrorResponse(viewer.status());
      auto fresh = ctx.social.accounts.Get((*person)->account.id);
      if (!fresh.ok()) return ErrorResponse(fresh.status());
      return Response::Json(200, ProfileJson(ctx, *viewer, **fresh));
    });
  };
  router.Add("POST", "/api/v1/atrium/profiles/:id/expertise/:tag/endorse", endorse(true));
  router.Add("DELETE", "/api/v1/atrium/profiles/:id/expertise/:tag/endorse", endorse(false));
  router.Add("GET", "/api/v1/atrium/profiles/:id/expertise/:tag/endorsers",
             Protect(ctx, "read:accounts", [&ctx](Request& req, const Principal& p) {
               auto person = Person(ctx, req);
               if (!person.ok()) return ErrorResponse(person.status());
               return AccountList(
                   ctx, p, ctx.directory.Endorsers((*person)->account.id, req.PathParam("tag")));
             }));

  router.Add("GET", "/api/v1/atrium/directory",
             Protect(ctx, "read:accounts", [&ctx](Request& req, const Principal& p) {
               auto params = http::Params::Parse(req);
               if (!params.ok()) return ErrorResponse(params.status());
               PeopleQuery q;
               q.name = params->GetOr("q", "");
               q.title = params->GetOr("title", "");
               q.department = params->GetOr("department", "");
               q.location = params->GetOr("location", "");
               std::string tag = params->GetOr("expertise", "");
               if (!tag.empty() && tag[0] == '#') tag.erase(0, 1);
               q.expertise = tag.empty() ? "" : NormalizeHashtag(tag);
               for (auto [name, out, max] :
                    {std::tuple{"limit", &q.limit, 80}, {"offset", &q.offset, 100000}}) {
                 auto v = params->Get(name);
                 if (!v || v->empty()) continue;
                 auto n = ParseId(*v);
                 if (!n && *v != "0")
                   return ErrorResponse(Status::BadRequest(
                       "Invalid parameter", std::string(name) + " must be a number"));
                 *out = static_cast<int>(std::min<int64_t>(n.value_or(0), max));
               }
               if (q.limit == 0) q.limit = 20;
               return AccountList(ctx, p, ctx.directory.SearchPeople(q));
             }));

  router.Add("GET", "/api/v1/atrium/expertise/:tag",
             Protect(ctx, "read:accounts", [&ctx](Request& req, const Principal& p) {
               auto viewer = ViewerOf(ctx, p);
               if (!viewer.ok()) return ErrorResponse(viewer.status());
               auto experts = ctx.directory.WhoKnows(*viewer, req.PathParam("tag"));
               if (!experts.ok()) return ErrorResponse(experts.status());
               std::vector<int64_t> ids;
               for (const auto& e : *experts) ids.push_back(e.account_id);
               auto accounts = ctx.social.accounts.GetMany(ids);
               if (!accounts.ok()) return ErrorResponse(accounts.status());
               JsonWriter w;
               w.BeginArray();
               for (const auto& e : *experts) {
                 auto it = accounts->find(e.account_id);
                 if (it == accounts->end()) continue;
                 w.BeginObject().Key("account");
                 WriteAccount(w, *it->second, ctx.settings.BaseUrl());
                 w.Field("endorsements", e.endorsements).EndObject();
               }
               w.EndArray();
               return Response::Json(200, w.Take());
             }));
}

}  // namespace atrium::api
