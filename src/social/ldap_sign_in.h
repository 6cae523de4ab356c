// Signing in with the organization's directory password (the setting
// ldap-sign-in): the name a person types is looked up in the directory the
// ldap-* settings describe, and the password they typed is checked by a
// simple bind as the entry found. The password goes to the directory only;
// nothing of it is kept.
//
// PasswordDirectory is what AuthService asks; LdapPasswordDirectory is the
// one implementation, over libldap. Safe for concurrent use: each check opens
// its own connections.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/settings.h"
#include "base/status.h"
#include "social/ldap_sync.h"

namespace atrium {

// A person the directory vouched for, with what the LDAP sync matches people
// by: the directory id (ldap-map's external_id, empty when not mapped or
// absent) first, then the username.
struct DirectoryPerson {
  std::string username;
  std::string external_id;
};

class PasswordDirectory {
 public:
  virtual ~PasswordDirectory() = default;
  // The person whom `login` (a username or an e-mail address) names, when
  // `password` is theirs. 401 when the directory does not know the login,
  // knows several people by it, or refuses the password (an empty one is
  // refused without asking); 503 when the directory cannot be reached or
  // searched. The description says which, for the log.
  virtual Result<DirectoryPerson> Verify(const std::string& login, const std::string& password) = 0;
};

// `value` escaped for an assertion value of an LDAP search filter (RFC 4515,
// section 3): `*`, `(`, `)`, `\` and NUL become `\2a`, `\28`, `\29`, `\5c`
// and `\00`, so no input can add to or end the filter it is put in.
std::string EscapeLdapFilterValue(std::string_view value);

class LdapPasswordDirectory final : public PasswordDirectory {
 public:
  // The directory the settings' ldap-* keys describe. 400 naming the key
  // when ldap-url or ldap-base is missing, ldap-map does not parse, or the
  // bind password file cannot be read (it is read once, here).
  static Result<std::unique_ptr<LdapPasswordDirectory>> FromSettings(const Settings& settings);

  // Searches under ldap-base, as ldap-bind-dn, for the entries matching
  // ldap-filter whose username attribute (ldap-map's) or e-mail attribute
  // equals the login; exactly one must match. Then binds as that entry's DN
  // with `password`.
  Result<DirectoryPerson> Verify(const std::string& login, const std::string& password) override;

  // The filter that finds `login`: ldap-filter and-ed with the username (or
  // e-mail) attribute equal to the escaped login.
  std::string FilterFor(std::string_view login) const;

 private:
  LdapPasswordDirectory(LdapSearchSpec search, std::string username_attribute,
                        std::string email_attribute, std::string external_id_attribute);

  const LdapSearchSpec search_;
  const std::string username_attribute_;
  const std::string email_attribute_;        // empty when ldap-map has no email
  const std::string external_id_attribute_;  // empty when ldap-map has no external_id
};

}  // namespace atrium
