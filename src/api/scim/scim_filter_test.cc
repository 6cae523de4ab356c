#include "api/scim/scim_filter.h"

#include <gtest/gtest.h>

#include <random>

namespace atrium::api::scim {
namespace {

namespace json = boost::json;

json::object Jane() {
  return json::parse(R"({
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
    "id": "101",
    "externalId": "AbC-1",
    "userName": "jane.doe",
    "name": {"formatted": "Jane Doe", "givenName": "Jane"},
    "displayName": "Jane Doe",
    "title": "",
    "active": true,
    "emails": [{"value": "jane@example.com", "type": "work", "primary": true},
               {"value": "jd@home.example", "type": "home"}],
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
      "department": "Research", "employeeNumber": "0042", "manager": {"value": "7"}},
    "meta": {"created": "2024-03-01T10:00:00.000Z"},
    "score": 12
  })")
      .as_object();
}

bool Match(std::string_view filter) {
  auto f = ParseFilter(filter);
  EXPECT_TRUE(f.ok()) << filter << ": " << f.status().ToString();
  return f.ok() && Matches(*f, Jane());
}

std::string ErrorOf(std::string_view filter) {
  auto f = ParseFilter(filter);
  if (f.ok()) return "";
  EXPECT_EQ(f.status().code(), Code::kBadRequest);
  return f.status().error();
}

TEST(ScimFilter, EqIsCaseInsensitiveForNamesOperatorsAndValues) {
  EXPECT_TRUE(Match(R"(userName eq "jane.doe")"));
  EXPECT_TRUE(Match(R"(USERNAME EQ "Jane.Doe")"));
  EXPECT_FALSE(Match(R"(userName eq "john")"));
  // An Entra ID connection test asks for a random GUID: no match, no error.
  EXPECT_FALSE(Match(R"(userName eq "3f0e8d0c-1a1b-4bd8-9a55-8d1c3e6a9f10")"));
}

TEST(ScimFilter, IdAndExternalIdAreCaseExact) {
  EXPECT_TRUE(Match(R"(externalId eq "AbC-1")"));
  EXPECT_FALSE(Match(R"(externalId eq "abc-1")"));
  EXPECT_TRUE(Match(R"(id eq "101")"));
}

TEST(ScimFilter, StringOperators) {
  EXPECT_TRUE(Match(R"(userName sw "JANE")"));
  EXPECT_TRUE(Match(R"(displayName co "e D")"));
  EXPECT_TRUE(Match(R"(displayName ew "doe")"));
  EXPECT_FALSE(Match(R"(displayName sw "Doe")"));
  EXPECT_TRUE(Match(R"(userName ne "john")"));
  EXPECT_FALSE(Match(R"(userName ne "jane.doe")"));
  EXPECT_TRUE(Match(R"(meta.created gt "2024-01-01T00:00:00Z")"));
  EXPECT_FALSE(Match(R"(meta.created lt "2024-01-01T00:00:00Z")"));
}

TEST(ScimFilter, NumbersBooleansAndNull) {
  EXPECT_TRUE(Match("score ge 12"));
  EXPECT_FALSE(Match("score gt 12"));
  EXPECT_TRUE(Match("score lt 1.2e2"));
  EXPECT_TRUE(Match("active eq true"));
  EXPECT_FALSE(Match("active eq false"));
  EXPECT_TRUE(Match("nickName eq null"));
  EXPECT_FALSE(Match("userName eq null"));
}

TEST(ScimFilter, PresentNeedsANonEmptyValue) {
  EXPECT_TRUE(Match("displayName pr"));
  EXPECT_FALSE(Match("title pr"));  // ""
  EXPECT_FALSE(Match("nickName pr"));
  EXPECT_TRUE(Match("emails pr"));
}

TEST(ScimFilter, LogicalOperatorsWithPrecedenceAndParentheses) {
  EXPECT_TRUE(Match(R"(userName eq "x" or userName eq "jane.doe")"));
  EXPECT_FALSE(Match(R"(userName eq "jane.doe" and active eq false)"));
  // and binds tighter than or
  EXPECT_TRUE(Match(R"(userName eq "jane.doe" or userName eq "x" and active eq false)"));
  EXPECT_FALSE(Match(R"((userName eq "jane.doe" or userName eq "x") and active eq false)"));
  EXPECT_TRUE(Match(R"(not (userName eq "x"))"));
  EXPECT_FALSE(Match(R"(NOT(userName eq "jane.doe"))"));
}

TEST(ScimFilter, MultiValuedAttributesMatchAnyValue) {
  EXPECT_TRUE(Match(R"(emails.value eq "jd@home.example")"));
  EXPECT_TRUE(Match(R"(emails eq "JANE@example.com")"));  // a complex value compares by its value
  EXPECT_TRUE(Match(R"(emails.type eq "home")"));
}

TEST(ScimFilter, ValuePaths) {
  EXPECT_TRUE(Match(R"(emails[type eq "work"])"));
  EXPECT_TRUE(Match(R"(emails[type eq "work" and value co "@example.com"])"));
  EXPECT_FALSE(Match(R"(emails[type eq "work" and value co "home"])"));
  // The form identity providers send: the sub-attribute of the selected element.
  EXPECT_TRUE(Match(R"(emails[type eq "work"].value eq "jane@example.com")"));
  EXPECT_FALSE(Match(R"(emails[type eq "work"].value eq "jd@home.example")"));
  EXPECT_TRUE(Match(R"(emails[type eq "home"].value eq "jd@home.example")"));
  EXPECT_TRUE(Match(R"(userName eq "jane.doe" and emails[primary eq true].value sw "jane")"));
}

