// The durable job queue's steps, written once for every queue table that
// has its shape (the mail outbox, push deliveries): id, state (0 queued,
// then the table's own end states), attempts, failures, next_attempt_at,
// lease_owner, lease_until, last_error, last_error_at, created_at, sent_at.
//
// A job is claimed with a lease in its own row inside the caller's write
// transaction (SQLite's single writer, PostgreSQL's serializable
// transactions), so two nodes never hold one job at once; only the lease
// holder may end it or record its failure, and a lease that runs out (a
// process that died mid-job) makes the job claimable again.
//
// `table` is one of the store's own table names, never text from a request.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "base/status.h"
#include "store/social_records.h"
#include "store/sql/database.h"

namespace atrium::sql {

// The queued job due soonest (next_attempt_at <= now) that no live lease
// holds, now leased to `owner` until `lease_until` with its attempt
// counted; nullopt when there is none.
std::optional<int64_t> ClaimLeased(Connection& c, std::string_view table, std::string_view owner,
                                   int64_t now, int64_t lease_until);
// Ends a job `owner` holds in `state` (sent_at = now). kNotFound if the
// lease was lost.
Status FinishLeased(Connection& c, std::string_view table, int64_t id, std::string_view owner,
                    int64_t state, int64_t now);
// Records a failed attempt of a job `owner` holds: queued again for
// `next_attempt_at`, or in `failed_state` for good with `give_up`.
// kNotFound if the lease was lost.
Status RetryLeased(Connection& c, std::string_view table, int64_t id, std::string_view owner,
                   std::string_view error, int64_t now, int64_t next_attempt_at, bool give_up,
                   int64_t failed_state);
// The jobs still queued (retrying included) and the oldest one's created_at.
QueueBacklog LeasedBacklog(Connection& c, std::string_view table);

}  // namespace atrium::sql
