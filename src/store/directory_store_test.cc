// The DirectoryStore contract (and the directory fields of accounts), on every
// backend (see store/store_contract_test_fixture.h).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "store/postgres/pg_migrations.h"
#include "store/sqlite/sqlite_migrations.h"
#include "store/store_contract_test_fixture.h"

namespace atrium {
namespace {

class DirectoryStoreContract : public StoreContract {
 protected:
  // Closes the store and leaves an empty database with the migrations up to
  // `version` applied, as a store of that version would have left it; the
  // test writes rows, then reopens and migrates.
  void StartOverAtVersion(int version) {
    t_->store().Close();
    if (GetParam() == TestBackend::kPostgres) {
      ExecDirectly("DROP SCHEMA " + t_->schema() + " CASCADE; CREATE SCHEMA " + t_->schema());
    } else {
      std::string path = t_->dir() + "/atrium.db";
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    }
    ExecDirectly(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at BIGINT NOT NULL)");
    auto apply = [&](const auto& migrations) {
      for (const auto& m : migrations) {
        if (m.version > version) break;
        ExecDirectly(m.sql);
        ExecDirectly("INSERT INTO schema_migrations VALUES (" + std::to_string(m.version) +
                     ", 'x', 0)");
      }
    };
    if (GetParam() == TestBackend::kPostgres)
      apply(pg::Migrations());
    else
      apply(sqlite::Migrations());
  }

  // An account named `username`, not yet written.
  Account MakeAccount(const std::string& username, const std::string& display_name = "") {
    Account a;
    a.id = ids_.Next();
    a.username = username;
    a.display_name = display_name.empty() ? username : display_name;
    a.created_at = a.updated_at = NowMillis();
    return a;
  }
  int64_t Create(const Account& a) {
    Status s = accounts().Create(a);
    EXPECT_TRUE(s.ok()) << a.username << ": " << s.ToString();
    return a.id;
  }
  void Deactivate(int64_t id) { ASSERT_TRUE(accounts().Deactivate(id, NowMillis()).ok()); }

  // The usernames SearchPeople finds, in order.
  std::vector<std::string> Search(PeopleQuery q) {
    auto found = directory().SearchPeople(q);
    EXPECT_TRUE(found.ok()) << found.status().ToString();
    std::vector<std::string> out;
    if (found.ok())
      for (const Account& a : *found) out.push_back(a.username);
    return out;
  }
  static PeopleQuery Query(std::string name, std::string title = "", std::string department = "",
                           std::string location = "", std::string expertise = "") {
    PeopleQuery q;
    q.name = std::move(name);
    q.title = std::move(title);
    q.department = std::move(department);
    q.location = std::move(location);
    q.expertise = std::move(expertise);
    return q;
  }

