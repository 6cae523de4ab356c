// SqlSearchStore: the full-text index of posts on either backend (contract
// in store/search_store.h; the words that differ in Dialect's Search*), and
// the one writing of a post's entry that StatusStore calls in the same
// transaction as the post's create, edit and delete.
#pragma once

#include "store/search_store.h"
#include "store/social_records.h"
#include "store/sql/database.h"

namespace atrium::sql {

// Writes (or rewrites) the index entry of `post`; a repost has none.
void IndexPost(Connection& c, const StatusRecord& post);
// Removes the index entry of the post `id`, if any.
void UnindexPost(Connection& c, int64_t id);

class SqlSearchStore : public SearchStore {
 public:
  explicit SqlSearchStore(Database& db) : db_(db) {}

  Result<PostSearchPage> SearchPosts(const PostSearch& query) override;
  Result<int64_t> ReindexPosts(int64_t after_id, int batch) override;
  Result<int> IndexVersion() override;
  Status SetIndexVersion(int version) override;
  Result<int64_t> CountPosts() override;

 private:
  Database& db_;
};

}  // namespace atrium::sql
