// People's cached Account JSON: reused only for the very version of the
// person, the same view of them and the same custom emoji; bounded.
#include "api/mastodon/account_json_cache.h"

#include <gtest/gtest.h>

namespace atrium::api {
namespace {

AccountPtr Person(int64_t id, const std::string& name) {
  auto snap = std::make_shared<AccountSnapshot>();
  snap->account.id = id;
  snap->account.username = name;
  snap->account.display_name = name;
  return snap;
}

CachedAccountJsonPtr Entry(const AccountPtr& account, ProfileView view, uint64_t emoji,
                           const std::string& json) {
  auto e = std::make_shared<CachedAccountJson>();
  e->account = account;
  e->view = view;
  e->emoji_version = emoji;
  e->json = json;
  return e;
}

TEST(AccountJsonCache, AnEntryServesOnlyItsVersionViewAndEmoji) {
  AccountJsonCache cache;
  AccountPtr maria = Person(7, "maria");
  EXPECT_EQ(cache.Get(maria, ProfileView::kFull, 0), nullptr);
  cache.Put(Entry(maria, ProfileView::kFull, 0, "{\"full\":1}"));
  auto hit = cache.Get(maria, ProfileView::kFull, 0);
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(hit->json, "{\"full\":1}");
  // The org-chart view is another entry: never the whole profile.
  EXPECT_EQ(cache.Get(maria, ProfileView::kOrgChart, 0), nullptr);
  cache.Put(Entry(maria, ProfileView::kOrgChart, 0, "{\"chart\":1}"));
  EXPECT_EQ(cache.Get(maria, ProfileView::kOrgChart, 0)->json, "{\"chart\":1}");
  EXPECT_EQ(cache.Get(maria, ProfileView::kFull, 0)->json, "{\"full\":1}");
  // A new custom emoji catalog, or a new version of the person (a changed
  // name, a new follower count), misses until written again.
  EXPECT_EQ(cache.Get(maria, ProfileView::kFull, 1), nullptr);
  AccountPtr renamed = Person(7, "maria");
  EXPECT_EQ(cache.Get(renamed, ProfileView::kFull, 0), nullptr);
  cache.Put(Entry(renamed, ProfileView::kFull, 0, "{\"full\":2}"));
  EXPECT_EQ(cache.Get(renamed, ProfileView::kFull, 0)->json, "{\"full\":2}");
  EXPECT_EQ(cache.Get(maria, ProfileView::kFull, 0), nullptr);
  // Another person with the neighbouring id shares no slot.
  AccountPtr jonas = Person(8, "jonas");
  EXPECT_EQ(cache.Get(jonas, ProfileView::kFull, 0), nullptr);
  EXPECT_EQ(cache.Get(jonas, ProfileView::kOrgChart, 0), nullptr);
}

TEST(AccountJsonCache, StaysWithinItsBound) {
  AccountJsonCache cache(64);  // one entry a shard, and one over
  std::vector<AccountPtr> people;
  for (int64_t id = 1; id <= 2000; ++id) {
    people.push_back(Person(id, "p" + std::to_string(id)));
    cache.Put(Entry(people.back(), ProfileView::kFull, 0, "{}"));
  }
  size_t kept = 0;
  for (const auto& p : people) kept += cache.Get(p, ProfileView::kFull, 0) != nullptr;
  EXPECT_GT(kept, 0u);
  EXPECT_LE(kept, 2u * 64u);
}

}  // namespace
}  // namespace atrium::api
