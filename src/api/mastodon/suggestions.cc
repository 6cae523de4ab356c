// Follow suggestions (SuggestionService): colleagues the member does not
// follow yet.
//   GET    /api/v1/suggestions               Accounts (limit: default 40, at most 80)
//   GET    /api/v2/suggestions               Suggestions: {source, sources, account}
//                                            and Atrium's `reasons`
//   DELETE /api/v1/suggestions/:account_id   never suggest them again
#include <algorithm>

#include "api/api_helpers.h"
#include "api/mastodon/renderer.h"
#include "api/routes.h"

namespace atrium::api {
namespace {

using http::Request;
using http::Response;

Result<std::vector<Suggestion>> Suggestions(ApiContext& ctx, Request& req, const Viewer& viewer) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return params.status();
  if (Status s = OnlyParams(*params, {"limit"}); !s.ok()) return s;
  auto limit = params->GetInt("limit", 1, 1000);
  if (!limit.ok()) return limit.status();
  return ctx.suggestions->For(viewer, static_cast<int>(std::min<int64_t>(
                                          limit->value_or(40), SuggestionService::kMaxLimit)));
}

// Mastodon's names for a reason: the org chart is the organization's own
// recommendation ("featured", formerly "staff"); people followed by one's
// follows are "friends_of_friends" (formerly "past_interactions").
const char* MastodonSource(SuggestionReason reason) {
  return reason == SuggestionReason::kFollowedByFollowed ? "friends_of_friends" : "featured";
}

const char* AtriumReason(SuggestionReason reason) {
  switch (reason) {
    case SuggestionReason::kManagementChain:
      return "management_chain";
    case SuggestionReason::kTeam:
      return "team";
    case SuggestionReason::kFollowedByFollowed:
      break;
  }
  return "followed_by_followed";
}

Response SuggestionsV1(ApiContext& ctx, Request& req, const Principal& p) {
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  auto suggestions = Suggestions(ctx, req, *viewer);
  if (!suggestions.ok()) return ErrorResponse(suggestions.status());
  std::vector<int64_t> ids;
  for (const Suggestion& s : *suggestions) ids.push_back(s.account_id);
  return JsonOr(Renderer(ctx, *viewer).Accounts(ids));
}

Response SuggestionsV2(ApiContext& ctx, Request& req, const Principal& p) {
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  auto suggestions = Suggestions(ctx, req, *viewer);
  if (!suggestions.ok()) return ErrorResponse(suggestions.status());
  Renderer r(ctx, *viewer);
  JsonWriter w;
  w.BeginArray();
  for (const Suggestion& s : *suggestions) {
    auto account = r.Account(s.account_id);
    if (!account.ok()) continue;  // gone since it was suggested
    std::vector<const char*> sources;
    for (SuggestionReason reason : s.reasons) {
      const char* source = MastodonSource(reason);
      if (std::find(sources.begin(), sources.end(), source) == sources.end())
        sources.push_back(source);
    }
    w.BeginObject().Field(
        "source", sources.front() == std::string_view("featured") ? "staff" : "past_interactions");
    w.Key("sources").BeginArray();
    for (const char* source : sources) w.String(source);
    w.EndArray();
    w.Key("reasons").BeginArray();
    for (SuggestionReason reason : s.reasons) w.String(AtriumReason(reason));
    w.EndArray();
    w.Key("account").Raw(*account).EndObject();
  }
  w.EndArray();
  return Response::Json(200, w.Take());
}

Response DismissSuggestion(ApiContext& ctx, Request& req, const Principal& p) {
  auto id = PathId(req, "account_id");
  if (!id) return ErrorResponse(Status::NotFound());
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status s = OnlyParams(*params, {}); !s.ok()) return ErrorResponse(s);
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  if (Status s = ctx.suggestions->Dismiss(*viewer, *id); !s.ok()) return ErrorResponse(s);
  return Response::Json(200, "{}");
}

// Binds a handler of this file to the context.
template <Response (*Fn)(ApiContext&, Request&, const Principal&)>
http::Handler Bound(ApiContext& ctx, const char* scope) {
  return Protect(ctx, scope, [&ctx](Request& req, const Principal& p) { return Fn(ctx, req, p); });
}

}  // namespace

void RegisterSuggestionRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/suggestions", Bound<SuggestionsV1>(ctx, "read"));
  router.Add("GET", "/api/v2/suggestions", Bound<SuggestionsV2>(ctx, "read"));
  router.Add("DELETE", "/api/v1/suggestions/:account_id", Bound<DismissSuggestion>(ctx, "read"));
}

}  // namespace atrium::api
