// GET /health: the process is alive. GET /ready: the store answers and its
// schema is current; when mail is configured it adds whether mail is going
// out (`mail.status`: "ok", or "failing" while a queued message has failed
// an attempt), which does not make the node unready. Neither needs
// authentication, so neither says more: the counts and the last SMTP error
// (which may name the mail server) are for administrators
// (GET /api/v1/admin/mail, the admin health page).
#include "api/authenticate.h"
#include "api/routes.h"

namespace atrium::api {

void RegisterHealthRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/health",
             [](http::Request&) { return http::Response::Json(200, R"({"status":"ok"})"); });
  router.Add("GET", "/ready", [&ctx](http::Request&) {
    Status s = ctx.social.CheckReady();
    if (!s.ok()) return http::Response::Error(503, "Not ready", s.description());
    if (ctx.mail == nullptr || !ctx.mail->configured())
      return http::Response::Json(200, R"({"status":"ready"})");
    auto stats = ctx.mail->Stats();
    JsonWriter w;
    w.BeginObject()
        .Field("status", "ready")
        .Key("mail")
        .BeginObject()
        .Field("status", !stats.ok()           ? "unknown"
                         : stats->retrying > 0 ? "failing"
                                               : "ok");
    w.EndObject().EndObject();
    return http::Response::Json(200, w.Take());
  });
}

}  // namespace atrium::api
