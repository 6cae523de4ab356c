// SqlScheduledStatusStore: scheduled posts over one sql::Database, one
// query for both backends.
#pragma once

#include "store/scheduled_status_store.h"
#include "store/sql/database.h"

namespace atrium::sql {

class SqlScheduledStatusStore : public ScheduledStatusStore {
 public:
  explicit SqlScheduledStatusStore(Database& db) : db_(db) {}
  Status Create(const ScheduledStatusRecord& scheduled) override;
  Result<ScheduledStatusRecord> Get(int64_t account_id, int64_t id) override;
  Result<std::vector<ScheduledStatusRecord>> List(int64_t account_id,
                                                  const PageRequest& page) override;
  Result<int64_t> Count(int64_t account_id) override;
  Status Reschedule(int64_t account_id, int64_t id, int64_t scheduled_at) override;
  Status Delete(int64_t account_id, int64_t id) override;
  Result<std::vector<ScheduledStatusRecord>> Due(int64_t now, int limit) override;
  Result<bool> Claim(int64_t id, int64_t now, int64_t until) override;
  Status Remove(int64_t id) override;
  Result<QueueBacklog> Backlog(int64_t now) override;

 private:
  Database& db_;
};

}  // namespace atrium::sql
