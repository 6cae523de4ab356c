// E-mail: a member's preferences, one-click unsubscribe, and the outbox's
// state for administrators.
//   GET   /api/v1/atrium/preferences/email        the member's preferences (read:accounts)
//   PATCH /api/v1/atrium/preferences/email        changes some (write:accounts):
//                                                 mention, direct, follow_request, reply,
//                                                 answer = immediate | digest | never;
//                                                 digest = daily | weekly | off;
//                                                 time_zone = an IANA name or +HH:MM;
//                                                 quiet_hours = HH:MM-HH:MM or empty
//   GET   /api/v1/atrium/email/digest             what the next digest would hold now
//                                                 (statuses, best first; read:statuses)
//   GET   /api/v1/atrium/email/unsubscribe/:token  a page that says what the link stops,
//                                                 with a button (no sign-in)
//   POST  /api/v1/atrium/email/unsubscribe/:token  body List-Unsubscribe=One-Click (RFC 8058):
//                                                 stops that one kind of mail (no sign-in)
//   GET   /api/v1/preferences                     Mastodon's preferences (the member's
//                                                 posting defaults), the interface language
//                                                 as atrium:interface:language and the
//                                                 e-mail ones as atrium:email:<name>
//                                                 (read:accounts)
//   GET   /api/v1/admin/mail                      the outbox: counts, failures, last error
#include "api/api_helpers.h"
#include "api/atrium/preferences.h"
#include "api/mastodon/renderer.h"
#include "api/routes.h"
#include "base/clock.h"
#include "base/json_writer.h"
#include "social/mail_service.h"
#include "social/mail_templates.h"

namespace atrium::api {
namespace {

using http::Request;
using http::Response;

Response PreferencesResponse(ApiContext& ctx, int64_t account_id,
                             const Result<EmailPreferences>& p) {
  if (!p.ok()) return ErrorResponse(p.status());
  auto next = ctx.mail->NextDigestAt(account_id);
  if (!next.ok()) return ErrorResponse(next.status());
  JsonWriter w;
  w.BeginObject();
  for (const std::string& kind : MailService::Kinds()) w.Field(kind, p->kinds.at(kind));
  w.Field("digest", p->digest)
      .Field("time_zone", p->time_zone)
      .Field("quiet_hours", p->quiet_hours)
      .Key("next_digest_at");
  if (*next != 0 && p->digest != "off")
    w.String(FormatIso8601(*next));
  else
    w.Null();
  w.EndObject();
  return Response::Json(200, w.Take());
}

Response GetPreferences(ApiContext& ctx, const Principal& principal) {
  return PreferencesResponse(ctx, principal.account.id,
                             ctx.mail->Preferences(principal.account.id));
}

// Mastodon's read-only preferences: the member's posting defaults (set
// through update_credentials' source[...]), its reading defaults (media and
// content warnings as posted), the interface language and the member's
// e-mail preferences under atrium:email:.
Response MastodonPreferences(ApiContext& ctx, const Principal& principal) {
  auto prefs = ctx.mail->Preferences(principal.account.id);
  if (!prefs.ok()) return ErrorResponse(prefs.status());
  auto own = PreferenceService(ctx.social.store).Of(principal.account.id);
  if (!own.ok()) return ErrorResponse(own.status());
  JsonWriter w;
  w.BeginObject();
  WritePreferenceMembers(w, *own);
  w.Field("reading:expand:media", "default").Field("reading:expand:spoilers", false);
  for (const std::string& kind : MailService::Kinds())
    w.Field("atrium:email:" + kind, prefs->kinds.at(kind));
  w.Field("atrium:email:digest", prefs->digest)
      .Field("atrium:email:time_zone", prefs->time_zone)
      .Field("atrium:email:quiet_hours", prefs->quiet_hours)
      .EndObject();
  return Response::Json(200, w.Take());
}

Response DigestPreview(ApiContext& ctx, Request& req, const Principal& principal) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status s = OnlyParams(*params, {}); !s.ok()) return ErrorResponse(s);
  auto viewer = ViewerOf(ctx, principal);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  auto posts = ctx.mail->DigestPreview(principal.account.id);
  if (!posts.ok()) return ErrorResponse(posts.status());
  Renderer r(ctx, *viewer);
  return JsonOr(r.Statuses(*posts));
}