  std::vector<std::pair<std::string, int64_t>> ExpertiseOf(int64_t account_id) {
    auto tags = directory().Expertise(account_id);
    EXPECT_TRUE(tags.ok());
    std::vector<std::pair<std::string, int64_t>> out;
    if (tags.ok())
      for (const auto& t : *tags) out.emplace_back(t.tag, t.endorsements);
    return out;
  }
  Ids WhoKnows(const std::string& tag, int limit = 20, int offset = 0) {
    auto experts = directory().WhoKnows(tag, limit, offset);
    EXPECT_TRUE(experts.ok());
    Ids out;
    if (experts.ok())
      for (const auto& e : *experts) out.push_back(e.account_id);
    return out;
  }
  GroupRecord MakeGroup(const std::string& name, Ids members) {
    GroupRecord g;
    g.id = ids_.Next();
    g.display_name = name;
    g.member_ids = std::move(members);
    g.created_at = g.updated_at = NowMillis();
    return g;
  }
  static Ids GroupIds(const Result<std::vector<GroupRecord>>& groups) {
    Ids out;
    if (groups.ok())
      for (const auto& g : *groups) out.push_back(g.id);
    return out;
  }
};

// Six people to search for (one deactivated).
class DirectoryStoreSearchContract : public DirectoryStoreContract {
 protected:
  void SetUp() override {
    DirectoryStoreContract::SetUp();
    if (IsSkipped()) return;
    Person("ada", "Ada Lovelace", "Principal Engineer", "Research & Development", "London");
    Person("grace", "Grace Hopper", "Rear Admiral", "Navy Computing", "Arlington");
    Person("alan", "Alan Turing", "Engineer", "Research", "Manchester");
    Person("linus", "Linus Torvalds", "Senior Engineer", "Kernel", "Portland");
    Person("pct", "Percent 100% Sure", "100%_Engineer", "Wild_Cards", "New York");
    Deactivate(Person("old", "Old Timer", "Engineer", "Research", "London"));
  }
  int64_t Person(const std::string& username, const std::string& display_name,
                 const std::string& title, const std::string& department,
                 const std::string& location) {
    Account a = MakeAccount(username, display_name);
    a.title = title;
    a.department = department;
    a.location = location;
    return Create(a);
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, DirectoryStoreContract, ::testing::ValuesIn(TestBackends()),
                         TestBackendParamName());

TEST_P(DirectoryStoreContract, AccountDirectoryFieldsRoundTrip) {
  int64_t boss = NewAccount("boss");
  Account a = MakeAccount("ada", "Ada Lovelace");
  a.external_id = "idp-123";
  a.title = "Principal Engineer";
  a.department = "Research";
  a.manager_id = boss;
  a.location = "London";
  a.phone = "+44 20 7946 0000";
  a.employee_number = "E1815";
  a.cost_center = "CC-42";
  a.organization = "Analytical Engines Ltd";
  a.division = "Computing";
  a.pronouns = "she/her";
  a.removed_at = 0;
  a.directory_managed = true;
  Create(a);

  auto got = accounts().Get(a.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->external_id, "idp-123");
  EXPECT_EQ(got->title, "Principal Engineer");
  EXPECT_EQ(got->department, "Research");
  EXPECT_EQ(got->manager_id, boss);
  EXPECT_EQ(got->location, "London");
  EXPECT_EQ(got->phone, "+44 20 7946 0000");
  EXPECT_EQ(got->employee_number, "E1815");
  EXPECT_EQ(got->cost_center, "CC-42");
  EXPECT_EQ(got->organization, "Analytical Engines Ltd");
  EXPECT_EQ(got->division, "Computing");
  EXPECT_EQ(got->pronouns, "she/her");
  EXPECT_EQ(got->removed_at, 0);
  EXPECT_TRUE(got->directory_managed);

  // Update writes every field, and clears the optional ones to NULL.
  Account changed = *got;
  changed.directory_managed = false;
  changed.external_id = "";
  changed.manager_id = 0;
  changed.title = "Fellow";
  changed.pronouns = "";
  changed.removed_at = 1234;
  ASSERT_TRUE(accounts().Update(changed).ok());
  got = accounts().Get(a.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->external_id, "");
  EXPECT_EQ(got->manager_id, 0);
  EXPECT_EQ(got->title, "Fellow");
  EXPECT_EQ(got->pronouns, "");
  EXPECT_EQ(got->removed_at, 1234);
  EXPECT_FALSE(got->directory_managed);
  EXPECT_EQ(got->department, "Research");
  EXPECT_EQ(directory().FindByExternalId("idp-123").status().code(), Code::kNotFound);
  EXPECT_TRUE(Value(directory().DirectReports(boss)).empty());

  // A manager that does not exist is refused.
  changed.manager_id = 987654321;
  EXPECT_EQ(accounts().Update(changed).code(), Code::kConflict);
}

TEST_P(DirectoryStoreContract, ExternalIdsAreUniqueWhenSet) {
  Account a = MakeAccount("a");
  a.external_id = "ext-1";
  Create(a);
  Account b = MakeAccount("b");
  b.external_id = "ext-1";
  EXPECT_EQ(accounts().Create(b).code(), Code::kConflict);
  // Many accounts without an external id do not collide.
  NewAccount("c");
  NewAccount("d");
  Account e = MakeAccount("e");
  e.external_id = "ext-2";
  Create(e);
  e.external_id = "ext-1";
  EXPECT_EQ(accounts().Update(e).code(), Code::kConflict);

  auto found = directory().FindByExternalId("ext-1");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->id, a.id);
  EXPECT_EQ(found->username, "a");
  EXPECT_EQ(directory().FindByExternalId("ext-3").status().code(), Code::kNotFound);
  EXPECT_EQ(directory().FindByExternalId("").status().code(), Code::kNotFound);
}

TEST_P(DirectoryStoreContract, DeletingAManagerLeavesReportsWithoutOne) {
  int64_t boss = NewAccount("boss");
  Account a = MakeAccount("a");
  a.manager_id = boss;
  Create(a);
  t_->store().Close();
  ExecDirectly("DELETE FROM accounts WHERE id = " + std::to_string(boss));
  t_->Reopen();
  EXPECT_EQ(accounts().Get(a.id)->manager_id, 0);
}

TEST_P(DirectoryStoreContract, DirectReportsAreActiveOnesByDisplayName) {
  int64_t boss = NewAccount("boss");
  auto report = [&](const std::string& username, const std::string& display_name) {
    Account a = MakeAccount(username, display_name);
    a.manager_id = boss;
    return Create(a);
  };
  int64_t zoe = report("zoe", "Zoe Zhang");
  int64_t al = report("al", "al Smith");
  int64_t bea = report("bea", "Bea Jones");
  int64_t gone = report("gone", "Aaron Gone");
  NewAccount("other", "Aaa Other");
  Deactivate(gone);
  EXPECT_EQ(Value(directory().DirectReports(boss)), (Ids{al, bea, zoe}));
  EXPECT_TRUE(Value(directory().DirectReports(zoe)).empty());
}

TEST_P(DirectoryStoreContract, ExpertiseKeepsOrderAndCountsEndorsements) {
  int64_t ada = NewAccount("ada");
  int64_t b = NewAccount("b");
  int64_t c = NewAccount("c");
  ASSERT_TRUE(directory().SetExpertise(ada, {"poetry", "mathematics", "engines"}).ok());
  EXPECT_EQ(*directory().Endorse(b, ada, "mathematics", 1), true);
  EXPECT_EQ(*directory().Endorse(c, ada, "mathematics", 2), true);
  EXPECT_EQ(*directory().Endorse(b, ada, "engines", 3), true);
  EXPECT_EQ(ExpertiseOf(ada), (std::vector<std::pair<std::string, int64_t>>{
                                  {"poetry", 0}, {"mathematics", 2}, {"engines", 1}}));
  EXPECT_TRUE(ExpertiseOf(b).empty());
  EXPECT_EQ(Value(directory().Endorsers(ada, "mathematics")), (Ids{b, c}));
  EXPECT_TRUE(Value(directory().Endorsers(ada, "poetry")).empty());
}

TEST_P(DirectoryStoreContract, SetExpertiseDropsTheEndorsementsOfDroppedTags) {
  int64_t ada = NewAccount("ada");
  int64_t b = NewAccount("b");
  ASSERT_TRUE(directory().SetExpertise(ada, {"poetry", "mathematics"}).ok());
  ASSERT_TRUE(directory().Endorse(b, ada, "poetry", 1).ok());
  ASSERT_TRUE(directory().Endorse(b, ada, "mathematics", 2).ok());
  ASSERT_TRUE(directory().SetExpertise(ada, {"mathematics", "engines"}).ok());
  EXPECT_EQ(ExpertiseOf(ada),
            (std::vector<std::pair<std::string, int64_t>>{{"mathematics", 1}, {"engines", 0}}));
  EXPECT_TRUE(Value(directory().Endorsers(ada, "poetry")).empty());
  // Listing the tag again does not bring the endorsement back.
  ASSERT_TRUE(directory().SetExpertise(ada, {"poetry", "mathematics"}).ok());
  EXPECT_EQ(ExpertiseOf(ada),
            (std::vector<std::pair<std::string, int64_t>>{{"poetry", 0}, {"mathematics", 1}}));
  ASSERT_TRUE(directory().SetExpertise(ada, {}).ok());
  EXPECT_TRUE(ExpertiseOf(ada).empty());
  EXPECT_TRUE(Value(directory().Endorsers(ada, "mathematics")).empty());
  EXPECT_EQ(directory().SetExpertise(987654321, {"x"}).code(), Code::kNotFound);
}

TEST_P(DirectoryStoreContract, EndorseNeedsAListedTagAndCountsOnce) {
  int64_t ada = NewAccount("ada");
  int64_t b = NewAccount("b");
  ASSERT_TRUE(directory().SetExpertise(ada, {"poetry"}).ok());
  EXPECT_EQ(directory().Endorse(b, ada, "cooking", 1).status().code(), Code::kNotFound);
  EXPECT_EQ(directory().Endorse(b, 987654321, "poetry", 1).status().code(), Code::kNotFound);
  auto first = directory().Endorse(b, ada, "poetry", 1);
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(*first);
  auto again = directory().Endorse(b, ada, "poetry", 2);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again);
  EXPECT_EQ(ExpertiseOf(ada), (std::vector<std::pair<std::string, int64_t>>{{"poetry", 1}}));
  // The store leaves self-endorsement to the service.
  EXPECT_TRUE(*directory().Endorse(ada, ada, "poetry", 3));

