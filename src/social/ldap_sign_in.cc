#include "social/ldap_sign_in.h"

#include <fmt/format.h>

namespace atrium {

std::string EscapeLdapFilterValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    switch (c) {
      case '*':
      case '(':
      case ')':
      case '\\':
      case '\0':
        out += fmt::format("\\{:02x}", static_cast<unsigned char>(c));
        break;
      default:
        out += c;
    }
  }
  return out;
}

Result<std::unique_ptr<LdapPasswordDirectory>> LdapPasswordDirectory::FromSettings(
    const Settings& settings) {
  auto map = ParseLdapAttributeMap(settings.ldap_map);
  if (!map.ok()) return map.status();
  auto search = LdapSearchFromSettings(settings);
  if (!search.ok()) return search.status();
  std::string username, email, external_id;
  for (const auto& f : map->fields) {
    if (f.column == "username") username = f.attribute;
    if (f.column == "email") email = f.attribute;
    if (f.column == "external_id") external_id = f.attribute;
  }
  // Two entries for one login are refused; more need not be read.
  search->page_size = 2;
  return std::unique_ptr<LdapPasswordDirectory>(new LdapPasswordDirectory(
      std::move(search).value(), std::move(username), std::move(email), std::move(external_id)));
}

LdapPasswordDirectory::LdapPasswordDirectory(LdapSearchSpec search, std::string username_attribute,
                                             std::string email_attribute,
                                             std::string external_id_attribute)
    : search_(std::move(search)),
      username_attribute_(std::move(username_attribute)),
      email_attribute_(std::move(email_attribute)),
      external_id_attribute_(std::move(external_id_attribute)) {}

std::string LdapPasswordDirectory::FilterFor(std::string_view login) const {
  const std::string value = EscapeLdapFilterValue(login);
  std::string names = "(" + username_attribute_ + "=" + value + ")";
  if (!email_attribute_.empty() && login.find('@') != std::string_view::npos)
    names = "(|" + names + "(" + email_attribute_ + "=" + value + "))";
  return "(&" + search_.filter + names + ")";
}

Result<DirectoryPerson> LdapPasswordDirectory::Verify(const std::string& login,
                                                      const std::string& password) {
  if (login.empty()) return Status::Unauthorized("no login was given");
  // Never sent: with a DN, it would be an unauthenticated bind.
  if (password.empty()) return Status::Unauthorized("the password is empty");
  LdapSearchSpec search = search_;
  search.filter = FilterFor(login);
  std::vector<std::string> attributes = {username_attribute_};
  if (!external_id_attribute_.empty()) attributes.push_back(external_id_attribute_);
  auto entries = SearchLdap(search, attributes);
  if (!entries.ok()) {
    const Status& s = entries.status();
    return Status::Unavailable("the directory search failed: " + s.ToString());
  }
  if (entries->empty()) return Status::Unauthorized("the directory has no entry for this login");
  if (entries->size() > 1)
    return Status::Unauthorized("the directory has several entries for this login");
  const LdapEntry& entry = entries->front();
  DirectoryPerson person;
  if (const auto* v = entry.Values(username_attribute_)) person.username = v->front();
  if (person.username.empty())
    return Status::Unauthorized("the directory entry " + entry.dn + " has no " +
                                username_attribute_ + " (the username)");
  if (!external_id_attribute_.empty())
    if (const auto* v = entry.Values(external_id_attribute_)) person.external_id = v->front();
  Status bound = CheckLdapBind(search_.url, entry.dn, password);
  if (bound.code() == Code::kUnavailable) return bound;
  if (!bound.ok())
    return Status::Unauthorized("the directory refused the password of " + entry.dn + ": " +
                                bound.ToString());
  return person;
}

}  // namespace atrium
