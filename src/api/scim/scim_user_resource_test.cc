#include "api/scim/scim_user_resource.h"

#include <gtest/gtest.h>

namespace atrium::api::scim {
namespace {

namespace json = boost::json;

Result<UserInput> Read(std::string_view text) { return ReadUser(json::parse(text).as_object()); }

TEST(ScimUserResource, ReadsAnEntraIdUser) {
  auto in = Read(R"({
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
    "externalId": "jdoe", "userName": "jane.doe@example.com", "active": "False",
    "displayName": "Jane Doe", "title": "Engineer",
    "name": {"givenName": "Jane", "familyName": "Doe"},
    "emails": [{"primary": true, "type": "work", "value": "jane@example.org"}],
    "phoneNumbers": [{"type": "mobile", "value": "+1 555 0100"}, {"type": "work", "value": "+1 555 0199"}],
    "addresses": [{"type": "work", "formatted": "Building 7", "locality": "Paris"}],
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
      "employeeNumber": "42", "department": "Research", "manager": "1234"}
  })");
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  const DirectoryEntry& e = in->entry;
  EXPECT_EQ(e.username, "jane.doe");
  EXPECT_TRUE(in->user_name_is_email);
  EXPECT_EQ(e.email, "jane@example.org");
  EXPECT_EQ(e.external_id, "jdoe");
  EXPECT_EQ(e.display_name, "Jane Doe");
  EXPECT_EQ(e.title, "Engineer");
  EXPECT_EQ(e.phone, "+1 555 0199");
  EXPECT_EQ(e.location, "Building 7");
  EXPECT_EQ(e.active, false);
  EXPECT_EQ(e.employee_number, "42");
  EXPECT_EQ(e.department, "Research");
  EXPECT_EQ(e.manager, "1234");
  EXPECT_EQ(e.cost_center, "");  // absent: cleared
}

TEST(ScimUserResource, AnEmailUserNameIsTheEmailWhenNoneIsGiven) {
  auto in = Read(R"({"userName": "Jane.Doe@Example.com"})");
  ASSERT_TRUE(in.ok());
  EXPECT_EQ(in->entry.username, "Jane.Doe");
  EXPECT_EQ(in->entry.email, "Jane.Doe@Example.com");
}

TEST(ScimUserResource, DisplayNameFallsBackToTheName) {
  auto in = Read(R"({"userName": "a", "name": {"givenName": "Ada", "familyName": "Lovelace"}})");
  ASSERT_TRUE(in.ok());
  EXPECT_EQ(in->entry.display_name, "Ada Lovelace");
  in = Read(R"({"userName": "a", "name": {"formatted": "Countess Lovelace", "givenName": "Ada"}})");
  EXPECT_EQ(in->entry.display_name, "Countess Lovelace");
  in = Read(R"({"userName": "a", "name": {"familyName": "Lovelace"}})");
  EXPECT_EQ(in->entry.display_name, "Lovelace");
}

TEST(ScimUserResource, PicksThePrimaryEmailAndTheLocalityWithoutFormatted) {
  auto in = Read(R"({"userName": "a",
    "emails": [{"type": "home", "value": "a@home.example"}, {"type": "other", "value": "a@x.example", "primary": "true"}],
    "addresses": [{"type": "home", "locality": "Lyon"}]})");
  ASSERT_TRUE(in.ok());
  EXPECT_EQ(in->entry.email, "a@x.example");
  EXPECT_EQ(in->entry.location, "Lyon");
  EXPECT_FALSE(in->entry.active.has_value());
}

