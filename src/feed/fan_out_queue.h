// FanOutQueue: a durable queue of fan-out jobs (serialized), shared by the
// nodes of a cluster. FanOutService (src/social) writes and reads it; the
// Redis stream in src/cluster (RedisFanOutQueue) implements it. On one node
// there is none: the service keeps its jobs in process.
//
// Implementations are thread-safe.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"

namespace atrium {

class FanOutQueue {
 public:
  struct Item {
    std::string id;
    std::string payload;
  };
  virtual ~FanOutQueue() = default;
  // Appends a job; fails (kUnavailable) if the queue cannot be reached.
  virtual Status Add(const std::string& payload) = 0;
  // Up to `max` jobs, waiting up to `block_ms` for one.
  virtual Result<std::vector<Item>> Take(int max, int block_ms) = 0;
  // The job is done.
  virtual void Done(const std::string& id) = 0;
  // No job waiting or in progress anywhere.
  virtual Result<bool> Idle() = 0;
};

}  // namespace atrium
