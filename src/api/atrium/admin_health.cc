// GET /api/v1/atrium/admin/health: the admin health page's figures
// (social/health_service.h), for administrators only.
#include <functional>

#include "api/authenticate.h"
#include "api/routes.h"
#include "base/clock.h"
#include "base/json_writer.h"
#include "social/mail_service.h"

namespace atrium::api {
namespace {

// A queue's depth and oldest age; `more` adds fields to the same object.
void WriteQueue(JsonWriter& w, const char* name, const QueueFigures& q,
                const std::function<void()>& more = {}) {
  w.Key(name)
      .BeginObject()
      .Key("depth")
      .Int(q.depth)
      .Key("oldest_age_seconds")
      .Int(q.oldest_age_seconds);
  if (more) more();
  w.EndObject();
}

// `mail`: the outbox's figures, the last SMTP error among them, added to the
// mail queue when mail is configured.
std::string HealthJson(const HealthReport& r, const std::optional<OutboxStats>& mail) {
  JsonWriter w;
  w.BeginObject()
      .Key("version")
      .String(r.version)
      .Key("started_at")
      .String(FormatIso8601(r.started_at))
      .Key("uptime_seconds")
      .Int(r.uptime_seconds)
      .Key("members_active_today")
      .Int(r.members_active_today)
      .Key("posts_last_hour")
      .Int(r.posts_last_hour)
      .Key("authors_last_hour")
      .Int(r.authors_last_hour)
      .Key("queues")
      .BeginObject()
      .Key("fanout")
      .BeginObject()
      .Key("queued")
      .Int(r.fanout_jobs_queued)
      .Key("running")
      .Int(r.fanout_jobs_running)
      .EndObject();
  WriteQueue(w, "scheduled_posts", r.scheduled_posts);
  WriteQueue(w, "mail", r.mail, [&] {
    if (mail) WriteMailStats(w, *mail);
  });
  WriteQueue(w, "retention", r.retention);
  w.EndObject()
      .Key("open_connections")
      .Int(r.open_connections)
      .Key("open_streams")
      .BeginObject()
      .Key("sse")
      .Int(r.open_sse_streams)
      .Key("websocket")
      .Int(r.open_websocket_streams)
      .EndObject()
      .Key("last_errors")
      .BeginArray();
  // Newest first, as a person reads them.
  for (auto it = r.last_errors.rbegin(); it != r.last_errors.rend(); ++it)
    w.BeginObject()
        .Key("at")
        .String(FormatIso8601(it->at_ms))
        .Key("level")
        .String(it->level)
        .Key("message")
        .String(it->message)
        .EndObject();
  w.EndArray().EndObject();
  return w.Take();
}

}  // namespace

void RegisterAdminHealthRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/atrium/admin/health",
             ProtectAdmin(ctx, "admin:read", [&ctx](http::Request& req, const Principal&) {
               if (!req.query.empty())
                 return http::Response::Error(
                     400, "Bad request", "GET /api/v1/atrium/admin/health takes no parameters");
               auto report = ctx.health.Report(ctx.started_at);
               if (!report.ok()) return ErrorResponse(report.status());
               std::optional<OutboxStats> mail;
               if (ctx.mail != nullptr && ctx.mail->configured()) {
                 auto stats = ctx.mail->Stats();
                 if (stats.ok()) mail = *stats;
               }
               return http::Response::Json(200, HealthJson(*report, mail));
             }));
}

}  // namespace atrium::api
