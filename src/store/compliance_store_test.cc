// The ComplianceStore contract, on every backend (see store/store_contract_test_fixture.h):
// which posts each retention policy covers (by age, scope and community,
// never held ones), the backlog count, holds placed and released once, and
// posts kept under hold.
#include <gtest/gtest.h>

#include "store/store_contract_test_fixture.h"

namespace atrium {
namespace {

class ComplianceStoreContract : public StoreContract {
 protected:
  ComplianceStore& compliance() { return store().compliance(); }
  // A post by `author` dated `created_at` (in `community` if not 0).
  int64_t PostAt(int64_t author, int64_t created_at, Visibility v = Visibility::kPublic,
                 int64_t community = 0) {
    StatusRecord s = NewStatus(author, v);
    s.created_at = created_at;
    s.community_id = community;
    return Post(s);
  }
  std::vector<int64_t> Expired(RetentionScope scope, int64_t community, int64_t before) {
    auto ids = compliance().Expired(scope, community, before, 100);
    EXPECT_TRUE(ids.ok()) << ids.status().ToString();
    return ids.ok() ? *ids : std::vector<int64_t>{};
  }
  LegalHoldRecord Hold(int64_t id, int64_t account, int64_t community) {
    LegalHoldRecord h;
    h.id = id;
    h.case_name = "case " + std::to_string(id);
    h.account_id = account;
    h.community_id = community;
    h.created_at = 1000;
    return h;
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, ComplianceStoreContract, ::testing::ValuesIn(TestBackends()),
                         TestBackendParamName());

TEST_P(ComplianceStoreContract, PoliciesAreSetReplacedAndRemoved) {
  EXPECT_TRUE(compliance().Policies()->empty());
  int64_t ann = NewAccount("ann");
  int64_t c = NewCommunity("archive", CommunityType::kPublic, ann);
  ASSERT_TRUE(compliance().SetPolicy(RetentionScope::kOrganization, 0, 30, 1).ok());
  ASSERT_TRUE(compliance().SetPolicy(RetentionScope::kCommunity, c, 0, 2).ok());
  ASSERT_TRUE(compliance().SetPolicy(RetentionScope::kOrganization, 0, 60, 3).ok());
  auto p = compliance().Policies();
  ASSERT_TRUE(p.ok());
  ASSERT_EQ(p->size(), 2u);
  EXPECT_EQ((*p)[0].scope, RetentionScope::kOrganization);
  EXPECT_EQ((*p)[0].days, 60);
  EXPECT_EQ((*p)[0].updated_at, 3);
  EXPECT_EQ((*p)[1].scope, RetentionScope::kCommunity);
  EXPECT_EQ((*p)[1].community_id, c);
  EXPECT_EQ((*p)[1].days, 0);
  ASSERT_TRUE(compliance().SetPolicy(RetentionScope::kCommunity, c, std::nullopt, 4).ok());
  EXPECT_EQ(compliance().Policies()->size(), 1u);
}

TEST_P(ComplianceStoreContract, ExpiredPostsByScopeAgeAndHold) {
  int64_t ann = NewAccount("ann"), bob = NewAccount("bob");
  int64_t archive = NewCommunity("archive", CommunityType::kPublic, ann);
  int64_t general = NewCommunity("general", CommunityType::kPublic, ann);
  ASSERT_TRUE(compliance().SetPolicy(RetentionScope::kCommunity, archive, 0, 1).ok());
  const int64_t old1 = PostAt(ann, 1000), old2 = PostAt(bob, 2000);
  const int64_t young = PostAt(ann, 9000);
  const int64_t dm = PostAt(ann, 1500, Visibility::kDirect);
  const int64_t in_archive = PostAt(ann, 1200, Visibility::kPublic, archive);
  const int64_t in_general = PostAt(ann, 1300, Visibility::kPublic, general);

  // Oldest first; no direct message, nothing of a community with its own policy.
  EXPECT_EQ(Expired(RetentionScope::kOrganization, 0, 5000),
            (std::vector<int64_t>{old1, in_general, old2}));
  EXPECT_EQ(Expired(RetentionScope::kOrganization, 0, 1300), (std::vector<int64_t>{old1}));
  EXPECT_EQ(Expired(RetentionScope::kDirect, 0, 5000), (std::vector<int64_t>{dm}));
  EXPECT_EQ(Expired(RetentionScope::kCommunity, archive, 5000), (std::vector<int64_t>{in_archive}));
  auto limited = compliance().Expired(RetentionScope::kOrganization, 0, 5000, 2);
  ASSERT_TRUE(limited.ok());
  EXPECT_EQ(*limited, (std::vector<int64_t>{old1, in_general}));
  auto backlog = compliance().ExpiredBacklog(RetentionScope::kOrganization, 0, 5000, 100);
  ASSERT_TRUE(backlog.ok());
  EXPECT_EQ(backlog->depth, 3);
  EXPECT_EQ(backlog->oldest_at, 1000);
  EXPECT_EQ(compliance().ExpiredBacklog(RetentionScope::kOrganization, 0, 5000, 2)->depth, 2);
  EXPECT_EQ(compliance().ExpiredBacklog(RetentionScope::kOrganization, 0, 500, 100)->depth, 0);

  // A hold on ann keeps all of hers; a hold on a community keeps its posts.
  ASSERT_TRUE(compliance().CreateHold(Hold(7, ann, 0)).ok());
  EXPECT_EQ(Expired(RetentionScope::kOrganization, 0, 5000), (std::vector<int64_t>{old2}));
  EXPECT_TRUE(Expired(RetentionScope::kDirect, 0, 5000).empty());
  EXPECT_TRUE(*compliance().IsHeld(ann, 0));
  EXPECT_FALSE(*compliance().IsHeld(bob, 0));
  ASSERT_TRUE(*compliance().ReleaseHold(7, ann, 2000));
  EXPECT_FALSE(*compliance().ReleaseHold(7, ann, 3000));  // once
  EXPECT_FALSE(*compliance().IsHeld(ann, 0));
  ASSERT_TRUE(compliance().CreateHold(Hold(8, 0, general)).ok());
  EXPECT_EQ(Expired(RetentionScope::kOrganization, 0, 5000), (std::vector<int64_t>{old1, old2}));
  EXPECT_TRUE(*compliance().IsHeld(bob, general));
  EXPECT_FALSE(*compliance().IsHeld(bob, archive));
  EXPECT_FALSE(*compliance().IsHeld(bob, 0));
  (void)young;

  auto all = compliance().Holds(false);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].id, 8);  // newest first
  EXPECT_EQ((*all)[1].released_at, 2000);
  EXPECT_EQ((*all)[1].released_by, ann);
  EXPECT_EQ(compliance().Holds(true)->size(), 1u);
  EXPECT_EQ(compliance().GetHold(9).status().code(), Code::kNotFound);
}

TEST_P(ComplianceStoreContract, KeepsHeldPostsOnceByAuthorAndTime) {
  int64_t ann = NewAccount("ann"), bob = NewAccount("bob");
  ASSERT_TRUE(compliance().KeepHeld({11, ann, 0, 1000, 5000, R"({"id":"11"})"}).ok());
  ASSERT_TRUE(compliance().KeepHeld({12, ann, 0, 3000, 5000, R"({"id":"12"})"}).ok());
  ASSERT_TRUE(compliance().KeepHeld({13, bob, 0, 2000, 5000, R"({"id":"13"})"}).ok());
  ASSERT_TRUE(compliance().KeepHeld({11, ann, 0, 1000, 6000, "again"}).ok());  // kept once
  auto kept = compliance().HeldBy(ann, 0, 0);
  ASSERT_TRUE(kept.ok());
  ASSERT_EQ(kept->size(), 2u);
  EXPECT_EQ((*kept)[0].id, 11);
  EXPECT_EQ((*kept)[0].record, R"({"id":"11"})");
  EXPECT_EQ((*kept)[0].deleted_at, 5000);
  EXPECT_EQ((*kept)[1].id, 12);
  auto ranged = compliance().HeldBy(ann, 1001, 3001);
  ASSERT_TRUE(ranged.ok());
  ASSERT_EQ(ranged->size(), 1u);
  EXPECT_EQ((*ranged)[0].id, 12);
  EXPECT_TRUE(compliance().HeldBy(ann, 0, 1000)->empty());
}

}  // namespace
}  // namespace atrium