  EXPECT_TRUE(*directory().Unendorse(b, ada, "poetry"));
  EXPECT_FALSE(*directory().Unendorse(b, ada, "poetry"));
  EXPECT_EQ(Value(directory().Endorsers(ada, "poetry")), (Ids{ada}));
}

TEST_P(DirectoryStoreContract, WhoKnowsRanksActivePeopleByEndorsements) {
  int64_t a = NewAccount("a", "Zed");
  int64_t b = NewAccount("b", "Bea");
  int64_t c = NewAccount("c", "Cy");
  int64_t d = NewAccount("d", "Abe");
  int64_t e = NewAccount("e", "Eve");
  int64_t x = NewAccount("x");
  int64_t y = NewAccount("y");
  for (int64_t id : {a, b, c, d, e}) ASSERT_TRUE(directory().SetExpertise(id, {"rust", "go"}).ok());
  ASSERT_TRUE(directory().SetExpertise(x, {"rustacean"}).ok());
  ASSERT_TRUE(directory().Endorse(x, c, "rust", 1).ok());
  ASSERT_TRUE(directory().Endorse(y, c, "rust", 1).ok());
  ASSERT_TRUE(directory().Endorse(x, a, "rust", 1).ok());
  ASSERT_TRUE(directory().Endorse(x, b, "go", 1).ok());  // another tag does not count
  Deactivate(e);
  // c (2), a (1), then by display name: Abe (d), Bea (b).
  EXPECT_EQ(WhoKnows("rust"), (Ids{c, a, d, b}));
  auto experts = directory().WhoKnows("rust", 1, 0);
  ASSERT_TRUE(experts.ok());
  ASSERT_EQ(experts->size(), 1u);
  EXPECT_EQ((*experts)[0].endorsements, 2);
  EXPECT_EQ(WhoKnows("rust", 2, 1), (Ids{a, d}));
  EXPECT_EQ(WhoKnows("rustacean"), (Ids{x}));
  EXPECT_TRUE(WhoKnows("rus").empty());  // exact tag only
}

TEST_P(DirectoryStoreContract, FieldsKeepTheirOrder) {
  int64_t ada = NewAccount("ada");
  EXPECT_TRUE(directory().Fields(ada)->empty());
  std::vector<ProfileField> fields = {{"Website", "https://ada.example"}, {"Blog", ""}, {"A", "z"}};
  ASSERT_TRUE(directory().SetFields(ada, fields).ok());
  auto got = directory().Fields(ada);
  ASSERT_TRUE(got.ok());
  ASSERT_EQ(got->size(), 3u);
  EXPECT_EQ((*got)[0].name, "Website");
  EXPECT_EQ((*got)[0].value, "https://ada.example");
  EXPECT_EQ((*got)[1].name, "Blog");
  EXPECT_EQ((*got)[2].name, "A");
  ASSERT_TRUE(directory().SetFields(ada, {{"Only", "one"}}).ok());
  got = directory().Fields(ada);
  ASSERT_TRUE(got.ok());
  ASSERT_EQ(got->size(), 1u);
  EXPECT_EQ((*got)[0].value, "one");
  EXPECT_EQ(directory().SetFields(987654321, {}).code(), Code::kNotFound);
}

TEST_P(DirectoryStoreContract, GroupsCreateGetUpdateDelete) {
  int64_t a = NewAccount("a");
  int64_t b = NewAccount("b");
  int64_t c = NewAccount("c");
  GroupRecord g = MakeGroup("Engineering", {c, a, a});
  g.external_id = "grp-1";
  ASSERT_TRUE(directory().CreateGroup(g).ok());
  auto got = directory().GetGroup(g.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->display_name, "Engineering");
  EXPECT_EQ(got->external_id, "grp-1");
  EXPECT_EQ(got->created_at, g.created_at);
  EXPECT_EQ(got->member_ids, (Ids{a, c}));

  g.display_name = "Platform Engineering";
  g.external_id = "";
  g.member_ids = {b};
  g.updated_at += 1000;
  ASSERT_TRUE(directory().UpdateGroup(g).ok());
  got = directory().GetGroup(g.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->display_name, "Platform Engineering");
  EXPECT_EQ(got->external_id, "");
  EXPECT_EQ(got->updated_at, g.updated_at);
  EXPECT_EQ(got->member_ids, (Ids{b}));

  // A member that does not exist fails the whole write.
  GroupRecord bad = g;
  bad.member_ids = {a, 987654321};
  EXPECT_EQ(directory().UpdateGroup(bad).code(), Code::kConflict);
  EXPECT_EQ(directory().GetGroup(g.id)->member_ids, (Ids{b}));
  GroupRecord bad_new = MakeGroup("Nobody", {987654321});
  EXPECT_EQ(directory().CreateGroup(bad_new).code(), Code::kConflict);
  EXPECT_EQ(directory().GetGroup(bad_new.id).status().code(), Code::kNotFound);

  GroupRecord missing = MakeGroup("Missing", {});
  EXPECT_EQ(directory().UpdateGroup(missing).code(), Code::kNotFound);
  EXPECT_EQ(directory().CreateGroup(g).code(), Code::kConflict);  // same id

  ASSERT_TRUE(directory().DeleteGroup(g.id).ok());
  EXPECT_EQ(directory().GetGroup(g.id).status().code(), Code::kNotFound);
  EXPECT_EQ(directory().DeleteGroup(g.id).code(), Code::kNotFound);
}

TEST_P(DirectoryStoreContract, GroupsFilterByDisplayNameAndPage) {
  int64_t a = NewAccount("a");
  GroupRecord g1 = MakeGroup("Sales", {a});
  GroupRecord g2 = MakeGroup("Engineering", {});
  GroupRecord g3 = MakeGroup("sales", {});
  GroupRecord g4 = MakeGroup("Sales EMEA", {});
  for (const auto& g : {g1, g2, g3, g4}) ASSERT_TRUE(directory().CreateGroup(g).ok());

  auto all = directory().Groups("", 10, 0);
  EXPECT_EQ(GroupIds(all), (Ids{g1.id, g2.id, g3.id, g4.id}));
  ASSERT_TRUE(all.ok());
  EXPECT_EQ((*all)[0].member_ids, (Ids{a}));
  EXPECT_EQ(GroupIds(directory().Groups("", 2, 1)), (Ids{g2.id, g3.id}));
  EXPECT_EQ(GroupIds(directory().Groups("SALES", 10, 0)), (Ids{g1.id, g3.id}));
  EXPECT_EQ(GroupIds(directory().Groups("sales", 1, 1)), (Ids{g3.id}));
  EXPECT_TRUE(GroupIds(directory().Groups("Sale", 10, 0)).empty());
  EXPECT_EQ(*directory().CountGroups(""), 4);
  EXPECT_EQ(*directory().CountGroups("sales"), 2);
  EXPECT_EQ(*directory().CountGroups("nobody"), 0);
}

TEST_P(DirectoryStoreContract, ScimTokensCreateFindListRevoke) {
  ScimTokenRecord t1{ids_.Next(), "hash-1", "Okta", 100, 0};
  ScimTokenRecord t2{ids_.Next(), "hash-2", "Entra ID", 200, 0};
  ASSERT_TRUE(directory().CreateScimToken(t1).ok());
  ASSERT_TRUE(directory().CreateScimToken(t2).ok());
  ScimTokenRecord dup{ids_.Next(), "hash-1", "again", 300, 0};
  EXPECT_EQ(directory().CreateScimToken(dup).code(), Code::kConflict);

  auto found = directory().FindScimToken("hash-2");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->id, t2.id);
  EXPECT_EQ(found->description, "Entra ID");
  EXPECT_EQ(found->created_at, 200);
  EXPECT_EQ(found->revoked_at, 0);
  EXPECT_EQ(directory().FindScimToken("nope").status().code(), Code::kNotFound);