TEST(ScimFilter, SchemaQualifiedAttributes) {
  EXPECT_TRUE(Match(
      R"(urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "research")"));
  EXPECT_TRUE(
      Match(R"(urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "7")"));
  EXPECT_TRUE(
      Match(R"(urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager eq "7")"));
  EXPECT_TRUE(Match(R"(urn:ietf:params:scim:schemas:core:2.0:User:userName eq "jane.doe")"));
  EXPECT_FALSE(Match(R"(urn:example:other:department eq "Research")"));
}

TEST(ScimFilter, StringsAreJsonStrings) {
  EXPECT_TRUE(Match(R"(displayName eq "Jane\u0020Doe")"));
  auto f = ParseFilter(R"(displayName eq "say \"hi\"")");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->value, json::value("say \"hi\""));
}

TEST(ScimFilter, ParsesIntoATree) {
  auto f = ParseFilter(R"(emails[type eq "work"].value eq "x" or title pr)");
  ASSERT_TRUE(f.ok());
  ASSERT_EQ(f->kind, Filter::Kind::kOr);
  const Filter& vp = f->children[0];
  EXPECT_EQ(vp.kind, Filter::Kind::kValuePath);
  EXPECT_EQ(vp.path.name, "emails");
  ASSERT_EQ(vp.children.size(), 2u);
  EXPECT_EQ(vp.children[1].path.name, "value");
  EXPECT_EQ(f->children[1].op, CompareOp::kPr);
}

TEST(ScimFilter, InvalidFiltersAreInvalidFilter) {
  for (const char* bad :
       {"", "   ", "userName", R"(userName eq)", R"(userName xx "a")", R"(userName eq "a)",
        R"(userName eq "a" and)", R"((userName eq "a")", R"(userName eq "a"))", R"(eq "a")",
        R"(userName eq 'a')", R"(userName eq bare)", R"(emails[type eq "work")",
        R"(emails[type[x eq "y"] eq "z"])", R"(name.givenName.x eq "a")", R"(1abc eq "a")",
        R"(userName eq "a" userName eq "b")", R"(emails[type eq "work"].value)",
        "userName eq \"\\x\""})
    EXPECT_EQ(ErrorOf(bad), "invalidFilter") << bad;
}

TEST(ScimFilter, DeepNestingIsRefusedNotACrash) {
  std::string deep(10000, '(');
  deep += R"(userName eq "a")";
  deep += std::string(10000, ')');
  EXPECT_EQ(ErrorOf(deep), "invalidFilter");
  std::string ok = std::string(20, '(') + R"(userName eq "jane.doe")" + std::string(20, ')');
  EXPECT_TRUE(Match(ok));
}

TEST(ScimFilter, RandomTextNeverCrashes) {
  const char* pieces[] = {
      "userName", " eq ",    " and ",
      " or ",     "not",     "(",
      ")",        "[",       "]",
      "\"a\"",    "emails",  ".value",
      " pr",      "12",      "true",
      "null",     " ",       "\"",
      "\\",       "urn:x:y", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
      ":manager", "$ref"};
  std::mt19937 rng(7);
  for (int i = 0; i < 5000; ++i) {
    std::string text;
    int n = static_cast<int>(rng() % 12);
    for (int j = 0; j < n; ++j) text += pieces[rng() % std::size(pieces)];
    auto f = ParseFilter(text);
    if (f.ok()) {
      Matches(*f, Jane());
    } else {
      EXPECT_EQ(f.status().error(), "invalidFilter") << text;
    }
    auto p = ParsePath(text);
    if (!p.ok()) {
      EXPECT_EQ(p.status().error(), "invalidPath") << text;
    }
  }
}

TEST(ScimPath, ParsesPatchPaths) {
  auto p = ParsePath("name.givenName");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->attr.name, "name");
  EXPECT_EQ(p->attr.sub, "givenName");
  EXPECT_FALSE(p->filter);

  p = ParsePath(R"(emails[type eq "work"].value)");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->attr.name, "emails");
  ASSERT_TRUE(p->filter);
  EXPECT_EQ(p->sub_after_filter, "value");

  p = ParsePath(R"(members[value eq "2819c223"])");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->attr.name, "members");
  EXPECT_TRUE(p->sub_after_filter.empty());

  p = ParsePath("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->attr.urn, kEnterpriseUserSchema);
  EXPECT_EQ(p->attr.name, "manager");
  EXPECT_FALSE(p->attr.IsCore());

  p = ParsePath("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->attr.name.empty());

  p = ParsePath("urn:ietf:params:scim:schemas:core:2.0:User:displayName");
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->attr.IsCore());
  EXPECT_EQ(p->attr.name, "displayName");
}

TEST(ScimPath, InvalidPathsAreInvalidPath) {
  for (const char* bad :
       {"", "emails[", "emails[type eq]", "a.b.c", "name.givenName[type eq \"x\"]",
        "emails[type eq \"work\"] x", "urn:ietf:params:scim:schemas:core:2.0:User"}) {
    auto p = ParsePath(bad);
    ASSERT_FALSE(p.ok()) << bad;
    EXPECT_EQ(p.status().error(), "invalidPath") << bad;
  }
}

}  // namespace
}  // namespace atrium::api::scim
