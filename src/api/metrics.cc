// GET /metrics: every metric (base/metrics.h) in the Prometheus text format.
//
// On the main listener it is served only to a request bearing the
// `metrics-token` setting as its bearer token: without the setting the
// route answers 404 as if it did not exist, and a missing or wrong token
// 401 — the public listener never shows it to anyone else. The
// `metrics-listen` listener serves it without a token: that address is
// meant for the monitoring network alone.
#include "base/metrics.h"

#include "api/authenticate.h"
#include "api/routes.h"
#include "base/crypto.h"

namespace atrium::api {
namespace {

http::Response MetricsText() {
  http::Response res;
  res.body = Metrics::Get().Exposition();
  res.Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
  res.Set("Cache-Control", "no-store");
  return res;
}

}  // namespace

void RegisterMetricsRoutes(http::Router& router, ApiContext& ctx) {
  // The token is hashed once: requests are compared with it by their hash,
  // in constant time, so neither its length nor its bytes leak by timing.
  const std::string token_hash =
      ctx.settings.metrics_token.empty() ? "" : Sha256Hex(ctx.settings.metrics_token);
  router.Add("GET", "/metrics", [token_hash](http::Request& req) {
    if (token_hash.empty())
      return http::Response::Error(404, "Not found", "No route matches " + req.path);
    std::string bearer = BearerToken(req);
    if (bearer.empty() || !ConstantTimeEquals(Sha256Hex(bearer), token_hash)) {
      http::Response res = http::Response::Error(
          401, "unauthorized", "GET /metrics needs the metrics token as a bearer token");
      res.Set("WWW-Authenticate", "Bearer realm=\"metrics\"");
      return res;
    }
    return MetricsText();
  });
}

void RegisterMetricsListenerRoutes(http::Router& router) {
  router.Add("GET", "/metrics", [](http::Request&) { return MetricsText(); });
}

}  // namespace atrium::api
