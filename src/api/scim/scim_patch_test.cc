#include "api/scim/scim_patch.h"

#include <gtest/gtest.h>

#include "api/scim/scim_filter.h"

namespace atrium::api::scim {
namespace {

namespace json = boost::json;

constexpr const char* kExt = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

json::object User() {
  return json::parse(R"({
    "id": "101",
    "userName": "jane.doe",
    "name": {"formatted": "Jane Doe"},
    "displayName": "Jane Doe",
    "active": true,
    "emails": [{"value": "jane@example.com", "type": "work", "primary": true}],
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
      "department": "Research", "manager": {"value": "7", "displayName": "Boss"}}
  })")
      .as_object();
}

Status Patch(json::object& doc, std::string_view operations) {
  std::string body =
      R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":)" +
      std::string(operations) + "}";
  return ApplyPatch(doc, json::parse(body));
}

json::object Patched(std::string_view operations) {
  json::object doc = User();
  Status s = Patch(doc, operations);
  EXPECT_TRUE(s.ok()) << operations << ": " << s.ToString();
  return doc;
}

const json::object& Ext(const json::object& doc) { return doc.at(kExt).as_object(); }

TEST(ScimPatch, ReplaceBySimplePathWithAnyCaseOfOp) {
  auto doc = Patched(R"([{"op":"Replace","path":"displayName","value":"J. Doe"},
                         {"op":"replace","path":"title","value":"Engineer"}])");
  EXPECT_EQ(doc.at("displayName"), "J. Doe");
  EXPECT_EQ(doc.at("title"), "Engineer");
}

TEST(ScimPatch, PathlessValuePatches) {
  auto doc = Patched(R"([{"op":"replace","value":{"active":false}}])");
  EXPECT_EQ(doc.at("active"), false);
  doc = Patched(R"([{"op":"Replace","value":{"displayName":"x","name.givenName":"y"}}])");
  EXPECT_EQ(doc.at("displayName"), "x");
  EXPECT_EQ(doc.at("name").at("givenName"), "y");
  EXPECT_EQ(doc.at("name").at("formatted"), "Jane Doe");  // merged, not replaced
  doc = Patched(R"([{"op":"add","value":{
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:division":"Labs",
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"costCenter":"C1"}}}])");
  EXPECT_EQ(Ext(doc).at("division"), "Labs");
  EXPECT_EQ(Ext(doc).at("costCenter"), "C1");
  EXPECT_EQ(Ext(doc).at("department"), "Research");
}

TEST(ScimPatch, ValuePathWithSubAttribute) {
  auto doc = Patched(
      R"([{"op":"replace","path":"emails[type eq \"work\"].value","value":"j@example.org"}])");
  ASSERT_EQ(doc.at("emails").as_array().size(), 1u);
  EXPECT_EQ(doc.at("emails").at(0).at("value"), "j@example.org");
  EXPECT_EQ(doc.at("emails").at(0).at("type"), "work");
}

TEST(ScimPatch, ValuePathMatchingNothingCreatesTheElementItDescribes) {
  json::object doc = User();
  doc.erase("emails");
  ASSERT_TRUE(
      Patch(doc,
            R"([{"op":"add","path":"emails[type eq \"work\"].value","value":"new@example.com"}])")
          .ok());
  EXPECT_EQ(doc.at("emails"), json::parse(R"([{"type":"work","value":"new@example.com"}])"));
  // A filter that does not describe an element cannot be created.
  Status s =
      Patch(doc, R"([{"op":"replace","path":"emails[value co \"zzz\"].type","value":"home"}])");
  EXPECT_EQ(s.error(), "noTarget");
}

TEST(ScimPatch, ExtensionAttributesByUrnPath) {
  auto doc = Patched(
      R"([{"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"Sales"}])");
  EXPECT_EQ(Ext(doc).at("department"), "Sales");
  // Entra ID sends a manager as a bare id; a scalar replaces the complex value.
  doc = Patched(
      R"([{"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"9"}])");
  EXPECT_EQ(Ext(doc).at("manager"), "9");
  doc = Patched(
      R"([{"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":{"value":"8"}}])");
  EXPECT_EQ(Ext(doc).at("manager").at("value"), "8");
  doc = Patched(
      R"([{"op":"remove","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager"}])");
  EXPECT_FALSE(Ext(doc).contains("manager"));
}

