// SqlSearchStore: the full-text indexes on either backend (contract
// in store/search_store.h; the words that differ in Dialect's Search*), and
// the one writing of a post's, a person's, a community's or a tag's entry
// that the other stores call in the transaction that changes them.
#pragma once

#include "store/search_store.h"
#include "store/social_records.h"
#include "store/sql/database.h"

namespace atrium::sql {

// Writes (or rewrites) the index entry of `post`; a repost has none.
void IndexPost(Connection& c, const StatusRecord& post);
// Removes the index entry of the post `id`, if any.
void UnindexPost(Connection& c, int64_t id);
// Rewrites the entries of the account `id` (its words and its name) from
// its row and its expertise; removes them if the account is gone.
void IndexPerson(Connection& c, int64_t id);
// Rewrites the entries of the community `id` from its row; removes them if
// the community is gone.
void IndexCommunity(Connection& c, int64_t id);
// Writes the name entry of the hashtag `id` named `name`.
void IndexTag(Connection& c, int64_t id, std::string_view name);

class SqlSearchStore : public SearchStore {
 public:
  explicit SqlSearchStore(Database& db) : db_(db) {}

  Result<PostSearchPage> SearchPosts(const PostSearch& query) override;
  Result<std::vector<int64_t>> SearchPeople(const PeopleSearch& query) override;
  Result<std::vector<int64_t>> SearchCommunities(const CommunitySearch& query) override;
  Result<NamePage> SearchNames(const NameSearch& query) override;
  Result<int64_t> ReindexPart(SearchPart part, int64_t after_id, int batch) override;
  Result<int> IndexVersion() override;
  Status SetIndexVersion(int version) override;
  Result<int64_t> CountPosts() override;
  Result<int64_t> CountPart(SearchPart part) override;

 private:
  Result<int64_t> ReindexPostBatch(int64_t after_id, int batch);
  Database& db_;
};

}  // namespace atrium::sql
