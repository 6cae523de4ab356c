// SCIM Groups (RFC 7643 §4.2): named groups of people, kept by the
// directory store. Members are people (Atrium account ids); groups cannot
// be members. A group's displayName is unique (case-insensitive).
//   GET    /scim/v2/Groups?filter=&startIndex=&count=   ListResponse, in id order
//   POST   /scim/v2/Groups                              201 + Location
//   GET    /scim/v2/Groups/:id
//   PUT    /scim/v2/Groups/:id                          replace
//   PATCH  /scim/v2/Groups/:id                          PatchOp; 204
//   DELETE /scim/v2/Groups/:id                          204
// `excludedAttributes=members` leaves the members out, as Entra ID asks.
//
// A PATCH is applied to the group's document (scim_patch.h) and the result
// stored whole, through GroupService::Change, which keeps concurrent changes
// (Entra ID sends member changes in batches) from losing one another's
// members.
#include <algorithm>
#include <cstdint>
#include <unordered_map>

#include "api/scim/scim.h"
#include "api/scim/scim_patch.h"
#include "base/clock.h"
#include "base/text.h"

namespace atrium::api::scim {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

constexpr int kScanBatch = 200;
constexpr size_t kMaxDisplayNameChars = 255;

Status InvalidValue(std::string detail) {
  return Status::BadRequest("invalidValue", std::move(detail));
}

json::object GroupResource(ApiContext& ctx, const GroupRecord& g, bool with_member_names = true) {
  json::object r;
  r["schemas"] = json::array{kGroupSchema};
  r["id"] = std::to_string(g.id);
  if (!g.external_id.empty()) r["externalId"] = g.external_id;
  r["displayName"] = g.display_name;
  std::unordered_map<int64_t, AccountPtr> people;
  if (with_member_names)
    if (auto found = ctx.social.accounts.GetMany(g.member_ids); found.ok())
      people = std::move(found).value();
  json::array members;
  for (int64_t id : g.member_ids) {
    json::object m{{"value", std::to_string(id)}, {"$ref", ResourceUrl(ctx, "Users", id)}};
    if (auto it = people.find(id); it != people.end())
      m["display"] = it->second->account.display_name;
    members.emplace_back(std::move(m));
  }
  r["members"] = std::move(members);
  r["meta"] = Meta(ctx, "Groups", g.id, g.created_at, g.updated_at);
  return r;
}

Result<int64_t> MemberId(const json::value& member) {
  if (!member.is_object())
    return Status::BadRequest("invalidSyntax", "members must be an array of objects");
  const json::object& m = member.get_object();
  auto type = StringMember(m, "type");
  if (type.ok() && http::EqualsIgnoreCase(*type, "Group"))
    return InvalidValue("members: groups cannot be members of groups");
  const json::value* v = FindMember(m, "value");
  std::string text;
  if (v != nullptr && v->is_string()) text = std::string(v->get_string());
  if (v != nullptr && (v->is_int64() || v->is_uint64())) text = json::serialize(*v);
  auto id = ParseId(text);
  if (!id)
    return InvalidValue("members: \"" + (v ? json::serialize(*v) : std::string("(no value)")) +
                        "\" is not a person's id");
  return *id;
}

// A Group document as the complete new state of a group.
Result<GroupInput> ReadGroup(const json::object& doc) {
  GroupInput in;
  auto name = StringMember(doc, "displayName");
  if (!name.ok()) return name.status();
  if (name->empty()) return InvalidValue("displayName is required");
  if (CountCodePoints(*name) > kMaxDisplayNameChars)
    return InvalidValue("displayName is longer than 255 characters");
  in.display_name = std::move(name).value();
  auto external_id = StringMember(doc, "externalId");
  if (!external_id.ok()) return external_id.status();
  in.external_id = std::move(external_id).value();
  const json::value* members = FindMember(doc, "members");
  if (members != nullptr && !members->is_null()) {
    if (!members->is_array())
      return Status::BadRequest("invalidSyntax", "members must be an array");
    for (const json::value& m : members->get_array()) {
      auto id = MemberId(m);
      if (!id.ok()) return id.status();
      if (std::find(in.member_ids.begin(), in.member_ids.end(), *id) == in.member_ids.end())
        in.member_ids.push_back(*id);
    }
  }
  return in;
}

Status GroupNotFound(const std::string& id_text) {
  return Status::NotFound("Record not found", "Group " + id_text + " not found");
}

Result<GroupRecord> LoadGroup(ApiContext& ctx, const Request& req) {
  const std::string& text = req.PathParam("id");
  auto id = ParseId(text);
  auto g = id ? ctx.groups.Get(*id) : Result<GroupRecord>(Status::NotFound());
  if (!g.ok() && g.status().code() == Code::kNotFound) return GroupNotFound(text);
  return g;
}

// Changes the group in :id by `edit` (GroupService::Change); 404 naming it
// if there is no such group.
Result<GroupRecord> ChangeGroup(ApiContext& ctx, const Request& req,
                                const std::function<Result<GroupInput>(const GroupRecord&)>& edit) {
  const std::string& text = req.PathParam("id");
  auto id = ParseId(text);
  if (!id) return GroupNotFound(text);
  bool found = false;
  auto g = ctx.groups.Change(*id, [&](const GroupRecord& current) {
    found = true;
    return edit(current);
  });
  if (!found && !g.ok() && g.status().code() == Code::kNotFound) return GroupNotFound(text);
  return g;
}

Response GroupResponse(ApiContext& ctx, int status, const GroupRecord& g,
                       const Projection& projection = {}) {
  json::object doc = GroupResource(ctx, g);
  Project(doc, projection);
  Response r = ScimJson(status, doc);
  if (status == 201) r.Set("Location", ResourceUrl(ctx, "Groups", g.id));
  return r;
}

// `displayName eq "x"`: what the store looks up by index.
std::optional<std::string> DisplayNameEquals(const std::optional<Filter>& f) {
  if (!f || f->kind != Filter::Kind::kCompare || f->op != CompareOp::kEq || !f->value.is_string() ||
      !f->path.IsCore() || !f->path.sub.empty() ||
      !http::EqualsIgnoreCase(f->path.name, "displayName"))
    return std::nullopt;
  return std::string(f->value.get_string());
}

Response ListGroups(ApiContext& ctx, Request& req) {
  auto query = ReadListQuery(req);
  if (!query.ok()) return ScimError(query.status());
  json::array page;
  auto add = [&](const GroupRecord& g) {
    json::object doc = GroupResource(ctx, g);
    Project(doc, query->projection);
    page.emplace_back(std::move(doc));
  };
  if (auto name = DisplayNameEquals(query->filter)) {
    auto total = ctx.groups.Count(*name);
    if (!total.ok()) return ScimError(total.status());
    auto rows =
        ctx.groups.List(*name, query->count,
                        static_cast<int>(std::min<int64_t>(query->start_index - 1, INT32_MAX)));
    if (!rows.ok()) return ScimError(rows.status());
    for (const GroupRecord& g : *rows) add(g);
    return ListResponse(*total, *query, std::move(page));
  }
  PageWindow window(*query);
  for (int offset = 0;; offset += kScanBatch) {
    auto batch = ctx.groups.List("", kScanBatch, offset);
    if (!batch.ok()) return ScimError(batch.status());
    for (const GroupRecord& g : *batch) {
      if (query->filter &&
          !Matches(*query->filter, GroupResource(ctx, g, /*with_member_names=*/false)))
        continue;
      if (window.Take()) add(g);
    }
    if (batch->size() < static_cast<size_t>(kScanBatch)) break;
  }
  return ListResponse(window.seen, *query, std::move(page));
}

Response CreateGroup(ApiContext& ctx, Request& req) {
  auto body = ReadBody(req);
  if (!body.ok()) return ScimError(body.status());
  auto in = ReadGroup(*body);
  if (!in.ok()) return ScimError(in.status());
  auto g = ctx.groups.Create(*in);
  if (!g.ok()) return ScimError(g.status());
  return GroupResponse(ctx, 201, *g);
}

Response GetGroup(ApiContext& ctx, Request& req) {
  auto g = LoadGroup(ctx, req);
  if (!g.ok()) return ScimError(g.status());
  auto projection = ReadProjection(req);
  if (!projection.ok()) return ScimError(projection.status());
  return GroupResponse(ctx, 200, *g, *projection);
}

Response ReplaceGroup(ApiContext& ctx, Request& req) {
  auto body = ReadBody(req);
  if (!body.ok()) return ScimError(body.status());
  auto g = ChangeGroup(ctx, req, [&](const GroupRecord& current) -> Result<GroupInput> {
    if (Status s = CheckIdUnchanged(*body, current.id); !s.ok()) return s;
    return ReadGroup(*body);
  });
  if (!g.ok()) return ScimError(g.status());
  return GroupResponse(ctx, 200, *g);
}

Response PatchGroup(ApiContext& ctx, Request& req) {
  auto body = ReadBody(req);
  if (!body.ok()) return ScimError(body.status());
  auto g = ChangeGroup(ctx, req, [&](const GroupRecord& current) -> Result<GroupInput> {
    json::object doc = GroupResource(ctx, current, /*with_member_names=*/false);
    if (Status s = ApplyPatch(doc, *body); !s.ok()) return s;
    if (Status s = CheckIdUnchanged(doc, current.id); !s.ok()) return s;
    return ReadGroup(doc);
  });
  if (!g.ok()) return ScimError(g.status());
  Response r;
  r.status = 204;
  return r;
}

Response DeleteGroup(ApiContext& ctx, Request& req) {
  const std::string& text = req.PathParam("id");
  auto id = ParseId(text);
  Status s = id ? ctx.groups.Delete(*id) : Status::NotFound();
  if (s.code() == Code::kNotFound) return ScimError(GroupNotFound(text));
  if (!s.ok()) return ScimError(s);
  Response r;
  r.status = 204;
  return r;
}

}  // namespace

void RegisterScimGroupRoutes(http::Router& router, ApiContext& ctx) {
  const std::string groups = std::string(kScimPath) + "/Groups";
  AddScimRoute(router, ctx, "GET", groups, ListGroups);
  AddScimRoute(router, ctx, "POST", groups, CreateGroup);
  AddScimRoute(router, ctx, "GET", groups + "/:id", GetGroup);
  AddScimRoute(router, ctx, "PUT", groups + "/:id", ReplaceGroup);
  AddScimRoute(router, ctx, "PATCH", groups + "/:id", PatchGroup);
  AddScimRoute(router, ctx, "DELETE", groups + "/:id", DeleteGroup);
}

}  // namespace atrium::api::scim
