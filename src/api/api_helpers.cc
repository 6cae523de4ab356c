#include "api/api_helpers.h"

namespace atrium::api {

http::Response JsonOr(const Result<std::string>& json, int status) {
  if (!json.ok()) return ErrorResponse(json.status());
  return http::Response::Json(status, *json);
}

Result<Viewer> ViewerOf(ApiContext& ctx, const Principal& principal) {
  return ctx.social.ViewerFor(principal.account.id);
}

std::optional<int64_t> PathId(const http::Request& request, const char* name) {
  return ParseId(request.PathParam(name));
}

std::optional<bool> BoolParam(const http::Params& params, const char* name, bool* bad) {
  return params.GetBool(name, bad);
}

}  // namespace atrium::api
