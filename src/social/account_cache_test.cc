// AccountCache: counting a post on the author's cached account in place, alone
// and as the services do it.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "social/social_test_fixture.h"

namespace atrium {
namespace {

TEST(AccountCacheTest, PostCountedReplacesOnlyTheSnapshotTakenBeforeTheWrite) {
  TestStore t;
  IdGenerator ids(0);
  AccountService accounts(t.store(), ids);
  auto ann = accounts.Create({"ann", "ann@example.com", "ann", kRoleMember, ""});
  ASSERT_TRUE(ann.ok());
  AccountCache cache(t.store());
  std::vector<int64_t> published;  // what the other nodes would be told
  cache.OnInvalidate([&](int64_t id) { published.push_back(id); });
  EXPECT_EQ(cache.Cached(ann->id), nullptr);
  auto loaded = cache.Get(ann->id);
  ASSERT_TRUE(loaded.ok());
  AccountPtr before = cache.Cached(ann->id);
  EXPECT_EQ(before, *loaded);

  StatusRecord s;
  s.id = ids.Next();
  s.account_id = ann->id;
  s.created_at = 1234;
  cache.PostCounted(before, s, +1);
  AccountPtr counted = cache.Cached(ann->id);
  ASSERT_NE(counted, nullptr);
  EXPECT_NE(counted, before);
  EXPECT_EQ(counted->statuses_count, before->statuses_count + 1);
  EXPECT_EQ(counted->last_status_at, 1234);
  EXPECT_EQ(counted->loaded_at, before->loaded_at);  // expires when the loaded one would
  EXPECT_EQ(published, (std::vector<int64_t>{ann->id}));

  // The entry is no longer the one taken before the write (another post
  // counted it meanwhile): dropped, not counted twice.
  cache.PostCounted(before, s, +1);
  EXPECT_EQ(cache.Cached(ann->id), nullptr);
  EXPECT_EQ(published.size(), 2u);
  // Nothing cached before the write: nothing to count; the others still drop.
  cache.PostCounted(nullptr, s, -1);
  EXPECT_EQ(cache.Cached(ann->id), nullptr);
  EXPECT_EQ(published.size(), 3u);

  // A post that does not count changes nothing, here or elsewhere.
  loaded = cache.Get(ann->id);
  ASSERT_TRUE(loaded.ok());
  s.visibility = Visibility::kDirect;
  cache.PostCounted(*loaded, s, +1);
  EXPECT_EQ(cache.Cached(ann->id), *loaded);
  EXPECT_EQ(published.size(), 3u);
  // Counting down stops at zero.
  s.visibility = Visibility::kPublic;
  cache.PostCounted(*loaded, s, -1);
  EXPECT_EQ(cache.Cached(ann->id)->statuses_count, 0);
}

class AccountCacheCountsTest : public SocialTest {};

// Deleting a post deletes its reposts, which counted on their authors: their
// cached accounts must not keep the old count.
TEST_F(AccountCacheCountsTest, DeletingAPostCountsDownItsRepostersAccounts) {
  const int64_t ben = P("ben").id;
  auto s = Post("ann", "repost me");
  ASSERT_TRUE(posting_.Reblog(P("ben"), s.id, "").ok());
  auto cached = core_.accounts.Get(ben);
  ASSERT_TRUE(cached.ok());
  EXPECT_EQ((*cached)->statuses_count, 1);
  ASSERT_TRUE(posting_.Delete(P("ann"), s.id).ok());
  auto after = core_.accounts.Get(ben);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ((*after)->statuses_count, 0);
  EXPECT_EQ(t_.store().statuses().Stats(ben)->statuses_count, 0);
}

}  // namespace
}  // namespace atrium
