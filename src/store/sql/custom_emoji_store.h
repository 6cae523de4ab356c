// SqlCustomEmojiStore: the custom_emojis table over one sql::Database, one
// query for both backends.
#pragma once

#include "store/custom_emoji_store.h"
#include "store/sql/database.h"

namespace atrium::sql {

class SqlCustomEmojiStore : public CustomEmojiStore {
 public:
  explicit SqlCustomEmojiStore(Database& db) : db_(db) {}
  Status Create(const CustomEmojiRecord& e) override;
  Status Update(const CustomEmojiRecord& e) override;
  Status Delete(int64_t id) override;
  Result<CustomEmojiRecord> Get(int64_t id) override;
  Result<std::vector<CustomEmojiRecord>> All() override;

 private:
  Database& db_;
};

}  // namespace atrium::sql
