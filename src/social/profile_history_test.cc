// ProfileHistory through the services that change profiles: the directory's
// Provision (with its source), an own-profile edit and an administrator's
// role change each append one row per changed field, nothing for what did
// not change.
#include "social/profile_history.h"

#include <gtest/gtest.h>

#include "base/crypto.h"
#include "social/audit_log.h"
#include "social/directory_service.h"
#include "store/test_store.h"

namespace atrium {
namespace {

class ProfileHistoryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { InitCrypto(); }

  std::vector<ProfileChangeRecord> History(int64_t id) {
    auto h = ProfileHistory(t_.store(), ids_).Of(id, 0, 0);
    EXPECT_TRUE(h.ok());
    return h.ok() ? *h : std::vector<ProfileChangeRecord>{};
  }

  TestStore t_;
  IdGenerator ids_{0};
  AccountService accounts_{t_.store(), ids_};
  DirectoryService dir_{t_.store(), ids_, accounts_};
};

TEST_F(ProfileHistoryTest, DirectoryOwnEditAndAdminEachRecordWhatChanged) {
  DirectoryEntry e;
  e.username = "ana";
  e.external_id = "e-ana";
  e.title = "Engineer";
  e.source = "import-directory a.csv run 1";
  auto made = dir_.Provision(e);
  ASSERT_TRUE(made.ok());
  const int64_t id = made->account.id;
  // What the directory brings beyond the creation: the external id, the title.
  auto first = History(id);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].field, "external_id");
  EXPECT_EQ(first[0].after, "e-ana");
  EXPECT_EQ(first[1].field, "title");
  EXPECT_EQ(first[1].before, "");
  EXPECT_EQ(first[1].after, "Engineer");
  for (const auto& r : first) {
    EXPECT_EQ(r.actor_kind, ProfileActorKind::kDirectory);
    EXPECT_EQ(r.actor_source, "import-directory a.csv run 1");
    EXPECT_EQ(r.actor_account_id, 0);
  }

  // The same entry again changes nothing and records nothing.
  ASSERT_TRUE(dir_.Provision(e).ok());
  EXPECT_EQ(History(id).size(), 2u);

  DirectoryService::OwnProfile own;
  own.note = "Hello";
  own.fields = std::vector<ProfileField>{{"Team", "Payments"}};
  ASSERT_TRUE(dir_.UpdateOwnProfile(id, own).ok());
  auto second = History(id);
  ASSERT_EQ(second.size(), 4u);
  EXPECT_EQ(second[2].field, "note");
  EXPECT_EQ(second[2].after, "Hello");
  EXPECT_EQ(second[2].actor_kind, ProfileActorKind::kSelf);
  EXPECT_EQ(second[2].actor_account_id, id);
  EXPECT_EQ(second[3].field, "fields");
  EXPECT_EQ(second[3].before, "[]");
  EXPECT_EQ(second[3].after, R"([{"name":"Team","value":"Payments"}])");

  const AuditActor admin{42, "root", "req-1"};
  ASSERT_TRUE(accounts_.SetRole(id, "moderator", &admin).ok());
  ASSERT_TRUE(accounts_.Deactivate(id, &admin).ok());
  auto third = History(id);
  ASSERT_EQ(third.size(), 6u);
  EXPECT_EQ(third[4].field, "role");
  EXPECT_EQ(third[4].before, "member");
  EXPECT_EQ(third[4].after, "moderator");
  EXPECT_EQ(third[4].actor_kind, ProfileActorKind::kAdmin);
  EXPECT_EQ(third[4].actor_account_id, 42);
  EXPECT_EQ(third[4].actor_source, "root");
  EXPECT_EQ(third[5].field, "active");
  EXPECT_EQ(third[5].before, "true");
  EXPECT_EQ(third[5].after, "false");
}

}  // namespace
}  // namespace atrium
