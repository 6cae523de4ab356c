// Tests of the CSV directory import over a real embedded store: parsing,
// the all-or-nothing check, managers in any order, cycles, idempotence and
// --deactivate-missing.
#include "social/directory_import.h"

#include <gtest/gtest.h>

#include "base/crypto.h"
#include "store/test_store.h"

namespace atrium {
namespace {

TEST(DirectoryImportCsvTest, ProgressText) {
  EXPECT_EQ(ImportProgressText(12500, 40000), "12,500 / 40,000");
  EXPECT_EQ(ImportProgressText(0, 999), "0 / 999");
  EXPECT_EQ(ImportProgressText(1234567, 1000000), "1,234,567 / 1,000,000");
}

class DirectoryImportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { InitCrypto(); }

  DirectoryImportReport Import(const std::string& csv, bool deactivate_missing = false) {
    DirectoryImportOptions options;
    options.deactivate_missing = deactivate_missing;
    auto r = import_.Run(csv, options);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : DirectoryImportReport{};
  }
  Account Person(const std::string& username) {
    auto a = t_.store().accounts().FindByUsername(username);
    EXPECT_TRUE(a.ok()) << username;
    return a.ok() ? *a : Account{};
  }
  int64_t Count() { return *t_.store().accounts().Count(false); }
  static std::string Lines(const DirectoryImportReport& r) {
    std::string out;
    for (const auto& p : r.problems) out += std::to_string(p.line) + ": " + p.message + "\n";
    return out;
  }
  static bool HasProblem(const DirectoryImportReport& r, int line, const std::string& part) {
    for (const auto& p : r.problems)
      if (p.line == line && p.message.find(part) != std::string::npos) return true;
    return false;
  }

