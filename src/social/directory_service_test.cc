#include "social/directory_service.h"

#include <gtest/gtest.h>

#include "base/crypto.h"
#include "social/auth_service.h"
#include "store/test_store.h"

namespace atrium {
namespace {

class DirectoryServiceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { InitCrypto(); }

  DirectoryEntry Entry(const std::string& username, const std::string& external_id,
                       const std::string& manager = "") {
    DirectoryEntry e;
    e.username = username;
    e.external_id = external_id;
    e.display_name = username + " Person";
    e.title = "Engineer";
    e.department = "Engineering";
    if (!manager.empty()) e.manager = manager;
    return e;
  }
  Account Make(const std::string& username, const std::string& external_id,
               const std::string& manager = "") {
    auto r = dir_.Provision(Entry(username, external_id, manager));
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->account : Account{};
  }

  TestStore t_;
  IdGenerator ids_{0};
  AccountService accounts_{t_.store(), ids_};
  DirectoryService dir_{t_.store(), ids_, accounts_};
};

TEST_F(DirectoryServiceTest, ProvisionCreatesThenUpdatesThenChangesNothing) {
  auto first = dir_.Provision(Entry("ceo", "ext-1"));
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(first->created);
  EXPECT_EQ(first->account.title, "Engineer");
  DirectoryEntry e = Entry("ceo", "ext-1");
  e.title = "Chief Executive";
  auto second = dir_.Provision(e);
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->created);
  EXPECT_TRUE(second->changed);
  EXPECT_EQ(second->account.id, first->account.id);
  EXPECT_EQ(second->account.title, "Chief Executive");
  auto third = dir_.Provision(e);
  ASSERT_TRUE(third.ok());
  EXPECT_FALSE(third->changed);
}

TEST_F(DirectoryServiceTest, ManagersByIdExternalIdOrUsernameAndTheOrgChart) {
  Account ceo = Make("ceo", "e-ceo");
  Account vp = Make("vp", "e-vp", "e-ceo");                   // by external id
  Account eng1 = Make("eng1", "e-1", "vp");                   // by username
  Account eng2 = Make("eng2", "e-2", std::to_string(vp.id));  // by account id
  EXPECT_EQ(vp.manager_id, ceo.id);
  EXPECT_EQ(eng1.manager_id, vp.id);
  EXPECT_EQ(eng2.manager_id, vp.id);
  EXPECT_EQ(*dir_.ManagementChain(eng1.id), (std::vector<int64_t>{vp.id, ceo.id}));
  auto reports = dir_.DirectReports(vp.id);
  ASSERT_TRUE(reports.ok());
  EXPECT_EQ(reports->size(), 2u);
  EXPECT_EQ(*dir_.Peers(eng1.id), (std::vector<int64_t>{eng2.id}));
  EXPECT_TRUE(dir_.Peers(ceo.id)->empty());
  // An unknown manager is refused and changes nothing.
  auto bad = dir_.Provision(Entry("eng3", "e-3", "nobody"));
  EXPECT_EQ(bad.status().code(), Code::kUnprocessable);
  EXPECT_EQ(t_.store().accounts().FindByUsername("eng3").status().code(), Code::kNotFound);
  // Removing the manager.
  DirectoryEntry e = Entry("eng2", "e-2");
  e.manager = "";
  ASSERT_TRUE(dir_.Provision(e).ok());
  EXPECT_EQ(t_.store().accounts().Get(eng2.id)->manager_id, 0);
}

TEST_F(DirectoryServiceTest, ManagerCyclesAreRefused) {
  Account a = Make("a", "x-a");
  Account b = Make("b", "x-b", "x-a");
  Make("c", "x-c", "x-b");
  DirectoryEntry e = Entry("a", "x-a", "x-c");  // a -> c -> b -> a
  auto r = dir_.Provision(e);
  EXPECT_EQ(r.status().code(), Code::kUnprocessable);
  EXPECT_NE(r.status().error().find("cycle"), std::string::npos);
  EXPECT_EQ(t_.store().accounts().Get(a.id)->manager_id, 0);
  DirectoryEntry self = Entry("b", "x-b", "x-b");
  EXPECT_EQ(dir_.Provision(self).status().code(), Code::kUnprocessable);
}

