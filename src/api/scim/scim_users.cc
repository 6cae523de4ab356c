// SCIM Users (RFC 7644 §3): people, provisioned through DirectoryService.
//   GET    /scim/v2/Users?filter=&startIndex=&count=   ListResponse, in id order
//   POST   /scim/v2/Users                              201 + Location; 409 uniqueness
//   GET    /scim/v2/Users/:id
//   PUT    /scim/v2/Users/:id                          replace
//   PATCH  /scim/v2/Users/:id                          PatchOp; 200 with the User
//   DELETE /scim/v2/Users/:id                          DirectoryService::Remove; 204
// A person the directory removed answers 404 everywhere here.
//
// A PATCH is applied to the User document as GET shows it (scim_patch.h),
// read back like a PUT, and only the fields it changed go to Provision, so
// two PATCHes of different attributes never undo each other.
//
// Listing: a filter naming an indexed attribute with eq (id, userName,
// externalId, an e-mail; also inside and/or) reads just those people; any
// other filter, or none, walks every account in id order, 500 at a time —
// O(people) per request, fine for the periodic full imports IdPs make.
#include <algorithm>

#include "api/scim/scim.h"
#include "api/scim/scim_patch.h"
#include "api/scim/scim_user_resource.h"
#include "http/message.h"

namespace atrium::api::scim {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

constexpr int kScanBatch = 500;

Result<Account> LoadUser(ApiContext& ctx, const Request& req) {
  const std::string& text = req.PathParam("id");
  auto id = ParseId(text);
  auto a = id ? ctx.accounts.Get(*id) : Result<Account>(Status::NotFound());
  if (a.ok() && a->removed_at != 0) a = Status::NotFound();
  if (!a.ok() && a.status().code() == Code::kNotFound)
    return Status::NotFound("Record not found", "User " + text + " not found");
  return a;
}

json::object RenderUser(ApiContext& ctx, const Account& a, bool with_manager_name = true) {
  ManagerRef manager{a.manager_id, ""};
  if (a.manager_id != 0 && with_manager_name)
    if (auto m = ctx.social.accounts.Get(a.manager_id); m.ok())
      manager.display_name = (*m)->account.display_name;
  return UserResource(a, manager, ctx.settings.BaseUrl(),
                      Meta(ctx, "Users", a.id, a.created_at, a.updated_at));
}

// SCIM as the profile history names it: the request is its run.
std::string ScimSource(const Request& req) { return "scim request " + req.request_id; }

Response UserResponse(ApiContext& ctx, int status, const Account& a,
                      const Projection& projection = {}) {
  json::object doc = RenderUser(ctx, a);
  Project(doc, projection);
  Response r = ScimJson(status, doc);
  if (status == 201) r.Set("Location", ResourceUrl(ctx, "Users", a.id));
  return r;
}

// The username a User asks for must not belong to someone else. When it
// came from an e-mail-form userName, someone else holding that username is
// a different person (400 invalidValue naming userName), unless their
// e-mail is that address: then it is the same person (409).
Status CheckUserName(ApiContext& ctx, const UserInput& in, int64_t self) {
  if (!in.entry.username) return Status::Ok();
  auto other = ctx.accounts.FindByUsername(*in.entry.username);
  if (!other.ok()) return other.status().code() == Code::kNotFound ? Status::Ok() : other.status();
  if (other->id == self) return Status::Ok();
  if (in.user_name_is_email && !http::EqualsIgnoreCase(other->email, in.user_name) &&
      !http::EqualsIgnoreCase(other->email, in.entry.email.value_or("")))
    return Status::BadRequest("invalidValue",
                              "userName: " + in.user_name + " maps to the Atrium username " +
                                  *in.entry.username + ", which another person has");
  if (other->removed_at != 0)
    return Status::Conflict("userName " + *in.entry.username +
                            " belongs to a person the directory removed");
  return Status::Conflict("userName " + *in.entry.username + " is already taken");
}

// A SCIM manager is named by their SCIM id (RFC 7643 §4.3), which is their
// account id; DirectoryService would also read an external id or a
// username, which a SCIM client does not mean. Someone removed is no one.
Status CheckManager(ApiContext& ctx, const DirectoryEntry& e) {
  if (!e.manager || e.manager->empty()) return Status::Ok();
  auto id = ParseId(*e.manager);
  auto m = id ? ctx.accounts.Get(*id) : Result<Account>(Status::NotFound());
  if (m.ok() && m->removed_at == 0) return Status::Ok();
  if (!m.ok() && m.status().code() != Code::kNotFound) return m.status();
  return Status::BadRequest("invalidValue", "manager: there is no person with id " + *e.manager);
}

// `userName eq "jane@example.com"` also finds the person whose e-mail that
// is: a userName in e-mail form is read as its local part when a person is
// created, so the IdP's own userName may now be the e-mail.
Filter WidenUserNameFilter(Filter f) {
  for (Filter& c : f.children) c = WidenUserNameFilter(std::move(c));
  if (f.kind == Filter::Kind::kCompare && f.op == CompareOp::kEq && f.path.IsCore() &&
      f.path.sub.empty() && http::EqualsIgnoreCase(f.path.name, "userName") &&
      f.value.is_string() &&
      std::string_view(f.value.get_string()).find('@') != std::string_view::npos) {
    Filter by_email = Compare(AttrPath{"", "emails", "value"}, CompareOp::kEq, f.value);
    return Either(std::move(f), std::move(by_email));
  }
  return f;
}

// The ids a filter can only match, when an index gives them: eq on id,
// userName, externalId or an e-mail. nullopt: the filter needs a scan.
Result<std::optional<std::vector<int64_t>>> Candidates(ApiContext& ctx, const Filter& f) {
  using Ids = std::optional<std::vector<int64_t>>;
  switch (f.kind) {
    case Filter::Kind::kAnd: {
      auto left = Candidates(ctx, f.children[0]);
      if (!left.ok() || left->has_value()) return left;
      return Candidates(ctx, f.children[1]);
    }
    case Filter::Kind::kOr: {
      auto left = Candidates(ctx, f.children[0]);
      if (!left.ok() || !left->has_value()) return left;
      auto right = Candidates(ctx, f.children[1]);
      if (!right.ok() || !right->has_value()) return right;
      std::vector<int64_t> both = std::move(**left);
      both.insert(both.end(), (*right)->begin(), (*right)->end());
      return Ids(std::move(both));
    }
    case Filter::Kind::kValuePath:
      // emails[…].value eq "x"
      if (f.children.size() == 2 && f.path.IsCore() &&
          http::EqualsIgnoreCase(f.path.name, "emails") &&
          f.children[1].kind == Filter::Kind::kCompare &&
          http::EqualsIgnoreCase(f.children[1].path.name, "value")) {
        Filter as_compare =
            Compare(AttrPath{"", "emails", "value"}, f.children[1].op, f.children[1].value);
        return Candidates(ctx, as_compare);
      }
      return Ids();
    case Filter::Kind::kCompare:
      break;
    default:
      return Ids();
  }
  if (f.op != CompareOp::kEq || !f.value.is_string() || !f.path.IsCore()) return Ids();
  std::string value(f.value.get_string());
  const std::string& name = f.path.name;
  Result<Account> found = Status::NotFound();
  if (http::EqualsIgnoreCase(name, "id") && f.path.sub.empty()) {
    auto id = ParseId(value);
    if (id) found = ctx.accounts.Get(*id);
  } else if (http::EqualsIgnoreCase(name, "userName") && f.path.sub.empty()) {
    found = ctx.accounts.FindByUsername(value);
  } else if (http::EqualsIgnoreCase(name, "externalId") && f.path.sub.empty()) {
    found = ctx.directory.FindByExternalId(value);
  } else if (http::EqualsIgnoreCase(name, "emails") &&
             (f.path.sub.empty() || http::EqualsIgnoreCase(f.path.sub, "value"))) {
    found = ctx.accounts.FindByEmail(value);
  } else {
    return Ids();
  }
  if (found.ok()) return Ids(std::vector<int64_t>{found->id});
  if (found.status().code() == Code::kNotFound) return Ids(std::vector<int64_t>{});
  return found.status();
}

Response ListUsers(ApiContext& ctx, Request& req) {
  auto query = ReadListQuery(req);
  if (!query.ok()) return ScimError(query.status());
  std::optional<Filter> filter;
  if (query->filter) filter = WidenUserNameFilter(*query->filter);

  PageWindow window(*query);
  json::array page;
  // Counts `a` if it is listed and matches; renders it if it falls on the page.
  auto consider = [&](const Account& a) {
    if (a.removed_at != 0) return;
    if (filter && !Matches(*filter, RenderUser(ctx, a, /*with_manager_name=*/false))) return;
    if (!window.Take()) return;
    json::object doc = RenderUser(ctx, a);
    Project(doc, query->projection);
    page.emplace_back(std::move(doc));
  };

  Result<std::optional<std::vector<int64_t>>> candidates = std::optional<std::vector<int64_t>>();
  if (filter) candidates = Candidates(ctx, *filter);
  if (!candidates.ok()) return ScimError(candidates.status());
  if (candidates->has_value()) {
    std::vector<int64_t> ids = std::move(**candidates);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    for (int64_t id : ids) {
      auto a = ctx.accounts.Get(id);
      if (a.ok()) consider(*a);
    }
  } else {
    for (int64_t after = 0;;) {
      auto batch = ctx.accounts.List(after, kScanBatch);
      if (!batch.ok()) return ScimError(batch.status());
      for (const Account& a : *batch) consider(a);
      if (batch->size() < static_cast<size_t>(kScanBatch)) break;
      after = batch->back().id;
    }
  }
  return ListResponse(window.seen, *query, std::move(page));
}

Response CreateUser(ApiContext& ctx, Request& req) {
  auto body = ReadBody(req);
  if (!body.ok()) return ScimError(body.status());
  auto input = ReadUser(*body);
  if (!input.ok()) return ScimError(input.status());
  if (Status s = CheckUserName(ctx, *input, 0); !s.ok()) return ScimError(s);
  if (Status s = CheckManager(ctx, input->entry); !s.ok()) return ScimError(s);
  if (!input->entry.external_id.empty()) {
    auto other = ctx.directory.FindByExternalId(input->entry.external_id);
    if (other.ok())
      return ScimError(
          Status::Conflict("externalId " + input->entry.external_id + " is already taken"));
  }
  input->entry.source = ScimSource(req);
  auto made = ctx.directory.Provision(input->entry, 0);
  if (!made.ok()) return ScimError(made.status());
  // Someone else created the person between the checks and Provision.
  if (!made->created)
    return ScimError(Status::Conflict("userName " + input->user_name + " is already taken"));
  return UserResponse(ctx, 201, made->account);
}

Response GetUser(ApiContext& ctx, Request& req) {
  auto a = LoadUser(ctx, req);
  if (!a.ok()) return ScimError(a.status());
  auto projection = ReadProjection(req);
  if (!projection.ok()) return ScimError(projection.status());
  return UserResponse(ctx, 200, *a, *projection);
}

Response ReplaceUser(ApiContext& ctx, Request& req) {
  auto a = LoadUser(ctx, req);
  if (!a.ok()) return ScimError(a.status());
  auto body = ReadBody(req);
  if (!body.ok()) return ScimError(body.status());
  if (Status s = CheckIdUnchanged(*body, a->id); !s.ok()) return ScimError(s);
  auto input = ReadUser(*body);
  if (!input.ok()) return ScimError(input.status());
  if (Status s = CheckUserName(ctx, *input, a->id); !s.ok()) return ScimError(s);
  if (Status s = CheckManager(ctx, input->entry); !s.ok()) return ScimError(s);
  input->entry.source = ScimSource(req);
  auto updated = ctx.directory.Provision(input->entry, a->id);
  if (!updated.ok()) return ScimError(updated.status());
  return UserResponse(ctx, 200, updated->account);
}

Response PatchUser(ApiContext& ctx, Request& req) {
  auto a = LoadUser(ctx, req);
  if (!a.ok()) return ScimError(a.status());
  auto body = ReadBody(req);
  if (!body.ok()) return ScimError(body.status());
  json::object doc = RenderUser(ctx, *a);
  auto before = ReadUser(doc);
  if (Status s = ApplyPatch(doc, *body); !s.ok()) return ScimError(s);
  if (Status s = CheckIdUnchanged(doc, a->id); !s.ok()) return ScimError(s);
  auto after = ReadUser(doc);
  if (!after.ok()) return ScimError(after.status());
  if (before.ok()) after->entry = ChangedFields(before->entry, after->entry);
  if (Status s = CheckUserName(ctx, *after, a->id); !s.ok()) return ScimError(s);
  if (Status s = CheckManager(ctx, after->entry); !s.ok()) return ScimError(s);
  after->entry.source = ScimSource(req);
  auto updated = ctx.directory.Provision(after->entry, a->id);
  if (!updated.ok()) return ScimError(updated.status());
  return UserResponse(ctx, 200, updated->account);
}

Response DeleteUser(ApiContext& ctx, Request& req) {
  auto a = LoadUser(ctx, req);
  if (!a.ok()) return ScimError(a.status());
  if (Status s = ctx.directory.Remove(a->id); !s.ok()) return ScimError(s);
  Response r;
  r.status = 204;
  return r;
}

}  // namespace

void RegisterScimUserRoutes(http::Router& router, ApiContext& ctx) {
  const std::string users = std::string(kScimPath) + "/Users";
  AddScimRoute(router, ctx, "GET", users, ListUsers);
  AddScimRoute(router, ctx, "POST", users, CreateUser);
  AddScimRoute(router, ctx, "GET", users + "/:id", GetUser);
  AddScimRoute(router, ctx, "PUT", users + "/:id", ReplaceUser);
  AddScimRoute(router, ctx, "PATCH", users + "/:id", PatchUser);
  AddScimRoute(router, ctx, "DELETE", users + "/:id", DeleteUser);
}

}  // namespace atrium::api::scim
