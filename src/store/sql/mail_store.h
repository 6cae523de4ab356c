// SqlMailStore: MailStore over one sql::Database, each query written once
// for both backends.
#pragma once

#include "store/mail_store.h"
#include "store/sql/database.h"

namespace atrium::sql {

class SqlMailStore : public MailStore {
 public:
  explicit SqlMailStore(Database& db) : db_(db) {}
  Result<std::string> KeepSecret(std::string_view name, std::string_view candidate) override;
  Result<int64_t> NotificationFloor() override;
  Result<std::vector<int64_t>> AccountsWithPendingNotifications(int64_t after_id, int64_t up_to_id,
                                                                int limit) override;
  Result<PendingNotifications> Pending(int64_t account_id, int64_t after_id, int limit) override;
  Result<bool> AdvanceCursor(int64_t account_id, int64_t expected, int64_t next,
                             const std::optional<OutboxRecord>& message) override;
  Status Enqueue(const OutboxRecord& message) override;
  Result<std::optional<OutboxRecord>> Claim(std::string_view owner, int64_t now,
                                            int64_t lease_until) override;
  Status Finish(int64_t id, std::string_view owner, OutboxState state, int64_t now) override;
  Status Retry(int64_t id, std::string_view owner, std::string_view error, int64_t now,
               int64_t next_attempt_at, bool give_up) override;
  Result<OutboxStats> Stats() override;
  Result<QueueBacklog> Backlog() override;
  Result<std::vector<OutboxRecord>> Messages(int64_t account_id, int limit) override;
  Result<std::vector<DigestSchedule>> DigestsDue(int64_t now, std::string_view default_mode,
                                                 int64_t after_id, int limit) override;
  Result<DigestSchedule> Digest(int64_t account_id) override;
  Result<bool> AdvanceDigest(int64_t expected_next_at, const DigestSchedule& next,
                             const std::optional<OutboxRecord>& message) override;
  Result<std::map<std::string, std::string>> Preferences(int64_t account_id) override;
  Status SetPreferences(int64_t account_id,
                        const std::map<std::string, std::string>& preferences) override;

 private:
  Database& db_;
};

}  // namespace atrium::sql