  ASSERT_TRUE(directory().RevokeScimToken(t1.id, 500).ok());
  ASSERT_TRUE(directory().RevokeScimToken(t1.id, 900).ok());  // keeps the first time
  EXPECT_EQ(directory().FindScimToken("hash-1")->revoked_at, 500);
  EXPECT_EQ(directory().RevokeScimToken(12345, 500).code(), Code::kNotFound);

  auto list = directory().ScimTokens();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].id, t1.id);
  EXPECT_EQ((*list)[0].revoked_at, 500);
  EXPECT_EQ((*list)[1].id, t2.id);
}

TEST_P(DirectoryStoreContract, EverythingSurvivesReopening) {
  int64_t boss = NewAccount("boss");
  Account a = MakeAccount("ada");
  a.external_id = "ext";
  a.manager_id = boss;
  a.title = "Engineer";
  Create(a);
  ASSERT_TRUE(directory().SetExpertise(a.id, {"math"}).ok());
  ASSERT_TRUE(directory().Endorse(boss, a.id, "math", 1).ok());
  ASSERT_TRUE(directory().SetFields(a.id, {{"k", "v"}}).ok());
  GroupRecord g = MakeGroup("G", {a.id});
  ASSERT_TRUE(directory().CreateGroup(g).ok());
  t_->Reopen();
  EXPECT_EQ(directory().FindByExternalId("ext")->title, "Engineer");
  EXPECT_EQ(Value(directory().DirectReports(boss)), (Ids{a.id}));
  EXPECT_EQ(ExpertiseOf(a.id), (std::vector<std::pair<std::string, int64_t>>{{"math", 1}}));
  EXPECT_EQ(directory().Fields(a.id)->size(), 1u);
  EXPECT_EQ(directory().GetGroup(g.id)->member_ids, (Ids{a.id}));
}

