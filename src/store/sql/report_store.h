// SqlReportStore: reports, the organization's rules, warnings and limits
// over one sql::Database, one query for both backends.
#pragma once

#include "store/report_store.h"
#include "store/sql/database.h"

namespace atrium::sql {

class SqlReportStore : public ReportStore {
 public:
  explicit SqlReportStore(Database& db) : db_(db) {}
  Result<std::vector<RuleRecord>> Rules(bool with_deleted) override;
  Status CreateRule(const RuleRecord& rule) override;
  Status UpdateRule(const RuleRecord& rule) override;
  Status DeleteRule(int64_t id, int64_t now) override;
  Status CreateReport(const ReportRecord& report,
                      const std::vector<NotificationRecord>& notes) override;
  Result<ReportRecord> GetReport(int64_t id) override;
  Result<std::vector<ReportRecord>> Reports(const ReportQuery& query,
                                            const PageRequest& page) override;
  Status Assign(int64_t id, int64_t assignee, int64_t now) override;
  Result<bool> SetResolved(int64_t id, int64_t by, int64_t now,
                           const NotificationRecord* note) override;
  Status MarkRemoved(int64_t report_id, const ReportedStatusRecord& removed) override;
  Status AddWarning(const AccountWarningRecord& warning, const NotificationRecord* note,
                    const AccountLimitsRecord* limits) override;
  Result<AccountWarningRecord> GetWarning(int64_t id) override;
  Result<AccountLimitsRecord> Limits(int64_t account_id) override;
  Status SetLimits(int64_t account_id, const AccountLimitsRecord& limits) override;
  Result<ModerationNoteRef> NoteRef(int64_t notification_id) override;

 private:
  Database& db_;
};

}  // namespace atrium::sql
