// AccountCache: counting a post on the author's cached account in place, alone
// and as the services do it.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "api/mastodon/account_serializer.h"
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

// Posting counts the post on the author's cached account in place instead of
// reloading it: the JSON of the account must be what a reload gives.
TEST_F(AccountCacheCountsTest, PostsCountOnTheAuthorsCachedAccountAsTheStoreCounts) {
  const int64_t ann = P("ann").id;
  auto cached = [&] {
    AccountPtr a = core_.accounts.Cached(ann);
    EXPECT_TRUE(a) << "the author's account is no longer cached";
    return a;
  };
  auto fresh = [&] {  // a cache that has seen nothing: loads from the store
    AccountCache empty(t_.store());
    auto a = empty.Get(ann);
    EXPECT_TRUE(a.ok());
    return a.ok() ? *a : nullptr;
  };
  auto json = [&](const AccountPtr& a) {
    return a ? api::AccountJson(*a, t_.settings().BaseUrl()) : std::string("(none)");
  };
  ASSERT_TRUE(core_.accounts.Get(ann).ok());
  AccountPtr before = cached();
  ASSERT_EQ(before->statuses_count, 0);

  auto first = Post("ann", "first");
  AccountPtr after = cached();
  EXPECT_NE(after, before) << "a new snapshot, so post JSON keyed by the old one is redone";
  EXPECT_EQ(after->statuses_count, 1);
  EXPECT_EQ(after->last_status_at, first.created_at);
  EXPECT_EQ(json(after), json(fresh()));

  // Posts that do not count leave the account as it is: direct, community.
  before = after;
  Post("ann", "to myself", "direct");
  auto club = communities_.Create(P("ann"), {.handle = "club", .name = "Club", .type = "public"});
  ASSERT_TRUE(club.ok()) << club.status().ToString();
  PostInput in_club;
  in_club.text = "in the club";
  in_club.community_id = club->community.id;
  ASSERT_TRUE(posting_.Post(P("ann"), in_club).ok());
  EXPECT_EQ(cached(), before);
  EXPECT_EQ(json(cached()), json(fresh()));

  // A repost counts; deleting and undoing count down, never below zero.
  auto bens = Post("ben", "worth sharing");
  auto repost = posting_.Reblog(P("ann"), bens.id, "");
  ASSERT_TRUE(repost.ok()) << repost.status().ToString();
  EXPECT_EQ(cached()->statuses_count, 2);
  EXPECT_EQ(json(cached()), json(fresh()));
  ASSERT_TRUE(posting_.Delete(P("ann"), first.id).ok());
  EXPECT_EQ(cached()->statuses_count, 1);
  EXPECT_EQ(json(cached()), json(fresh()));
  ASSERT_TRUE(posting_.Unreblog(P("ann"), bens.id).ok());
  EXPECT_EQ(cached()->statuses_count, 0);
  EXPECT_EQ(cached()->last_status_at, repost->created_at);  // as the store keeps it
  EXPECT_EQ(json(cached()), json(fresh()));
}

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