TEST(ScimUserResource, ManagerForms) {
  const char* ext = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  auto with_manager = [&](std::string manager) {
    return Read(std::string(R"({"userName":"a",")") + ext + R"(":{"manager":)" + manager + "}}");
  };
  EXPECT_EQ(with_manager(R"({"value":"77"})")->entry.manager, "77");
  EXPECT_EQ(with_manager(R"("77")")->entry.manager, "77");
  EXPECT_EQ(with_manager("77")->entry.manager, "77");
  EXPECT_EQ(with_manager("null")->entry.manager, "");
  EXPECT_EQ(with_manager(R"({"value":""})")->entry.manager, "");
  EXPECT_EQ(with_manager("true").status().error(), "invalidSyntax");
}

TEST(ScimUserResource, BadInputNamesTheAttribute) {
  auto missing = Read(R"({"displayName": "x"})");
  EXPECT_EQ(missing.status().error(), "invalidValue");
  EXPECT_NE(missing.status().description().find("userName"), std::string::npos);
  auto bad_name = Read(R"({"userName": "a b"})");
  EXPECT_EQ(bad_name.status().error(), "invalidValue");
  EXPECT_NE(bad_name.status().description().find("userName"), std::string::npos);
  auto bad_local = Read(R"({"userName": "a+b@example.com"})");
  EXPECT_EQ(bad_local.status().error(), "invalidValue");
  EXPECT_EQ(Read(R"({"userName": 7})").status().error(), "invalidSyntax");
  EXPECT_EQ(Read(R"({"userName": "a", "active": "maybe"})").status().error(), "invalidSyntax");
  EXPECT_EQ(Read(R"({"userName": "a", "emails": "a@example.com"})").status().error(),
            "invalidSyntax");
  EXPECT_EQ(Read(R"({"userName": "a", "emails": [{"value": 7}]})").status().error(),
            "invalidSyntax");
  EXPECT_EQ(Read(R"({"userName": "a", "title": ["x"]})").status().error(), "invalidSyntax");
}

TEST(ScimUserResource, WritesWhatItReads) {
  Account a;
  a.id = 101;
  a.username = "jane.doe";
  a.display_name = "Jane Doe";
  a.email = "jane@example.com";
  a.title = "Engineer";
  a.phone = "+1 555 0199";
  a.location = "Building 7";
  a.external_id = "jdoe";
  a.department = "Research";
  a.manager_id = 7;
  a.active = false;
  json::object doc =
      UserResource(a, ManagerRef{7, "Boss"}, "https://atrium.example", json::object{});
  EXPECT_EQ(doc.at("schemas").as_array().size(), 2u);
  EXPECT_EQ(doc.at("id"), "101");
  const auto& ext =
      doc.at("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User").as_object();
  EXPECT_EQ(ext.at("manager").at("displayName"), "Boss");
  EXPECT_EQ(ext.at("manager").at("$ref"), "https://atrium.example/scim/v2/Users/7");

  auto back = ReadUser(doc);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  const DirectoryEntry& e = back->entry;
  EXPECT_EQ(e.username, a.username);
  EXPECT_EQ(e.email, a.email);
  EXPECT_EQ(e.display_name, a.display_name);
  EXPECT_EQ(e.title, a.title);
  EXPECT_EQ(e.phone, a.phone);
  EXPECT_EQ(e.location, a.location);
  EXPECT_EQ(e.external_id, a.external_id);
  EXPECT_EQ(e.department, a.department);
  EXPECT_EQ(e.manager, "7");
  EXPECT_EQ(e.active, false);
}

TEST(ScimUserResource, NoExtensionSchemaWithoutExtensionFields) {
  Account a;
  a.id = 1;
  a.username = "a";
  json::object doc = UserResource(a, {}, "http://x", json::object{});
  EXPECT_EQ(doc.at("schemas"), json::parse(R"(["urn:ietf:params:scim:schemas:core:2.0:User"])"));
  EXPECT_FALSE(doc.contains("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"));
}

TEST(ScimUserResource, ChangedFieldsLeavesTheRestAlone) {
  DirectoryEntry before, after;
  before.username = after.username = "a";
  before.title = "x";
  after.title = "y";
  before.department = after.department = "d";
  before.active = after.active = true;
  before.manager = "7";
  after.manager = "";
  before.external_id = after.external_id = "e";
  DirectoryEntry e = ChangedFields(before, after);
  EXPECT_FALSE(e.username);
  EXPECT_EQ(e.title, "y");
  EXPECT_FALSE(e.department);
  EXPECT_FALSE(e.active);
  EXPECT_EQ(e.manager, "");
  EXPECT_EQ(e.external_id, "");
}

}  // namespace
}  // namespace atrium::api::scim
