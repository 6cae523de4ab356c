// /api/v1/accounts and the relationship lists: who a person is, what they
// posted, and how the viewer relates to them.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "api/api_helpers.h"
#include "api/mastodon/first_page_cache.h"
#include "api/mastodon/renderer.h"
#include "api/mastodon/search.h"
#include "api/mastodon/tag_serializer.h"
#include "api/pagination.h"
#include "api/routes.h"
#include "base/clock.h"
#include "base/status_text.h"
#include "social/directory_service.h"
#include "social/preference_service.h"

namespace atrium::api {
namespace {

using http::Request;
using http::Response;

// Renders the relationship of the viewer to the account in :id.
Response RelationshipWith(ApiContext& ctx, const Principal& p, int64_t id) {
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  Renderer r(ctx, *viewer);
  auto json = r.Relationships({id});
  if (!json.ok()) return ErrorResponse(json.status());
  // One relationship, not an array.
  return Response::Json(200, json->size() > 2 ? json->substr(1, json->size() - 2) : "{}");
}

using RelationAction =
    std::function<Status(ApiContext&, const Principal&, int64_t, const http::Params&)>;

http::Handler Relate(ApiContext& ctx, const char* scope, RelationAction action) {
  return Protect(ctx, scope, [&ctx, action](Request& req, const Principal& p) {
    auto id = PathId(req);
    if (!id) return ErrorResponse(Status::NotFound());
    auto params = http::Params::Parse(req);
    if (!params.ok()) return ErrorResponse(params.status());
    if (Status s = action(ctx, p, *id, *params); !s.ok()) return ErrorResponse(s);
    return RelationshipWith(ctx, p, *id);
  });
}

using PeopleSource = std::function<Result<AccountPage>(ApiContext&, const Viewer&, const Request&,
                                                       const PageRequest&)>;

// A page of people from `source`, which decides who the viewer is shown.
// `strict`: parameters other than the page's are refused.
http::Handler People(ApiContext& ctx, const char* scope, PeopleSource source, bool strict = false) {
  return Protect(ctx, scope, [&ctx, source, strict](Request& req, const Principal& p) {
    auto params = http::Params::Parse(req);
    if (!params.ok()) return ErrorResponse(params.status());
    if (strict)
      if (Status s = OnlyParams(*params, {"max_id", "since_id", "min_id", "limit"}); !s.ok())
        return ErrorResponse(s);
    auto page = ParsePage(*params, 40, 80);
    if (!page.ok()) return ErrorResponse(page.status());
    auto viewer = ViewerOf(ctx, p);
    if (!viewer.ok()) return ErrorResponse(viewer.status());
    auto people = source(ctx, *viewer, req, *page);
    if (!people.ok()) return ErrorResponse(people.status());
    Response res = JsonOr(Renderer(ctx, *viewer).Accounts(people->account_ids));
    AddLinkHeader(res, ctx, req, people->first_cursor, people->last_cursor);
    return res;
  });
}

// OK if update_credentials takes every parameter of `params`, else 422
// naming the first it does not. A directory field or a picture sent as text
// is known here and refused by DirectoryService with its own reason.
Status OnlyProfileParams(const http::Params& params) {
  static constexpr std::string_view kOwn[] = {
      "display_name",      "note",   "pronouns", "locked", "follow_approval", "expertise",
      "fields_attributes", "avatar", "header"};
  auto check = [](std::string_view name) {
    std::string_view n = name;
    if (n.starts_with("fields_attributes[") && n != "fields_attributes[]") {
      // fields_attributes[<index or nothing>][name|value]
      n.remove_prefix(std::string_view("fields_attributes[").size());
      const size_t close = n.find(']');
      const std::string_view index = n.substr(0, close);
      const std::string_view field = close == std::string_view::npos ? "" : n.substr(close + 1);
      if (std::all_of(index.begin(), index.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
          (field == "[name]" || field == "[value]"))
        return Status::Ok();
      return UnsupportedParameter(name);
    }
    if (n.ends_with("[]")) n.remove_suffix(2);
    if (n == "source[privacy]" || n == "source[sensitive]" || n == "source[language]")
      return Status::Ok();
    if (std::find(std::begin(kOwn), std::end(kOwn), n) != std::end(kOwn) ||
        std::find(kDirectoryOwnedFields.begin(), kDirectoryOwnedFields.end(), n) !=
            kDirectoryOwnedFields.end())
      return Status::Ok();
    return UnsupportedParameter(name);
  };
  for (const auto& [name, value] : params.all())
    if (Status s = check(name); !s.ok()) return s;
  for (const auto& name : params.empty_lists())
    if (Status s = check(name); !s.ok()) return s;
  return Status::Ok();
}

// The id[] of a request naming accounts, refused when one is not an id or
// when they name more than `max` (after dropping repeats, if `unique`).
Result<std::vector<int64_t>> AccountIds(const http::Params& params, size_t max, bool unique) {
  if (Status s = OnlyParams(params, {"id"}); !s.ok()) return s;
  std::vector<int64_t> ids;
  for (const auto& v : params.GetAll("id")) {
    auto id = ParseId(v);
    if (!id) return Status::Unprocessable("Invalid parameter", "id must be a list of account ids");
    if (!unique || std::find(ids.begin(), ids.end(), *id) == ids.end()) ids.push_back(*id);
  }
  if (ids.size() > max)
    return Status::Unprocessable("Invalid parameter",
                                 fmt::format("id names at most {} accounts", max));
  return ids;
}

// GET /api/v1/accounts/familiar_followers?id[]=: for each account, the
// people the viewer follows who follow it.
Response FamiliarFollowers(ApiContext& ctx, Request& req, const Principal& p) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  auto ids = AccountIds(*params, 100, /*unique=*/false);
  if (!ids.ok()) return ErrorResponse(ids.status());
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  auto familiar = ctx.relationships.FamiliarFollowersOf(*viewer, *ids);
  if (!familiar.ok()) return ErrorResponse(familiar.status());
  Renderer r(ctx, *viewer);
  std::string out = "[";
  for (const auto& f : *familiar) {
    auto accounts = r.Accounts(f.follower_ids);
    if (!accounts.ok()) return ErrorResponse(accounts.status());
    if (out.size() > 1) out += ',';
    JsonWriter w;
    w.BeginObject().Field("id", std::to_string(f.account_id)).Key("accounts").Raw(*accounts);
    w.EndObject();
    out += w.Take();
  }
  out += ']';
  return Response::Json(200, out);
}

// GET /api/v1/accounts?id[]=: several accounts at once, each as
// GET /api/v1/accounts/:id shows it; ids that name nobody are left out.
Response ManyAccounts(ApiContext& ctx, Request& req, const Principal& p) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  auto ids = AccountIds(*params, 40, /*unique=*/true);
  if (!ids.ok()) return ErrorResponse(ids.status());
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  return JsonOr(Renderer(ctx, *viewer).Accounts(*ids));
}

// GET /api/v1/accounts/:id/featured_tags: the tags a person features, as
// the viewer may see them (nothing on either side of a block).
Response AccountFeaturedTags(ApiContext& ctx, Request& req, const Principal& p) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status s = OnlyParams(*params, {}); !s.ok()) return ErrorResponse(s);
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  auto featured = ctx.tags->FeaturedBy(*viewer, *id);
  if (!featured.ok()) return ErrorResponse(featured.status());
  auto account = ctx.social.accounts.Get(*id);
  if (!account.ok()) return ErrorResponse(account.status());
  JsonWriter w;
  w.BeginArray();
  for (const auto& f : *featured)
    WriteFeaturedTag(w, ctx.settings.BaseUrl(), (*account)->account.username, f);
  w.EndArray();
  return Response::Json(200, w.Take());
}

