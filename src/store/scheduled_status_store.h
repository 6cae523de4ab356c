// Scheduled posts: what a member asked to be posted at a later time, kept
// until a background worker publishes it. The store does not read the
// post's parameters (`params`, JSON written and read by the service); it
// keeps the attachments apart so that uploads waiting for a scheduled post
// are not swept as abandoned.
//
// Publishing once in a cluster: a node Claims a due row with a conditional
// UPDATE (the first claim of a row wins until its lease ends), publishes it,
// then Removes it. A node that dies after claiming leaves the row to be
// claimed again once the lease has run out.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/social_records.h"

namespace atrium {

struct ScheduledStatusRecord {
  int64_t id = 0;
  int64_t account_id = 0;
  int64_t application_id = 0;  // the OAuth app that scheduled it (0: the web client)
  int64_t scheduled_at = 0;    // milliseconds since the epoch
  int64_t created_at = 0;
  std::string params;              // the post's parameters, JSON
  std::vector<int64_t> media_ids;  // in order
};

// Every method is one transaction. Safe for concurrent use.
class ScheduledStatusStore {
 public:
  virtual ~ScheduledStatusStore() = default;
  // Inserts `scheduled` (id set) with its attachments. kConflict if the id exists.
  virtual Status Create(const ScheduledStatusRecord& scheduled) = 0;
  // `account_id`'s scheduled post `id`; kNotFound if none (or another's).
  virtual Result<ScheduledStatusRecord> Get(int64_t account_id, int64_t id) = 0;
  // `account_id`'s scheduled posts, paged by id, newest first.
  virtual Result<std::vector<ScheduledStatusRecord>> List(int64_t account_id,
                                                          const PageRequest& page) = 0;
  // How many posts `account_id` has scheduled.
  virtual Result<int64_t> Count(int64_t account_id) = 0;
  // Moves `account_id`'s scheduled post `id` to `scheduled_at` (and frees any
  // claim on it); kNotFound if none.
  virtual Status Reschedule(int64_t account_id, int64_t id, int64_t scheduled_at) = 0;
  // Deletes `account_id`'s scheduled post `id`; kNotFound if none.
  virtual Status Delete(int64_t account_id, int64_t id) = 0;
  // Posts due by `now` and not claimed past `now`, earliest first, at most `limit`.
  virtual Result<std::vector<ScheduledStatusRecord>> Due(int64_t now, int limit) = 0;
  // Claims the due post `id` until `until`: true for the one caller whose
  // claim took (the post is due by `now` and no claim holds past `now`).
  virtual Result<bool> Claim(int64_t id, int64_t now, int64_t until) = 0;
  // Deletes the scheduled post `id` once published (OK if already gone).
  virtual Status Remove(int64_t id) = 0;
  // The posts due by `now` and not yet published (claimed ones included),
  // and the earliest time among them they fell due.
  virtual Result<QueueBacklog> Backlog(int64_t now) = 0;
};

}  // namespace atrium
