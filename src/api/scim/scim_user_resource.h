// How a person looks as a SCIM User (RFC 7643 §4.1, with the enterprise
// extension of §4.3), and how a User document becomes a DirectoryEntry.
// One place for the mapping both ways:
//
//   id                 the account id (a string)
//   externalId         external_id
//   userName           username. An e-mail address ("jane.doe@example.com")
//                      is read as its local part ("jane.doe") when that is a
//                      valid username; the address becomes the e-mail unless
//                      emails gives one.
//   name               {formatted: display_name} on the way out. In: Atrium
//                      keeps only a display name, taken from displayName,
//                      else name.formatted, else "givenName familyName".
//   displayName        display_name
//   title              title
//   emails             the primary (else work, else first) value is email;
//                      out as [{value, type "work", primary true}]
//   phoneNumbers       the work (else primary, else first) value is phone
//   addresses          the work (else primary, else first) address's
//                      formatted value, else its locality, is location; out
//                      as [{type "work", formatted, primary true}]
//   active             active; also "True"/"False" as Entra ID sends it
//   enterprise         employeeNumber, costCenter, organization, division,
//                      department, manager {value, displayName, $ref}; the
//                      manager may come as a bare id.
//
// Pure functions of their arguments; thread-safe.
#pragma once

#include <boost/json.hpp>
#include <string>
#include <string_view>

#include "base/status.h"
#include "social/directory_service.h"
#include "store/records.h"

namespace atrium::api::scim {

// The manager shown in a User (id 0: none).
struct ManagerRef {
  int64_t id = 0;
  std::string display_name;
};

// The SCIM User for `account`; `meta` is put in as given.
boost::json::object UserResource(const Account& account, const ManagerRef& manager,
                                 std::string_view base_url, boost::json::object meta);

// A User document read as the complete new state of a person (PUT): every
// mapped field is set, an absent one to "" (cleared); `active` only when
// given. 400 invalidSyntax for a value of the wrong type, 400 invalidValue
// naming the attribute for an unusable one (no userName, a userName that
// cannot be a username).
struct UserInput {
  DirectoryEntry entry;
  std::string user_name;            // as sent
  bool user_name_is_email = false;  // entry.username is its local part
};
Result<UserInput> ReadUser(const boost::json::object& document);

// `after` with the fields that equal `before`'s left unset, so that an
// update touches only what changed (a PATCH, applied as a DirectoryEntry).
DirectoryEntry ChangedFields(const DirectoryEntry& before, const DirectoryEntry& after);

}  // namespace atrium::api::scim
