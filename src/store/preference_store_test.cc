// The PreferenceStore and ProfileHistoryStore contracts, on every backend
// (see store/store_contract_test_fixture.h): preferences are per member and
// an empty value means the default; the profile history keeps every change,
// oldest first, with its actor and both values, null for unset.
#include "store/preference_store.h"

#include <gtest/gtest.h>

#include "store/profile_history_store.h"
#include "store/store_contract_test_fixture.h"

namespace atrium {
namespace {

class PreferenceStoreContract : public StoreContract {};

INSTANTIATE_TEST_SUITE_P(Backends, PreferenceStoreContract, ::testing::ValuesIn(TestBackends()),
                         TestBackendParamName());

TEST_P(PreferenceStoreContract, KeptPerMemberAndClearedByAnEmptyValue) {
  int64_t ana = NewAccount("ana");
  int64_t bo = NewAccount("bo");
  auto prefs = OpenPreferenceStore(store());
  EXPECT_TRUE(prefs->Get(ana)->empty());
  ASSERT_TRUE(
      prefs->Set(ana, {{"interface_language", "de"}, {"posting_visibility", "private"}}).ok());
  ASSERT_TRUE(prefs->Set(bo, {{"interface_language", "ja"}}).ok());
  ASSERT_TRUE(prefs->Set(ana, {{"interface_language", "pt-BR"}}).ok());
  EXPECT_EQ(*prefs->Get(ana),
            (std::map<std::string, std::string>{{"interface_language", "pt-BR"},
                                                {"posting_visibility", "private"}}));
  EXPECT_EQ(*prefs->Get(bo), (std::map<std::string, std::string>{{"interface_language", "ja"}}));
  ASSERT_TRUE(prefs->Set(ana, {{"interface_language", ""}}).ok());
  EXPECT_EQ(*prefs->Get(ana),
            (std::map<std::string, std::string>{{"posting_visibility", "private"}}));
}

TEST_P(PreferenceStoreContract, ProfileHistoryKeepsEveryChangeOldestFirst) {
  int64_t ana = NewAccount("ana");
  int64_t bo = NewAccount("bo");
  auto history = OpenProfileHistoryStore(store());
  EXPECT_TRUE(history->Of(ana, 0, 0)->empty());
  ProfileChangeRecord own{10,
                          ana,
                          1000,
                          ProfileActorKind::kSelf,
                          ana,
                          "",
                          "display_name",
                          std::string("Ana"),
                          std::string("Ana B.")};
  ProfileChangeRecord dir{11,       ana,     2000,         ProfileActorKind::kDirectory, 0,
                          "csv:42", "title", std::nullopt, std::string("Engineer")};
  ProfileChangeRecord admin{
      12, ana, 3000, ProfileActorKind::kAdmin, bo, "", "role", std::string("member"), std::nullopt};
  ProfileChangeRecord other{
      13, bo, 2500, ProfileActorKind::kSelf, bo, "", "note", std::string(""), std::string("hi")};
  ASSERT_TRUE(history->Append({own, dir}).ok());
  ASSERT_TRUE(history->Append({other, admin}).ok());
  auto all = history->Of(ana, 0, 0);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].field, "display_name");
  EXPECT_EQ((*all)[0].before, "Ana");
  EXPECT_EQ((*all)[0].after, "Ana B.");
  EXPECT_EQ((*all)[0].actor_kind, ProfileActorKind::kSelf);
  EXPECT_EQ((*all)[1].actor_kind, ProfileActorKind::kDirectory);
  EXPECT_EQ((*all)[1].actor_source, "csv:42");
  EXPECT_FALSE((*all)[1].before.has_value());
  EXPECT_EQ((*all)[1].after, "Engineer");
  EXPECT_EQ((*all)[2].actor_kind, ProfileActorKind::kAdmin);
  EXPECT_EQ((*all)[2].actor_account_id, bo);
  EXPECT_FALSE((*all)[2].after.has_value());
  // A time range keeps what lies inside it, bounds included.
  auto middle = history->Of(ana, 2000, 2999);
  ASSERT_EQ(middle->size(), 1u);
  EXPECT_EQ((*middle)[0].id, 11);
  EXPECT_EQ(history->Of(ana, 0, 1000)->size(), 1u);
  EXPECT_EQ(history->Of(ana, 3000, 0)->size(), 1u);
  EXPECT_EQ(history->Of(bo, 0, 0)->size(), 1u);
}

}  // namespace
}  // namespace atrium