// A database at schema version 2 (before the directory) migrates and keeps
// its accounts, with empty directory fields.
TEST_P(DirectoryStoreContract, MigratingFromVersionTwoKeepsAccounts) {
  StartOverAtVersion(2);
  ExecDirectly(
      "INSERT INTO accounts (id, username, display_name, email, created_at, updated_at) "
      "VALUES (7, 'ada', 'Ada Lovelace', 'ada@example.com', 1, 2), "
      "(8, 'bob', 'Bob', NULL, 1, 2)");

  t_->Reopen();
  EXPECT_EQ(*t_->store().SchemaVersion(), 2);
  ASSERT_TRUE(t_->store().Migrate().ok());
  EXPECT_EQ(*t_->store().SchemaVersion(), t_->store().LatestSchemaVersion());
  auto ada = accounts().Get(7);
  ASSERT_TRUE(ada.ok());
  EXPECT_EQ(ada->username, "ada");
  EXPECT_EQ(ada->email, "ada@example.com");
  EXPECT_EQ(ada->external_id, "");
  EXPECT_EQ(ada->manager_id, 0);
  EXPECT_EQ(ada->title, "");
  EXPECT_EQ(*accounts().Count(false), 2);
  // The new columns work on the old rows.
  Account changed = *ada;
  changed.external_id = "ext-7";
  changed.manager_id = 8;
  ASSERT_TRUE(accounts().Update(changed).ok());
  EXPECT_EQ(directory().FindByExternalId("ext-7")->id, 7);
  EXPECT_EQ(Value(directory().DirectReports(8)), (Ids{7}));
  PeopleQuery q;
  q.name = "love";
  EXPECT_EQ(directory().SearchPeople(q)->size(), 1u);
}

