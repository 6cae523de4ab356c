// /api/v1/notifications and the grouped /api/v2/notifications; the
// notification policy (/api/v2/notifications/policy) and the requests it
// makes (/api/v1/notifications/requests).
#include <boost/json.hpp>
#include <charconv>
#include <unordered_set>

#include "api/api_helpers.h"
#include "api/mastodon/first_page_cache.h"
#include "api/mastodon/renderer.h"
#include "api/pagination.h"
#include "api/routes.h"

namespace atrium::api {
namespace {

// A renderer with the viewer's filters of the notifications context.
Renderer ForNotifications(ApiContext& ctx, const Viewer& viewer) {
  Renderer r(ctx, viewer);
  r.ApplyFilters(FilterContext::kNotifications);
  return r;
}

using http::Request;
using http::Response;
namespace json = boost::json;

struct Listing {
  Viewer viewer;
  std::vector<NotificationRecord> items;
  std::vector<std::string> grouped_types;
  bool partial_avatars = false;  // expand_accounts=partial_avatars
};

// Grouped notifications (`grouped`, as Renderer::GroupedNotifications
// writes them) in Mastodon's expand_accounts=partial_avatars shape: the most
// recent account of each group stays whole in `accounts`; the groups' other
// accounts move to `partial_accounts`, each {id, acct, url, avatar,
// avatar_static, bot, locked}.
Result<std::string> WithPartialAvatars(const std::string& grouped) {
  boost::system::error_code ec;
  json::value doc = json::parse(grouped, ec);
  if (ec || !doc.is_object()) return Status::Internal("grouped notifications are not JSON");
  json::object& o = doc.as_object();
  std::unordered_set<std::string> whole;
  for (const json::value& g : o["notification_groups"].as_array()) {
    const json::array& sample = g.as_object().at("sample_account_ids").as_array();
    if (!sample.empty()) whole.insert(std::string(sample.front().as_string()));
  }
  json::array accounts, partial;
  for (json::value& a : o["accounts"].as_array()) {
    json::object& account = a.as_object();
    if (whole.contains(std::string(account.at("id").as_string()))) {
      accounts.push_back(std::move(a));
      continue;
    }
    json::object p;
    for (const char* key : {"id", "acct", "url", "avatar", "avatar_static", "bot", "locked"})
      if (auto it = account.find(key); it != account.end()) p[key] = it->value();
    partial.push_back(std::move(p));
  }
  o["accounts"] = std::move(accounts);
  o["partial_accounts"] = std::move(partial);
  return json::serialize(doc);
}

Result<NotificationFilter> FilterOf(const http::Params& params) {
  NotificationFilter f;
  f.types = params.GetAll("types");
  f.exclude_types = params.GetAll("exclude_types");
  if (auto a = params.Get("account_id"); a && !a->empty()) {
    auto id = ParseId(*a);
    if (!id) return Status::BadRequest("Invalid account_id", "account_id must be an id");
    f.from_account_id = *id;
  }
  return f;
}

// Answers the unread count, of notifications or (grouped) of groups.
http::Handler UnreadCount(ApiContext& ctx, bool grouped) {
  return Protect(ctx, "read:notifications", [&ctx, grouped](Request& req, const Principal& p) {
    auto params = http::Params::Parse(req);
    if (!params.ok()) return ErrorResponse(params.status());
    auto filter = FilterOf(*params);
    if (!filter.ok()) return ErrorResponse(filter.status());
    int64_t limit = 100;
    if (auto l = params->Get("limit"); l && !l->empty()) {
      int64_t n = 0;
      auto [end, ec] = std::from_chars(l->data(), l->data() + l->size(), n);
      if (ec != std::errc() || end != l->data() + l->size() || n < 0)
        return ErrorResponse(Status::BadRequest("Invalid limit", "limit must be a number"));
      limit = std::clamp<int64_t>(n, 1, 1000);
    }
    auto viewer = ViewerOf(ctx, p);
    if (!viewer.ok()) return ErrorResponse(viewer.status());
    auto n = ctx.notifications.UnreadCount(*viewer, *filter, limit, grouped);
    if (!n.ok()) return ErrorResponse(n.status());
    return Response::Json(200, "{\"count\":" + std::to_string(*n) + "}");
  });
}

// What a paged list's request holds: its parameters (only the paging ones
// and `also` taken: anything else is refused), the page and the viewer.
struct PagedRequest {
  http::Params params;
  PageRequest page;
  Viewer viewer;
};

Result<PagedRequest> ReadPaged(ApiContext& ctx, Request& req, const Principal& p,
                               std::initializer_list<std::string_view> also) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return params.status();
  std::vector<std::string_view> allowed = {"max_id", "since_id", "min_id", "limit"};
  allowed.insert(allowed.end(), also);
  if (Status s = OnlyParams(*params, allowed); !s.ok()) return s;
  auto page = ParsePage(*params, 40, 80);
  if (!page.ok()) return page.status();
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return viewer.status();
  return PagedRequest{std::move(params).value(), *page, std::move(viewer).value()};
}

// A page of the viewer's notifications (with grouped_types for API v2).
// With `trace`, what it was read from.
Result<Listing> ListFor(ApiContext& ctx, PagedRequest r,
                        NotificationService::ReadTrace* trace = nullptr) {
  auto filter = FilterOf(r.params);
  if (!filter.ok()) return filter.status();
  auto items = ctx.notifications.List(r.viewer, *filter, r.page, trace);
  if (!items.ok()) return items.status();
  return Listing{r.viewer, std::move(items).value(), r.params.GetAll("grouped_types"),
                 r.params.Get("expand_accounts") == "partial_avatars"};
}

// The Link header of a page of entries with ids, newest first.
template <typename Entry>
void Link(Response& res, ApiContext& ctx, const Request& req, const std::vector<Entry>& items) {
  if (!items.empty()) AddLinkHeader(res, ctx, req, items.front().id, items.back().id);
}

// Notifications whose rendering reads more than the post and the people
// (a report's or a warning's state, which changes without the notification):
// a page with one of them is not kept.
bool ReadsModeration(const std::vector<NotificationRecord>& items) {
  return std::any_of(items.begin(), items.end(), [](const NotificationRecord& n) {
    return n.type == "admin.report" || n.type == "report_resolved" ||
           n.type == "moderation_warning";
  });
}

// GET /api/v1/notifications and (grouped) /api/v2/notifications: a first
// page without parameters but `limit` from the reader's cached page while
// the notifications read for it, the policy, the posts and the people are
// unchanged (FirstPageCache, NotificationService::Unchanged).
Response ListNotifications(ApiContext& ctx, Request& req, const Principal& p, bool grouped) {
  auto r =
      grouped
          ? ReadPaged(ctx, req, p,
                      {"types", "exclude_types", "account_id", "grouped_types", "expand_accounts"})
          : ReadPaged(ctx, req, p, {"types", "exclude_types", "account_id"});
  if (!r.ok()) return ErrorResponse(r.status());
  if (auto e = r->params.Get("expand_accounts"); e && *e != "full" && *e != "partial_avatars")
    return ErrorResponse(
        Status::Unprocessable("Validation failed: expand_accounts is not full or partial_avatars",
                              "expand_accounts must be full (the default) or partial_avatars"));
  const int64_t reader = r->viewer.account_id;
  FirstPageCache* cache = ctx.notification_pages;
  FirstPageInputs inputs;
  const bool cacheable =
      cache && CacheableFirstPage(ctx, req, reader) && cache->ReadSharedInputs(r->viewer, &inputs);
  const std::string key = (grouped ? "v2?" : "v1?") + req.query;
  if (cacheable) {
    if (CachedFirstPagePtr cached = cache->Find(reader, key, inputs)) {
      auto same = ctx.notifications.Unchanged(r->viewer, cached->source_ids, cached->source_ended);
      if (same.ok() && *same) return CachedResponse(*cached);
    }
  }
  NotificationService::ReadTrace trace;
  auto l = ListFor(ctx, *r, cacheable ? &trace : nullptr);
  if (!l.ok()) return ErrorResponse(l.status());
  Renderer renderer = ForNotifications(ctx, l->viewer);
  auto body = grouped ? renderer.GroupedNotifications(l->items, l->grouped_types)
                      : renderer.Notifications(l->items);
  if (body.ok() && l->partial_avatars) body = WithPartialAvatars(*body);
  if (!body.ok()) return ErrorResponse(body.status());
  Response res = Response::Json(200, "");
  Link(res, ctx, req, l->items);
  res.shared_body = std::make_shared<const std::string>(std::move(body).value());
  if (!cacheable || !trace.accepts_all || ReadsModeration(l->items)) return res;
  auto kept = PageOf(res, key, std::move(inputs));
  if (!renderer.Dependencies(&kept->posts, &kept->accounts)) return res;
  kept->posts.insert(kept->posts.end(), trace.seen.begin(), trace.seen.end());
  kept->source_ids = std::move(trace.ids);
  kept->source_ended = trace.ended;
  cache->Put(reader, std::move(kept));
  return res;
}

// The policy's two shapes: Mastodon's v2 NotificationPolicy (accept, filter
// or drop per kind of sender) and its V1::NotificationPolicy (whether each
// kind is filtered: filter and drop both are; v1 cannot name the limited).
enum class PolicyShape { kV1, kV2 };

Response PolicyResponse(PolicyShape shape, const NotificationPolicyRecord& p,
                        const NotificationPolicySummary& s) {
  JsonWriter w;
  w.BeginObject();
  if (shape == PolicyShape::kV2) {
    w.Field("for_not_following", p.for_not_following)
        .Field("for_not_followers", p.for_not_followers)
        .Field("for_new_accounts", p.for_new_accounts)
        .Field("for_private_mentions", p.for_private_mentions)
        .Field("for_limited_accounts", p.for_limited_accounts);
  } else {
    w.Field("filter_not_following", p.for_not_following != "accept")
        .Field("filter_not_followers", p.for_not_followers != "accept")
        .Field("filter_new_accounts", p.for_new_accounts != "accept")
        .Field("filter_private_mentions", p.for_private_mentions != "accept");
  }
  w.Key("summary")
      .BeginObject()
      .Field("pending_requests_count", s.pending_requests_count)
      .Field("pending_notifications_count", s.pending_notifications_count)
      .EndObject()
      .EndObject();
  return Response::Json(200, w.Take());
}

// The change a policy update asks for, in the request's shape: v2 names the
// action per kind; v1 says whether to filter it (true: filter, false:
// accept, as Mastodon maps it).
Result<NotificationPolicyChange> ReadPolicyChange(PolicyShape shape, const http::Params& params) {
  NotificationPolicyChange change;
  if (shape == PolicyShape::kV2) {
    if (Status s = OnlyParams(params, {"for_not_following", "for_not_followers", "for_new_accounts",
                                       "for_private_mentions", "for_limited_accounts"});
        !s.ok())
      return s;
    change.for_not_following = params.Get("for_not_following");
    change.for_not_followers = params.Get("for_not_followers");
    change.for_new_accounts = params.Get("for_new_accounts");
    change.for_private_mentions = params.Get("for_private_mentions");
    change.for_limited_accounts = params.Get("for_limited_accounts");
    return change;
  }
  if (Status s = OnlyParams(params, {"filter_not_following", "filter_not_followers",
                                     "filter_new_accounts", "filter_private_mentions"});
      !s.ok())
    return s;
  struct Field {
    const char* name;
    std::optional<std::string>* out;
  } fields[] = {{"filter_not_following", &change.for_not_following},
                {"filter_not_followers", &change.for_not_followers},
                {"filter_new_accounts", &change.for_new_accounts},
                {"filter_private_mentions", &change.for_private_mentions}};
  for (const Field& f : fields) {
    bool bad = false;
    std::optional<bool> filter = params.GetBool(f.name, &bad);
    if (bad)
      return Status::Unprocessable(std::string("Validation failed: ") + f.name +
                                   " must be a boolean");
    if (filter) *f.out = *filter ? "filter" : "accept";
  }
  return change;
}

// GET and PUT/PATCH of /api/v1/notifications/policy and
// /api/v2/notifications/policy: the viewer's policy (changed first when
// `update`) with its summary.
http::Handler PolicyHandler(ApiContext& ctx, PolicyShape shape, bool update) {
  return Protect(ctx, update ? "write:notifications" : "read:notifications",
                 [&ctx, shape, update](Request& req, const Principal& p) {
                   auto params = http::Params::Parse(req);
                   if (!params.ok()) return ErrorResponse(params.status());
                   std::optional<NotificationPolicyChange> change;
                   if (update) {
                     auto read = ReadPolicyChange(shape, *params);
                     if (!read.ok()) return ErrorResponse(read.status());
                     change = std::move(read).value();
                   } else if (Status s = OnlyParams(*params, {}); !s.ok()) {
                     return ErrorResponse(s);
                   }
                   auto viewer = ViewerOf(ctx, p);
                   if (!viewer.ok()) return ErrorResponse(viewer.status());
                   auto policy = change ? ctx.notifications.UpdatePolicy(*viewer, *change)
                                        : ctx.notifications.Policy(*viewer);
                   if (!policy.ok()) return ErrorResponse(policy.status());
                   auto summary = ctx.notifications.Summary(*viewer);
                   if (!summary.ok()) return ErrorResponse(summary.status());
                   return PolicyResponse(shape, *policy, *summary);
                 });
}

// GET /api/v1/notifications/requests
Response ListRequests(ApiContext& ctx, Request& req, const Principal& p) {
  auto r = ReadPaged(ctx, req, p, {});
  if (!r.ok()) return ErrorResponse(r.status());
  auto requests = ctx.notifications.Requests(r->viewer, r->page);
  if (!requests.ok()) return ErrorResponse(requests.status());
  Response res = JsonOr(Renderer(ctx, r->viewer).NotificationRequests(*requests));
  Link(res, ctx, req, *requests);
  return res;
}

// GET /api/v1/notifications/requests/:id
Response GetRequest(ApiContext& ctx, Request& req, const Principal& p) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  auto request = ctx.notifications.Request(*viewer, *id);
  if (!request.ok()) return ErrorResponse(request.status());
  return JsonOr(Renderer(ctx, *viewer).NotificationRequest(*request));
}

