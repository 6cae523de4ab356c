// Metrics: what the `atrium` process measures about itself, exposed to
// Prometheus in its text format (GET /metrics, docs/OPERATIONS.md).
//
// One process-wide set (Metrics::Get()), built on prometheus-cpp's registry
// and text serializer: counters and gauges are prometheus-cpp's own, whose
// updates are single atomic operations. Histograms are Atrium's
// (`Histogram` below) because prometheus-cpp's take a mutex per
// observation, and the request latency of the home stream is observed more
// than 10,000 times a second; they are handed to the same serializer.
//
// Labels are bounded by construction: every label value is a route
// template, a method, a status code, or a name from a fixed list in this
// file — never a path, an id or anything a client sends.
//
// Thread-safe. Looking up a labelled child (Family::Add) takes the family's
// mutex, so a hot path looks its children up once and keeps the pointers
// (children live as long as the process).
#pragma once

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/metric_family.h>
#include <prometheus/registry.h>

#include <atomic>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace atrium {

// A histogram with fixed bucket bounds whose Observe is lock-free: one
// relaxed atomic add to the bucket, one to the count, one to the sum.
// Collected as a Prometheus histogram (cumulative buckets, +Inf, _sum,
// _count).
class Histogram {
 public:
  explicit Histogram(const std::vector<double>& bounds);
  Histogram(const Histogram&) = delete;
  Histogram& operator=(const Histogram&) = delete;

  void Observe(double value);
  // The histogram as prometheus-cpp's value (cumulative counts).
  prometheus::ClientMetric::Histogram Snapshot() const;
  uint64_t count() const { return count_.load(std::memory_order_relaxed); }

 private:
  const std::vector<double> bounds_;
  std::unique_ptr<std::atomic<uint64_t>[]> buckets_;  // bounds_.size() + 1 (+Inf)
  std::atomic<uint64_t> count_{0};
  std::atomic<double> sum_{0};
};

// Histograms of one name, one per set of label values.
class HistogramFamily {
 public:
  HistogramFamily(std::string name, std::string help, std::vector<double> bounds);

  // The child with these labels, made on first use; the reference stays
  // valid for the life of the process. Takes a mutex: call it once and keep
  // the result on a hot path.
  Histogram& Add(const std::map<std::string, std::string>& labels);
  prometheus::MetricFamily Collect() const;

 private:
  const std::string name_, help_;
  const std::vector<double> bounds_;
  mutable std::mutex mu_;
  std::map<std::map<std::string, std::string>, std::unique_ptr<Histogram>> children_;
};

// Bucket bounds, in seconds, for request and transaction latencies.
const std::vector<double>& LatencyBuckets();

class Metrics {
  // Declared first: the references below point into it.
  std::shared_ptr<prometheus::Registry> registry_;

 public:
  // The process's metrics.
  static Metrics& Get();

  // Requests answered, by route template, method and status code
  // (http/route_metrics.h keeps each route's children).
  prometheus::Family<prometheus::Counter>& http_requests;
  // Time from the request's first byte to the response written, by route
  // template and method.
  HistogramFamily http_request_seconds;
  prometheus::Counter& http_response_bytes;
  prometheus::Gauge& http_open_connections;
  // Open live streams, by kind ("sse", "websocket").
  prometheus::Gauge& open_sse_streams;
  prometheus::Gauge& open_websocket_streams;
  // Fan-out: jobs waiting, jobs running, and the time from a post being
  // written to its fan-out finishing (delivery lag).
  prometheus::Gauge& fanout_jobs_queued;
  prometheus::Gauge& fanout_jobs_running;
  HistogramFamily fanout_delivery_seconds;
  // Background queues in the store, as this node last saw them: posts
  // waiting for their link preview card, connected blog feeds due to be
  // read; how many, and the age of the one waiting longest.
  prometheus::Gauge& link_card_queue_depth;
  prometheus::Gauge& link_card_queue_oldest_age_seconds;
  prometheus::Gauge& feed_import_queue_depth;
  prometheus::Gauge& feed_import_queue_oldest_age_seconds;
  // Posts whose link preview was settled, by result: "card" (made),
  // "cached" (a card kept for the URL), "none" (the page offers nothing),
  // "refused" (the outbound policy refused an address), "too_large",
  // "redirects" (too many), "failed" (unreachable, given up).
  prometheus::Family<prometheus::Counter>& link_cards;
  // Caches: lookups by cache and result ("hit", "miss"), evictions by cache.
  prometheus::Family<prometheus::Counter>& cache_lookups;
  prometheus::Family<prometheus::Counter>& cache_evictions;
  // The store: transaction time by kind ("write", "read"), and on SQLite
  // the number of writers' closures committed by one transaction.
  HistogramFamily store_transaction_seconds;
  HistogramFamily store_group_commit_size;
  // Sign-ins by method ("password", "oidc", "saml", "oauth") and result
  // ("success", "failure").
  prometheus::Family<prometheus::Counter>& sign_ins;
  // SCIM requests by method and status class ("2xx", "4xx", "5xx").
  prometheus::Family<prometheus::Counter>& scim_requests;

  // A background queue: `atrium_<queue>_queue_depth` (items waiting) and
  // `atrium_<queue>_queue_oldest_age_seconds` (how long the oldest has
  // waited; 0 when none), measured by the background worker each round.
  struct QueueGauges {
    prometheus::Gauge& depth;
    prometheus::Gauge& oldest_age_seconds;
    // Sets both from a count and the oldest item's time (Unix ms, 0: none).
    void Set(int64_t items, int64_t oldest_at_ms, int64_t now_ms);
  };
  // Scheduled posts due and not yet published.
  QueueGauges scheduled_posts_queue;
  // Mail in the outbox not yet sent (retrying included).
  QueueGauges mail_queue;
  // Web Push deliveries not yet sent (retrying included).
  QueueGauges push_queue;
  // Posts older than the retention policy, not yet deleted.
  QueueGauges retention_queue;
  // eDiscovery export jobs queued or running.
  QueueGauges ediscovery_exports_queue;
  // Scheduled posts published, and those dropped because they could not be
  // (author gone, the post refused).
  prometheus::Counter& scheduled_posts_published;
  prometheus::Counter& scheduled_posts_failed;
  // Posts deleted by the retention policy.
  prometheus::Counter& retention_deleted;

  // Counters of one cache (`name` one of a fixed list: "home_page",
  // "notification_page", "mark_page", "status", "account"), looked up once.
  struct CacheCounters {
    prometheus::Counter& hits;
    prometheus::Counter& misses;
    prometheus::Counter& evictions;
  };
  CacheCounters Cache(const std::string& name);
  // One post's link preview settled (`result` one of link_cards' list).
  void CountLinkCard(const std::string& result);
  // One sign-in's outcome.
  void CountSignIn(const std::string& method, bool success);

  // Every metric in the Prometheus text exposition format (version 0.0.4).
  std::string Exposition() const;

 private:
  Metrics();
};

}  // namespace atrium
