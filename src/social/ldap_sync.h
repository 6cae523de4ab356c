// LdapSync: people from an LDAP directory (`atrium sync-ldap`), read with one
// paged search and applied by DirectoryImport — the same checks, the same
// all-or-nothing rule, the same idempotence and the same counts as a CSV
// import, because the entries become the same columns and records.
//
// The search: ldap-url, a simple bind as ldap-bind-dn (anonymous when empty)
// with ldap-bind-password or the contents of ldap-bind-password-file,
// subtree under ldap-base, ldap-filter, 500 entries a page (the paged results
// control, RFC 2696), asking only for the attributes ldap-map names.
//
// ldap-map says which attribute fills which import column:
// `username=uid,email=mail,...`. An attribute that an entry lacks gives an
// empty cell (which clears the field, as in a CSV); of several values the
// first is taken. The `manager` attribute is a DN: it is resolved to the
// username of the entry with that DN among the entries of the same search,
// and an entry whose manager is not among them is a problem, as is an entry
// without the username attribute; problems name the entry's DN.
//
// Nothing is written until the whole search has been read and checked: a
// server that cannot be reached, refuses the bind or has no such base is an
// error Status and nothing changes.
//
// Not thread-safe: one sync at a time, from one thread.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/settings.h"
#include "base/status.h"
#include "social/directory_import.h"
#include "social/directory_service.h"
#include "store/store.h"

namespace atrium {

// Which directory attribute fills which import column, in the order given.
struct LdapAttributeMap {
  struct Field {
    std::string column;     // an import column, lower-case ("username", "email", ...)
    std::string attribute;  // as written ("departmentNumber")
  };
  std::vector<Field> fields;

  // The attributes to ask the server for, each once.
  std::vector<std::string> Attributes() const;
};

// Parses `column=attribute` pairs separated by commas (spaces around them
// ignored). Fails with 400 naming the pair on a pair without `=`, an empty
// side, a column DirectoryImport does not know or one given twice, or a map
// without `username`.
Result<LdapAttributeMap> ParseLdapAttributeMap(std::string_view text);

// One entry as a search returned it.
struct LdapEntry {
  std::string dn;
  std::vector<std::pair<std::string, std::vector<std::string>>> attributes;

  // The values of `attribute`, found in any letter case; nullptr when the
  // entry has none.
  const std::vector<std::string>* Values(std::string_view attribute) const;
};

// A DN in the form two spellings of the same DN share: ASCII lower-cased,
// without spaces around the separators (`,`, `+`, `=`). Escaped characters
// are kept as written.
std::string NormalizeDn(std::string_view dn);

// The entries as import records: a header of the map's columns (named
// "ldap-map" in problems) and one record per entry, named by its DN. Manager
// DNs become the managers' usernames. An entry without the username attribute
// is left out and reported; so is, for its subordinates, a manager DN that is
// not among the entries.
DirectoryRecords LdapEntriesToRecords(const LdapAttributeMap& map,
                                      const std::vector<LdapEntry>& entries);

// Where the directory is and how to search it.
struct LdapSearchSpec {
  std::string url;
  std::string bind_dn;
  std::string password;
  std::string base;
  std::string filter;
  int page_size = 500;
};

// The search the settings describe; the password is read from
// ldap-bind-password-file when given (one trailing newline dropped). Fails
// with 400 when ldap-url or ldap-base is missing, when both a password and a
// password file are given, or when the file cannot be read.
Result<LdapSearchSpec> LdapSearchFromSettings(const Settings& settings);

// Connects (LDAP v3), binds and reads every entry of the search, asking for
// `attributes`. Errors name what failed: the connection (503), the bind
// (401), the base (404), the filter (400) or the search (503).
Result<std::vector<LdapEntry>> SearchLdap(const LdapSearchSpec& search,
                                          const std::vector<std::string>& attributes);

// Binds to the server at `url` as `dn` with `password` (a simple bind) and
// unbinds: OK when the server accepts the credentials, 401 when it refuses
// them, 503 when it cannot be reached. An empty DN or password is refused
// with 401 before anything is sent: a simple bind with a DN and no password
// is an unauthenticated bind (RFC 4513, 5.1.2), which a server may accept.
Status CheckLdapBind(const std::string& url, const std::string& dn, const std::string& password);

class LdapSync {
 public:
  LdapSync(Store& store, DirectoryService& directory) : import_(store, directory) {}
  LdapSync(const LdapSync&) = delete;
  LdapSync& operator=(const LdapSync&) = delete;

  // Searches the directory the settings name and imports what it found.
  // An error Status when the settings are incomplete, the search fails
  // (nothing changed) or the store fails; otherwise the import's report,
  // whose problems name entries by DN.
  Result<DirectoryImportReport> Run(const Settings& settings,
                                    const DirectoryImportOptions& options);

 private:
  DirectoryImport import_;
};

}  // namespace atrium
