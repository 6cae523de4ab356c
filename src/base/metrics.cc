#include "base/metrics.h"

#include <prometheus/text_serializer.h>

#include <algorithm>
#include <chrono>
#include <limits>
#include <sstream>

namespace atrium {

Histogram::Histogram(const std::vector<double>& bounds)
    : bounds_(bounds), buckets_(new std::atomic<uint64_t>[bounds.size() + 1]) {
  for (size_t i = 0; i <= bounds_.size(); ++i) buckets_[i].store(0, std::memory_order_relaxed);
}

void Histogram::Observe(double value) {
  size_t i = static_cast<size_t>(std::lower_bound(bounds_.begin(), bounds_.end(), value) -
                                 bounds_.begin());
  buckets_[i].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
}

prometheus::ClientMetric::Histogram Histogram::Snapshot() const {
  prometheus::ClientMetric::Histogram h;
  uint64_t cumulative = 0;
  for (size_t i = 0; i <= bounds_.size(); ++i) {
    cumulative += buckets_[i].load(std::memory_order_relaxed);
    prometheus::ClientMetric::Bucket b;
    b.cumulative_count = cumulative;
    b.upper_bound = i < bounds_.size() ? bounds_[i] : std::numeric_limits<double>::infinity();
    h.bucket.push_back(b);
  }
  // The buckets are read one by one while others observe: the count is
  // their total, so that +Inf and _count always agree.
  h.sample_count = cumulative;
  h.sample_sum = sum_.load(std::memory_order_relaxed);
  return h;
}

HistogramFamily::HistogramFamily(std::string name, std::string help, std::vector<double> bounds)
    : name_(std::move(name)), help_(std::move(help)), bounds_(std::move(bounds)) {}

Histogram& HistogramFamily::Add(const std::map<std::string, std::string>& labels) {
  std::lock_guard lock(mu_);
  auto& child = children_[labels];
  if (!child) child = std::make_unique<Histogram>(bounds_);
  return *child;
}

prometheus::MetricFamily HistogramFamily::Collect() const {
  prometheus::MetricFamily family;
  family.name = name_;
  family.help = help_;
  family.type = prometheus::MetricType::Histogram;
  std::lock_guard lock(mu_);
  for (const auto& [labels, histogram] : children_) {
    prometheus::ClientMetric metric;
    for (const auto& [k, v] : labels) metric.label.push_back({k, v});
    metric.histogram = histogram->Snapshot();
    family.metric.push_back(std::move(metric));
  }
  return family;
}

const std::vector<double>& LatencyBuckets() {
  static const std::vector<double> bounds = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                             0.1,    0.25,  0.5,    1,     2.5,  5,     10};
  return bounds;
}

namespace {

prometheus::Family<prometheus::Counter>& CounterFamily(prometheus::Registry& r,
                                                       const std::string& name,
                                                       const std::string& help) {
  return prometheus::BuildCounter().Name(name).Help(help).Register(r);
}

prometheus::Family<prometheus::Gauge>& GaugeFamily(prometheus::Registry& r, const std::string& name,
                                                   const std::string& help) {
  return prometheus::BuildGauge().Name(name).Help(help).Register(r);
}

// The gauges of the background queue `queue`, described as `what`.
Metrics::QueueGauges QueueFamily(prometheus::Registry& r, const std::string& queue,
                                 const std::string& what) {
  return {GaugeFamily(r, "atrium_" + queue + "_queue_depth", what + " waiting").Add({}),
          GaugeFamily(r, "atrium_" + queue + "_queue_oldest_age_seconds",
                      "Seconds the oldest of the " + what + " waiting has waited (0: none)")
              .Add({})};
}

}  // namespace

Metrics& Metrics::Get() {
  static Metrics* metrics = new Metrics();  // never destroyed: used until the process ends
  return *metrics;
}

