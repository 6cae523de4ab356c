#include "http/route_metrics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <regex>
#include <set>

#include "base/metrics.h"
#include "http/router.h"

namespace atrium::http {
namespace {

Response Ok(Request&) { return Response::Json(200, "{}"); }

// The lines of the exposition that carry `route="…"`, each route once.
std::set<std::string> RouteLabels(const std::string& exposition) {
  std::set<std::string> routes;
  static const std::regex kRoute(R"re(route="([^"]*)")re");
  for (auto it = std::sregex_iterator(exposition.begin(), exposition.end(), kRoute);
       it != std::sregex_iterator(); ++it)
    routes.insert((*it)[1]);
  return routes;
}

TEST(RouteMetrics, ARequestIsNamedByItsRouteTemplateNeverItsPath) {
  Router r;
  r.Add("GET", "/test-metrics/statuses/:id", Ok);
  r.Add("GET", "/test-metrics/statuses/:id/context", Ok);
  r.Add("GET", "/test-metrics/timelines/home", Ok);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"/test-metrics/statuses/113344556677889900", "/test-metrics/statuses/:id"},
      {"/test-metrics/statuses/42/context", "/test-metrics/statuses/:id/context"},
      {"/test-metrics/timelines/home", "/test-metrics/timelines/home"},
      {"/test-metrics/statuses/42/unknown", "(unmatched)"},
      {"/test-metrics/nothing-here/12345", "(unmatched)"},
  };
  for (const auto& [path, route] : cases) {
    Request req{.method = "GET", .path = path};
    r.Handle(req);
    ASSERT_NE(req.route, nullptr) << path;
    EXPECT_EQ(req.route->route(), route) << path;
    req.route->Record(r.Handle(req).status, 0.002, 2);
  }
  // A method the route lacks (405) is unmatched too: the label never takes
  // the method a client made up.
  Request wrong{.method = "BREW", .path = "/test-metrics/timelines/home"};
  EXPECT_EQ(r.Handle(wrong).status, 405);
  EXPECT_EQ(wrong.route, &RouteMetrics::Unmatched());
  EXPECT_EQ(wrong.route->method(), "-");

  const std::string text = Metrics::Get().Exposition();
  for (const std::string& route : RouteLabels(text)) {
    EXPECT_EQ(route.find("113344556677889900"), std::string::npos) << route;
    EXPECT_EQ(route.find("/42"), std::string::npos) << route;
    EXPECT_EQ(route.find("12345"), std::string::npos) << route;
  }
  EXPECT_NE(
      text.find(
          R"m(atrium_http_requests_total{method="GET",route="/test-metrics/statuses/:id",status="200"} 1)m"),
      std::string::npos)
      << text;
  EXPECT_NE(
      text.find(R"m(atrium_http_requests_total{method="-",route="(unmatched)",status="404"})m"),
      std::string::npos)
      << text;
  EXPECT_NE(
      text.find(
          R"m(atrium_http_request_duration_seconds_bucket{method="GET",route="/test-metrics/timelines/home",le="0.0025"} 1)m"),
      std::string::npos)
      << text;
}

TEST(RouteMetrics, EachStatusIsCountedUnderItsOwnLabel) {
  RouteMetrics route("/test-metrics/counted/:id", "POST");
  route.Record(201, 0.01, 10);
  route.Record(201, 0.01, 10);
  route.Record(422, 0.01, 10);
  const std::string text = Metrics::Get().Exposition();
  EXPECT_NE(
      text.find(
          R"m(atrium_http_requests_total{method="POST",route="/test-metrics/counted/:id",status="201"} 2)m"),
      std::string::npos)
      << text;
  EXPECT_NE(
      text.find(
          R"m(atrium_http_requests_total{method="POST",route="/test-metrics/counted/:id",status="422"} 1)m"),
      std::string::npos)
      << text;
}

TEST(Histogram, BucketsAreCumulativeAndCountTheirTotal) {
  Histogram h({0.1, 1});
  h.Observe(0.05);
  h.Observe(0.1);  // on a bound: in that bucket (le)
  h.Observe(0.5);
  h.Observe(7);
  auto s = h.Snapshot();
  ASSERT_EQ(s.bucket.size(), 3u);
  EXPECT_EQ(s.bucket[0].cumulative_count, 2u);
  EXPECT_EQ(s.bucket[1].cumulative_count, 3u);
  EXPECT_EQ(s.bucket[2].cumulative_count, 4u);
  EXPECT_TRUE(std::isinf(s.bucket[2].upper_bound));
  EXPECT_EQ(s.sample_count, 4u);
  EXPECT_DOUBLE_EQ(s.sample_sum, 7.65);
}

}  // namespace
}  // namespace atrium::http
