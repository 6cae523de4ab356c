// GET /health: the process is alive. GET /ready: the store answers and its
// schema is current. Neither needs authentication; neither says more.
#include "api/authenticate.h"
#include "api/routes.h"

namespace atrium::api {

void RegisterHealthRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/health",
             [](http::Request&) { return http::Response::Json(200, R"({"status":"ok"})"); });
  router.Add("GET", "/ready", [&ctx](http::Request&) {
    Status s = ctx.social.CheckReady();
    if (!s.ok()) return http::Response::Error(503, "Not ready", s.description());
    return http::Response::Json(200, R"({"status":"ready"})");
  });
}

}  // namespace atrium::api
