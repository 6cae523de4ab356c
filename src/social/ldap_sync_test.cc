// Tests of what LdapSync does without a server: the attribute map, DNs,
// turning entries into import records (managers by DN), and those records
// going through the import's one set of rules. The search itself is tested
// against a real slapd in tests/api/ldap.test.mjs.
#include "social/ldap_sync.h"

#include <gtest/gtest.h>

#include "base/crypto.h"
#include "store/test_store.h"

namespace atrium {
namespace {

constexpr const char* kDefaultMap =
    "username=uid,email=mail,display_name=cn,title=title,department=departmentNumber,"
    "manager=manager,location=l,phone=telephoneNumber,employee_number=employeeNumber,"
    "external_id=entryUUID";

TEST(LdapAttributeMapTest, ParsesTheDefaultInOrder) {
  auto map = ParseLdapAttributeMap(kDefaultMap);
  ASSERT_TRUE(map.ok()) << map.status().ToString();
  ASSERT_EQ(map->fields.size(), 10u);
  EXPECT_EQ(map->fields[0].column, "username");
  EXPECT_EQ(map->fields[0].attribute, "uid");
  EXPECT_EQ(map->fields[4].column, "department");
  EXPECT_EQ(map->fields[4].attribute, "departmentNumber");
  EXPECT_EQ(map->fields[9].column, "external_id");
  EXPECT_EQ(map->fields[9].attribute, "entryUUID");
  EXPECT_EQ(map->Attributes().size(), 10u);
  EXPECT_EQ(Settings().ldap_map, kDefaultMap);  // the settings' default parses
}

TEST(LdapAttributeMapTest, SpacesCaseAliasesAndSharedAttributes) {
  auto map = ParseLdapAttributeMap(
      " Username = sAMAccountName , name=displayName,, email=mail,external_id=mail ");
  ASSERT_TRUE(map.ok()) << map.status().ToString();
  ASSERT_EQ(map->fields.size(), 4u);
  EXPECT_EQ(map->fields[0].column, "username");
  EXPECT_EQ(map->fields[0].attribute, "sAMAccountName");
  EXPECT_EQ(map->fields[1].column, "display_name");
  // mail is asked for once though two columns read it.
  EXPECT_EQ(map->Attributes(), (std::vector<std::string>{"sAMAccountName", "displayName", "mail"}));
}

TEST(LdapAttributeMapTest, RejectsBadMapsNamingTheProblem) {
  struct Case {
    const char* map;
    const char* names;
  };
  for (const Case& c : {Case{"username=uid,email", "'email' has no '='"},
                        Case{"username=uid,=mail", "needs a column and an attribute"},
                        Case{"username=uid,email=", "needs a column and an attribute"},
                        Case{"username=uid,shoe_size=shoe", "'shoe_size' is not a column"},
                        Case{"username=uid,email=mail,EMAIL=mail2", "'email' is given twice"},
                        Case{"name=cn,display_name=displayName,username=uid", "given twice"},
                        Case{"email=mail", "must map username"}, Case{"", "must map username"}}) {
    auto map = ParseLdapAttributeMap(c.map);
    ASSERT_FALSE(map.ok()) << c.map;
    EXPECT_NE(map.status().ToString().find(c.names), std::string::npos)
        << c.map << " -> " << map.status().ToString();
    EXPECT_NE(map.status().ToString().find("ldap-map"), std::string::npos);
  }
}

TEST(LdapDnTest, NormalizesCaseAndSpacesAroundSeparators) {
  EXPECT_EQ(NormalizeDn("uid=ann,ou=People,dc=example,dc=com"),
            "uid=ann,ou=people,dc=example,dc=com");
  EXPECT_EQ(NormalizeDn("UID = Ann , OU=People, DC=Example,DC=com "),
            "uid=ann,ou=people,dc=example,dc=com");
  EXPECT_EQ(NormalizeDn("cn=Ann  Archer,dc=x"), "cn=ann  archer,dc=x");  // inside a value: kept
  EXPECT_EQ(NormalizeDn("cn=Archer\\, Ann,dc=x"), "cn=archer\\, ann,dc=x");
  EXPECT_NE(NormalizeDn("cn=Archer\\, Ann,dc=x"), NormalizeDn("cn=Archer,cn=Ann,dc=x"));
}

LdapEntry Entry(std::string dn,
                std::vector<std::pair<std::string, std::vector<std::string>>> attributes) {
  return LdapEntry{std::move(dn), std::move(attributes)};
}

TEST(LdapEntryTest, ValuesInAnyLetterCase) {
  LdapEntry e = Entry("uid=a,dc=x", {{"departmentNumber", {"R&D", "Ops"}}, {"mail", {}}});
  ASSERT_NE(e.Values("departmentnumber"), nullptr);
  EXPECT_EQ(e.Values("DEPARTMENTNUMBER")->front(), "R&D");
  EXPECT_EQ(e.Values("mail"), nullptr);
  EXPECT_EQ(e.Values("title"), nullptr);
}

class LdapRecordsTest : public ::testing::Test {
 protected:
  LdapAttributeMap Map(
      const char* text = "username=uid,display_name=cn,title=title,manager=manager") {
    auto map = ParseLdapAttributeMap(text);
    EXPECT_TRUE(map.ok());
    return map.ok() ? *map : LdapAttributeMap{};
  }
  static std::vector<LdapEntry> Org() {
    return {
        Entry("uid=eng1,ou=People,dc=example,dc=com",
              {{"uid", {"eng1"}},
               {"cn", {"Erin Engineer"}},
               {"manager", {"UID=vp, ou=people,dc=example,dc=com"}}}),
        Entry("uid=vp,ou=people,dc=example,dc=com",
              {{"uid", {"vp"}},
               {"cn", {"Val Vice"}},
               {"title", {"VP", "Second title"}},
               {"manager", {"uid=ceo,ou=people,dc=example,dc=com"}}}),
        Entry("uid=ceo,ou=people,dc=example,dc=com", {{"uid", {"ceo"}}, {"cn", {"Cy Chief"}}}),
    };
  }
};

TEST_F(LdapRecordsTest, ColumnsFirstValuesAndManagersByDn) {
  DirectoryRecords r = LdapEntriesToRecords(Map(), Org());
  EXPECT_TRUE(r.problems.empty());
  EXPECT_EQ(r.header.name, "ldap-map");
  EXPECT_EQ(r.header.fields,
            (std::vector<std::string>{"username", "display_name", "title", "manager"}));
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(r.rows[0].name, "uid=eng1,ou=People,dc=example,dc=com");
  EXPECT_EQ(r.rows[0].line, 2);
  // The manager's DN, spelled differently, resolves to their username.
  EXPECT_EQ(r.rows[0].fields, (std::vector<std::string>{"eng1", "Erin Engineer", "", "vp"}));
  EXPECT_EQ(r.rows[1].fields, (std::vector<std::string>{"vp", "Val Vice", "VP", "ceo"}));
  EXPECT_EQ(r.rows[2].fields, (std::vector<std::string>{"ceo", "Cy Chief", "", ""}));
}

TEST_F(LdapRecordsTest, MissingUsernameAndUnknownManagerAreProblemsNamingTheDn) {
  std::vector<LdapEntry> entries = Org();
  entries.push_back(Entry("cn=No Uid,ou=people,dc=example,dc=com", {{"cn", {"No Uid"}}}));
  entries.push_back(
      Entry("uid=orphan,ou=people,dc=example,dc=com",
            {{"uid", {"orphan"}}, {"manager", {"uid=gone,ou=people,dc=example,dc=com"}}}));
  entries.push_back(
      Entry("uid=under,ou=people,dc=example,dc=com",
            {{"uid", {"under"}}, {"manager", {"cn=No Uid,ou=people,dc=example,dc=com"}}}));
  DirectoryRecords r = LdapEntriesToRecords(Map(), entries);
  ASSERT_EQ(r.problems.size(), 3u);
  EXPECT_EQ(r.problems[0].Where(), "cn=No Uid,ou=people,dc=example,dc=com");
  EXPECT_NE(r.problems[0].message.find("has no uid"), std::string::npos);
  EXPECT_EQ(r.problems[1].Where(), "uid=orphan,ou=people,dc=example,dc=com");
  EXPECT_NE(r.problems[1].message.find("uid=gone,ou=people,dc=example,dc=com is not among"),
            std::string::npos);
  EXPECT_EQ(r.problems[2].Where(), "uid=under,ou=people,dc=example,dc=com");
  EXPECT_NE(r.problems[2].message.find("has no uid"), std::string::npos);
  EXPECT_EQ(r.rows.size(), 5u);  // the entry without a username is left out
}

class LdapImportTest : public LdapRecordsTest {
 protected:
  static void SetUpTestSuite() { InitCrypto(); }