TEST_P(DirectoryStoreContract, MigrationTenMarksThePeopleTheDirectoryProvisioned) {
  StartOverAtVersion(9);
  auto exec = [&](const std::string& sql) { ExecDirectly(sql); };
  // 1: a directory id; 2: only a title; 3: a manager; 4: removed by the
  // directory; 5: made locally, with nothing from a directory.
  exec(
      "INSERT INTO accounts (id, username, display_name, created_at, updated_at) VALUES "
      "(1, 'idp', 'Idp', 1, 2), (2, 'titled', 'Titled', 1, 2), (3, 'managed', 'Managed', 1, 2), "
      "(4, 'removed', 'Removed', 1, 2), (5, 'local', 'Local', 1, 2)");
  exec(
      "UPDATE accounts SET external_id = 'e-1' WHERE id = 1; "
      "UPDATE accounts SET title = 'Engineer' WHERE id = 2; "
      "UPDATE accounts SET manager_id = 1 WHERE id = 3; "
      "UPDATE accounts SET removed_at = 9, active = 0 WHERE id = 4");

  t_->Reopen();
  ASSERT_TRUE(t_->store().Migrate().ok());
  EXPECT_EQ(*t_->store().SchemaVersion(), t_->store().LatestSchemaVersion());
  for (int64_t id : {1, 2, 3, 4}) EXPECT_TRUE(accounts().Get(id)->directory_managed) << id;
  EXPECT_FALSE(accounts().Get(5)->directory_managed);
}

