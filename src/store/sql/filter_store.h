// SqlFilterStore: filters and muted threads over one sql::Database, one
// query for both backends.
#pragma once

#include "store/filter_store.h"
#include "store/sql/database.h"

namespace atrium::sql {

class SqlFilterStore : public FilterStore {
 public:
  explicit SqlFilterStore(Database& db) : db_(db) {}
  Result<std::vector<FilterRecord>> List(int64_t account_id) override;
  Status Create(const FilterRecord& filter) override;
  Status Update(const FilterRecord& filter) override;
  Status Delete(int64_t account_id, int64_t id) override;
  Result<std::vector<int64_t>> MutedThreads(int64_t account_id) override;
  Status MuteThread(int64_t account_id, int64_t thread_id) override;
  Status UnmuteThread(int64_t account_id, int64_t thread_id) override;

 private:
  Database& db_;
};

}  // namespace atrium::sql