  DirectoryImportReport Import(const std::vector<LdapEntry>& entries) {
    auto r = import_.Run(LdapEntriesToRecords(Map(), entries), DirectoryImportOptions{});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : DirectoryImportReport{};
  }

  TestStore t_;
  IdGenerator ids_{0};
  AccountService accounts_{t_.store(), ids_};
  DirectoryService directory_{t_.store(), ids_, accounts_};
  DirectoryImport import_{t_.store(), directory_};
};

TEST_F(LdapImportTest, AppliesThroughTheImportAndIsIdempotent) {
  DirectoryImportReport first = Import(Org());
  ASSERT_FALSE(first.rejected()) << first.problems.front().Where() << ": "
                                 << first.problems.front().message;
  EXPECT_EQ(first.Summary(), "created 3, updated 0, unchanged 0, deactivated 0");
  auto eng = t_.store().accounts().FindByUsername("eng1");
  auto vp = t_.store().accounts().FindByUsername("vp");
  ASSERT_TRUE(eng.ok() && vp.ok());
  EXPECT_EQ(eng->manager_id, vp->id);
  EXPECT_EQ(Import(Org()).Summary(), "created 0, updated 0, unchanged 3, deactivated 0");
}

TEST_F(LdapImportTest, ImportProblemsNameTheDnAndChangeNothing) {
  std::vector<LdapEntry> entries = Org();
  // The CEO reports to the engineer: a cycle through the whole chain.
  entries[2].attributes.push_back({"manager", {"uid=eng1,ou=people,dc=example,dc=com"}});
  entries.push_back(Entry("uid=Bad Name,ou=people,dc=example,dc=com", {{"uid", {"Bad Name"}}}));
  DirectoryImportReport r = Import(entries);
  ASSERT_TRUE(r.rejected());
  std::string all;
  for (const auto& p : r.problems) all += p.Where() + ": " + p.message + "\n";
  EXPECT_NE(all.find("uid=ceo,ou=people,dc=example,dc=com: manager eng1 makes a cycle"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("uid=Bad Name,ou=people,dc=example,dc=com: "), std::string::npos) << all;
  EXPECT_EQ(all.find("line "), std::string::npos) << all;
  EXPECT_EQ(*t_.store().accounts().Count(false), 0);
}

}  // namespace
}  // namespace atrium