INSTANTIATE_TEST_SUITE_P(Backends, DirectoryStoreSearchContract,
                         ::testing::ValuesIn(TestBackends()), TestBackendParamName());

TEST_P(DirectoryStoreSearchContract, NameMatchesUsernameDisplayNameOrAWordOfIt) {
  EXPECT_EQ(Search(Query("al")), (std::vector<std::string>{"alan"}));
  EXPECT_EQ(Search(Query("LOVE")), (std::vector<std::string>{"ada"}));   // a word, any case
  EXPECT_EQ(Search(Query("ada l")), (std::vector<std::string>{"ada"}));  // display name prefix
  EXPECT_EQ(Search(Query("GRA")), (std::vector<std::string>{"grace"}));
  EXPECT_TRUE(Search(Query("velace")).empty());  // not a prefix of a word
  EXPECT_TRUE(Search(Query("old")).empty());     // inactive
  EXPECT_TRUE(Search(Query("Timer")).empty());
}

TEST_P(DirectoryStoreSearchContract, EachFieldMatchesAsAPrefixOfTheFieldOrAWord) {
  // All active people, by display name.
  EXPECT_EQ(Search(Query("")), (std::vector<std::string>{"ada", "alan", "grace", "linus", "pct"}));
  EXPECT_EQ(Search(Query("", "engineer")), (std::vector<std::string>{"ada", "alan", "linus"}));
  EXPECT_EQ(Search(Query("", "senior eng")), (std::vector<std::string>{"linus"}));
  EXPECT_TRUE(Search(Query("", "gineer")).empty());
  EXPECT_EQ(Search(Query("", "", "research")), (std::vector<std::string>{"ada", "alan"}));
  EXPECT_EQ(Search(Query("", "", "DEV")), (std::vector<std::string>{"ada"}));
  EXPECT_EQ(Search(Query("", "", "comp")), (std::vector<std::string>{"grace"}));
  EXPECT_EQ(Search(Query("", "", "", "lon")), (std::vector<std::string>{"ada"}));
  EXPECT_EQ(Search(Query("", "", "", "york")), (std::vector<std::string>{"pct"}));
  EXPECT_EQ(Search(Query("", "", "", "new y")), (std::vector<std::string>{"pct"}));
}

