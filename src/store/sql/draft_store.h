// SqlDraftStore: members' blog drafts over one sql::Database, one query for
// both backends.
#pragma once

#include "store/draft_store.h"
#include "store/sql/database.h"

namespace atrium::sql {

class SqlDraftStore : public DraftStore {
 public:
  explicit SqlDraftStore(Database& db) : db_(db) {}
  Status Create(const DraftRecord& draft, int max_per_member) override;
  Result<std::vector<DraftRecord>> List(int64_t account_id) override;
  Result<DraftRecord> Get(int64_t account_id, int64_t id) override;
  Status Update(const DraftRecord& draft) override;
  Status Delete(int64_t account_id, int64_t id) override;

 private:
  Database& db_;
};

}  // namespace atrium::sql
