// RouteMetrics: the request counters and latency histogram of one route,
// labelled with the route's template ("/api/v1/statuses/:id"), never with
// the path a client sent.
//
// The router makes one per route as the route is added, and one each for
// requests that match no route and for the web client's files; a request
// carries a pointer to its route's (Request::route), and the server records
// the answer there once it is written. Recording is lock-free: the
// histogram is atomic, and each status code's counter is looked up in the
// metrics registry the first time that status is answered and kept in an
// atomic slot afterwards.
//
// Thread-safe.
#pragma once

#include <array>
#include <atomic>
#include <string>
#include <string_view>

#include "base/metrics.h"

namespace atrium::http {

class RouteMetrics {
 public:
  // `route`: the template (or a fixed name in parentheses); `method`: the
  // method the route was added for ("-" for any).
  RouteMetrics(std::string route, std::string method);
  RouteMetrics(const RouteMetrics&) = delete;
  RouteMetrics& operator=(const RouteMetrics&) = delete;

  // One answered request: its status, time taken and body bytes.
  void Record(int status, double seconds, size_t bytes);

  const std::string& route() const { return route_; }
  const std::string& method() const { return method_; }

  // Requests no route matches (404 and 405 from the router, and what the
  // transport answers itself: 400, 408, 413, 431, 503).
  static RouteMetrics& Unmatched();
  // GETs answered by the router's fallback (the web client's files).
  static RouteMetrics& Fallback();

 private:
  prometheus::Counter& StatusCounter(int status);

  const std::string route_, method_;
  const bool scim_;
  Histogram& latency_;
  std::array<std::atomic<prometheus::Counter*>, 500> by_status_{};  // 100..599
};

}  // namespace atrium::http