TEST_P(DirectoryStoreSearchContract, FieldsCombine) {
  EXPECT_EQ(Search(Query("", "engineer", "research")), (std::vector<std::string>{"ada", "alan"}));
  EXPECT_EQ(Search(Query("", "engineer", "research", "manch")), (std::vector<std::string>{"alan"}));
  EXPECT_EQ(Search(Query("a", "engineer", "research", "lon")), (std::vector<std::string>{"ada"}));
  EXPECT_TRUE(Search(Query("grace", "engineer")).empty());
}

TEST_P(DirectoryStoreSearchContract, LikeWildcardsAreLiteral) {
  EXPECT_TRUE(Search(Query("%")).empty());
  EXPECT_TRUE(Search(Query("_")).empty());
  EXPECT_TRUE(Search(Query("", "%")).empty());
  EXPECT_TRUE(Search(Query("", "", "", "_")).empty());
  EXPECT_EQ(Search(Query("100%")), (std::vector<std::string>{"pct"}));
  EXPECT_EQ(Search(Query("", "100%_")), (std::vector<std::string>{"pct"}));
  EXPECT_EQ(Search(Query("", "", "wild_")), (std::vector<std::string>{"pct"}));
  EXPECT_TRUE(Search(Query("", "", "wild%")).empty());
  EXPECT_TRUE(Search(Query("", "", "wild\\")).empty());
}

TEST_P(DirectoryStoreSearchContract, ExpertiseMatchesATagPrefix) {
  int64_t ada = accounts().FindByUsername("ada")->id;
  int64_t alan = accounts().FindByUsername("alan")->id;
  int64_t old = accounts().FindByUsername("old")->id;
  ASSERT_TRUE(directory().SetExpertise(ada, {"mathematics", "poetry"}).ok());
  ASSERT_TRUE(directory().SetExpertise(alan, {"cryptography", "mathematics"}).ok());
  ASSERT_TRUE(directory().SetExpertise(old, {"mathematics"}).ok());
  EXPECT_EQ(Search(Query("", "", "", "", "math")), (std::vector<std::string>{"ada", "alan"}));
  EXPECT_EQ(Search(Query("", "", "", "", "crypto")), (std::vector<std::string>{"alan"}));
  EXPECT_TRUE(Search(Query("", "", "", "", "ematics")).empty());
  EXPECT_EQ(Search(Query("", "", "", "", "math_")).size(), 0u);
  EXPECT_EQ(Search(Query("", "eng", "", "", "math")), (std::vector<std::string>{"ada", "alan"}));
  EXPECT_EQ(Search(Query("", "", "", "man", "math")), (std::vector<std::string>{"alan"}));
}

TEST_P(DirectoryStoreSearchContract, LimitAndOffset) {
  PeopleQuery q = Query("");
  q.limit = 2;
  EXPECT_EQ(Search(q), (std::vector<std::string>{"ada", "alan"}));
  q.offset = 2;
  EXPECT_EQ(Search(q), (std::vector<std::string>{"grace", "linus"}));
  q.offset = 4;
  EXPECT_EQ(Search(q), (std::vector<std::string>{"pct"}));
  q.limit = 0;
  EXPECT_TRUE(Search(q).empty());
}

}  // namespace
}  // namespace atrium
