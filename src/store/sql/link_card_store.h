// SqlLinkCardStore: preview cards and their queue over one sql::Database,
// one query for both backends; LoadStatusCards fills posts' cards for the
// status store's reads.
#pragma once

#include <vector>

#include "store/link_card_store.h"
#include "store/sql/database.h"

namespace atrium::sql {

class SqlLinkCardStore : public LinkCardStore {
 public:
  explicit SqlLinkCardStore(Database& db) : db_(db) {}
  Status Enqueue(int64_t status_id, const std::string& url, int64_t now) override;
  Result<std::optional<LinkCardJob>> Claim(int64_t now, int64_t until) override;
  Status Finish(int64_t status_id) override;
  Status Retry(int64_t status_id, const std::string& error, int64_t next_attempt_at) override;
  Result<LinkCardQueueStats> QueueStats() override;
  Result<CachedLinkCard> Find(const std::string& url) override;
  Status Save(const std::string& url, const std::optional<LinkCardRecord>& card,
              const std::string& error, int64_t now) override;
  Status Attach(int64_t status_id, const std::string& url) override;
  Status Detach(int64_t status_id) override;

 private:
  Database& db_;
};

// Sets the card of each of `statuses` that has one.
void LoadStatusCards(Connection& c, std::vector<StatusRecord>& statuses);

}  // namespace atrium::sql
