// SqlMediaAttachmentStore: the media rows over one sql::Database, and the
// helpers the status store uses to read and write a post's attachments in
// its own transactions.
#pragma once

#include "store/media_records.h"
#include "store/social_records.h"
#include "store/sql/database.h"

namespace atrium::sql {

class SqlMediaAttachmentStore : public MediaAttachmentStore {
 public:
  explicit SqlMediaAttachmentStore(Database& db) : db_(db) {}
  Status Create(const MediaRecord& media) override;
  Result<MediaRecord> Get(int64_t id) override;
  Result<std::vector<MediaRecord>> GetMany(const std::vector<int64_t>& ids) override;
  Result<MediaRecord> FindByKey(std::string_view file_key) override;
  Status UpdateDescription(const MediaRecord& media) override;
  Result<bool> DeleteUnattached(int64_t id, int64_t account_id) override;
  Result<std::vector<MediaRecord>> UnattachedBefore(int64_t before_ms, int limit) override;

 private:
  Database& db_;
};

// Fills the `media` of each of `statuses` (in their order).
void LoadStatusMedia(Connection& c, std::vector<StatusRecord>& statuses);
// Makes `st.media` (in that order) the post's attachments: each must be the
// author's and unattached or already this post's (else 422, for the caller
// to roll back); those the post had and no longer lists become unattached.
Status WriteStatusMedia(Connection& c, const StatusRecord& st);

}  // namespace atrium::sql
