#include "social/health_service.h"

#include "base/id.h"
#include "base/metrics.h"

namespace atrium {

Result<HealthReport> HealthService::Report(int64_t started_at) const {
  constexpr int64_t kDayMs = 24 * 60 * 60 * 1000;
  constexpr int64_t kHourMs = 60 * 60 * 1000;
  const int64_t now = clock_.NowMillis();
  HealthReport r;
  r.version = ATRIUM_VERSION;
  r.started_at = started_at;
  r.uptime_seconds = started_at > 0 ? (now - started_at) / 1000 : 0;
  const int64_t midnight = now - now % kDayMs;
  auto active = store_.accounts().CountActiveSince(midnight, IdGenerator::LowestAt(midnight));
  if (!active.ok()) return active.status();
  r.members_active_today = *active;
  auto recent = store_.statuses().CountSince(IdGenerator::LowestAt(now - kHourMs));
  if (!recent.ok()) return recent.status();
  r.posts_last_hour = recent->posts;
  r.authors_last_hour = recent->authors;
  Metrics& m = Metrics::Get();
  r.fanout_jobs_queued = static_cast<int64_t>(m.fanout_jobs_queued.Value());
  r.fanout_jobs_running = static_cast<int64_t>(m.fanout_jobs_running.Value());
  auto figures = [](const Metrics::QueueGauges& q) {
    return QueueFigures{static_cast<int64_t>(q.depth.Value()),
                        static_cast<int64_t>(q.oldest_age_seconds.Value())};
  };
  r.scheduled_posts = figures(m.scheduled_posts_queue);
  r.mail = figures(m.mail_queue);
  r.retention = figures(m.retention_queue);
  r.open_connections = static_cast<int64_t>(m.http_open_connections.Value());
  r.open_sse_streams = static_cast<int64_t>(m.open_sse_streams.Value());
  r.open_websocket_streams = static_cast<int64_t>(m.open_websocket_streams.Value());
  r.last_errors = RecentProblems();
  return r;
}

}  // namespace atrium
