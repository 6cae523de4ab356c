#include "api/scim/scim.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>

#include "api/authenticate.h"
#include "api/routes.h"
#include "base/clock.h"
#include "base/json_writer.h"
#include "http/params.h"

namespace atrium::api::scim {
namespace {

namespace json = boost::json;

bool IsScimErrorType(std::string_view type) {
  static constexpr std::string_view kTypes[] = {
      "invalidFilter", "tooMany",  "uniqueness",   "mutability",  "invalidSyntax",
      "invalidPath",   "noTarget", "invalidValue", "invalidVers", "sensitive"};
  return std::find(std::begin(kTypes), std::end(kTypes), type) != std::end(kTypes);
}

http::Response ErrorBody(int status, std::string_view scim_type, std::string_view detail) {
  json::object body;
  body["schemas"] = json::array{kErrorSchema};
  body["status"] = std::to_string(status);
  if (!scim_type.empty()) body["scimType"] = scim_type;
  if (!detail.empty()) body["detail"] = detail;
  return ScimJson(status, body);
}

// A comma-separated list of attribute paths.
Result<std::vector<AttrPath>> ReadAttributeList(const http::Params& params, const char* name) {
  std::vector<AttrPath> out;
  auto text = params.Get(name);
  if (!text) return out;
  std::string_view rest = *text;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) {
      auto path = ParseAttrPath(item);
      if (!path)
        return Status::BadRequest("invalidValue", std::string(name) + ": \"" + std::string(item) +
                                                      "\" is not an attribute");
      out.push_back(std::move(*path));
    }
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return out;
}

// An integer query parameter; `fallback` if absent.
Result<int64_t> IntParam(const http::Params& params, const char* name, int64_t fallback) {
  auto text = params.Get(name);
  if (!text || text->empty()) return fallback;
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || end != text->data() + text->size())
    return Status::BadRequest("invalidValue", std::string(name) + " must be an integer");
  return v;
}

// The key of `resource` that path `p` selects at the top level: the core
// attribute's name, or the extension's URN.
std::string TopLevelKey(const AttrPath& p) { return p.IsCore() ? p.name : p.urn; }

bool IsAlwaysReturned(std::string_view key) {
  return http::EqualsIgnoreCase(key, "id") || http::EqualsIgnoreCase(key, "schemas");
}

Result<http::Params> QueryParams(const http::Request& request) {
  auto params = http::Params::ParseForm(request.query);
  if (!params.ok()) return Status::BadRequest("invalidValue", params.status().ToString());
  return params;
}

Result<Projection> ProjectionOf(const http::Params& params) {
  Projection p;
  auto attributes = ReadAttributeList(params, "attributes");
  if (!attributes.ok()) return attributes.status();
  auto excluded = ReadAttributeList(params, "excludedAttributes");
  if (!excluded.ok()) return excluded.status();
  p.attributes = std::move(attributes).value();
  p.excluded = std::move(excluded).value();
  return p;
}

}  // namespace

http::Response ScimJson(int status, const json::value& body) {
  http::Response r;
  r.status = status;
  r.body = json::serialize(body);
  r.Set("Content-Type", std::string(kScimMediaType));
  return r;
}

http::Response ScimError(const Status& status) {
  std::string detail = status.description().empty() ? status.error() : status.description();
  switch (status.code()) {
    case Code::kBadRequest:
      if (IsScimErrorType(status.error()))
        return ErrorBody(400, status.error(), status.description());
      return ErrorBody(400, "invalidValue", status.ToString());
    case Code::kUnprocessable:
      return ErrorBody(400, "invalidValue", detail);
    case Code::kConflict:
      return ErrorBody(409, "uniqueness", detail);
    case Code::kUnauthorized: {
      http::Response r = ErrorBody(401, "", detail);
      r.Set("WWW-Authenticate", "Bearer realm=\"Atrium SCIM\"");
      return r;
    }
    case Code::kNotFound:
      return ErrorBody(404, "",
                       status.description().empty() ? "Resource not found" : status.description());
    default:
      return ErrorBody(status.http_status(), "", detail);
  }
}

std::string ResourceUrl(const ApiContext& ctx, std::string_view type, int64_t id) {
  return ctx.settings.BaseUrl() + std::string(kScimPath) + "/" + std::string(type) + "/" +
         std::to_string(id);
}

json::object Meta(const ApiContext& ctx, std::string_view type, int64_t id, int64_t created_at,
                  int64_t updated_at) {
  json::object meta;
  meta["resourceType"] = type == "Users" ? "User" : "Group";
  meta["created"] = FormatIso8601(created_at);
  meta["lastModified"] = FormatIso8601(std::max(updated_at, created_at));
  meta["location"] = ResourceUrl(ctx, type, id);
  return meta;
}

namespace {

// "scim.user.create", "scim.group.delete", …: the audit action of a SCIM
// request that changes something, by method and resource; "" for a read.
std::string ScimAuditAction(const http::Request& req) {
  static const std::map<std::string, std::string, std::less<>> kVerbs = {
      {"POST", "create"}, {"PUT", "replace"}, {"PATCH", "update"}, {"DELETE", "delete"}};
  auto verb = kVerbs.find(req.method);
  if (verb == kVerbs.end()) return "";
  const bool group = req.path.find("/Groups") != std::string::npos;
  return std::string("scim.") + (group ? "group." : "user.") + verb->second;
}

// The id of the resource a SCIM request changed: the path's, or for a
// creation the new resource's (in the response).
std::string ScimTargetId(const http::Request& req, const http::Response& res) {
  if (auto it = req.path_params.find("id"); it != req.path_params.end()) return it->second;
  boost::system::error_code ec;
  json::value v = json::parse(res.body, ec);
  if (ec || !v.is_object()) return "";
  const json::value* id = v.as_object().if_contains("id");
  return id && id->is_string() ? std::string(id->get_string()) : "";
}

}  // namespace

