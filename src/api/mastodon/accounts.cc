// /api/v1/accounts: the Mastodon account endpoints.
#include "api/authenticate.h"
#include "api/mastodon/account_serializer.h"
#include "api/routes.h"

namespace atrium::api {

void RegisterAccountRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/accounts/verify_credentials",
             Protect(ctx, "profile", [&ctx](http::Request&, Principal& p) {
               return http::Response::Json(200, CredentialAccountJson(p.account, ctx.settings.BaseUrl()));
             }));
}

}  // namespace atrium::api
