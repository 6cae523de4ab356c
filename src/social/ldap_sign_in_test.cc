#include "social/ldap_sign_in.h"

#include <gtest/gtest.h>

namespace atrium {
namespace {

TEST(EscapeLdapFilterValue, EscapesTheFiveSpecialCharactersOnly) {
  EXPECT_EQ(EscapeLdapFilterValue("alice"), "alice");
  EXPECT_EQ(EscapeLdapFilterValue("alice@example.com"), "alice@example.com");
  EXPECT_EQ(EscapeLdapFilterValue("*)(uid=*"), "\\2a\\29\\28uid=\\2a");
  EXPECT_EQ(EscapeLdapFilterValue("a\\2a"), "a\\5c2a");
  EXPECT_EQ(EscapeLdapFilterValue(std::string("a\0b", 3)), "a\\00b");
  // Other bytes, UTF-8 among them, are values as they are (RFC 4515 allows them).
  EXPECT_EQ(EscapeLdapFilterValue("Jürgen, O'Brien & =+<>#;"), "Jürgen, O'Brien & =+<>#;");
}

Settings Directory() {
  Settings s;
  s.ldap_url = "ldap://127.0.0.1:1";
  s.ldap_base = "ou=people,dc=example,dc=com";
  return s;
}

TEST(LdapPasswordDirectory, TheFilterIsTheSettingsFilterAndTheEscapedLogin) {
  auto d = LdapPasswordDirectory::FromSettings(Directory());
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ((*d)->FilterFor("alice"), "(&(objectClass=inetOrgPerson)(uid=alice))");
  EXPECT_EQ((*d)->FilterFor("alice@example.com"),
            "(&(objectClass=inetOrgPerson)(|(uid=alice@example.com)(mail=alice@example.com)))");
  EXPECT_EQ((*d)->FilterFor("*)(uid=alice"),
            "(&(objectClass=inetOrgPerson)(uid=\\2a\\29\\28uid=alice))");
}

TEST(LdapPasswordDirectory, TheAttributesComeFromTheMap) {
  Settings s = Directory();
  s.ldap_map = "username=sAMAccountName,email=userPrincipalName";
  s.ldap_filter = "(&(objectClass=user)(!(userAccountControl:1.2.840.113556.1.4.803:=2)))";
  auto d = LdapPasswordDirectory::FromSettings(s);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ((*d)->FilterFor("a@b"),
            "(&(&(objectClass=user)(!(userAccountControl:1.2.840.113556.1.4.803:=2)))"
            "(|(sAMAccountName=a@b)(userPrincipalName=a@b)))");
}

TEST(LdapPasswordDirectory, IncompleteSettingsAreRefused) {
  Settings no_url = Directory();
  no_url.ldap_url.clear();
  EXPECT_EQ(LdapPasswordDirectory::FromSettings(no_url).status().code(), Code::kBadRequest);
  Settings no_base = Directory();
  no_base.ldap_base.clear();
  EXPECT_EQ(LdapPasswordDirectory::FromSettings(no_base).status().code(), Code::kBadRequest);
  Settings bad_map = Directory();
  bad_map.ldap_map = "email=mail";
  EXPECT_EQ(LdapPasswordDirectory::FromSettings(bad_map).status().code(), Code::kBadRequest);
}

TEST(LdapPasswordDirectory, AnEmptyPasswordIsRefusedWithoutConnecting) {
  // Nothing listens on port 1: asking the server would be a 503.
  auto d = LdapPasswordDirectory::FromSettings(Directory());
  ASSERT_TRUE(d.ok());
  EXPECT_EQ((*d)->Verify("alice", "").status().code(), Code::kUnauthorized);
  EXPECT_EQ(CheckLdapBind("ldap://127.0.0.1:1", "uid=alice,dc=example,dc=com", "").code(),
            Code::kUnauthorized);
  EXPECT_EQ((*d)->Verify("alice", "x").status().code(), Code::kUnavailable);
}

}  // namespace
}  // namespace atrium