Response PatchPreferences(ApiContext& ctx, Request& req, const Principal& principal) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status s = OnlyParams(*params, {"mention", "direct", "follow_request", "reply", "answer",
                                      "digest", "time_zone", "quiet_hours"});
      !s.ok())
    return ErrorResponse(s);
  std::map<std::string, std::string> changes;
  for (const auto& [name, value] : params->all()) changes[name] = value;
  return PreferencesResponse(ctx, principal.account.id,
                             ctx.mail->UpdatePreferences(principal.account.id, changes));
}

Response UnsubscribePage(ApiContext& ctx, Request& req) {
  auto target = ctx.mail->CheckUnsubscribe(req.PathParam("token"));
  if (!target.ok()) return ErrorResponse(target.status());
  return Response::Html(
      200, RenderUnsubscribePage(ctx.settings.title, MailService::KindDescription(target->kind),
                                 /*done=*/false));
}

Response Unsubscribe(ApiContext& ctx, Request& req) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (params->Get("List-Unsubscribe") != "One-Click")
    return ErrorResponse(
        Status::BadRequest("Invalid request", "the body must be List-Unsubscribe=One-Click"));
  auto target = ctx.mail->Unsubscribe(req.PathParam("token"));
  if (!target.ok()) return ErrorResponse(target.status());
  return Response::Html(
      200, RenderUnsubscribePage(ctx.settings.title, MailService::KindDescription(target->kind),
                                 /*done=*/true));
}

}  // namespace

// The outbox's state as JSON members of an open object (also /ready's).
void WriteMailStats(JsonWriter& w, const OutboxStats& s) {
  w.Field("queued", s.queued)
      .Field("retrying", s.retrying)
      .Field("sent", s.sent)
      .Field("failed", s.failed)
      .Field("dropped", s.dropped)
      .Field("failures", s.failures)
      .Field("last_error", s.last_error)
      .Key("last_error_at");
  if (s.last_error_at != 0)
    w.String(FormatIso8601(s.last_error_at));
  else
    w.Null();
}

void RegisterEmailRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/atrium/preferences/email",
             Protect(ctx, "read:accounts",
                     [&ctx](Request&, const Principal& p) { return GetPreferences(ctx, p); }));
  router.Add("PATCH", "/api/v1/atrium/preferences/email",
             Protect(ctx, "write:accounts", [&ctx](Request& req, const Principal& p) {
               return PatchPreferences(ctx, req, p);
             }));
  router.Add("GET", "/api/v1/preferences",
             Protect(ctx, "read:accounts",
                     [&ctx](Request&, const Principal& p) { return MastodonPreferences(ctx, p); }));
  router.Add("GET", "/api/v1/atrium/email/digest",
             Protect(ctx, "read:statuses", [&ctx](Request& req, const Principal& p) {
               return DigestPreview(ctx, req, p);
             }));
  router.Add("GET", "/api/v1/atrium/email/unsubscribe/:token",
             [&ctx](Request& req) { return UnsubscribePage(ctx, req); });
  router.Add("POST", "/api/v1/atrium/email/unsubscribe/:token",
             [&ctx](Request& req) { return Unsubscribe(ctx, req); });
  router.Add("GET", "/api/v1/admin/mail",
             ProtectAdmin(ctx, "admin:read", [&ctx](Request&, const Principal&) {
               auto stats = ctx.mail->Stats();
               if (!stats.ok()) return ErrorResponse(stats.status());
               JsonWriter w;
               w.BeginObject().Field("configured", ctx.mail->configured());
               WriteMailStats(w, *stats);
               w.Key("last_round_at");
               if (ctx.mail->last_round_at() != 0)
                 w.String(FormatIso8601(ctx.mail->last_round_at()));
               else
                 w.Null();
               w.EndObject();
               return Response::Json(200, w.Take());
             }));
}

}  // namespace atrium::api