TEST(ScimPatch, ExtensionCreatedWhenMissing) {
  json::object doc = User();
  doc.erase(kExt);
  ASSERT_TRUE(
      Patch(
          doc,
          R"([{"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber","value":"42"}])")
          .ok());
  EXPECT_EQ(Ext(doc).at("employeeNumber"), "42");
}

TEST(ScimPatch, RemoveAttributesAndSubAttributes) {
  auto doc =
      Patched(R"([{"op":"remove","path":"displayName"},{"op":"remove","path":"name.formatted"},
                         {"op":"remove","path":"nickName"}])");
  EXPECT_FALSE(doc.contains("displayName"));
  EXPECT_FALSE(doc.at("name").as_object().contains("formatted"));
}

TEST(ScimPatch, ReplaceWithNullRemoves) {
  auto doc = Patched(R"([{"op":"replace","path":"displayName","value":null}])");
  EXPECT_FALSE(doc.contains("displayName"));
}

json::object Group() {
  return json::parse(R"({"id":"5","displayName":"Eng","members":[{"value":"1"},{"value":"2"}]})")
      .as_object();
}

json::array Members(const json::object& g) {
  const json::value* m = FindMember(g, "members");
  return m ? m->as_array() : json::array();
}

TEST(ScimPatch, GroupMembersAddWithoutDuplicates) {
  json::object g = Group();
  ASSERT_TRUE(
      Patch(g, R"([{"op":"add","path":"members","value":[{"value":"2"},{"value":"3"}]}])").ok());
  EXPECT_EQ(Members(g), json::parse(R"([{"value":"1"},{"value":"2"},{"value":"3"}])"));
}

TEST(ScimPatch, GroupMembersRemoveByFilterAndByValue) {
  json::object g = Group();
  ASSERT_TRUE(Patch(g, R"([{"op":"remove","path":"members[value eq \"1\"]"}])").ok());
  EXPECT_EQ(Members(g), json::parse(R"([{"value":"2"}])"));
  g = Group();
  // Entra ID: remove with a list of values.
  ASSERT_TRUE(Patch(g, R"([{"op":"Remove","path":"members","value":[{"value":"2"}]}])").ok());
  EXPECT_EQ(Members(g), json::parse(R"([{"value":"1"}])"));
  // A filter matching nothing removes nothing.
  ASSERT_TRUE(Patch(g, R"([{"op":"remove","path":"members[value eq \"99\"]"}])").ok());
  EXPECT_EQ(Members(g).size(), 1u);
  // Without a value: all of them.
  ASSERT_TRUE(Patch(g, R"([{"op":"remove","path":"members"}])").ok());
  EXPECT_TRUE(Members(g).empty());
}

TEST(ScimPatch, GroupReplaceMembersAndName) {
  json::object g = Group();
  ASSERT_TRUE(Patch(g, R"([{"op":"replace","path":"members","value":[{"value":"9"}]},
                           {"op":"replace","value":{"id":"5","displayName":"Engineering"}}])")
                  .ok());
  EXPECT_EQ(Members(g), json::parse(R"([{"value":"9"}])"));
  EXPECT_EQ(g.at("displayName"), "Engineering");
}

TEST(ScimPatch, MalformedRequestsAreInvalidSyntax) {
  for (const char* bad :
       {R"([])", R"("x")", R"([1])", R"([{"path":"title","value":"x"}])",
        R"([{"op":"move","path":"title","value":"x"}])", R"([{"op":"add","path":"title"}])",
        R"([{"op":"replace","value":"x"}])", R"([{"op":"add","path":7,"value":"x"}])"}) {
    json::object doc = User();
    Status s = Patch(doc, bad);
    EXPECT_EQ(s.error(), "invalidSyntax") << bad;
  }
  json::object doc = User();
  EXPECT_EQ(ApplyPatch(doc, json::parse(R"({"schemas":[]})")).error(), "invalidSyntax");
  EXPECT_EQ(ApplyPatch(doc, json::parse("[]")).error(), "invalidSyntax");
}

TEST(ScimPatch, BadPathsAndTargets) {
  json::object doc = User();
  EXPECT_EQ(Patch(doc, R"([{"op":"add","path":"emails[type eq","value":"x"}])").error(),
            "invalidPath");
  EXPECT_EQ(Patch(doc, R"([{"op":"remove"}])").error(), "noTarget");
  EXPECT_EQ(Patch(doc, R"([{"op":"add","path":"displayName[value eq \"x\"]","value":{}}])").error(),
            "invalidPath");
}

}  // namespace
}  // namespace atrium::api::scim
