#include "api/api_helpers.h"

#include <algorithm>

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

Status UnsupportedParameter(std::string_view name) {
  return Status::Unprocessable("Unsupported parameter",
                               "this endpoint does not take the parameter " + std::string(name));
}

namespace {

template <typename List>
Status OnlyParamsOf(const http::Params& params, const List& allowed) {
  auto check = [&](const std::string& name) {
    std::string_view n = name;
    if (n.ends_with("[]")) n.remove_suffix(2);
    if (std::find(allowed.begin(), allowed.end(), n) == allowed.end())
      return UnsupportedParameter(name);
    return Status::Ok();
  };
  for (const auto& [name, value] : params.all())
    if (Status s = check(name); !s.ok()) return s;
  for (const auto& name : params.empty_lists())
    if (Status s = check(name); !s.ok()) return s;
  return Status::Ok();
}

}  // namespace

Status OnlyParams(const http::Params& params, std::initializer_list<std::string_view> allowed) {
  return OnlyParamsOf(params, allowed);
}

Status OnlyParams(const http::Params& params, const std::vector<std::string_view>& allowed) {
  return OnlyParamsOf(params, allowed);
}

Status OnlyParams(const http::Params& params, const std::vector<std::string>& allowed) {
  return OnlyParamsOf(params, allowed);
}

http::Response PictureResponse(Result<AvatarStore::Image> picture) {
  if (!picture.ok()) return ErrorResponse(picture.status());
  http::Response r;
  r.body = std::move(picture->bytes);
  r.Set("Content-Type", picture->media_type);
  r.Set("Cache-Control", "private, max-age=31536000, immutable");
  r.Set("X-Content-Type-Options", "nosniff");
  return r;
}

AuditActor AuditActorOf(const Principal& principal, const http::Request& request) {
  return {principal.account.id, principal.account.username, request.request_id};
}

Result<int64_t> TimeParam(const http::Params& params, const char* name, bool end) {
  std::string text = params.GetOr(name, "");
  if (text.empty()) return int64_t{0};
  auto ms = ParseAuditTime(text, end);
  if (!ms)
    return Status::BadRequest("Invalid " + std::string(name),
                              std::string(name) + " must be an ISO 8601 date or time (UTC)");
  return *ms;
}

}  // namespace atrium::api
