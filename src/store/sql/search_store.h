// SqlSearchStore: the full-text indexes on either backend (contract
// in store/search_store.h; the words that differ in Dialect's Search*), and
// the one writing of a post's, a person's, a community's or a tag's entry
// that the other stores call in the transaction that changes them.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

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
  Result<bool> MergePostIndex(int pages) override;

 private:
  Result<int64_t> ReindexPostBatch(int64_t after_id, int batch);
  // How many posts hold each phrase of the match of `terms`, in the
  // match's order (Dialect::SearchRank's counts). A phrase's count is
  // counted on its first use and kept for kPhraseCountsKept: ranking needs
  // the proportion, not the last post, and counting a common word reads
  // its whole list of posts.
  std::vector<int64_t> PhraseHits(Connection& c, const std::vector<SearchTerm>& terms);
  static constexpr std::chrono::minutes kPhraseCountsKept{10};
  static constexpr size_t kPhraseCountsHeld = 10000;

  Database& db_;
  struct PhraseCount {
    int64_t posts = 0;
    std::chrono::steady_clock::time_point counted;
  };
  std::mutex phrase_counts_mutex_;
  std::unordered_map<std::string, PhraseCount> phrase_counts_;
};

}  // namespace atrium::sql
