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
// stored whole. The store replaces a group's members in one write, so
// writes to groups are serialized in this process to keep two concurrent
// PATCHes (Entra ID sends member changes in batches) from losing one
// another's members.
#include <algorithm>
#include <cstdint>
#include <mutex>
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

std::mutex& GroupWrites() {
  static std::mutex mu;
  return mu;
}

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

struct GroupInput {
  std::string display_name;
  std::string external_id;
  std::vector<int64_t> member_ids;
};

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

// Members being added must be people provisioning sees.
Status CheckNewMembers(ApiContext& ctx, const std::vector<int64_t>& members,
                       const std::vector<int64_t>& before) {
  for (int64_t id : members) {
    if (std::find(before.begin(), before.end(), id) != before.end()) continue;
    auto a = ctx.store.accounts().Get(id);
    if (a.ok() && a->removed_at == 0) continue;
    if (!a.ok() && a.status().code() != Code::kNotFound) return a.status();
    return InvalidValue("members: there is no person with id " + std::to_string(id));
  }
  return Status::Ok();
}

Status CheckNameFree(ApiContext& ctx, const std::string& name, int64_t self) {
  auto same = ctx.store.directory().Groups(name, 2, 0);
  if (!same.ok()) return same.status();
  for (const GroupRecord& g : *same)
    if (g.id != self) return Status::Conflict("A group named " + name + " already exists");
  return Status::Ok();
}

Result<GroupRecord> LoadGroup(ApiContext& ctx, const Request& req) {
  const std::string& text = req.PathParam("id");
  auto id = ParseId(text);
  auto g = id ? ctx.store.directory().GetGroup(*id) : Result<GroupRecord>(Status::NotFound());
  if (!g.ok() && g.status().code() == Code::kNotFound)
    return Status::NotFound("Record not found", "Group " + text + " not found");
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
    auto total = ctx.store.directory().CountGroups(*name);
    if (!total.ok()) return ScimError(total.status());
    auto rows = ctx.store.directory().Groups(
        *name, query->count,
        static_cast<int>(std::min<int64_t>(query->start_index - 1, INT32_MAX)));
    if (!rows.ok()) return ScimError(rows.status());
    for (const GroupRecord& g : *rows) add(g);
    return ListResponse(*total, *query, std::move(page));
  }
  PageWindow window(*query);
  for (int offset = 0;; offset += kScanBatch) {
    auto batch = ctx.store.directory().Groups("", kScanBatch, offset);
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
  std::lock_guard lock(GroupWrites());
  if (Status s = CheckNewMembers(ctx, in->member_ids, {}); !s.ok()) return ScimError(s);
  if (Status s = CheckNameFree(ctx, in->display_name, 0); !s.ok()) return ScimError(s);
  GroupRecord g;
  g.id = ctx.ids.Next();
  g.display_name = in->display_name;
  g.external_id = in->external_id;
  g.member_ids = in->member_ids;
  g.created_at = g.updated_at = NowMillis();
  if (Status s = ctx.store.directory().CreateGroup(g); !s.ok()) return ScimError(s);
  return GroupResponse(ctx, 201, g);
}

Response GetGroup(ApiContext& ctx, Request& req) {
  auto g = LoadGroup(ctx, req);
  if (!g.ok()) return ScimError(g.status());
  auto projection = ReadProjection(req);
  if (!projection.ok()) return ScimError(projection.status());
  return GroupResponse(ctx, 200, *g, *projection);
}

// Stores `in` as the new state of `g`.
Status SaveGroup(ApiContext& ctx, GroupRecord& g, const GroupInput& in) {
  if (Status s = CheckNewMembers(ctx, in.member_ids, g.member_ids); !s.ok()) return s;
  if (!http::EqualsIgnoreCase(in.display_name, g.display_name))
    if (Status s = CheckNameFree(ctx, in.display_name, g.id); !s.ok()) return s;
  g.display_name = in.display_name;
  g.external_id = in.external_id;
  g.member_ids = in.member_ids;
  g.updated_at = std::max(NowMillis(), g.updated_at + 1);
  return ctx.store.directory().UpdateGroup(g);
}

Response ReplaceGroup(ApiContext& ctx, Request& req) {
  auto body = ReadBody(req);
  if (!body.ok()) return ScimError(body.status());
  std::lock_guard lock(GroupWrites());
  auto g = LoadGroup(ctx, req);
  if (!g.ok()) return ScimError(g.status());
  if (Status s = CheckIdUnchanged(*body, g->id); !s.ok()) return ScimError(s);
  auto in = ReadGroup(*body);
  if (!in.ok()) return ScimError(in.status());
  if (Status s = SaveGroup(ctx, *g, *in); !s.ok()) return ScimError(s);
  return GroupResponse(ctx, 200, *g);
}

Response PatchGroup(ApiContext& ctx, Request& req) {
  auto body = ReadBody(req);
  if (!body.ok()) return ScimError(body.status());
  std::lock_guard lock(GroupWrites());
  auto g = LoadGroup(ctx, req);
  if (!g.ok()) return ScimError(g.status());
  json::object doc = GroupResource(ctx, *g, /*with_member_names=*/false);
  if (Status s = ApplyPatch(doc, *body); !s.ok()) return ScimError(s);
  if (Status s = CheckIdUnchanged(doc, g->id); !s.ok()) return ScimError(s);
  auto in = ReadGroup(doc);
  if (!in.ok()) return ScimError(in.status());
  if (Status s = SaveGroup(ctx, *g, *in); !s.ok()) return ScimError(s);
  Response r;
  r.status = 204;
  return r;
}

Response DeleteGroup(ApiContext& ctx, Request& req) {
  std::lock_guard lock(GroupWrites());
  auto g = LoadGroup(ctx, req);
  if (!g.ok()) return ScimError(g.status());
  if (Status s = ctx.store.directory().DeleteGroup(g->id); !s.ok()) return ScimError(s);
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
