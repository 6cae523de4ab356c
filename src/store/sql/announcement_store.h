// SqlAnnouncementStore: announcements, their dismissals and reactions over
// one sql::Database, one query for both backends.
#pragma once

#include "store/announcement_store.h"
#include "store/sql/database.h"

namespace atrium::sql {

class SqlAnnouncementStore : public AnnouncementStore {
 public:
  explicit SqlAnnouncementStore(Database& db) : db_(db) {}
  Status Create(const AnnouncementRecord& a) override;
  Status Update(const AnnouncementRecord& a) override;
  Status Delete(int64_t id) override;
  Result<AnnouncementRecord> Get(int64_t id) override;
  Result<std::vector<AnnouncementRecord>> All() override;
  Result<std::vector<AnnouncementRecord>> Active(int64_t now) override;
  Result<std::vector<AnnouncementRecord>> Unannounced(int64_t now) override;
  Result<bool> MarkAnnounced(int64_t id) override;
  Status Dismiss(int64_t id, int64_t account_id) override;
  Result<std::vector<int64_t>> Dismissed(int64_t account_id,
                                         const std::vector<int64_t>& ids) override;
  Result<bool> React(int64_t id, int64_t account_id, const std::string& name, int64_t now) override;
  Result<bool> Unreact(int64_t id, int64_t account_id, const std::string& name) override;
  Result<std::unordered_map<int64_t, std::vector<AnnouncementReaction>>> Reactions(
      int64_t account_id, const std::vector<int64_t>& ids) override;

 private:
  Database& db_;
};

}  // namespace atrium::sql
