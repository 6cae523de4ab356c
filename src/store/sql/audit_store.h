// SqlAuditStore: the audit log over one sql::Database, and AppendAudit, the
// one way an entry joins the chain, for store methods that record their
// action's entry in the action's own transaction.
#pragma once

#include "store/audit_store.h"
#include "store/sql/database.h"

namespace atrium::sql {

class SqlAuditStore : public AuditStore {
 public:
  explicit SqlAuditStore(Database& db) : db_(db) {}
  Result<AuditEntry> Append(const AuditEntry& entry) override;
  Result<std::vector<AuditEntry>> Query(const AuditQuery& query, const PageRequest& page) override;
  Result<std::vector<AuditEntry>> Chain(int64_t after_seq, int limit) override;
  Result<AuditHead> Head() override;

 private:
  Database& db_;
};

// Appends `entry` at the head of the chain inside the caller's write
// transaction on `c`: takes the head row for update (so concurrent appends,
// from any node, wait for each other), then sets entry.seq, prev_hash and
// hash and writes the entry and the new head.
void AppendAudit(Connection& c, AuditEntry& entry);

}  // namespace atrium::sql
