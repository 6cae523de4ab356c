// SqlPollStore: votes on polls over one sql::Database, one query for both
// backends; and the polls written and read with their posts (StatusStore).
#pragma once

#include "store/poll_store.h"
#include "store/sql/database.h"

namespace atrium::sql {

class SqlPollStore : public PollStore {
 public:
  explicit SqlPollStore(Database& db) : db_(db) {}
  Result<std::unordered_map<int64_t, PollTally>> Tallies(const std::vector<int64_t>& status_ids,
                                                         int64_t viewer_id) override;
  Status Vote(int64_t status_id, int64_t account_id, const std::vector<int>& choices,
              int64_t now) override;
  Result<std::vector<int64_t>> Voters(int64_t status_id) override;
  Result<std::vector<int64_t>> Ended(int64_t now, int limit) override;
  Result<bool> End(int64_t status_id,
                   const std::vector<NotificationRecord>& notifications) override;

 private:
  Database& db_;
};

// Writes the poll of the new post `st` (if it has one), in the caller's transaction.
void WritePoll(Connection& c, const StatusRecord& st);
// Fills the poll of each of `statuses` that has one.
void LoadPolls(Connection& c, std::vector<StatusRecord>& statuses);

}  // namespace atrium::sql
