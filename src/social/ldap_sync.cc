#include "social/ldap_sync.h"

#include <ldap.h>
#include <sys/time.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <sstream>
#include <unordered_map>

#include "base/text.h"

namespace atrium {
namespace {

constexpr int kNetworkTimeoutSeconds = 10;
constexpr int kOperationTimeoutSeconds = 120;

// The connection, unbound when it goes.
struct LdapCloser {
  void operator()(LDAP* ld) const { ldap_unbind_ext_s(ld, nullptr, nullptr); }
};
using LdapHandle = std::unique_ptr<LDAP, LdapCloser>;

struct MessageFreer {
  void operator()(LDAPMessage* m) const { ldap_msgfree(m); }
};
using LdapResult = std::unique_ptr<LDAPMessage, MessageFreer>;

std::string LdapError(int rc) { return ldap_err2string(rc); }

// The diagnostic text the server sent with its last answer, if any.
std::string Diagnostic(LDAP* ld) {
  char* text = nullptr;
  ldap_get_option(ld, LDAP_OPT_DIAGNOSTIC_MESSAGE, &text);
  std::string out = text ? text : "";
  ldap_memfree(text);
  return out.empty() ? "" : " (" + out + ")";
}

bool IsConnectionError(int rc) {
  return rc == LDAP_SERVER_DOWN || rc == LDAP_CONNECT_ERROR || rc == LDAP_TIMEOUT;
}

Result<LdapHandle> Connect(const LdapSearchSpec& search) {
  LDAP* raw = nullptr;
  if (int rc = ldap_initialize(&raw, search.url.c_str()); rc != LDAP_SUCCESS)
    return Status::BadRequest("ldap-url " + search.url + " is not an LDAP URL: " + LdapError(rc));
  LdapHandle ld(raw);
  const int version = LDAP_VERSION3;
  ldap_set_option(ld.get(), LDAP_OPT_PROTOCOL_VERSION, &version);
  ldap_set_option(ld.get(), LDAP_OPT_REFERRALS, LDAP_OPT_OFF);
  const timeval network_timeout{kNetworkTimeoutSeconds, 0};
  ldap_set_option(ld.get(), LDAP_OPT_NETWORK_TIMEOUT, &network_timeout);
  const timeval timeout{kOperationTimeoutSeconds, 0};
  ldap_set_option(ld.get(), LDAP_OPT_TIMEOUT, &timeout);

  berval password{static_cast<ber_len_t>(search.password.size()),
                  const_cast<char*>(search.password.data())};
  const int rc = ldap_sasl_bind_s(ld.get(), search.bind_dn.c_str(), LDAP_SASL_SIMPLE, &password,
                                  nullptr, nullptr, nullptr);
  const std::string as = search.bind_dn.empty() ? "anonymously" : "as " + search.bind_dn;
  if (IsConnectionError(rc))
    return Status::Unavailable("cannot connect to the LDAP server at " + search.url + ": " +
                               LdapError(rc));
  if (rc == LDAP_INVALID_CREDENTIALS)
    return Status::Unauthorized("the LDAP server at " + search.url + " refused the bind " + as +
                                ": wrong DN or password (" + LdapError(rc) + ")");
  if (rc != LDAP_SUCCESS)
    return Status::Unauthorized("binding to the LDAP server at " + search.url + " " + as +
                                " failed: " + LdapError(rc) + Diagnostic(ld.get()));
  return ld;
}

// Appends the entries of one page of results.
void ReadEntries(LDAP* ld, LDAPMessage* result, std::vector<LdapEntry>& out) {
  for (LDAPMessage* e = ldap_first_entry(ld, result); e; e = ldap_next_entry(ld, e)) {
    LdapEntry entry;
    if (char* dn = ldap_get_dn(ld, e)) {
      entry.dn = dn;
      ldap_memfree(dn);
    }
    BerElement* ber = nullptr;
    for (char* a = ldap_first_attribute(ld, e, &ber); a; a = ldap_next_attribute(ld, e, ber)) {
      std::vector<std::string> values;
      if (berval** v = ldap_get_values_len(ld, e, a)) {
        for (berval** p = v; *p; ++p) values.emplace_back((*p)->bv_val, (*p)->bv_len);
        ldap_value_free_len(v);
      }
      entry.attributes.emplace_back(a, std::move(values));
      ldap_memfree(a);
    }
    if (ber) ber_free(ber, 0);
    out.push_back(std::move(entry));
  }
}

}  // namespace

std::vector<std::string> LdapAttributeMap::Attributes() const {
  std::vector<std::string> out;
  for (const Field& f : fields)
    if (std::none_of(out.begin(), out.end(),
                     [&](const std::string& a) { return EqualsIgnoreCase(a, f.attribute); }))
      out.push_back(f.attribute);
  return out;
}

Result<LdapAttributeMap> ParseLdapAttributeMap(std::string_view text) {
  LdapAttributeMap map;
  auto fail = [](const std::string& why) {
    return Status::BadRequest("ldap-map: " + why +
                              " (expected column=attribute pairs separated by commas, e.g. "
                              "username=uid,email=mail)");
  };
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    const std::string pair(Trim(text.substr(start, comma - start)));
    start = comma + 1;
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    if (eq == std::string::npos) return fail("'" + pair + "' has no '='");
    LdapAttributeMap::Field field{AsciiLower(Trim(std::string_view(pair).substr(0, eq))),
                                  std::string(Trim(std::string_view(pair).substr(eq + 1)))};
    if (field.column.empty() || field.attribute.empty())
      return fail("'" + pair + "' needs a column and an attribute");
    if (!IsDirectoryColumn(field.column)) return fail("'" + field.column + "' is not a column");
    if (field.column == "name") field.column = "display_name";
    for (const auto& f : map.fields)
      if (f.column == field.column) return fail("column '" + field.column + "' is given twice");
    map.fields.push_back(std::move(field));
  }
  if (std::none_of(map.fields.begin(), map.fields.end(),
                   [](const LdapAttributeMap::Field& f) { return f.column == "username"; }))
    return fail("it must map username");
  return map;
}

