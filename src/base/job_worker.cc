#include "base/job_worker.h"

#include <unistd.h>

#include <algorithm>

#include "base/crypto.h"

namespace atrium {

std::string LeaseOwnerName(int node_id) {
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  return std::string(host) + ":" + std::to_string(node_id) + ":" + std::to_string(getpid()) + ":" +
         RandomToken(6);
}

int64_t RetryBackoffMs(int64_t failures, int64_t first_ms, int64_t max_ms) {
  int64_t wait = std::max<int64_t>(first_ms, 1);
  for (int64_t i = 1; i < failures && wait < max_ms; ++i) wait *= 2;
  return std::min(wait, max_ms);
}

}  // namespace atrium
