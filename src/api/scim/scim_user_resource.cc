#include "api/scim/scim_user_resource.h"

#include "api/scim/scim.h"
#include "api/scim/scim_filter.h"
#include "base/text.h"
#include "social/account_service.h"

namespace atrium::api::scim {
namespace {

namespace json = boost::json;

Status Syntax(std::string detail) { return Status::BadRequest("invalidSyntax", std::move(detail)); }
Status InvalidValue(std::string detail) {
  return Status::BadRequest("invalidValue", std::move(detail));
}

// A boolean, or the strings "true"/"false" in any case (Entra ID).
Result<bool> ReadBool(const json::value& v, std::string_view name) {
  if (v.is_bool()) return v.get_bool();
  if (v.is_string()) {
    std::string s = AsciiLower(v.get_string());
    if (s == "true") return true;
    if (s == "false") return false;
  }
  return Syntax(std::string(name) + " must be true or false");
}

bool IsPrimary(const json::object& element) {
  const json::value* p = FindMember(element, "primary");
  if (p == nullptr) return false;
  auto b = ReadBool(*p, "primary");
  return b.ok() && *b;
}

bool HasType(const json::object& element, std::string_view type) {
  const json::value* t = FindMember(element, "type");
  return t != nullptr && t->is_string() && AsciiLower(t->get_string()) == type;
}

// The element of multi-valued attribute `name` that Atrium keeps: by the
// first of `order` ("primary", or a type) that some element has, else the
// first; null when there is none.
Result<const json::object*> PickElement(const json::object& doc, std::string_view name,
                                        std::initializer_list<std::string_view> order) {
  const json::value* v = FindMember(doc, name);
  if (v == nullptr || v->is_null()) return static_cast<const json::object*>(nullptr);
  if (!v->is_array()) return Syntax(std::string(name) + " must be an array");
  std::vector<const json::object*> elements;
  for (const json::value& e : v->get_array()) {
    if (!e.is_object()) return Syntax(std::string(name) + " must be an array of objects");
    elements.push_back(&e.get_object());
  }
  for (std::string_view want : order)
    for (const json::object* e : elements)
      if (want == "primary" ? IsPrimary(*e) : HasType(*e, want)) return e;
  return elements.empty() ? nullptr : elements.front();
}

// Sub-attribute `sub` of a picked element, "" if none.
Result<std::string> ElementString(const json::object* element, std::string_view name,
                                  std::string_view sub) {
  if (element == nullptr) return std::string();
  auto s = StringMember(*element, sub);
  if (!s.ok()) return Syntax(std::string(name) + "." + std::string(sub) + " must be a string");
  return s;
}

Status ReadUserName(const json::object& doc, UserInput& out) {
  const json::value* v = FindMember(doc, "userName");
  if (v == nullptr || v->is_null() || (v->is_string() && v->get_string().empty()))
    return InvalidValue("userName is required");
  if (!v->is_string()) return Syntax("userName must be a string");
  out.user_name = std::string(v->get_string());
  if (ValidateUsername(out.user_name).ok()) {
    out.entry.username = out.user_name;
    return Status::Ok();
  }
  size_t at = out.user_name.find('@');
  if (at != std::string::npos && ValidateEmail(out.user_name).ok()) {
    std::string local = out.user_name.substr(0, at);
    if (ValidateUsername(local).ok()) {
      out.entry.username = local;
      out.user_name_is_email = true;
      return Status::Ok();
    }
    return InvalidValue(
        "userName: \"" + local + "\", the part of " + out.user_name +
        " before '@', is not a valid Atrium username (1 to 30 letters, digits, '_', '.' or '-')");
  }
  return InvalidValue(
      "userName: \"" + out.user_name +
      "\" is not a valid Atrium username (1 to 30 letters, digits, '_', '.' or '-') nor an "
      "e-mail address");
}

Result<std::string> ReadDisplayName(const json::object& doc) {
  auto display = StringMember(doc, "displayName");
  if (!display.ok() || !display->empty()) return display;
  const json::value* name = FindMember(doc, "name");
  if (name == nullptr || name->is_null()) return std::string();
  if (!name->is_object()) return Syntax("name must be an object");
  const json::object& n = name->get_object();
  auto formatted = StringMember(n, "formatted");
  if (!formatted.ok() || !formatted->empty()) return formatted;
  auto given = StringMember(n, "givenName");
  if (!given.ok()) return given;
  auto family = StringMember(n, "familyName");
  if (!family.ok()) return family;
  if (given->empty()) return family;
  if (family->empty()) return given;
  return *given + " " + *family;
}

// The manager as a reference DirectoryService resolves: {"value": id}, a
// bare id, or null/absent/"" for none.
Result<std::string> ReadManager(const json::object& ext) {
  const json::value* m = FindMember(ext, "manager");
  if (m == nullptr || m->is_null()) return std::string();
  if (m->is_string()) return std::string(m->get_string());
  if (m->is_int64() || m->is_uint64()) return json::serialize(*m);
  if (!m->is_object()) return Syntax("manager must be an object with a value, or a manager's id");
  const json::value* v = FindMember(m->get_object(), "value");
  if (v == nullptr || v->is_null()) return std::string();
  if (v->is_string()) return std::string(v->get_string());
  if (v->is_int64() || v->is_uint64()) return json::serialize(*v);
  return Syntax("manager.value must be a string");
}

Status ReadEnterprise(const json::object& doc, DirectoryEntry& e) {
  const json::value* v = FindMember(doc, kEnterpriseUserSchema);
  static const json::object kNone;
  if (v != nullptr && !v->is_null() && !v->is_object())
    return Syntax(std::string(kEnterpriseUserSchema) + " must be an object");
  const json::object& ext = v != nullptr && v->is_object() ? v->get_object() : kNone;
  for (auto [field, name] : {std::pair{&e.employee_number, "employeeNumber"},
                             {&e.cost_center, "costCenter"},
                             {&e.organization, "organization"},
                             {&e.division, "division"},
                             {&e.department, "department"}}) {
    auto s = StringMember(ext, name);
    if (!s.ok()) return s.status();
    *field = std::move(s).value();
  }
  auto manager = ReadManager(ext);
  if (!manager.ok()) return manager.status();
  e.manager = std::move(manager).value();
  return Status::Ok();
}

template <typename T>
void KeepIfChanged(std::optional<T>& out, const std::optional<T>& before) {
  if (out == before) out.reset();
}

}  // namespace

json::object UserResource(const Account& a, const ManagerRef& manager, std::string_view base_url,
                          json::object meta) {
  const bool extended = !a.employee_number.empty() || !a.cost_center.empty() ||
                        !a.organization.empty() || !a.division.empty() || !a.department.empty() ||
                        a.manager_id != 0;
  json::object r;
  json::array schemas{kUserSchema};
  if (extended) schemas.emplace_back(kEnterpriseUserSchema);
  r["schemas"] = std::move(schemas);
  r["id"] = std::to_string(a.id);
  if (!a.external_id.empty()) r["externalId"] = a.external_id;
  r["userName"] = a.username;
  if (!a.display_name.empty()) {
    r["name"] = json::object{{"formatted", a.display_name}};
    r["displayName"] = a.display_name;
  }
  if (!a.title.empty()) r["title"] = a.title;
  r["active"] = a.active;
  if (!a.email.empty())
    r["emails"] =
        json::array{json::object{{"value", a.email}, {"type", "work"}, {"primary", true}}};
  if (!a.phone.empty())
    r["phoneNumbers"] =
        json::array{json::object{{"value", a.phone}, {"type", "work"}, {"primary", true}}};
  if (!a.location.empty())
    r["addresses"] =
        json::array{json::object{{"type", "work"}, {"formatted", a.location}, {"primary", true}}};
  if (extended) {
    json::object ext;
    for (auto [value, name] : {std::pair{&a.employee_number, "employeeNumber"},
                               {&a.cost_center, "costCenter"},
                               {&a.organization, "organization"},
                               {&a.division, "division"},
                               {&a.department, "department"}})
      if (!value->empty()) ext[name] = *value;
    if (a.manager_id != 0) {
      json::object m{{"value", std::to_string(a.manager_id)},
                     {"$ref", std::string(base_url) + std::string(kScimPath) + "/Users/" +
                                  std::to_string(a.manager_id)}};
      if (!manager.display_name.empty()) m["displayName"] = manager.display_name;
      ext["manager"] = std::move(m);
    }
    r[kEnterpriseUserSchema] = std::move(ext);
  }
  r["meta"] = std::move(meta);
  return r;
}

Result<UserInput> ReadUser(const json::object& doc) {
  UserInput out;
  DirectoryEntry& e = out.entry;
  if (Status s = ReadUserName(doc, out); !s.ok()) return s;
  auto external_id = StringMember(doc, "externalId");
  if (!external_id.ok()) return external_id.status();
  e.external_id = std::move(external_id).value();
  auto display = ReadDisplayName(doc);
  if (!display.ok()) return display.status();
  e.display_name = std::move(display).value();
  auto title = StringMember(doc, "title");
  if (!title.ok()) return title.status();
  e.title = std::move(title).value();

  auto email = PickElement(doc, "emails", {"primary", "work"});
  if (!email.ok()) return email.status();
  auto address = ElementString(*email, "emails", "value");
  if (!address.ok()) return address.status();
  e.email = address->empty() && out.user_name_is_email ? out.user_name : std::move(address).value();

  auto phone = PickElement(doc, "phoneNumbers", {"work", "primary"});
  if (!phone.ok()) return phone.status();
  auto number = ElementString(*phone, "phoneNumbers", "value");
  if (!number.ok()) return number.status();
  e.phone = std::move(number).value();

  auto place = PickElement(doc, "addresses", {"work", "primary"});
  if (!place.ok()) return place.status();
  auto formatted = ElementString(*place, "addresses", "formatted");
  if (!formatted.ok()) return formatted.status();
  auto locality = ElementString(*place, "addresses", "locality");
  if (!locality.ok()) return locality.status();
  e.location = formatted->empty() ? std::move(locality).value() : std::move(formatted).value();

  if (const json::value* active = FindMember(doc, "active");
      active != nullptr && !active->is_null()) {
    auto b = ReadBool(*active, "active");
    if (!b.ok()) return b.status();
    e.active = *b;
  }
  if (Status s = ReadEnterprise(doc, e); !s.ok()) return s;
  return out;
}

DirectoryEntry ChangedFields(const DirectoryEntry& before, const DirectoryEntry& after) {
  DirectoryEntry e = after;
  if (e.external_id == before.external_id) e.external_id.clear();
  KeepIfChanged(e.username, before.username);
  KeepIfChanged(e.email, before.email);
  KeepIfChanged(e.display_name, before.display_name);
  KeepIfChanged(e.title, before.title);
  KeepIfChanged(e.department, before.department);
  KeepIfChanged(e.location, before.location);
  KeepIfChanged(e.phone, before.phone);
  KeepIfChanged(e.employee_number, before.employee_number);
  KeepIfChanged(e.cost_center, before.cost_center);
  KeepIfChanged(e.organization, before.organization);
  KeepIfChanged(e.division, before.division);
  KeepIfChanged(e.manager, before.manager);
  KeepIfChanged(e.active, before.active);
  return e;
}

}  // namespace atrium::api::scim