const std::vector<std::string>* LdapEntry::Values(std::string_view attribute) const {
  for (const auto& [name, values] : attributes)
    if (EqualsIgnoreCase(name, attribute)) return values.empty() ? nullptr : &values;
  return nullptr;
}

std::string NormalizeDn(std::string_view dn) {
  std::string out;
  out.reserve(dn.size());
  auto is_separator = [](char c) { return c == ',' || c == '+' || c == '='; };
  for (size_t i = 0; i < dn.size(); ++i) {
    const char c = dn[i];
    if (c == '\\' && i + 1 < dn.size()) {  // an escaped character is part of the value
      out += c;
      out += dn[++i];
      continue;
    }
    if (c == ' ') {
      // Drop spaces after a separator or at the start, and before a separator or the end.
      if (out.empty() ||
          (is_separator(out.back()) && (out.size() < 2 || out[out.size() - 2] != '\\')))
        continue;
      size_t next = dn.find_first_not_of(' ', i);
      if (next == std::string_view::npos || is_separator(dn[next])) {
        i = (next == std::string_view::npos ? dn.size() : next) - 1;
        continue;
      }
    }
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

DirectoryRecords LdapEntriesToRecords(const LdapAttributeMap& map,
                                      const std::vector<LdapEntry>& entries) {
  DirectoryRecords records;
  records.header.line = 1;
  records.header.name = "ldap-map";
  std::string username_attribute;
  for (const auto& f : map.fields) {
    records.header.fields.push_back(f.column);
    if (f.column == "username") username_attribute = f.attribute;
  }
  auto first = [](const LdapEntry& e, const std::string& attribute) {
    const std::vector<std::string>* v = e.Values(attribute);
    return v ? v->front() : std::string();
  };

  std::unordered_map<std::string, const LdapEntry*> entry_of_dn;  // normalized DN
  for (const LdapEntry& e : entries) entry_of_dn.emplace(NormalizeDn(e.dn), &e);

  int line = 1;
  for (const LdapEntry& e : entries) {
    ++line;
    if (first(e, username_attribute).empty()) {
      records.problems.push_back(
          {line, "has no " + username_attribute + " (the username); every person needs one", e.dn});
      continue;
    }
    CsvRecord record;
    record.line = line;
    record.name = e.dn;
    for (const auto& f : map.fields) {
      std::string value = first(e, f.attribute);
      if (f.column == "manager" && !value.empty()) {
        auto it = entry_of_dn.find(NormalizeDn(value));
        if (it == entry_of_dn.end()) {
          records.problems.push_back(
              {line, "manager " + value + " is not among the entries the search found", e.dn});
        } else if (std::string manager = first(*it->second, username_attribute); manager.empty()) {
          records.problems.push_back(
              {line, "manager " + value + " has no " + username_attribute + " (the username)",
               e.dn});
        } else {
          value = std::move(manager);
        }
      }
      record.fields.push_back(std::move(value));
    }
    records.rows.push_back(std::move(record));
  }
  return records;
}

Result<LdapSearchSpec> LdapSearchFromSettings(const Settings& settings) {
  LdapSearchSpec search;
  search.url = settings.ldap_url;
  search.bind_dn = settings.ldap_bind_dn;
  search.base = settings.ldap_base;
  search.filter = settings.ldap_filter;
  if (search.url.empty())
    return Status::BadRequest("ldap-url is not set (e.g. --ldap-url ldap://ldap.example.com)");
  if (search.base.empty())
    return Status::BadRequest(
        "ldap-base is not set (e.g. --ldap-base ou=people,dc=example,dc=com)");
  if (!settings.ldap_bind_password.empty() && !settings.ldap_bind_password_file.empty())
    return Status::BadRequest("give ldap-bind-password or ldap-bind-password-file, not both");
  search.password = settings.ldap_bind_password;
  if (!settings.ldap_bind_password_file.empty()) {
    std::ifstream in(settings.ldap_bind_password_file, std::ios::binary);
    std::stringstream text;
    if (in) text << in.rdbuf();
    if (!in || in.bad())
      return Status::BadRequest("cannot read ldap-bind-password-file " +
                                settings.ldap_bind_password_file);
    search.password = text.str();
    if (search.password.ends_with('\n')) search.password.pop_back();
    if (search.password.ends_with('\r')) search.password.pop_back();
  }
  return search;
}

Result<std::vector<LdapEntry>> SearchLdap(const LdapSearchSpec& search,
                                          const std::vector<std::string>& attributes) {
  auto connected = Connect(search);
  if (!connected.ok()) return connected.status();
  LDAP* ld = connected->get();

  std::vector<char*> attrs;
  for (const std::string& a : attributes) attrs.push_back(const_cast<char*>(a.c_str()));
  attrs.push_back(nullptr);

  std::vector<LdapEntry> entries;
  berval cookie{0, nullptr};
  for (;;) {
    LDAPControl* page = nullptr;
    int rc = ldap_create_page_control(ld, search.page_size, &cookie, /*iscritical=*/0, &page);
    ber_memfree(cookie.bv_val);
    cookie = {0, nullptr};
    if (rc != LDAP_SUCCESS)
      return Status::Internal("cannot make the paged results control: " + LdapError(rc));
    LDAPControl* server_controls[] = {page, nullptr};
    LDAPMessage* raw = nullptr;
    rc = ldap_search_ext_s(ld, search.base.c_str(), LDAP_SCOPE_SUBTREE, search.filter.c_str(),
                           attrs.data(), 0, server_controls, nullptr, nullptr, LDAP_NO_LIMIT, &raw);
    ldap_control_free(page);
    LdapResult result(raw);
    if (IsConnectionError(rc))
      return Status::Unavailable("lost the connection to the LDAP server at " + search.url + ": " +
                                 LdapError(rc));
    if (rc == LDAP_NO_SUCH_OBJECT)
      return Status::NotFound("the search base " + search.base +
                              " does not exist on the LDAP server (" + LdapError(rc) + ")");
    if (rc == LDAP_FILTER_ERROR)
      return Status::BadRequest("ldap-filter " + search.filter + " is not a valid filter (" +
                                LdapError(rc) + ")");
    if (rc != LDAP_SUCCESS)
      return Status::Unavailable("the LDAP search of " + search.base + " failed: " + LdapError(rc) +
                                 Diagnostic(ld));
    ReadEntries(ld, result.get(), entries);

    LDAPControl** returned = nullptr;
    int code = LDAP_SUCCESS;
    rc = ldap_parse_result(ld, result.get(), &code, nullptr, nullptr, nullptr, &returned, 0);
    if (rc != LDAP_SUCCESS)
      return Status::Unavailable("cannot read the LDAP server's answer: " + LdapError(rc));
    LDAPControl* response = ldap_control_find(LDAP_CONTROL_PAGEDRESULTS, returned, nullptr);
    ber_int_t estimate = 0;
    if (response) rc = ldap_parse_pageresponse_control(ld, response, &estimate, &cookie);
    ldap_controls_free(returned);
    // No control: the server does not page and sent everything at once.
    if (!response || rc != LDAP_SUCCESS || cookie.bv_len == 0) break;
  }
  ber_memfree(cookie.bv_val);
  return entries;
}

Status CheckLdapBind(const std::string& url, const std::string& dn, const std::string& password) {
  if (dn.empty() || password.empty())
    return Status::Unauthorized("an LDAP bind needs a DN and a password");
  LdapSearchSpec as_person;
  as_person.url = url;
  as_person.bind_dn = dn;
  as_person.password = password;
  auto connected = Connect(as_person);
  return connected.ok() ? Status::Ok() : connected.status();
}

Result<DirectoryImportReport> LdapSync::Run(const Settings& settings,
                                            const DirectoryImportOptions& options) {
  auto map = ParseLdapAttributeMap(settings.ldap_map);
  if (!map.ok()) return map.status();
  auto search = LdapSearchFromSettings(settings);
  if (!search.ok()) return search.status();
  auto entries = SearchLdap(*search, map->Attributes());
  if (!entries.ok()) return entries.status();
  return import_.Run(LdapEntriesToRecords(*map, *entries), options);
}

}  // namespace atrium