// Binds a handler of this file to the context.
template <Response (*Fn)(ApiContext&, Request&, const Principal&)>
http::Handler Bound(ApiContext& ctx, const char* scope) {
  return Protect(ctx, scope, [&ctx](Request& req, const Principal& p) { return Fn(ctx, req, p); });
}

// A 1x1 grey pixel for a profile without an avatar or header image; clients
// scale it.
Response MissingPicture(Request&) {
  static const std::string kPng(
      "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01"
      "\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\x0d\x49\x44\x41"
      "\x54\x78\x9c\x63\x38\x71\xe6\xd2\x7f\x00\x08\x2c\x03\x66\x66\x97\x4a\xb6\x00\x00"
      "\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82",
      70);
  Response r;
  r.body = kPng;
  r.Set("Content-Type", "image/png");
  r.Set("Cache-Control", "public, max-age=86400");
  return r;
}

}  // namespace

void RegisterAccountRoutes(http::Router& router, ApiContext& ctx) {
  // Avatars are people's faces, header images their own pictures: members
  // only, like everything else.
  router.Add("GET", "/media/avatars/:name",
             Protect(ctx, "", [&ctx](Request& req, const Principal&) {
               return PictureResponse(ctx.avatars.Load(req.PathParam("name")));
             }));
  router.Add(
      "GET", "/media/headers/:name", Protect(ctx, "", [&ctx](Request& req, const Principal&) {
        return PictureResponse(ctx.avatars.Load(req.PathParam("name"), PictureKind::kHeader));
      }));
  // The default avatar and header image: static assets.
  router.Add("GET", "/headers/original/missing.png", MissingPicture);
  router.Add("GET", "/avatars/original/missing.png", MissingPicture);

  router.Add("GET", "/api/v1/accounts/verify_credentials",
             Protect(ctx, "profile", [&ctx](Request&, const Principal& p) {
               return JsonOr(CredentialAccountJson(ctx, p.account));
             }));

  // What a person may change about themselves (DirectoryService decides:
  // work information comes from the directory).
  router.Add(
      "PATCH", "/api/v1/accounts/update_credentials",
      Protect(ctx, "write:accounts", [&ctx](Request& req, const Principal& p) {
        auto params = http::Params::Parse(req);
        if (!params.ok()) return ErrorResponse(params.status());
        if (Status s = OnlyProfileParams(*params); !s.ok()) return ErrorResponse(s);
        // The posting defaults (source[...]), checked before anything is changed.
        PostingDefaultsChange defaults;
        defaults.visibility = params->Get("source[privacy]");
        defaults.language = params->Get("source[language]");
        bool bad_sensitive = false;
        defaults.sensitive = params->GetBool("source[sensitive]", &bad_sensitive);
        if (bad_sensitive)
          return ErrorResponse(
              Status::Unprocessable("Validation failed: source[sensitive] must be a boolean"));
        if (Status s = PreferenceService::CheckPostingDefaults(defaults); !s.ok())
          return ErrorResponse(s);
        DirectoryService::OwnProfile u;
        for (const auto& [key, value] : params->all())
          if (!key.starts_with("source[")) u.named.push_back(key);
        for (const auto& file : params->files()) u.images.emplace_back(file.field, file.data);
        u.display_name = params->Get("display_name");
        u.note = params->Get("note");
        u.pronouns = params->Get("pronouns");
        bool bad = false;
        u.locked = params->GetBool("locked", &bad);
        if (bad)
          return ErrorResponse(
              Status::Unprocessable("Validation failed: locked must be a boolean"));
        if (auto approval = params->Get("follow_approval")) {
          u.follow_approval = ParseFollowApproval(*approval);
          if (!u.follow_approval)
            return ErrorResponse(Status::Unprocessable(
                "Validation failed: follow_approval must be everyone, management_chain or "
                "off"));
        }
        // fields_attributes[0][name] (forms, JSON objects) or fields_attributes[][name]
        // (JSON arrays).
        std::map<std::string, ProfileField> indexed;
        std::vector<ProfileField> listed;
        bool any_fields = false;
        for (const auto& [key, value] : params->all()) {
          if (key.rfind("fields_attributes[", 0) != 0) continue;
          any_fields = true;
          size_t close = key.find(']');
          std::string index = key.substr(18, close == std::string::npos ? 0 : close - 18);
          bool is_name = key.ends_with("[name]");
          if (!is_name && !key.ends_with("[value]")) continue;
          if (index.empty()) {
            if (is_name || listed.empty() || !listed.back().value.empty()) listed.push_back({});
            (is_name ? listed.back().name : listed.back().value) = value;
          } else {
            (is_name ? indexed[index].name : indexed[index].value) = value;
          }
        }
        if (any_fields) {
          std::vector<ProfileField> fields = listed;
          for (auto& [i, f] : indexed) fields.push_back(f);
          u.fields = fields;
        }
        // An empty list (JSON [] or a form's expertise[]=) clears them.
        u.expertise = params->GetList("expertise");
        auto updated = ctx.directory.UpdateOwnProfile(p.account.id, u);
        if (!updated.ok()) return ErrorResponse(updated.status());
        if (defaults.visibility || defaults.sensitive || defaults.language)
          if (auto kept =
                  PreferenceService(ctx.social.store).SetPostingDefaults(p.account.id, defaults);
              !kept.ok())
            return ErrorResponse(kept.status());
        // Requests the new setting no longer asks the person to approve go through.
        if (u.locked || u.follow_approval)
          if (Status s = ctx.relationships.SettleFollowRequests(*updated); !s.ok())
            return ErrorResponse(s);
        return JsonOr(CredentialAccountJson(ctx, *updated));
      }));

  // Mastodon's profile API: the picture removed, the credential account back.
  auto remove_picture = [&ctx](PictureKind kind) {
    return Protect(ctx, "write:accounts", [&ctx, kind](Request&, const Principal& p) {
      auto updated = ctx.directory.RemoveOwnPicture(p.account.id, kind);
      if (!updated.ok()) return ErrorResponse(updated.status());
      return JsonOr(CredentialAccountJson(ctx, *updated));
    });
  };
  router.Add("DELETE", "/api/v1/profile/avatar", remove_picture(PictureKind::kAvatar));
  router.Add("DELETE", "/api/v1/profile/header", remove_picture(PictureKind::kHeader));

  router.Add("GET", "/api/v1/accounts/relationships",
             Protect(ctx, "read:follows", [&ctx](Request& req, const Principal& p) {
               auto params = http::Params::Parse(req);
               if (!params.ok()) return ErrorResponse(params.status());
               std::vector<int64_t> ids;
               for (const auto& v : params->GetAll("id"))
                 if (auto id = ParseId(v); id && ids.size() < 100) ids.push_back(*id);
               auto viewer = ViewerOf(ctx, p);
               if (!viewer.ok()) return ErrorResponse(viewer.status());
               return JsonOr(Renderer(ctx, *viewer).Relationships(ids));
             }));

  router.Add("GET", "/api/v1/accounts/lookup",
             Protect(ctx, "read:accounts", [&ctx](Request& req, const Principal& p) {
               auto params = http::Params::Parse(req);
               if (!params.ok()) return ErrorResponse(params.status());
               std::string acct = params->GetOr("acct", "");
               if (!acct.empty() && acct[0] == '@') acct.erase(0, 1);
               auto a = ctx.accounts.FindByUsername(acct);
               if (!a.ok()) return ErrorResponse(a.status());
               auto viewer = ViewerOf(ctx, p);
               if (!viewer.ok()) return ErrorResponse(viewer.status());
               return JsonOr(Renderer(ctx, *viewer).Account(a->id));
             }));

  // People search: by username, display name or a word of it; active members
  // only, nobody either side of a block with the viewer.
  router.Add("GET", "/api/v1/accounts/search",
             Protect(ctx, "read:accounts", [&ctx](Request& req, const Principal& p) {
               auto params = http::Params::Parse(req);
               if (!params.ok()) return ErrorResponse(params.status());
               auto page = ParsePage(*params, 40, 80);
               if (!page.ok()) return ErrorResponse(page.status());
               auto offset = ParseSearchOffset(*params);
               if (!offset.ok()) return ErrorResponse(offset.status());
               bool bad = false;
               bool following = params->GetBool("following", &bad).value_or(false);
               auto viewer = ViewerOf(ctx, p);
               if (!viewer.ok()) return ErrorResponse(viewer.status());
               auto ids = ctx.search.Accounts(*viewer, params->GetOr("q", ""), page->limit, *offset,
                                              following);
               if (!ids.ok()) return ErrorResponse(ids.status());
               return JsonOr(Renderer(ctx, *viewer).Accounts(*ids));
             }));

  // Before /:id, which would take "familiar_followers" for an id.
  router.Add("GET", "/api/v1/accounts/familiar_followers",
             Bound<FamiliarFollowers>(ctx, "read:follows"));

  router.Add("GET", "/api/v1/accounts", Bound<ManyAccounts>(ctx, "read:accounts"));
  router.Add("GET", "/api/v1/accounts/:id",
             Protect(ctx, "read:accounts", [&ctx](Request& req, const Principal& p) {
               auto id = PathId(req);
               if (!id) return ErrorResponse(Status::NotFound());
               auto viewer = ViewerOf(ctx, p);
               if (!viewer.ok()) return ErrorResponse(viewer.status());
               return JsonOr(Renderer(ctx, *viewer).Account(*id));
             }));

  router.Add(
      "GET", "/api/v1/accounts/:id/statuses",
      Protect(ctx, "read:statuses", [&ctx](Request& req, const Principal& p) {
        auto id = PathId(req);
        if (!id) return ErrorResponse(Status::NotFound());
        auto target = ctx.social.accounts.Get(*id);
        if (!target.ok()) return ErrorResponse(target.status());
        auto params = http::Params::Parse(req);
        if (!params.ok()) return ErrorResponse(params.status());
        auto page = ParsePage(*params);
        if (!page.ok()) return ErrorResponse(page.status());
        StatusStore::AuthorFilter f;
        bool bad = false;
        f.exclude_replies = params->GetBool("exclude_replies", &bad).value_or(false);
        f.exclude_reblogs = params->GetBool("exclude_reblogs", &bad).value_or(false);
        f.only_pinned = params->GetBool("pinned", &bad).value_or(false);
        if (bad)
          return ErrorResponse(Status::BadRequest("Invalid parameter", "expected a boolean"));
        f.only_media = params->GetBool("only_media", &bad).value_or(false);
        if (bad)
          return ErrorResponse(Status::BadRequest("Invalid parameter", "expected a boolean"));
        if (auto tag = params->Get("tagged"); tag && !tag->empty())
          f.tagged = NormalizeHashtag(*tag);
        auto viewer = ViewerOf(ctx, p);
        if (!viewer.ok()) return ErrorResponse(viewer.status());
        const Viewer& v = *viewer;
        return StreamPage(
            ctx, req, v, FilterContext::kAccount,
            [&] { return ctx.timelines.Account(v, *id, f, *page); },
            [&](const std::vector<int64_t>& ids, bool ended) {
              return ctx.timelines.AccountUnchanged(*id, f, ids, ended);
            });
      }));

  router.Add("POST", "/api/v1/accounts/:id/follow",
             Relate(ctx, "write:follows",
                    [](ApiContext& c, const Principal& p, int64_t id, const http::Params& params) {
                      bool bad = false;
                      bool reblogs = params.GetBool("reblogs", &bad).value_or(true);
                      bool notify = params.GetBool("notify", &bad).value_or(false);
                      if (bad)
                        return Status::Unprocessable(
                            "Validation failed: reblogs and notify must be booleans");
                      return c.relationships.Follow(p.account, id, reblogs, notify);
                    }));
  router.Add("POST", "/api/v1/accounts/:id/unfollow",
             Relate(ctx, "write:follows",
                    [](ApiContext& c, const Principal& p, int64_t id, const http::Params&) {
                      return c.relationships.Unfollow(p.account, id);
                    }));
  router.Add("POST", "/api/v1/accounts/:id/remove_from_followers",
             Relate(ctx, "write:follows",
                    [](ApiContext& c, const Principal& p, int64_t id, const http::Params&) {
                      return c.relationships.RemoveFromFollowers(p.account, id);
                    }));
  router.Add("POST", "/api/v1/accounts/:id/block",
             Relate(ctx, "write:blocks",
                    [](ApiContext& c, const Principal& p, int64_t id, const http::Params&) {
                      return c.relationships.Block(p.account, id);
                    }));
  router.Add("POST", "/api/v1/accounts/:id/unblock",
             Relate(ctx, "write:blocks",
                    [](ApiContext& c, const Principal& p, int64_t id, const http::Params&) {
                      return c.relationships.Unblock(p.account, id);
                    }));
  router.Add(
      "POST", "/api/v1/accounts/:id/mute",
      Relate(ctx, "write:mutes",
             [](ApiContext& c, const Principal& p, int64_t id, const http::Params& params) {
               bool bad = false;
               bool notifications = params.GetBool("notifications", &bad).value_or(true);
               if (bad)
                 return Status::Unprocessable("Validation failed: notifications must be a boolean");
               auto duration = params.GetInt("duration", 0, RelationshipService::kMaxMuteSeconds);
               if (!duration.ok()) return duration.status();
               return c.relationships.Mute(p.account, id, notifications, duration->value_or(0));
             }));
  router.Add("POST", "/api/v1/accounts/:id/unmute",
             Relate(ctx, "write:mutes",
                    [](ApiContext& c, const Principal& p, int64_t id, const http::Params&) {
                      return c.relationships.Unmute(p.account, id);
                    }));

  // The viewer's private note on a person: the relationship's `note`.
  router.Add("POST", "/api/v1/accounts/:id/note",
             Relate(ctx, "write:accounts",
                    [](ApiContext& c, const Principal& p, int64_t id, const http::Params& params) {
                      if (Status s = OnlyParams(params, {"comment"}); !s.ok()) return s;
                      return c.relationships.SetNote(p.account, id, params.GetOr("comment", ""));
                    }));
  // Endorsements: /pin and /unpin, and their newer names /endorse and /unendorse.
  for (const char* verb : {"pin", "endorse"})
    router.Add(
        "POST", std::string("/api/v1/accounts/:id/") + verb,
        Relate(ctx, "write:accounts",
               [](ApiContext& c, const Principal& p, int64_t id, const http::Params& params) {
                 if (Status s = OnlyParams(params, {}); !s.ok()) return s;
                 return c.relationships.Endorse(p.account, id);
               }));
  for (const char* verb : {"unpin", "unendorse"})
    router.Add(
        "POST", std::string("/api/v1/accounts/:id/") + verb,
        Relate(ctx, "write:accounts",
               [](ApiContext& c, const Principal& p, int64_t id, const http::Params& params) {
                 if (Status s = OnlyParams(params, {}); !s.ok()) return s;
                 return c.relationships.Unendorse(p.account, id);
               }));
  router.Add("GET", "/api/v1/endorsements",
             People(
                 ctx, "read:accounts",
                 [](ApiContext& c, const Viewer& viewer, const Request&, const PageRequest& page) {
                   return c.relationships.Endorsements(viewer, viewer.account_id, page);
                 },
                 true));
  router.Add("GET", "/api/v1/accounts/:id/endorsements",
             People(
                 ctx, "read:accounts",
                 [](ApiContext& c, const Viewer& viewer, const Request& req,
                    const PageRequest& page) -> Result<AccountPage> {
                   auto id = PathId(req);
                   if (!id) return Status::NotFound();
                   return c.relationships.Endorsements(viewer, *id, page);
                 },
                 true));
  router.Add("GET", "/api/v1/accounts/:id/featured_tags",
             Bound<AccountFeaturedTags>(ctx, "read:accounts"));

  router.Add("GET", "/api/v1/accounts/:id/followers",
             People(ctx, "read:accounts",
                    [](ApiContext& c, const Viewer& viewer, const Request& req,
                       const PageRequest& page) -> Result<AccountPage> {
                      auto id = PathId(req);
                      if (!id) return Status::NotFound();
                      return c.relationships.Followers(viewer, *id, page);
                    }));
  router.Add("GET", "/api/v1/accounts/:id/following",
             People(ctx, "read:accounts",
                    [](ApiContext& c, const Viewer& viewer, const Request& req,
                       const PageRequest& page) -> Result<AccountPage> {
                      auto id = PathId(req);
                      if (!id) return Status::NotFound();
                      return c.relationships.Following(viewer, *id, page);
                    }));
  router.Add("GET", "/api/v1/blocks",
             People(ctx, "read:blocks",
                    [](ApiContext& c, const Viewer& viewer, const Request&,
                       const PageRequest& page) { return c.relationships.Blocked(viewer, page); }));
  router.Add("GET", "/api/v1/mutes",
             People(ctx, "read:mutes",
                    [](ApiContext& c, const Viewer& viewer, const Request&,
                       const PageRequest& page) { return c.relationships.Muted(viewer, page); }));
  router.Add(
      "GET", "/api/v1/follow_requests",
      People(ctx, "read:follows",
             [](ApiContext& c, const Viewer& viewer, const Request&, const PageRequest& page) {
               return c.relationships.FollowRequests(viewer, page);
             }));
  router.Add("POST", "/api/v1/follow_requests/:id/authorize",
             Relate(ctx, "write:follows",
                    [](ApiContext& c, const Principal& p, int64_t id, const http::Params&) {
                      return c.relationships.AuthorizeFollowRequest(p.account, id);
                    }));
  router.Add("POST", "/api/v1/follow_requests/:id/reject",
             Relate(ctx, "write:follows",
                    [](ApiContext& c, const Principal& p, int64_t id, const http::Params&) {
                      return c.relationships.RejectFollowRequest(p.account, id);
                    }));
}

}  // namespace atrium::api
