// SqlComposeStore: ComposeStore over one sql::Database, each query written
// once for both backends.
#pragma once

#include "store/compose_store.h"
#include "store/sql/database.h"

namespace atrium::sql {

class SqlComposeStore : public ComposeStore {
 public:
  explicit SqlComposeStore(Database& db) : db_(db) {}
  Result<std::vector<int64_t>> ActiveAccountIds() override;
  Result<std::vector<AdviceOverride>> AdviceOverrides() override;
  Status SetAdviceOverride(const AdviceOverride& o) override;
  Status ClearAdviceOverride(std::string_view kind, std::string_view name) override;
  Result<std::vector<LinkedPost>> PostsWithLink(std::string_view link, int64_t since_id,
                                                int limit) override;

 private:
  Database& db_;
};

}  // namespace atrium::sql
