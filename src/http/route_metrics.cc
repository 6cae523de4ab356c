#include "http/route_metrics.h"

namespace atrium::http {

RouteMetrics::RouteMetrics(std::string route, std::string method)
    : route_(std::move(route)),
      method_(std::move(method)),
      scim_(route_.starts_with("/scim/")),
      latency_(Metrics::Get().http_request_seconds.Add({{"route", route_}, {"method", method_}})) {}

prometheus::Counter& RouteMetrics::StatusCounter(int status) {
  if (status < 100 || status > 599) status = 500;
  auto& slot = by_status_[static_cast<size_t>(status - 100)];
  prometheus::Counter* counter = slot.load(std::memory_order_acquire);
  if (counter) return *counter;
  // First time this status: the registry's lookup (a mutex), then kept.
  counter = &Metrics::Get().http_requests.Add(
      {{"route", route_}, {"method", method_}, {"status", std::to_string(status)}});
  slot.store(counter, std::memory_order_release);
  return *counter;
}

void RouteMetrics::Record(int status, double seconds, size_t bytes) {
  StatusCounter(status).Increment();
  latency_.Observe(seconds);
  Metrics& metrics = Metrics::Get();
  metrics.http_response_bytes.Increment(static_cast<double>(bytes));
  if (scim_) {
    const char* status_class = status < 300   ? "2xx"
                               : status < 400 ? "3xx"
                               : status < 500 ? "4xx"
                                              : "5xx";
    metrics.scim_requests.Add({{"method", method_}, {"status", status_class}}).Increment();
  }
}

RouteMetrics& RouteMetrics::Unmatched() {
  static RouteMetrics* unmatched = new RouteMetrics("(unmatched)", "-");
  return *unmatched;
}

RouteMetrics& RouteMetrics::Fallback() {
  static RouteMetrics* fallback = new RouteMetrics("(web client)", "GET");
  return *fallback;
}

}  // namespace atrium::http
