// SCIM discovery (RFC 7644 §4): what this service provider supports.
//   GET /scim/v2/ServiceProviderConfig
//   GET /scim/v2/Schemas, /scim/v2/Schemas/:urn   User, Group, EnterpriseUser
//   GET /scim/v2/ResourceTypes, /scim/v2/ResourceTypes/:name
// Small static documents, written per request; they need a provisioning
// token like every other SCIM endpoint.
#include <string>
#include <vector>

#include "api/scim/scim.h"

namespace atrium::api::scim {
namespace {

namespace json = boost::json;

// One attribute definition (RFC 7643 §7).
struct AttributeDef {
  std::string_view name;
  std::string_view type = "string";
  std::string_view description;
  bool multi_valued = false;
  bool required = false;
  std::string_view mutability = "readWrite";
  std::string_view uniqueness = "none";
  bool case_exact = false;
  std::vector<AttributeDef> sub_attributes;
  std::vector<std::string_view> canonical_values;
  std::string_view returned = "default";
};

json::object Render(const AttributeDef& a) {
  json::object o;
  o["name"] = a.name;
  o["type"] = a.type;
  o["multiValued"] = a.multi_valued;
  o["description"] = a.description;
  o["required"] = a.required;
  if (a.type == "string" || a.type == "reference") o["caseExact"] = a.case_exact;
  o["mutability"] = a.mutability;
  o["returned"] = a.returned;
  o["uniqueness"] = a.uniqueness;
  if (a.type == "reference") o["referenceTypes"] = json::array{"User"};
  if (!a.canonical_values.empty()) {
    json::array values;
    for (std::string_view v : a.canonical_values) values.emplace_back(v);
    o["canonicalValues"] = std::move(values);
  }
  if (!a.sub_attributes.empty()) {
    json::array subs;
    for (const AttributeDef& s : a.sub_attributes) subs.emplace_back(Render(s));
    o["subAttributes"] = std::move(subs);
  }
  return o;
}

json::object Schema(const ApiContext& ctx, std::string_view id, std::string_view name,
                    std::string_view description, const std::vector<AttributeDef>& attributes) {
  json::object o;
  o["schemas"] = json::array{"urn:ietf:params:scim:schemas:core:2.0:Schema"};
  o["id"] = id;
  o["name"] = name;
  o["description"] = description;
  json::array list;
  for (const AttributeDef& a : attributes) list.emplace_back(Render(a));
  o["attributes"] = std::move(list);
  o["meta"] = json::object{{"resourceType", "Schema"},
                           {"location", ctx.settings.BaseUrl() + std::string(kScimPath) +
                                            "/Schemas/" + std::string(id)}};
  return o;
}

json::object UserSchema(const ApiContext& ctx) {
  AttributeDef value{.name = "value", .description = "The value"};
  AttributeDef type{
      .name = "type", .description = "Atrium keeps the work value", .canonical_values = {"work"}};
  AttributeDef primary{.name = "primary", .type = "boolean", .description = "The primary value"};
  return Schema(
      ctx, kUserSchema, "User", "A person of the organization",
      {
          {.name = "userName",
           .description = "The Atrium username (letters, digits, '_', '.', '-'; at most 30). An "
                          "e-mail address "
                          "is read as its local part, the address becoming the person's e-mail if "
                          "none is given.",
           .required = true,
           .uniqueness = "server"},
          {.name = "name",
           .type = "complex",
           .description = "Atrium keeps one display name; givenName and familyName make it when "
                          "displayName and "
                          "formatted are absent",
           .sub_attributes = {{.name = "formatted", .description = "The full name"},
                              {.name = "givenName", .description = "Given name"},
                              {.name = "familyName", .description = "Family name"}}},
          {.name = "displayName", .description = "The name shown to colleagues"},
          {.name = "title", .description = "Job title"},
          {.name = "active",
           .type = "boolean",
           .description = "false deactivates: sessions and tokens end at once"},
          {.name = "emails",
           .type = "complex",
           .description = "The primary (or work) address is the person's e-mail",
           .multi_valued = true,
           .sub_attributes = {value, type, primary}},
          {.name = "phoneNumbers",
           .type = "complex",
           .description = "The work (or primary) number is the person's phone",
           .multi_valued = true,
           .sub_attributes = {value, type, primary}},
          {.name = "addresses",
           .type = "complex",
           .description =
               "The work address's formatted value (or its locality) is the person's location",
           .multi_valued = true,
           .sub_attributes = {{.name = "formatted", .description = "The office"},
                              {.name = "locality", .description = "The city"},
                              type,
                              primary}},
      });
}

json::object EnterpriseUserSchema(const ApiContext& ctx) {
  return Schema(
      ctx, kEnterpriseUserSchema, "EnterpriseUser", "Enterprise attributes of a person",
      {
          {.name = "employeeNumber", .description = "Employee number"},
          {.name = "costCenter", .description = "Cost center"},
          {.name = "organization", .description = "Organization"},
          {.name = "division", .description = "Division"},
          {.name = "department", .description = "Department"},
          {.name = "manager",
           .type = "complex",
           .description = "The person's manager; may also be given as the manager's id alone",
           .sub_attributes =
               {{.name = "value", .description = "The manager's id"},
                {.name = "$ref", .type = "reference", .description = "The manager's URI"},
                {.name = "displayName",
                 .description = "The manager's display name",
                 .mutability = "readOnly"}}},
      });
}

json::object GroupSchema(const ApiContext& ctx) {
  return Schema(ctx, kGroupSchema, "Group", "A group of people",
                {
                    {.name = "displayName",
                     .description = "The group's name",
                     .required = true,
                     .uniqueness = "server"},
                    {.name = "members",
                     .type = "complex",
                     .description = "The people in the group (groups cannot be members)",
                     .multi_valued = true,
                     .sub_attributes = {{.name = "value",
                                         .description = "A person's id",
                                         .mutability = "immutable"},
                                        {.name = "$ref",
                                         .type = "reference",
                                         .description = "The person's URI",
                                         .mutability = "immutable"},
                                        {.name = "display",
                                         .description = "The person's display name",
                                         .mutability = "readOnly"}}},
                });
}

json::object ResourceType(const ApiContext& ctx, std::string_view name, std::string_view endpoint,
                          std::string_view schema, bool with_extension) {
  json::object o;
  o["schemas"] = json::array{"urn:ietf:params:scim:schemas:core:2.0:ResourceType"};
  o["id"] = name;
  o["name"] = name;
  o["endpoint"] = endpoint;
  o["description"] = name == "User" ? "People of the organization" : "Groups of people";
  o["schema"] = schema;
  if (with_extension)
    o["schemaExtensions"] =
        json::array{json::object{{"schema", kEnterpriseUserSchema}, {"required", false}}};
  o["meta"] = json::object{{"resourceType", "ResourceType"},
                           {"location", ctx.settings.BaseUrl() + std::string(kScimPath) +
                                            "/ResourceTypes/" + std::string(name)}};
  return o;
}

json::object ServiceProviderConfig(const ApiContext& ctx) {
  json::object o;
  o["schemas"] = json::array{"urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"};
  o["patch"] = json::object{{"supported", true}};
  o["bulk"] = json::object{{"supported", false}, {"maxOperations", 0}, {"maxPayloadSize", 0}};
  o["filter"] = json::object{{"supported", true}, {"maxResults", kMaxCount}};
  o["changePassword"] = json::object{{"supported", false}};
  o["sort"] = json::object{{"supported", false}};
  o["etag"] = json::object{{"supported", false}};
  o["authenticationSchemes"] = json::array{json::object{
      {"type", "oauthbearertoken"},
      {"name", "OAuth Bearer Token"},
      {"description",
       "A provisioning token from `atrium scim-token create` or POST /api/v1/admin/scim_tokens"},
      {"specUri", "https://www.rfc-editor.org/info/rfc6750"},
      {"primary", true}}};
  o["meta"] = json::object{
      {"resourceType", "ServiceProviderConfig"},
      {"location", ctx.settings.BaseUrl() + std::string(kScimPath) + "/ServiceProviderConfig"}};
  return o;
}

// A ListResponse of every item of a discovery list (no paging needed).
http::Response AllOf(std::vector<json::object> items) {
  json::array list;
  for (json::object& o : items) list.emplace_back(std::move(o));
  ListQuery q;
  q.count = static_cast<int>(list.size());
  const auto total = static_cast<int64_t>(list.size());
  return ListResponse(total, q, std::move(list));
}

// The item whose "id" is `id` (case-insensitive), or 404.
http::Response OneOf(std::vector<json::object> items, std::string_view id) {
  for (json::object& o : items)
    if (http::EqualsIgnoreCase(o["id"].as_string(), id)) return ScimJson(200, o);
  return ScimError(Status::NotFound("Record not found", "No such resource: " + std::string(id)));
}

}  // namespace

void RegisterScimMetaRoutes(http::Router& router, ApiContext& ctx) {
  const std::string base(kScimPath);
  auto schemas = [&ctx] {
    return std::vector<json::object>{UserSchema(ctx), GroupSchema(ctx), EnterpriseUserSchema(ctx)};
  };
  auto types = [&ctx] {
    return std::vector<json::object>{ResourceType(ctx, "User", "/Users", kUserSchema, true),
                                     ResourceType(ctx, "Group", "/Groups", kGroupSchema, false)};
  };
  router.Add("GET", base + "/ServiceProviderConfig", ProtectScim(ctx, [&ctx](http::Request&) {
               return ScimJson(200, ServiceProviderConfig(ctx));
             }));
  router.Add("GET", base + "/Schemas",
             ProtectScim(ctx, [schemas](http::Request&) { return AllOf(schemas()); }));
  router.Add("GET", base + "/Schemas/:id", ProtectScim(ctx, [schemas](http::Request& req) {
               return OneOf(schemas(), req.PathParam("id"));
             }));
  router.Add("GET", base + "/ResourceTypes",
             ProtectScim(ctx, [types](http::Request&) { return AllOf(types()); }));
  router.Add("GET", base + "/ResourceTypes/:id", ProtectScim(ctx, [types](http::Request& req) {
               return OneOf(types(), req.PathParam("id"));
             }));
}

}  // namespace atrium::api::scim
