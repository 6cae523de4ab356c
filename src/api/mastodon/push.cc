// /api/v1/push/subscription: the Web Push subscription of the calling
// access token (or browser session), as Mastodon
// (docs.joinmastodon.org/methods/push) — the WebPushSubscription entity
// with the VAPID server_key. Delivery is PushService's.
#include <algorithm>

#include "api/api_helpers.h"
#include "api/routes.h"
#include "base/json_writer.h"

namespace atrium::api {
namespace {

using http::Request;
using http::Response;

// The parameter naming an alert: "data[alerts][mention]", and for
// Mastodon's dotted admin types also their nested JSON form
// ("data[alerts][admin][sign_up]").
std::vector<std::string> AlertParams(std::string_view type) {
  std::vector<std::string> out = {"data[alerts][" + std::string(type) + "]"};
  if (size_t dot = type.find('.'); dot != std::string_view::npos)
    out.push_back("data[alerts][" + std::string(type.substr(0, dot)) + "][" +
                  std::string(type.substr(dot + 1)) + "]");
  return out;
}

const std::vector<std::string>& AllowedParams() {
  static const std::vector<std::string> allowed = [] {
    std::vector<std::string> out = {"subscription[endpoint]",
                                    "subscription[keys][p256dh]",
                                    "subscription[keys][auth]",
                                    "subscription[standard]",
                                    "data[policy]",
                                    "policy"};
    for (const auto& type : PushService::AlertTypes())
      for (auto& name : AlertParams(type)) out.push_back(std::move(name));
    return out;
  }();
  return allowed;
}

// Mastodon's `data`: the alerts set true and the policy (`data[policy]`,
// or `policy` as the masto library sends it). 422 for a value that is not
// a boolean.
Result<PushData> ParseData(const http::Params& params) {
  PushData data;
  for (const auto& type : PushService::AlertTypes()) {
    for (const auto& name : AlertParams(type)) {
      bool bad = false;
      auto on = params.GetBool(name, &bad);
      if (bad)
        return Status::Unprocessable("Validation failed: " + name + " must be true or false");
      if (on && *on) data.alerts.push_back(type);
    }
  }
  if (auto policy = params.Get("data[policy]"))
    data.policy = *policy;
  else if (auto top = params.Get("policy"))
    data.policy = *top;
  return data;
}

std::string SubscriptionJson(const PushSubscriptionRecord& s, const std::string& server_key) {
  JsonWriter w;
  w.BeginObject()
      .Field("id", std::to_string(s.id))
      .Field("endpoint", s.endpoint)
      .Field("standard", true)
      .Key("alerts")
      .BeginObject();
  for (const auto& type : PushService::AlertTypes())
    w.Field(type, std::find(s.alerts.begin(), s.alerts.end(), type) != s.alerts.end());
  w.EndObject().Field("policy", s.policy).Field("server_key", server_key).EndObject();
  return w.Take();
}

Response Render(ApiContext& ctx, const Result<PushSubscriptionRecord>& s) {
  if (!s.ok()) return ErrorResponse(s.status());
  auto key = ctx.push->ServerKey();
  if (!key.ok()) return ErrorResponse(key.status());
  return Response::Json(200, SubscriptionJson(*s, *key));
}

Response Create(ApiContext& ctx, Request& req, const Principal& p) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status st = OnlyParams(*params, AllowedParams()); !st.ok()) return ErrorResponse(st);
  bool bad = false;
  auto standard = params->GetBool("subscription[standard]", &bad);
  if (bad || (standard && !*standard))
    return ErrorResponse(Status::Unprocessable(
        "Validation failed: subscription[standard] must be true: Atrium sends standard Web Push "
        "(RFC 8291) only"));
  PushSubscribeRequest request;
  request.endpoint = params->GetOr("subscription[endpoint]", "");
  request.p256dh = params->GetOr("subscription[keys][p256dh]", "");
  request.auth = params->GetOr("subscription[keys][auth]", "");
  if (request.endpoint.empty() || request.p256dh.empty() || request.auth.empty())
    return ErrorResponse(Status::Unprocessable(
        "Validation failed: subscription[endpoint], subscription[keys][p256dh] and "
        "subscription[keys][auth] are required"));
  auto data = ParseData(*params);
  if (!data.ok()) return ErrorResponse(data.status());
  request.data = std::move(*data);
  return Render(ctx, ctx.push->Subscribe(p, request));
}

Response Show(ApiContext& ctx, Request& req, const Principal& p) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status st = OnlyParams(*params, {}); !st.ok()) return ErrorResponse(st);
  return Render(ctx, ctx.push->Get(p));
}

Response Update(ApiContext& ctx, Request& req, const Principal& p) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  std::vector<std::string> allowed;
  for (const auto& name : AllowedParams())
    if (!name.starts_with("subscription[")) allowed.push_back(name);
  if (Status st = OnlyParams(*params, allowed); !st.ok()) return ErrorResponse(st);
  auto data = ParseData(*params);
  if (!data.ok()) return ErrorResponse(data.status());
  return Render(ctx, ctx.push->Update(p, *data));
}

Response Remove(ApiContext& ctx, Request& req, const Principal& p) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  if (Status st = OnlyParams(*params, {}); !st.ok()) return ErrorResponse(st);
  if (Status st = ctx.push->Unsubscribe(p); !st.ok()) return ErrorResponse(st);
  return Response::Json(200, "{}");
}

}  // namespace

void RegisterPushRoutes(http::Router& router, ApiContext& ctx) {
  auto handle = [&ctx](Response (*fn)(ApiContext&, Request&, const Principal&)) {
    return Protect(ctx, "push",
                   [&ctx, fn](Request& req, const Principal& p) { return fn(ctx, req, p); });
  };
  router.Add("POST", "/api/v1/push/subscription", handle(Create));
  router.Add("GET", "/api/v1/push/subscription", handle(Show));
  router.Add("PUT", "/api/v1/push/subscription", handle(Update));
  router.Add("DELETE", "/api/v1/push/subscription", handle(Remove));
}

}  // namespace atrium::api