http::Handler ProtectScim(ApiContext& ctx, ScimHandler handler) {
  return [&ctx, handler = std::move(handler)](http::Request& req) {
    auto token = ctx.scim_tokens.Verify(BearerToken(req));
    if (!token.ok()) return ScimError(token.status());
    http::Response res = handler(req);
    // Every SCIM request that changed something is audited, its actor the
    // provisioning token (never its secret); the request's body is not kept
    // (it may carry a password).
    const std::string action = ScimAuditAction(req);
    if (!action.empty() && res.status >= 200 && res.status < 300) {
      const AuditActor by{0, fmt::format("scim-token {} ({})", token->id, token->description),
                          req.request_id};
      JsonWriter after;
      after.BeginObject().Field("status", static_cast<int64_t>(res.status)).EndObject();
      Status s = ctx.audit.Record(
          by, action, req.path.find("/Groups") != std::string::npos ? "group" : "account",
          ScimTargetId(req, res), "", after.Take());
      if (!s.ok()) return ScimError(s);
    }
    return res;
  };
}

void AddScimRoute(http::Router& router, ApiContext& ctx, const char* method,
                  const std::string& path, ScimRoute handler) {
  router.Add(method, path,
             ProtectScim(ctx, [&ctx, handler](http::Request& req) { return handler(ctx, req); }));
}

Status CheckIdUnchanged(const json::object& document, int64_t id) {
  const json::value* v = FindMember(document, "id");
  if (v == nullptr || (v->is_string() && v->get_string() == std::to_string(id)))
    return Status::Ok();
  return Status::BadRequest("mutability", "id is read-only");
}

Result<json::object> ReadBody(const http::Request& request) {
  std::string type = request.MediaType();
  if (!type.empty() && type != kScimMediaType && type != "application/json")
    return Status::BadRequest("invalidSyntax",
                              "the body must be application/scim+json or application/json");
  boost::system::error_code ec;
  json::value v = json::parse(request.body, ec);
  if (ec) return Status::BadRequest("invalidSyntax", "the body is not valid JSON: " + ec.message());
  if (!v.is_object()) return Status::BadRequest("invalidSyntax", "the body must be a JSON object");
  return std::move(v.as_object());
}

Result<std::string> StringMember(const json::object& object, std::string_view name) {
  const json::value* v = FindMember(object, name);
  if (v == nullptr || v->is_null()) return std::string();
  if (!v->is_string())
    return Status::BadRequest("invalidSyntax", std::string(name) + " must be a string");
  return std::string(v->get_string());
}

Result<Projection> ReadProjection(const http::Request& request) {
  auto params = QueryParams(request);
  if (!params.ok()) return params.status();
  return ProjectionOf(*params);
}

Result<ListQuery> ReadListQuery(const http::Request& request) {
  auto params = QueryParams(request);
  if (!params.ok()) return params.status();
  ListQuery q;
  if (auto text = params->Get("filter"); text && !text->empty()) {
    auto filter = ParseFilter(*text);
    if (!filter.ok()) return filter.status();
    q.filter = std::move(filter).value();
  }
  auto start = IntParam(*params, "startIndex", 1);
  if (!start.ok()) return start.status();
  auto count = IntParam(*params, "count", kDefaultCount);
  if (!count.ok()) return count.status();
  q.start_index = std::max<int64_t>(*start, 1);
  q.count = static_cast<int>(std::clamp<int64_t>(*count, 0, kMaxCount));
  auto projection = ProjectionOf(*params);
  if (!projection.ok()) return projection.status();
  q.projection = std::move(projection).value();
  return q;
}

void Project(json::object& resource, const Projection& projection) {
  if (!projection.attributes.empty()) {
    auto requested = [&](std::string_view key) {
      for (const AttrPath& p : projection.attributes)
        if (http::EqualsIgnoreCase(key, TopLevelKey(p))) return true;
      return false;
    };
    for (auto it = resource.begin(); it != resource.end();)
      it = IsAlwaysReturned(it->key()) || requested(it->key()) ? std::next(it) : resource.erase(it);
  }
  for (const AttrPath& p : projection.excluded) {
    json::object* base = &resource;
    if (!p.IsCore()) {
      json::value* ext = FindMember(resource, p.urn);
      if (ext == nullptr || !ext->is_object()) continue;
      if (p.name.empty()) {
        EraseMember(resource, p.urn);
        continue;
      }
      base = &ext->as_object();
    }
    if (p.sub.empty()) {
      if (base != &resource || !IsAlwaysReturned(p.name)) EraseMember(*base, p.name);
    } else if (json::value* parent = FindMember(*base, p.name);
               parent != nullptr && parent->is_object()) {
      EraseMember(parent->as_object(), p.sub);
    }
  }
}

http::Response ListResponse(int64_t total, const ListQuery& query, json::array resources) {
  json::object body;
  body["schemas"] = json::array{kListResponseSchema};
  body["totalResults"] = total;
  body["startIndex"] = query.start_index;
  body["itemsPerPage"] = resources.size();
  body["Resources"] = std::move(resources);
  return ScimJson(200, body);
}

}  // namespace atrium::api::scim

namespace atrium::api {

void RegisterScimRoutes(http::Router& router, ApiContext& ctx) {
  scim::RegisterScimMetaRoutes(router, ctx);
  scim::RegisterScimUserRoutes(router, ctx);
  scim::RegisterScimGroupRoutes(router, ctx);
}

}  // namespace atrium::api
