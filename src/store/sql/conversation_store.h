// SqlConversationStore: members' direct conversations over one
// sql::Database, one query for both backends; and the steps StatusStore's
// Create and Delete take on them inside their own transactions.
#pragma once

#include <cstdint>
#include <vector>

#include "store/conversation_store.h"
#include "store/sql/database.h"

namespace atrium::sql {

class SqlConversationStore : public ConversationStore {
 public:
  explicit SqlConversationStore(Database& db) : db_(db) {}
  Result<std::vector<ConversationRecord>> Page(int64_t account_id,
                                               const PageRequest& page) override;
  Result<ConversationRecord> Get(int64_t account_id, int64_t id) override;
  Result<ConversationRecord> OfStatus(int64_t account_id, int64_t status_id) override;
  Result<std::vector<int64_t>> StatusIds(int64_t id, const PageRequest& page) override;
  Status SetUnread(int64_t account_id, int64_t id, bool unread) override;
  Status Remove(int64_t account_id, int64_t id) override;

 private:
  Database& db_;
};

// Inside a write: the post `status_id` joins each entry's conversation (made
// if its member has none), which it moves to the top, with the entry's unread
// flag.
void JoinConversations(Connection& c, int64_t status_id,
                       const std::vector<ConversationEntry>& entries);
// Inside a write: the conversations that hold the post `status_id` (before
// it is deleted).
std::vector<int64_t> ConversationsHolding(Connection& c, int64_t status_id);
// Inside a write, after their posts were deleted: each conversation's last
// post is its newest remaining one; a conversation left with none is removed.
void RefreshConversations(Connection& c, const std::vector<int64_t>& conversation_ids);

}  // namespace atrium::sql
