// SqlComplianceStore: retention policies, legal holds and posts kept under
// hold over one sql::Database, one query for both backends.
#pragma once

#include "store/compliance_store.h"
#include "store/sql/database.h"

namespace atrium::sql {

class SqlComplianceStore : public ComplianceStore {
 public:
  explicit SqlComplianceStore(Database& db) : db_(db) {}
  Result<std::vector<RetentionPolicyRecord>> Policies() override;
  Status SetPolicy(RetentionScope scope, int64_t community_id, std::optional<int> days,
                   int64_t now) override;
  Result<std::vector<int64_t>> Expired(RetentionScope scope, int64_t community_id,
                                       int64_t before_at, int limit) override;
  Result<QueueBacklog> ExpiredBacklog(RetentionScope scope, int64_t community_id, int64_t before_at,
                                      int64_t cap) override;
  Status CreateHold(const LegalHoldRecord& hold) override;
  Result<LegalHoldRecord> GetHold(int64_t id) override;
  Result<std::vector<LegalHoldRecord>> Holds(bool active_only) override;
  Result<bool> ReleaseHold(int64_t id, int64_t by, int64_t now) override;
  Result<bool> IsHeld(int64_t account_id, int64_t community_id) override;
  Result<std::vector<HeldStatusRecord>> KeptNotHeld(int64_t before_at, int64_t after_id,
                                                    int limit) override;
  Result<bool> ForgetKept(int64_t id) override;
  Status CreateExport(const ExportJobRecord& job) override;
  Result<ExportJobRecord> GetExport(int64_t id) override;
  Result<std::vector<ExportJobRecord>> Exports(const PageRequest& page) override;
  Result<std::optional<ExportJobRecord>> ClaimExport(std::string_view owner, int64_t now,
                                                     int64_t lease_until) override;
  Status ExportProgress(int64_t id, std::string_view owner, std::string_view progress,
                        int64_t lease_until) override;
  Status FinishExport(const ExportJobRecord& job, std::string_view owner) override;
  Result<QueueBacklog> ExportBacklog() override;
  Status KeepHeld(const HeldStatusRecord& status) override;
  Result<std::vector<HeldStatusRecord>> HeldBy(int64_t account_id, int64_t from,
                                               int64_t to) override;
  Result<std::vector<HeldStatusRecord>> HeldIn(int64_t community_id, int64_t from,
                                               int64_t to) override;

 private:
  // The kept posts whose `column` (account_id or community_id) is `id`.
  Result<std::vector<HeldStatusRecord>> Held(const char* column, int64_t id, int64_t from,
                                             int64_t to);

  Database& db_;
};

}  // namespace atrium::sql
