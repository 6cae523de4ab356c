// SqlPushStore: PushStore over one sql::Database, each query written once
// for both backends; and the one place a notification's push deliveries
// are queued (EnqueuePushDeliveries, called by InsertNotification).
#pragma once

#include "store/push_store.h"
#include "store/sql/database.h"

namespace atrium::sql {

// Queues one delivery of `notification_id` (of `type`, for `account_id`)
// for each of the member's subscriptions whose alerts name the type and
// whose policy is not "none" (a revoked token's subscription gets none).
void EnqueuePushDeliveries(Connection& c, int64_t account_id, int64_t notification_id,
                           std::string_view type, int64_t now);

class SqlPushStore : public PushStore {
 public:
  explicit SqlPushStore(Database& db) : db_(db) {}
  Status Replace(const PushOwner& owner, const PushSubscriptionRecord& subscription) override;
  Result<PushSubscriptionRecord> Get(const PushOwner& owner) override;
  Result<PushSubscriptionRecord> Update(const PushOwner& owner,
                                        const std::vector<std::string>& alerts,
                                        const std::string& policy) override;
  Status Delete(const PushOwner& owner) override;
  Result<PushSubscriptionRecord> Find(int64_t id) override;
  Status Remove(int64_t id) override;
  Result<std::optional<PushJobRecord>> Claim(std::string_view owner, int64_t now,
                                             int64_t lease_until) override;
  Status Finish(int64_t id, std::string_view owner, PushJobState state, int64_t now) override;
  Status Retry(int64_t id, std::string_view owner, std::string_view error, int64_t now,
               int64_t next_attempt_at, bool give_up) override;
  Result<QueueBacklog> Backlog() override;
  Result<int64_t> Prune(int64_t before, int limit) override;

 private:
  Database& db_;
};

}  // namespace atrium::sql