// POST /api/v1/notifications/requests/:id/{accept,dismiss}
http::Handler AnswerRequest(ApiContext& ctx, bool accept) {
  return Protect(ctx, "write:notifications", [&ctx, accept](Request& req, const Principal& p) {
    auto id = PathId(req);
    if (!id) return ErrorResponse(Status::NotFound());
    auto viewer = ViewerOf(ctx, p);
    if (!viewer.ok()) return ErrorResponse(viewer.status());
    auto request = ctx.notifications.Request(*viewer, *id);
    if (!request.ok()) return ErrorResponse(request.status());
    Status s = accept ? ctx.notifications.AcceptRequests(*viewer, {*id})
                      : ctx.notifications.DismissRequests(*viewer, {*id});
    if (!s.ok()) return ErrorResponse(s);
    return Response::Json(200, "{}");
  });
}

// POST /api/v1/notifications/requests/{accept,dismiss} with id[]
http::Handler AnswerRequests(ApiContext& ctx, bool accept) {
  return Protect(ctx, "write:notifications", [&ctx, accept](Request& req, const Principal& p) {
    auto params = http::Params::Parse(req);
    if (!params.ok()) return ErrorResponse(params.status());
    if (Status s = OnlyParams(*params, {"id"}); !s.ok()) return ErrorResponse(s);
    std::vector<int64_t> ids;
    for (const auto& raw : params->GetAll("id")) {
      auto id = ParseId(raw);
      if (!id) return ErrorResponse(Status::Unprocessable("Validation failed: id[] must hold ids"));
      ids.push_back(*id);
    }
    if (ids.empty())
      return ErrorResponse(Status::Unprocessable("Validation failed: id[] is required"));
    if (ids.size() > 100)
      return ErrorResponse(
          Status::Unprocessable("Validation failed: at most 100 ids in one request"));
    auto viewer = ViewerOf(ctx, p);
    if (!viewer.ok()) return ErrorResponse(viewer.status());
    Status s = accept ? ctx.notifications.AcceptRequests(*viewer, ids)
                      : ctx.notifications.DismissRequests(*viewer, ids);
    if (!s.ok()) return ErrorResponse(s);
    return Response::Json(200, "{}");
  });
}