TEST_F(DirectoryServiceTest, DeactivationEndsAccessAndRemovalHidesFromProvisioning) {
  Settings settings;
  AuthService auth(t_.store(), ids_, settings);
  Account p = Make("leaver", "x-l");
  auto app = auth.RegisterApp("App", {"urn:ietf:wg:oauth:2.0:oob"}, "read", "");
  auto tok = auth.IssueToken(app->app, p.id, "read");
  ASSERT_TRUE(auth.FromBearer(tok->secret).ok());
  DirectoryEntry off;
  off.active = false;
  ASSERT_TRUE(dir_.Provision(off, p.id).ok());
  EXPECT_EQ(auth.FromBearer(tok->secret).status().code(), Code::kUnauthorized);
  DirectoryEntry on;
  on.active = true;
  ASSERT_TRUE(dir_.Provision(on, p.id).ok());
  EXPECT_TRUE(t_.store().accounts().Get(p.id)->active);
  ASSERT_TRUE(dir_.Remove(p.id).ok());
  auto gone = t_.store().accounts().Get(p.id);
  EXPECT_FALSE(gone->active);
  EXPECT_NE(gone->removed_at, 0);
  EXPECT_TRUE(gone->external_id.empty());
  EXPECT_EQ(dir_.Remove(p.id).code(), Code::kNotFound);
}

TEST_F(DirectoryServiceTest, ANewManagerMustBeAbleToManage) {
  Account boss = Make("boss", "x-boss");
  Account ann = Make("ann", "x-ann", "x-boss");
  Account left = Make("left", "x-left");
  DirectoryEntry off;
  off.active = false;
  ASSERT_TRUE(dir_.Provision(off, left.id).ok());
  // Deactivated: refused as the manager of a new person (nothing created)
  // and of an existing one (nothing changed).
  auto made = dir_.Provision(Entry("newbie", "x-new", "x-left"));
  EXPECT_EQ(made.status().code(), Code::kUnprocessable);
  EXPECT_NE(made.status().error().find("@left is deactivated"), std::string::npos)
      << made.status().ToString();
  EXPECT_EQ(t_.store().accounts().FindByUsername("newbie").status().code(), Code::kNotFound);
  DirectoryEntry move = Entry("ann", "x-ann", std::to_string(left.id));
  move.title = "Changed";
  EXPECT_EQ(dir_.Provision(move).status().code(), Code::kUnprocessable);
  EXPECT_EQ(t_.store().accounts().Get(ann.id)->manager_id, boss.id);
  EXPECT_EQ(t_.store().accounts().Get(ann.id)->title, "Engineer");
  // Removed by the directory: refused too, by username as by id.
  Account gone = Make("gone", "x-gone");
  ASSERT_TRUE(dir_.Remove(gone.id).ok());
  auto removed = dir_.Provision(Entry("ann", "x-ann", "gone"));
  EXPECT_EQ(removed.status().code(), Code::kUnprocessable);
  EXPECT_NE(removed.status().error().find("removed"), std::string::npos);
  // The manager someone already has stays theirs when the directory sends
  // them again after the manager left.
  ASSERT_TRUE(dir_.Provision(off, boss.id).ok());
  DirectoryEntry again = Entry("ann", "x-ann", "x-boss");
  again.title = "Senior Engineer";
  auto kept = dir_.Provision(again);
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  EXPECT_EQ(kept->account.manager_id, boss.id);
  EXPECT_EQ(kept->account.title, "Senior Engineer");
  // Reactivated, they may manage again.
  DirectoryEntry on;
  on.active = true;
  ASSERT_TRUE(dir_.Provision(on, left.id).ok());
  EXPECT_EQ(dir_.Provision(Entry("ann", "x-ann", "x-left"))->account.manager_id, left.id);
}

