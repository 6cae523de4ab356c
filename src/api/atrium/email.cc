// E-mail: a member's preferences, one-click unsubscribe, and the outbox's
// state for administrators.
//   GET   /api/v1/atrium/preferences/email        the member's preferences (read:accounts)
//   PATCH /api/v1/atrium/preferences/email        changes some (write:accounts):
//                                                 mention, direct, follow_request, reply,
//                                                 answer = immediate | digest | never;
//                                                 digest = daily | weekly | off
//   GET   /api/v1/atrium/email/unsubscribe/:token  a page that says what the link stops,
//                                                 with a button (no sign-in)
//   POST  /api/v1/atrium/email/unsubscribe/:token  body List-Unsubscribe=One-Click (RFC 8058):
//                                                 stops that one kind of mail (no sign-in)
//   GET   /api/v1/admin/mail                      the outbox: counts, failures, last error
#include "api/api_helpers.h"
#include "api/routes.h"
#include "base/clock.h"
#include "base/json_writer.h"
#include "social/mail_service.h"
#include "social/mail_templates.h"

namespace atrium::api {
namespace {

using http::Request;
using http::Response;

std::string PreferencesJson(const EmailPreferences& p) {
  JsonWriter w;
  w.BeginObject();
  for (const std::string& kind : MailService::Kinds()) w.Field(kind, p.kinds.at(kind));
  w.Field("digest", p.digest).EndObject();
  return w.Take();
}

Response GetPreferences(ApiContext& ctx, const Principal& principal) {
  auto prefs = ctx.mail->Preferences(principal.account.id);
  if (!prefs.ok()) return ErrorResponse(prefs.status());
  return Response::Json(200, PreferencesJson(*prefs));
}

Response PatchPreferences(ApiContext& ctx, Request& req, const Principal& principal) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status s =
          OnlyParams(*params, {"mention", "direct", "follow_request", "reply", "answer", "digest"});
      !s.ok())
    return ErrorResponse(s);
  std::map<std::string, std::string> changes;
  for (const auto& [name, value] : params->all()) changes[name] = value;
  auto prefs = ctx.mail->UpdatePreferences(principal.account.id, changes);
  if (!prefs.ok()) return ErrorResponse(prefs.status());
  return Response::Json(200, PreferencesJson(*prefs));
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
               w.EndObject();
               return Response::Json(200, w.Take());
             }));
}

}  // namespace atrium::api
