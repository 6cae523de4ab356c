// GET /health: the process is alive. GET /ready: the store answers and its
// schema is current; when mail is configured it adds the outbox's state
// (`mail`: counts, failed attempts and the last error), which does not
// make the node unready. Neither needs authentication.
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
    JsonWriter w;
    w.BeginObject().Field("status", "ready").Key("mail").BeginObject();
    auto stats = ctx.mail->Stats();
    if (stats.ok()) WriteMailStats(w, *stats);
    w.EndObject().EndObject();
    return http::Response::Json(200, w.Take());
  });
}

}  // namespace atrium::api
