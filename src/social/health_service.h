// HealthService: the figures of the admin health page
// (GET /api/v1/atrium/admin/health) — what an operator wants at a glance:
// members active today, posts in the last hour, queue depths, open
// connections and streams, the last warnings and errors, version and uptime.
//
// Reads the store (two counts) and the process's metrics; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/log_sink.h"
#include "base/status.h"
#include "store/store.h"

namespace atrium {

// A background queue as the worker last measured it.
struct QueueFigures {
  int64_t depth = 0;
  int64_t oldest_age_seconds = 0;
};

struct HealthReport {
  std::string version;
  int64_t started_at = 0;  // Unix milliseconds
  int64_t uptime_seconds = 0;
  // Active members who used a browser session or posted since midnight UTC.
  int64_t members_active_today = 0;
  int64_t posts_last_hour = 0;
  int64_t authors_last_hour = 0;
  int64_t fanout_jobs_queued = 0;
  int64_t fanout_jobs_running = 0;
  QueueFigures scheduled_posts, mail, retention;
  int64_t open_connections = 0;
  int64_t open_sse_streams = 0;
  int64_t open_websocket_streams = 0;
  std::vector<LoggedProblem> last_errors;  // newest last
};

class HealthService {
 public:
  explicit HealthService(Store& store, const Clock& clock = Clock::System())
      : store_(store), clock_(clock) {}

  // The report now, or the store's error. `started_at`: when the process
  // started serving (Unix milliseconds).
  Result<HealthReport> Report(int64_t started_at) const;

 private:
  Store& store_;
  const Clock& clock_;
};

}  // namespace atrium