Metrics::Metrics()
    : registry_(std::make_shared<prometheus::Registry>()),
      http_requests(CounterFamily(*registry_, "atrium_http_requests_total",
                                  "HTTP requests answered, by route template, method and status")),
      http_request_seconds("atrium_http_request_duration_seconds",
                           "Time from a request's arrival to its response written, by route "
                           "template and method",
                           LatencyBuckets()),
      http_response_bytes(CounterFamily(*registry_, "atrium_http_response_bytes_total",
                                        "Bytes of response bodies sent")
                              .Add({})),
      http_open_connections(
          GaugeFamily(*registry_, "atrium_http_open_connections", "Open client connections")
              .Add({})),
      open_sse_streams(GaugeFamily(*registry_, "atrium_open_streams", "Open live streams, by kind")
                           .Add({{"kind", "sse"}})),
      open_websocket_streams(
          GaugeFamily(*registry_, "atrium_open_streams", "Open live streams, by kind")
              .Add({{"kind", "websocket"}})),
      fanout_jobs_queued(
          GaugeFamily(*registry_, "atrium_fanout_jobs_queued", "Fan-out jobs waiting on this node")
              .Add({})),
      fanout_jobs_running(GaugeFamily(*registry_, "atrium_fanout_jobs_running",
                                      "Fan-out jobs being run on this node")
                              .Add({})),
      fanout_delivery_seconds("atrium_fanout_delivery_lag_seconds",
                              "Time from a post's fan-out being queued to it being in every "
                              "follower's feed",
                              LatencyBuckets()),
      link_card_queue_depth(GaugeFamily(*registry_, "atrium_link_card_queue_depth",
                                        "Posts waiting for their link preview card (all nodes)")
                                .Add({})),
      link_card_queue_oldest_age_seconds(
          GaugeFamily(*registry_, "atrium_link_card_queue_oldest_age_seconds",
                      "Age of the oldest post waiting for its link preview card")
              .Add({})),
      feed_import_queue_depth(GaugeFamily(*registry_, "atrium_feed_import_queue_depth",
                                          "Connected blog feeds due to be read (all nodes)")
                                  .Add({})),
      feed_import_queue_oldest_age_seconds(
          GaugeFamily(*registry_, "atrium_feed_import_queue_oldest_age_seconds",
                      "How long the blog feed due longest has waited to be read")
              .Add({})),
      link_cards(CounterFamily(*registry_, "atrium_link_cards_total",
                               "Posts whose link preview card was settled, by result")),
      cache_lookups(CounterFamily(*registry_, "atrium_cache_lookups_total",
                                  "Cache lookups, by cache and result (hit, miss)")),
      cache_evictions(CounterFamily(*registry_, "atrium_cache_evictions_total",
                                    "Entries evicted from a cache to make room, by cache")),
      store_transaction_seconds("atrium_store_transaction_duration_seconds",
                                "Time of a store transaction, by kind (write, read)",
                                LatencyBuckets()),
      store_group_commit_size("atrium_store_group_commit_size",
                              "Writers' changes committed by one SQLite transaction",
                              {1, 2, 4, 8, 16, 32, 64, 128, 256}),
      sign_ins(CounterFamily(*registry_, "atrium_sign_ins_total",
                             "Sign-ins by method (password, oidc, saml) and result")),
      scim_requests(CounterFamily(*registry_, "atrium_scim_requests_total",
                                  "SCIM provisioning requests, by method and status class")),
      scheduled_posts_queue(
          QueueFamily(*registry_, "scheduled_posts", "Scheduled posts due and not yet published")),
      mail_queue(QueueFamily(*registry_, "mail", "Messages in the mail outbox not yet sent")),
      push_queue(QueueFamily(*registry_, "push", "Web Push deliveries not yet sent")),
      retention_queue(QueueFamily(*registry_, "retention",
                                  "Posts older than the retention policy not yet deleted")),
      ediscovery_exports_queue(QueueFamily(*registry_, "ediscovery_exports",
                                           "eDiscovery export jobs queued or running")),
      scheduled_posts_published(CounterFamily(*registry_, "atrium_scheduled_posts_published_total",
                                              "Scheduled posts published")
                                    .Add({})),
      scheduled_posts_failed(CounterFamily(*registry_, "atrium_scheduled_posts_failed_total",
                                           "Scheduled posts dropped because they could not be "
                                           "published (author gone, post refused)")
                                 .Add({})),
      retention_deleted(CounterFamily(*registry_, "atrium_retention_deleted_posts_total",
                                      "Posts deleted by the retention policy")
                            .Add({})) {
  GaugeFamily(*registry_, "atrium_build_info", "The running build: 1, labelled with the version")
      .Add({{"version", ATRIUM_VERSION}})
      .Set(1);
  GaugeFamily(*registry_, "atrium_process_start_time_seconds",
              "When the process started, in seconds since the Unix epoch")
      .Add({})
      .Set(std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch())
               .count());
}

Metrics::CacheCounters Metrics::Cache(const std::string& name) {
  return {cache_lookups.Add({{"cache", name}, {"result", "hit"}}),
          cache_lookups.Add({{"cache", name}, {"result", "miss"}}),
          cache_evictions.Add({{"cache", name}})};
}

void Metrics::QueueGauges::Set(int64_t items, int64_t oldest_at_ms, int64_t now_ms) {
  depth.Set(static_cast<double>(items));
  oldest_age_seconds.Set(items > 0 && oldest_at_ms > 0
                             ? static_cast<double>(std::max<int64_t>(0, now_ms - oldest_at_ms)) /
                                   1000
                             : 0);
}

void Metrics::CountLinkCard(const std::string& result) {
  link_cards.Add({{"result", result}}).Increment();
}

void Metrics::CountSignIn(const std::string& method, bool success) {
  sign_ins.Add({{"method", method}, {"result", success ? "success" : "failure"}}).Increment();
}

std::string Metrics::Exposition() const {
  std::vector<prometheus::MetricFamily> families = registry_->Collect();
  for (const HistogramFamily* h : {&http_request_seconds, &fanout_delivery_seconds,
                                   &store_transaction_seconds, &store_group_commit_size})
    families.push_back(h->Collect());
  std::ostringstream out;
  prometheus::TextSerializer().Serialize(out, families);
  return out.str();
}

}  // namespace atrium
