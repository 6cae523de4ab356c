// What every worker of a durable queue in the store shares (the mail
// outbox, push deliveries): the name it holds leases under, and how long a
// failed job waits before its next attempt. Thread-safe.
#pragma once

#include <cstdint>
#include <string>

namespace atrium {

// A name for this process's leases, unique across nodes and restarts:
// host, node id, process id and a random suffix.
std::string LeaseOwnerName(int node_id);

// The wait after `failures` failed attempts (1: the first failure):
// `first_ms`, doubling after each further failure, at most `max_ms`.
int64_t RetryBackoffMs(int64_t failures, int64_t first_ms, int64_t max_ms);

}  // namespace atrium
