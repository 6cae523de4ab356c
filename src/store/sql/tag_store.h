// SqlTagStore: followed and featured tags and the week's trend counts over
// one sql::Database, one query for both backends.
#pragma once

#include "store/sql/database.h"
#include "store/tag_store.h"

namespace atrium::sql {

class SqlTagStore : public TagStore {
 public:
  explicit SqlTagStore(Database& db) : db_(db) {}
  Result<bool> Follow(int64_t id, int64_t account_id, const std::string& name,
                      int64_t now) override;
  Result<bool> Unfollow(int64_t account_id, const std::string& name) override;
  Result<std::vector<std::string>> Followed(int64_t account_id) override;
  Result<std::vector<TagMarkRecord>> FollowedPage(int64_t account_id,
                                                  const PageRequest& page) override;
  Result<std::vector<int64_t>> FollowerIds(const std::vector<std::string>& names) override;
  Status Feature(int64_t id, int64_t account_id, const std::string& name, int64_t now) override;
  Status Unfeature(int64_t account_id, int64_t id, const std::string& name) override;
  Result<std::vector<FeaturedTagRecord>> Featured(int64_t account_id) override;
  Result<std::vector<std::string>> FeatureSuggestions(int64_t account_id, int limit) override;
  Result<std::vector<DailyUse>> TagUses(const TrendScope& scope, int64_t since_id) override;
  Result<std::vector<DailyUse>> LinkUses(const TrendScope& scope, int64_t since_id) override;
  Result<std::vector<ScoredPost>> TopPosts(const TrendScope& scope, int64_t since_id,
                                           int limit) override;

 private:
  Database& db_;
};

}  // namespace atrium::sql
