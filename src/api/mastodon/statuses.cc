// /api/v1/statuses and the lists of a viewer's own likes and bookmarks.
#include "api/api_helpers.h"
#include "api/mastodon/card_serializer.h"
#include "api/mastodon/first_page_cache.h"
#include "api/mastodon/renderer.h"
#include "api/mastodon/scheduled_statuses.h"
#include "api/pagination.h"
#include "api/routes.h"
#include "base/clock.h"
#include "social/preference_service.h"

namespace atrium::api {
namespace {

using http::Request;
using http::Response;

// Renders the post `id` as the viewer now sees it.
Response RenderPost(ApiContext& ctx, const Viewer& viewer, int64_t id) {
  auto post = ctx.social.Visible(viewer, id);
  if (!post.ok()) return ErrorResponse(post.status());
  Renderer r(ctx, viewer);
  return JsonOr(r.Status(*post));
}

// Wraps a handler that acts on the post in path parameter :id.
using PostAction = Result<StatusRecord> (PostingService::*)(const Account&, int64_t);
http::Handler Act(ApiContext& ctx, const char* scope, PostAction action) {
  return Protect(ctx, scope, [&ctx, action](Request& req, const Principal& p) {
    auto id = PathId(req);
    if (!id) return ErrorResponse(Status::NotFound());
    auto done = (ctx.posting.*action)(p.account, *id);
    if (!done.ok()) return ErrorResponse(done.status());
    auto viewer = ViewerOf(ctx, p);
    if (!viewer.ok()) return ErrorResponse(viewer.status());
    return RenderPost(ctx, *viewer, done->id);
  });
}

Response PostPage(ApiContext& ctx, Request& req, const Viewer& viewer,
                  const Result<atrium::PostPage>& page) {
  if (!page.ok()) return ErrorResponse(page.status());
  Renderer r(ctx, viewer);
  Response res = JsonOr(r.Statuses(page->posts));
  AddLinkHeader(res, ctx, req, page->first_cursor, page->last_cursor);
  return res;
}

// GET /api/v1/favourites or /api/v1/bookmarks: the reader's own marks, so
// a first page (no parameter but `limit`) changes only with the reader's
// marks (ViewerStateCache::Stamp, which every like, bookmark and their
// undoing changes) or with the posts and people on it: it is served again
// from the reader's cached page (FirstPageCache) while none of them changed.
Response MarkedPosts(ApiContext& ctx, Request& req, const Viewer& viewer, const PageRequest& page,
                     bool bookmarks) {
  FirstPageCache* cache = ctx.mark_pages;
  FirstPageInputs inputs;
  const bool cacheable = cache && CacheableFirstPage(ctx, req, viewer.account_id) &&
                         cache->ReadSharedInputs(viewer, &inputs);
  const std::string key = (bookmarks ? "bookmarks?" : "favourites?") + req.query;
  if (cacheable) {
    if (CachedFirstPagePtr cached = cache->Find(viewer.account_id, key, inputs))
      return CachedResponse(*cached);
  }
  auto result =
      bookmarks ? ctx.timelines.Bookmarks(viewer, page) : ctx.timelines.Favourites(viewer, page);
  if (!result.ok()) return ErrorResponse(result.status());
  Renderer r(ctx, viewer);
  auto json = r.Statuses(result->posts);
  if (!json.ok()) return ErrorResponse(json.status());
  Response res = Response::Json(200, "");
  AddLinkHeader(res, ctx, req, result->first_cursor, result->last_cursor);
  res.shared_body = std::make_shared<const std::string>(std::move(json).value());
  if (!cacheable) return res;
  auto kept = PageOf(res, key, std::move(inputs));
  if (!r.Dependencies(&kept->posts, &kept->accounts)) return res;
  kept->posts.insert(kept->posts.end(), result->considered.begin(), result->considered.end());
  cache->Put(viewer.account_id, std::move(kept));
  return res;
}

// media_ids[] as ids: nullopt when absent; 422 for a value that is not one.
// An empty list (JSON [] or a form's media_ids[]=) is no attachments.
Result<std::optional<std::vector<int64_t>>> MediaIds(const http::Params& params) {
  auto values = params.GetList("media_ids");
  if (!values) return std::optional<std::vector<int64_t>>();
  std::vector<int64_t> ids;
  for (const auto& v : *values) {
    if (v.empty()) continue;  // an empty media_ids[] removes every attachment
    auto id = ParseId(v);
    if (!id)
      return Status::Unprocessable("Validation failed: media_ids must be ids of uploaded media");
    ids.push_back(*id);
  }
  return std::optional<std::vector<int64_t>>(std::move(ids));
}

// allowed_mentions[] as account ids: nullopt when absent; 422 for a value
// that is not one.
Result<std::optional<std::vector<int64_t>>> AllowedMentions(const http::Params& params) {
  auto values = params.GetList("allowed_mentions");
  if (!values) return std::optional<std::vector<int64_t>>();
  std::vector<int64_t> ids;
  for (const auto& v : *values) {
    if (v.empty()) continue;
    auto id = ParseId(v);
    if (!id)
      return Status::Unprocessable("Validation failed: allowed_mentions must be account ids");
    ids.push_back(*id);
  }
  return std::optional<std::vector<int64_t>>(std::move(ids));
}

// Mastodon's answer to a post whose text mentions someone allowed_mentions
// leaves out: 422 with the error and those people (`unexpected_accounts`);
// nullopt when there is no one.
std::optional<Response> RefuseUnexpectedMentions(ApiContext& ctx, const Principal& p,
                                                 const PostInput& in) {
  auto unexpected = ctx.posting.UnexpectedMentions(in);
  if (!unexpected.ok()) return ErrorResponse(unexpected.status());
  if (unexpected->empty()) return std::nullopt;
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  auto accounts = Renderer(ctx, *viewer).Accounts(*unexpected);
  if (!accounts.ok()) return ErrorResponse(accounts.status());
  JsonWriter w;
  w.BeginObject().Field("error", kUnexpectedMentions).Key("unexpected_accounts").Raw(*accounts);
  w.EndObject();
  return Response::Json(422, w.Take());
}

// poll[options][], poll[expires_in], poll[multiple], poll[hide_totals]:
// nullopt without options; 422 for a value that is not of its type (or
// poll settings without options). MakePoll checks the rest.
Result<std::optional<PollInput>> PollParams(const http::Params& params) {
  const bool has_options = params.Has("poll[options][]") || params.Has("poll[options]");
  if (!has_options) {
    for (const char* name : {"poll[expires_in]", "poll[multiple]", "poll[hide_totals]"})
      if (params.Has(name))
        return Status::Unprocessable("Validation failed: A poll needs poll[options]");
    return std::optional<PollInput>();
  }
  PollInput poll;
  poll.options = params.GetAll("poll[options]");
  auto expires = params.GetInt("poll[expires_in]", 0, int64_t{1} << 40);
  if (!expires.ok()) return expires.status();
  if (!*expires) return Status::Unprocessable("Validation failed: A poll needs poll[expires_in]");
  poll.expires_in_s = **expires;
  bool bad = false;
  poll.multiple = params.GetBool("poll[multiple]", &bad).value_or(false);
  poll.hide_totals = params.GetBool("poll[hide_totals]", &bad).value_or(false);
  if (bad)
    return Status::Unprocessable(
        "Validation failed: poll[multiple] and poll[hide_totals] must be booleans");
  return std::optional<PollInput>(std::move(poll));
}

// A handler for /api/v1/statuses/:id…, given the id (not an id: 404) and
// the viewer.
using PostHandler = std::function<Response(Request&, const Principal&, const Viewer&, int64_t)>;
http::Handler OnPost(ApiContext& ctx, const char* scope, PostHandler handler) {
  return Protect(ctx, scope, [&ctx, handler](Request& req, const Principal& p) {
    auto id = PathId(req);
    if (!id) return ErrorResponse(Status::NotFound());
    auto viewer = ViewerOf(ctx, p);
    if (!viewer.ok()) return ErrorResponse(viewer.status());
    return handler(req, p, *viewer, *id);
  });
}

// The member's posting defaults (update_credentials' source[...]) for what a
// new post does not say: its language, whether its media are sensitive,
// and — for a post that is neither a reply (which takes its thread's
// audience) nor in a community (which decides its own) — its visibility.
Status ApplyPostingDefaults(ApiContext& ctx, const Principal& p, const http::Params& params,
                            PostInput& in) {
  auto defaults = PreferenceService(ctx.social.store).Of(p.account.id);
  if (!defaults.ok()) return defaults.status();
  if (!params.Get("visibility") && in.in_reply_to_id == 0 && in.community_id == 0 &&
      defaults->posting_visibility != "public")
    in.visibility = defaults->posting_visibility;
  if (!params.Get("sensitive")) in.sensitive = defaults->posting_sensitive;
  if (in.language.empty() && defaults->posting_language) in.language = *defaults->posting_language;
  return Status::Ok();
}

}  // namespace

void RegisterStatusRoutes(http::Router& router, ApiContext& ctx) {
  router.Add(
      "POST", "/api/v1/statuses",
      Protect(ctx, "write:statuses", [&ctx](Request& req, const Principal& p) {
        auto params = http::Params::Parse(req);
        if (!params.ok()) return ErrorResponse(params.status());
        if (!params->files().empty())
          return ErrorResponse(Status::Unprocessable(
              "Validation failed: upload files to /api/v2/media and send their media_ids"));
        if (Status st = OnlyParams(
                *params,
                {"status", "spoiler_text", "language", "visibility", "sensitive", "in_reply_to_id",
                 "quoted_status_id", "community_id", "media_ids", "scheduled_at", "poll[options]",
                 "poll[expires_in]", "poll[multiple]", "poll[hide_totals]", "allowed_mentions"});
            !st.ok())
          return ErrorResponse(st);
        PostInput in;
        auto poll = PollParams(*params);
        if (!poll.ok()) return ErrorResponse(poll.status());
        in.poll = std::move(*poll);
        in.text = params->GetOr("status", "");
        in.spoiler_text = params->GetOr("spoiler_text", "");
        in.language = params->GetOr("language", "");
        in.visibility = params->GetOr("visibility", "");
        bool bad = false;
        in.sensitive = params->GetBool("sensitive", &bad).value_or(false);
        if (bad)
          return ErrorResponse(
              Status::Unprocessable("Validation failed: sensitive must be a boolean"));
        for (auto [name, out] :
             {std::pair<const char*, int64_t*>{"in_reply_to_id", &in.in_reply_to_id},
              {"quoted_status_id", &in.quoted_status_id},
              {"community_id", &in.community_id}}) {
          auto v = params->Get(name);
          if (!v || v->empty()) continue;
          auto id = ParseId(*v);
          if (!id)
            return ErrorResponse(
                Status::Unprocessable(std::string("Validation failed: ") + name + " is not an id"));
          *out = *id;
        }
        auto media = MediaIds(*params);
        if (!media.ok()) return ErrorResponse(media.status());
        if (media->has_value()) in.media_ids = **media;
        if (Status st = ApplyPostingDefaults(ctx, p, *params, in); !st.ok())
          return ErrorResponse(st);
        in.idempotency_key = std::string(req.Header("Idempotency-Key")).substr(0, 200);
        auto allowed = AllowedMentions(*params);
        if (!allowed.ok()) return ErrorResponse(allowed.status());
        in.allowed_mentions = std::move(*allowed);
        if (auto refused = RefuseUnexpectedMentions(ctx, p, in)) return std::move(*refused);
        if (auto when = params->Get("scheduled_at"); when && !when->empty()) {
          auto at = ParseIso8601(*when);
          if (!at)
            return ErrorResponse(Status::Unprocessable(
                "Validation failed: scheduled_at is not a date and time (ISO 8601)"));
          auto scheduled = ctx.scheduled->Schedule(p.account, in, *at, p.app_id);
          if (!scheduled.ok()) return ErrorResponse(scheduled.status());
          return Response::Json(200, ScheduledStatusJson(*scheduled, ctx.settings.BaseUrl()));
        }
        auto posted = ctx.posting.Post(p.account, in);
        if (!posted.ok()) return ErrorResponse(posted.status());
        auto viewer = ViewerOf(ctx, p);
        if (!viewer.ok()) return ErrorResponse(viewer.status());
        return RenderPost(ctx, *viewer, posted->id);
      }));

  router.Add("GET", "/api/v1/statuses",
             Protect(ctx, "read:statuses", [&ctx](Request& req, const Principal& p) {
               auto params = http::Params::Parse(req);
               if (!params.ok()) return ErrorResponse(params.status());
               std::vector<int64_t> ids;
               for (const auto& v : params->GetAll("id")) {
                 auto id = ParseId(v);
                 if (id && ids.size() < 40) ids.push_back(*id);
               }
               auto viewer = ViewerOf(ctx, p);
               if (!viewer.ok()) return ErrorResponse(viewer.status());
               auto posts = ctx.social.VisibleMany(*viewer, ids, false);
               if (!posts.ok()) return ErrorResponse(posts.status());
               Renderer r(ctx, *viewer);
               return JsonOr(r.Statuses(*posts));
             }));

  router.Add("GET", "/api/v1/statuses/:id",
             OnPost(ctx, "read:statuses",
                    [&ctx](Request&, const Principal&, const Viewer& viewer, int64_t id) {
                      return RenderPost(ctx, viewer, id);
                    }));

  // The post's preview card (Mastodon's older endpoint; the card is also in
  // the Status): {} when it has none (yet).
  router.Add("GET", "/api/v1/statuses/:id/card",
             OnPost(ctx, "read:statuses",
                    [&ctx](Request&, const Principal&, const Viewer& viewer, int64_t id) {
                      auto card = ctx.link_cards->CardOf(viewer, id);
                      if (!card.ok()) return ErrorResponse(card.status());
                      if (!*card) return Response::Json(200, "{}");
                      JsonWriter w;
                      WriteCard(w, **card, ctx.settings.BaseUrl());
                      return Response::Json(200, w.Take());
                    }));

  router.Add("DELETE", "/api/v1/statuses/:id",
             OnPost(ctx, "write:statuses",
                    [&ctx](Request& req, const Principal& p, const Viewer& viewer, int64_t id) {
                      const AuditActor by = AuditActorOf(p, req);
                      auto deleted = ctx.posting.Delete(p.account, id, &by);
                      if (!deleted.ok()) return ErrorResponse(deleted.status());
                      Renderer r(ctx, viewer);
                      return JsonOr(r.DeletedStatus(*deleted));
                    }));

  router.Add(
      "PUT", "/api/v1/statuses/:id",
      Protect(ctx, "write:statuses", [&ctx](Request& req, const Principal& p) {
        auto id = PathId(req);
        if (!id) return ErrorResponse(Status::NotFound());
        auto params = http::Params::Parse(req);
        if (!params.ok()) return ErrorResponse(params.status());
        if (Status st = OnlyParams(*params, {"status", "spoiler_text", "language", "sensitive",
                                             "media_ids", "poll[options]", "poll[expires_in]",
                                             "poll[multiple]", "poll[hide_totals]"});
            !st.ok())
          return ErrorResponse(st);
        if (params->Has("poll[options][]") || !params->GetAll("poll[options]").empty())
          return ErrorResponse(
              Status::Unprocessable("Validation failed: A poll cannot be changed by an edit"));
        EditInput in;
        auto media = MediaIds(*params);
        if (!media.ok()) return ErrorResponse(media.status());
        in.media_ids = std::move(*media);
        in.text = params->GetOr("status", "");
        in.spoiler_text = params->GetOr("spoiler_text", "");
        in.language = params->GetOr("language", "");
        bool bad = false;
        in.sensitive = params->GetBool("sensitive", &bad).value_or(false);
        if (bad)
          return ErrorResponse(
              Status::Unprocessable("Validation failed: sensitive must be a boolean"));
        auto edited = ctx.posting.Edit(p.account, *id, in);
        if (!edited.ok()) return ErrorResponse(edited.status());
        auto viewer = ViewerOf(ctx, p);
        if (!viewer.ok()) return ErrorResponse(viewer.status());
        return RenderPost(ctx, *viewer, edited->id);
      }));

  router.Add("GET", "/api/v1/statuses/:id/history",
             OnPost(ctx, "read:statuses",
                    [&ctx](Request&, const Principal&, const Viewer& viewer, int64_t id) {
                      auto history = ctx.timelines.EditHistory(viewer, id);
                      if (!history.ok()) return ErrorResponse(history.status());
                      Renderer r(ctx, viewer);
                      return JsonOr(r.StatusEdits(*history->post.status, history->edits));
                    }));

  router.Add("GET", "/api/v1/statuses/:id/source",
             OnPost(ctx, "read:statuses",
                    [&ctx](Request&, const Principal&, const Viewer& viewer, int64_t id) {
                      auto post = ctx.social.Visible(viewer, id);
                      if (!post.ok()) return ErrorResponse(post.status());
                      JsonWriter w;
                      w.BeginObject()
                          .Field("id", std::to_string(id))
                          .Field("text", post->status->text)
                          .Field("spoiler_text", post->status->spoiler_text)
                          .EndObject();
                      return Response::Json(200, w.Take());
                    }));

  router.Add("GET", "/api/v1/statuses/:id/context",
             OnPost(ctx, "read:statuses",
                    [&ctx](Request&, const Principal&, const Viewer& viewer, int64_t id) {
                      auto c = ctx.timelines.ContextOf(viewer, id);
                      if (!c.ok()) return ErrorResponse(c.status());
                      Renderer r(ctx, viewer);
                      r.ApplyFilters(FilterContext::kThread);
                      auto ancestors = r.Statuses(c->ancestors);
                      if (!ancestors.ok()) return ErrorResponse(ancestors.status());
                      auto descendants = r.Statuses(c->descendants);
                      if (!descendants.ok()) return ErrorResponse(descendants.status());
                      return Response::Json(200, "{\"ancestors\":" + *ancestors +
                                                     ",\"descendants\":" + *descendants + "}");
                    }));

  router.Add("POST", "/api/v1/statuses/:id/favourite",
             Act(ctx, "write:favourites", &PostingService::Favourite));
  router.Add("POST", "/api/v1/statuses/:id/unfavourite",
             Act(ctx, "write:favourites", &PostingService::Unfavourite));
  router.Add("POST", "/api/v1/statuses/:id/bookmark",
             Act(ctx, "write:bookmarks", &PostingService::Bookmark));
  router.Add("POST", "/api/v1/statuses/:id/unbookmark",
             Act(ctx, "write:bookmarks", &PostingService::Unbookmark));
  router.Add("POST", "/api/v1/statuses/:id/pin", Act(ctx, "write:accounts", &PostingService::Pin));
  router.Add("POST", "/api/v1/statuses/:id/unpin",
             Act(ctx, "write:accounts", &PostingService::Unpin));
  // Muting a thread: no more notifications about its posts (`muted` on them).
  for (const bool mute : {true, false})
    router.Add("POST", mute ? "/api/v1/statuses/:id/mute" : "/api/v1/statuses/:id/unmute",
               OnPost(ctx, "write:mutes",
                      [&ctx, mute](Request&, const Principal&, const Viewer& viewer, int64_t id) {
                        Status st = mute ? ctx.filters->MuteThread(viewer, id)
                                         : ctx.filters->UnmuteThread(viewer, id);
                        if (!st.ok()) return ErrorResponse(st);
                        return RenderPost(ctx, viewer, id);
                      }));
  router.Add("POST", "/api/v1/statuses/:id/unreblog",
             Act(ctx, "write:statuses", &PostingService::Unreblog));
  router.Add("POST", "/api/v1/statuses/:id/reblog",
             Protect(ctx, "write:statuses", [&ctx](Request& req, const Principal& p) {
               auto id = PathId(req);
               if (!id) return ErrorResponse(Status::NotFound());
               auto params = http::Params::Parse(req);
               if (!params.ok()) return ErrorResponse(params.status());
               auto done = ctx.posting.Reblog(p.account, *id, params->GetOr("visibility", ""));
               if (!done.ok()) return ErrorResponse(done.status());
               auto viewer = ViewerOf(ctx, p);
               if (!viewer.ok()) return ErrorResponse(viewer.status());
               return RenderPost(ctx, *viewer, done->id);
             }));

  auto people = [&ctx](bool favourites) {
    return Protect(ctx, "read:accounts", [&ctx, favourites](Request& req, const Principal& p) {
      auto id = PathId(req);
      if (!id) return ErrorResponse(Status::NotFound());
      auto params = http::Params::Parse(req);
      if (!params.ok()) return ErrorResponse(params.status());
      auto page = ParsePage(*params, 40, 80);
      if (!page.ok()) return ErrorResponse(page.status());
      auto viewer = ViewerOf(ctx, p);
      if (!viewer.ok()) return ErrorResponse(viewer.status());
      auto found = favourites ? ctx.timelines.FavouritedBy(*viewer, *id, *page)
                              : ctx.timelines.RebloggedBy(*viewer, *id, *page);
      if (!found.ok()) return ErrorResponse(found.status());
      Renderer r(ctx, *viewer);
      Response res = JsonOr(r.Accounts(found->account_ids));
      AddLinkHeader(res, ctx, req, found->first_cursor, found->last_cursor);
      return res;
    });
  };
  router.Add("GET", "/api/v1/statuses/:id/favourited_by", people(true));
  router.Add("GET", "/api/v1/statuses/:id/reblogged_by", people(false));

  // The posts quoting this one that the reader may see (404 when they may
  // not see this one), newest first.
  router.Add(
      "GET", "/api/v1/statuses/:id/quotes",
      OnPost(ctx, "read:statuses",
             [&ctx](Request& req, const Principal&, const Viewer& viewer, int64_t id) {
               auto params = http::Params::Parse(req);
               if (!params.ok()) return ErrorResponse(params.status());
               if (Status st = OnlyParams(*params, {"max_id", "since_id", "min_id", "limit"});
                   !st.ok())
                 return ErrorResponse(st);
               auto page = ParsePage(*params, 20, 40);
               if (!page.ok()) return ErrorResponse(page.status());
               return PostPage(ctx, req, viewer, ctx.timelines.Quotes(viewer, id, *page));
             }));

  auto mine = [&ctx](const char* scope, bool bookmarks) {
    return Protect(ctx, scope, [&ctx, bookmarks](Request& req, const Principal& p) {
      auto params = http::Params::Parse(req);
      if (!params.ok()) return ErrorResponse(params.status());
      auto page = ParsePage(*params);
      if (!page.ok()) return ErrorResponse(page.status());
      auto viewer = ViewerOf(ctx, p);
      if (!viewer.ok()) return ErrorResponse(viewer.status());
      return MarkedPosts(ctx, req, *viewer, *page, bookmarks);
    });
  };
  router.Add("GET", "/api/v1/bookmarks", mine("read:bookmarks", true));
  router.Add("GET", "/api/v1/favourites", mine("read:favourites", false));
}

}  // namespace atrium::api
