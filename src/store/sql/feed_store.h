// SqlFeedStore: members' blog feeds over one sql::Database, one query for
// both backends.
#pragma once

#include "store/feed_store.h"
#include "store/sql/database.h"

namespace atrium::sql {

class SqlFeedStore : public FeedStore {
 public:
  explicit SqlFeedStore(Database& db) : db_(db) {}
  Status Create(const FeedSubscriptionRecord& feed) override;
  Result<std::vector<FeedSubscriptionRecord>> List(int64_t account_id) override;
  Result<FeedSubscriptionRecord> Get(int64_t account_id, int64_t id) override;
  Status Delete(int64_t account_id, int64_t id) override;
  Result<std::optional<FeedSubscriptionRecord>> ClaimDue(int64_t now, int64_t until) override;
  Status Polled(const FeedSubscriptionRecord& feed) override;
  Result<bool> MarkSeen(int64_t subscription_id, const std::string& key, int64_t now) override;
  Status SetEntryStatus(int64_t subscription_id, const std::string& key,
                        int64_t status_id) override;
  Result<std::pair<int64_t, int64_t>> DueStats(int64_t now) override;

 private:
  Database& db_;
};

}  // namespace atrium::sql