TEST_F(DirectoryServiceTest, TheDirectoryOwnsTheNameOfEveryoneItProvisions) {
  Account with_id = Make("alice", "x-alice");
  Account without_id = Make("bob", "");  // SCIM's externalId is optional
  auto local = accounts_.Create({"carol", "", "", kRoleMember, ""});
  ASSERT_TRUE(local.ok());
  EXPECT_TRUE(with_id.directory_managed);
  EXPECT_TRUE(without_id.directory_managed);
  EXPECT_FALSE(local->directory_managed);
  DirectoryService::OwnProfile rename;
  rename.display_name = "Ada Admin";
  for (const Account& a : {with_id, without_id}) {
    auto r = dir_.UpdateOwnProfile(a.id, rename);
    EXPECT_EQ(r.status().code(), Code::kUnprocessable) << a.username;
    EXPECT_NE(r.status().error().find("display_name"), std::string::npos);
    EXPECT_EQ(t_.store().accounts().Get(a.id)->display_name, a.username + " Person");
  }
  // Sending the name they have is no change, so it is not refused.
  DirectoryService::OwnProfile same;
  same.display_name = "bob Person";
  same.note = "Hello";
  EXPECT_TRUE(dir_.UpdateOwnProfile(without_id.id, same).ok());
  // Someone with no directory source names themselves...
  auto renamed = dir_.UpdateOwnProfile(local->id, rename);
  ASSERT_TRUE(renamed.ok());
  EXPECT_EQ(renamed->display_name, "Ada Admin");
  // ...until the directory takes them over.
  DirectoryEntry e;
  e.display_name = "Carol Directory";
  auto taken = dir_.Provision(e, local->id);
  ASSERT_TRUE(taken.ok());
  EXPECT_TRUE(taken->changed);
  EXPECT_TRUE(taken->account.directory_managed);
  EXPECT_EQ(dir_.UpdateOwnProfile(local->id, rename).status().code(), Code::kUnprocessable);
}

TEST_F(DirectoryServiceTest, OwnProfileAndEndorsements) {
  Account a = Make("alice", "x-alice");
  Account b = Make("bob", "");
  DirectoryService::OwnProfile p;
  p.expertise = std::vector<std::string>{"#Payments", "kafka", "payments"};
  p.fields = std::vector<ProfileField>{{"GitHub", "https://github.com/alice"}};
  ASSERT_TRUE(dir_.UpdateOwnProfile(a.id, p).ok());
  auto tags = t_.store().directory().Expertise(a.id);
  ASSERT_EQ(tags->size(), 2u);  // de-duplicated after normalizing
  EXPECT_EQ((*tags)[0].tag, "payments");
  DirectoryService::OwnProfile rename;
  rename.display_name = "Someone Else";
  EXPECT_EQ(dir_.UpdateOwnProfile(a.id, rename).status().code(),
            Code::kUnprocessable);  // from the directory
  DirectoryService::OwnProfile bad;
  bad.expertise = std::vector<std::string>{"not a tag!"};
  EXPECT_EQ(dir_.UpdateOwnProfile(a.id, bad).status().code(), Code::kUnprocessable);
  EXPECT_TRUE(*dir_.Endorse(b, a.id, "Payments"));
  EXPECT_FALSE(*dir_.Endorse(b, a.id, "payments"));  // once
  EXPECT_EQ(dir_.Endorse(a, a.id, "payments").status().code(),
            Code::kUnprocessable);  // not yourself
  EXPECT_EQ(dir_.Endorse(b, a.id, "cooking").status().code(), Code::kUnprocessable);
  EXPECT_EQ((*t_.store().directory().Expertise(a.id))[0].endorsements, 1);
  EXPECT_TRUE(*dir_.Unendorse(b, a.id, "payments"));
  EXPECT_EQ((*t_.store().directory().Expertise(a.id))[0].endorsements, 0);
}

}  // namespace
}  // namespace atrium