// GET /api/v2/notifications/:group_key/accounts
Response GroupAccounts(ApiContext& ctx, Request& req, const Principal& p) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status s = OnlyParams(*params, {}); !s.ok()) return ErrorResponse(s);
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  auto ids = ctx.notifications.GroupAccounts(*viewer, req.PathParam("group_key"));
  if (!ids.ok()) return ErrorResponse(ids.status());
  return JsonOr(Renderer(ctx, *viewer).Accounts(*ids));
}

// Binds a handler function to the context.
template <typename Fn>
http::Handler Bound(ApiContext& ctx, const char* scope, Fn fn) {
  return Protect(ctx, scope,
                 [&ctx, fn](Request& req, const Principal& p) { return fn(ctx, req, p); });
}

}  // namespace

void RegisterNotificationRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/notifications",
             Protect(ctx, "read:notifications", [&ctx](Request& req, const Principal& p) {
               return ListNotifications(ctx, req, p, false);
             }));
  router.Add("GET", "/api/v1/notifications/unread_count", UnreadCount(ctx, false));
  router.Add("GET", "/api/v1/notifications/:id",
             Protect(ctx, "read:notifications", [&ctx](Request& req, const Principal& p) {
               auto id = PathId(req);
               if (!id) return ErrorResponse(Status::NotFound());
               auto viewer = ViewerOf(ctx, p);
               if (!viewer.ok()) return ErrorResponse(viewer.status());
               auto n = ctx.notifications.Get(*viewer, *id);
               if (!n.ok()) return ErrorResponse(n.status());
               return JsonOr(ForNotifications(ctx, *viewer).Notification(*n));
             }));
  router.Add("POST", "/api/v1/notifications/clear",
             Protect(ctx, "write:notifications", [&ctx](Request&, const Principal& p) {
               auto viewer = ViewerOf(ctx, p);
               if (!viewer.ok()) return ErrorResponse(viewer.status());
               if (Status s = ctx.notifications.Clear(*viewer); !s.ok()) return ErrorResponse(s);
               return Response::Json(200, "{}");
             }));
  router.Add("POST", "/api/v1/notifications/:id/dismiss",
             Protect(ctx, "write:notifications", [&ctx](Request& req, const Principal& p) {
               auto id = PathId(req);
               if (!id) return ErrorResponse(Status::NotFound());
               auto viewer = ViewerOf(ctx, p);
               if (!viewer.ok()) return ErrorResponse(viewer.status());
               if (Status s = ctx.notifications.Dismiss(*viewer, *id); !s.ok())
                 return ErrorResponse(s);
               return Response::Json(200, "{}");
             }));

  // Notification requests: what the policy keeps aside, one per sender.
  // Literal segments win over :id, so these do not shadow one another.
  router.Add("GET", "/api/v1/notifications/requests",
             Bound(ctx, "read:notifications", ListRequests));
  router.Add("GET", "/api/v1/notifications/requests/merged",
             Protect(ctx, "read:notifications", [](Request&, const Principal&) {
               // Accepting applies at once (the policy is applied as
               // notifications are read): nothing is ever waiting to merge.
               return Response::Json(200, "{\"merged\":true}");
             }));
  router.Add("POST", "/api/v1/notifications/requests/accept", AnswerRequests(ctx, true));
  router.Add("POST", "/api/v1/notifications/requests/dismiss", AnswerRequests(ctx, false));
  router.Add("GET", "/api/v1/notifications/requests/:id",
             Bound(ctx, "read:notifications", GetRequest));
  router.Add("POST", "/api/v1/notifications/requests/:id/accept", AnswerRequest(ctx, true));
  router.Add("POST", "/api/v1/notifications/requests/:id/dismiss", AnswerRequest(ctx, false));

  // API v2: grouped.
  router.Add("GET", "/api/v2/notifications",
             Protect(ctx, "read:notifications", [&ctx](Request& req, const Principal& p) {
               return ListNotifications(ctx, req, p, true);
             }));
  router.Add("GET", "/api/v2/notifications/unread_count", UnreadCount(ctx, true));
  // The policy, in both of Mastodon's shapes. Mastodon routes the update as
  // PATCH and PUT, and client libraries send either.
  for (auto [path, shape] : {std::pair{"/api/v1/notifications/policy", PolicyShape::kV1},
                             std::pair{"/api/v2/notifications/policy", PolicyShape::kV2}}) {
    router.Add("GET", path, PolicyHandler(ctx, shape, false));
    router.Add("PATCH", path, PolicyHandler(ctx, shape, true));
    router.Add("PUT", path, PolicyHandler(ctx, shape, true));
  }
  router.Add("GET", "/api/v2/notifications/:group_key/accounts",
             Bound(ctx, "read:notifications", GroupAccounts));
  router.Add("GET", "/api/v2/notifications/:group_key",
             Protect(ctx, "read:notifications", [&ctx](Request& req, const Principal& p) {
               auto viewer = ViewerOf(ctx, p);
               if (!viewer.ok()) return ErrorResponse(viewer.status());
               auto group = ctx.notifications.Group(*viewer, req.PathParam("group_key"));
               if (!group.ok()) return ErrorResponse(group.status());
               return JsonOr(ForNotifications(ctx, *viewer).GroupedNotifications(*group, {}));
             }));
  router.Add("POST", "/api/v2/notifications/:group_key/dismiss",
             Protect(ctx, "write:notifications", [&ctx](Request& req, const Principal& p) {
               auto viewer = ViewerOf(ctx, p);
               if (!viewer.ok()) return ErrorResponse(viewer.status());
               if (Status s = ctx.notifications.DismissGroup(*viewer, req.PathParam("group_key"));
                   !s.ok())
                 return ErrorResponse(s);
               return Response::Json(200, "{}");
             }));
}

}  // namespace atrium::api