  TestStore t_;
  IdGenerator ids_{0};
  AccountService accounts_{t_.store(), ids_};
  DirectoryService directory_{t_.store(), ids_, accounts_};
  DirectoryImport import_{t_.store(), directory_};
};

constexpr const char* kOrg =
    "Username,Email,Name,Title,Department,Manager,Location,External_ID\n"
    "vera,vera@example.com,Vera Vp,VP Engineering,Engineering,E1,Berlin,E2\n"
    "ed,ed@example.com,Ed Engineer,Engineer,Engineering,vera,Berlin,E3\n"
    "ceo,ceo@example.com,Cora Chief,CEO,Leadership,,Paris,E1\n"
    "sam,sam@example.com,Sam Sales,VP Sales,Sales,ceo,Paris,E4\n";

TEST_F(DirectoryImportTest, CreatesEveryoneWithManagersNamedLaterInTheFile) {
  auto r = Import(kOrg);
  ASSERT_FALSE(r.rejected()) << Lines(r);
  EXPECT_EQ(r.Summary(), "created 4, updated 0, unchanged 0, deactivated 0");
  Account ceo = Person("ceo"), vera = Person("vera"), ed = Person("ed");
  EXPECT_EQ(ceo.display_name, "Cora Chief");
  EXPECT_EQ(ceo.manager_id, 0);
  EXPECT_EQ(vera.manager_id, ceo.id);
  EXPECT_EQ(vera.external_id, "E2");
  EXPECT_EQ(ed.manager_id, vera.id);
  EXPECT_EQ(ed.title, "Engineer");
  EXPECT_EQ(ed.location, "Berlin");
  EXPECT_EQ(Person("sam").manager_id, ceo.id);
  auto chain = directory_.ManagementChain(ed.id);
  ASSERT_TRUE(chain.ok());
  EXPECT_EQ(*chain, (std::vector<int64_t>{vera.id, ceo.id}));
}

TEST_F(DirectoryImportTest, SecondRunChangesNothingAndAChangeCountsOnce) {
  ASSERT_FALSE(Import(kOrg).rejected());
  const int64_t updated_at = Person("ed").updated_at;
  EXPECT_EQ(Import(kOrg).Summary(), "created 0, updated 0, unchanged 4, deactivated 0");
  EXPECT_EQ(Person("ed").updated_at, updated_at);

  std::string changed = kOrg;
  changed.replace(changed.find("Ed Engineer,Engineer"), 20, "Ed Engineer,Staff Engineer");
  EXPECT_EQ(Import(changed).Summary(), "created 0, updated 1, unchanged 3, deactivated 0");
  EXPECT_EQ(Person("ed").title, "Staff Engineer");
}

TEST_F(DirectoryImportTest, ABadFileChangesNothingAndNamesEveryBadLine) {
  ASSERT_TRUE(accounts_.Create({"zed", "zed@example.com", "Zed", kRoleMember, ""}).ok());
  const int64_t before = Count();
  auto r = Import(
      "username,email,manager,active\n"
      "ann,ann@example.com,,true\n"      // 2: fine
      "ben,ben@example.com,ann,\n"       // 3: fine
      "cat,not-an-address,ann,\n"        // 4: e-mail
      "dan,dan@example.com,ann,maybe\n"  // 5: active
      "eve,eve@example.com,nobody,\n"    // 6: manager
      "ANN,ann2@example.com,,\n"         // 7: duplicate username
      "f g,fg@example.com,,\n"           // 8: username
      "gus,zed@example.com,,\n"          // 9: e-mail of another person
      "hal,hal@example.com\n");          // 10: field count
  ASSERT_TRUE(r.rejected());
  EXPECT_TRUE(HasProblem(r, 4, "e-mail")) << Lines(r);
  EXPECT_TRUE(HasProblem(r, 5, "active")) << Lines(r);
  EXPECT_TRUE(HasProblem(r, 6, "nobody")) << Lines(r);
  EXPECT_TRUE(HasProblem(r, 7, "line 2")) << Lines(r);
  EXPECT_TRUE(HasProblem(r, 8, "Username")) << Lines(r);
  EXPECT_TRUE(HasProblem(r, 9, "another person")) << Lines(r);
  EXPECT_TRUE(HasProblem(r, 10, "fields")) << Lines(r);
  EXPECT_FALSE(HasProblem(r, 2, "")) << Lines(r);
  EXPECT_FALSE(HasProblem(r, 3, "")) << Lines(r);
  EXPECT_EQ(Count(), before);
  EXPECT_EQ(r.created, 0);
}

TEST_F(DirectoryImportTest, HeaderProblems) {
  auto r = Import("username,email,shoe_size,Hat\nann,,42,big\n");
  ASSERT_TRUE(r.rejected());
  EXPECT_TRUE(HasProblem(r, 1, "'shoe_size', 'hat'")) << Lines(r);
  EXPECT_TRUE(Import("email,title\na@example.com,x\n").rejected());
  EXPECT_TRUE(Import("username,name,display_name\nann,A,B\n").rejected());
  EXPECT_TRUE(Import("").rejected());
  EXPECT_EQ(Count(), 0);
}

TEST_F(DirectoryImportTest, ManagerCyclesInTheFileAreRejectedWithTheirLines) {
  auto r = Import(
      "username,manager\n"
      "ann,cat\n"
      "ben,ann\n"
      "cat,ben\n"
      "dan,ann\n"
      "eve,eve\n");
  ASSERT_TRUE(r.rejected());
  EXPECT_TRUE(HasProblem(r, 2, "cycle")) << Lines(r);
  EXPECT_TRUE(HasProblem(r, 3, "cycle")) << Lines(r);
  EXPECT_TRUE(HasProblem(r, 4, "cycle")) << Lines(r);
  EXPECT_TRUE(HasProblem(r, 6, "cycle")) << Lines(r);
  EXPECT_FALSE(HasProblem(r, 5, "")) << Lines(r);
  EXPECT_EQ(Count(), 0);
}

TEST_F(DirectoryImportTest, CyclesThroughPeopleNotInTheFileAreRejected) {
  ASSERT_FALSE(Import("username,manager\nboss,\nmid,boss\nworker,mid\n").rejected());
  // mid is not in this file, and still reports to boss.
  auto r = Import("username,manager\nboss,worker\nworker,mid\n");
  ASSERT_TRUE(r.rejected());
  EXPECT_TRUE(HasProblem(r, 2, "@mid")) << Lines(r);
  EXPECT_EQ(Person("boss").manager_id, 0);
}

TEST_F(DirectoryImportTest, TurningTheChartAroundWorksInOneRun) {
  ASSERT_FALSE(Import("username,manager\nann,\nben,ann\n").rejected());
  // ben's row comes last, so applying in file order would refuse ann's row.
  auto r = Import("username,manager\nann,ben\nben,\n");
  ASSERT_FALSE(r.rejected()) << Lines(r);
  EXPECT_EQ(r.updated, 2);
  EXPECT_EQ(Person("ann").manager_id, Person("ben").id);
  EXPECT_EQ(Person("ben").manager_id, 0);
}

TEST_F(DirectoryImportTest, ManagerByAccountIdOrExternalId) {
  ASSERT_TRUE(Import("username,external_id\nboss,X-1\n").created == 1);
  const int64_t boss = Person("boss").id;
  auto r = Import("username,manager\nann," + std::to_string(boss) + "\nben,X-1\n");
  ASSERT_FALSE(r.rejected()) << Lines(r);
  EXPECT_EQ(Person("ann").manager_id, boss);
  EXPECT_EQ(Person("ben").manager_id, boss);
}

TEST_F(DirectoryImportTest, AbsentColumnsAreLeftAloneAndEmptyCellsClear) {
  ASSERT_FALSE(
      Import("username,title,department,manager\nboss,,,\nann,Engineer,Eng,boss\n").rejected());
  ASSERT_FALSE(Import("username,title\nann,\n").rejected());
  Account ann = Person("ann");
  EXPECT_EQ(ann.title, "");
  EXPECT_EQ(ann.department, "Eng");
  EXPECT_EQ(ann.manager_id, Person("boss").id);
}

TEST_F(DirectoryImportTest, ActiveColumnDeactivatesAndReactivates) {
  ASSERT_FALSE(Import("username,active\nann,true\nben,FALSE\n").rejected());
  EXPECT_TRUE(Person("ann").active);
  EXPECT_FALSE(Person("ben").active);
  auto r = Import("username,active\nann,true\nben,true\n");
  EXPECT_EQ(r.Summary(), "created 0, updated 1, unchanged 1, deactivated 0");
  EXPECT_TRUE(Person("ben").active);
}

TEST_F(DirectoryImportTest, DeactivateMissingOnlyTouchesDirectoryPeople) {
  ASSERT_TRUE(accounts_.Create({"local", "", "", kRoleMember, ""}).ok());
  ASSERT_FALSE(Import("username,external_id\nann,A\nben,B\ncat,C\n").rejected());
  // Without the flag, people absent from the file stay as they are.
  EXPECT_EQ(Import("username,external_id\nann,A\n").Summary(),
            "created 0, updated 0, unchanged 1, deactivated 0");
  EXPECT_TRUE(Person("ben").active);
  auto r = Import("username,external_id\nann,A\ncat,C\n", /*deactivate_missing=*/true);
  EXPECT_EQ(r.Summary(), "created 0, updated 0, unchanged 2, deactivated 1");
  EXPECT_FALSE(Person("ben").active);
  EXPECT_TRUE(Person("local").active);
  EXPECT_TRUE(Person("cat").active);
  // Deactivated people are not counted again.
  EXPECT_EQ(Import("username,external_id\nann,A\ncat,C\n", true).deactivated, 0);
  // An empty file never deactivates everyone.
  EXPECT_TRUE(Import("username,external_id\n", true).rejected());
  EXPECT_TRUE(Person("ann").active);
}

TEST_F(DirectoryImportTest, UpdatesFindPeopleByExternalIdFirst) {
  ASSERT_FALSE(Import("username,external_id,email\nann,A,ann@example.com\n").rejected());
  const int64_t id = Person("ann").id;
  auto r = Import("username,external_id,email\nanna,A,anna@example.com\n");
  ASSERT_FALSE(r.rejected()) << Lines(r);
  EXPECT_EQ(r.updated, 1);
  EXPECT_EQ(Person("anna").id, id);
  EXPECT_EQ(Person("anna").email, "anna@example.com");
  // Renaming onto someone else's username is refused up front.
  ASSERT_TRUE(accounts_.Create({"bob", "", "", kRoleMember, ""}).ok());
  auto clash = Import("username,external_id\nbob,A\n");
  EXPECT_TRUE(HasProblem(clash, 2, "bob")) << Lines(clash);
  EXPECT_EQ(Person("anna").id, id);
}

TEST_F(DirectoryImportTest, ANewManagerMustBeAbleToManage) {
  ASSERT_FALSE(
      Import("username,active,manager\nboss,true,\nleft,false,\nann,true,boss\n").rejected());
  const int64_t boss = Person("boss").id;
  // Someone deactivated, in the directory or by this very file, is refused
  // as a new manager; nothing is applied.
  auto r =
      Import("username,active,manager,title\nann,true,left,X\nben,,quitter,\nquitter,false,,\n");
  ASSERT_TRUE(r.rejected());
  EXPECT_TRUE(HasProblem(r, 2, "manager @left is deactivated")) << Lines(r);
  EXPECT_TRUE(HasProblem(r, 3, "manager @quitter is deactivated")) << Lines(r);
  EXPECT_EQ(Person("ann").manager_id, boss);
  EXPECT_EQ(Person("ann").title, "");
  EXPECT_EQ(t_.store().accounts().FindByUsername("ben").status().code(), Code::kNotFound);
  // The manager someone has stays when the file deactivates them, and a
  // file that reactivates someone may make them a manager.
  auto kept =
      Import("username,active,manager\nboss,false,\nann,true,boss\nleft,true,\nben,,left\n");
  ASSERT_FALSE(kept.rejected()) << Lines(kept);
  EXPECT_EQ(Person("ann").manager_id, boss);
  EXPECT_EQ(Person("ben").manager_id, Person("left").id);
}

TEST_F(DirectoryImportTest, ProgressIsReportedEveryNRows) {
  std::string csv = "username\n";
  for (int i = 0; i < 25; ++i) csv += "p" + std::to_string(i) + "\n";
  std::vector<size_t> calls;
  DirectoryImportOptions options;
  options.progress_every = 10;
  options.progress = [&](size_t done, size_t total) {
    EXPECT_EQ(total, 25u);
    calls.push_back(done);
  };
  auto r = import_.Run(csv, options);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->created, 25);
  EXPECT_EQ(calls, (std::vector<size_t>{10, 20, 25}));
}

}  // namespace
}  // namespace atrium
