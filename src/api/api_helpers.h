// Small helpers every endpoint file uses: parsing parameters, answering
// with JSON or an error, turning a principal into a viewer.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/authenticate.h"
#include "api/context.h"
#include "http/message.h"
#include "http/params.h"

namespace atrium::api {

// Answers a Result<std::string> of JSON with 200, or its error.
http::Response JsonOr(const Result<std::string>& json, int status = 200);

// The viewer of a principal (its social graph loaded).
Result<Viewer> ViewerOf(ApiContext& ctx, const Principal& principal);

// Who acts in `request`, for the audit log: the principal's account and the
// request's id.
AuditActor AuditActorOf(const Principal& principal, const http::Request& request);

// The id in path parameter `name`; nullopt if it is not an id.
std::optional<int64_t> PathId(const http::Request& request, const char* name = "id");

// An optional boolean parameter; `bad` set (and nullopt) if present but not a boolean.
std::optional<bool> BoolParam(const http::Params& params, const char* name, bool* bad);

// The 422 for a parameter the endpoint does not take, naming it.
Status UnsupportedParameter(std::string_view name);
// A time parameter: absent (0), or ISO 8601 in UTC as the audit log reads
// it (ParseAuditTime; `end`: an exclusive upper bound); 400 otherwise.
Result<int64_t> TimeParam(const http::Params& params, const char* name, bool end);

// OK if every parameter of `params` is named in `allowed` (a name ending in
// "[]" stands for its array form too); else 422 naming the first that is not.
Status OnlyParams(const http::Params& params, std::initializer_list<std::string_view> allowed);
Status OnlyParams(const http::Params& params, const std::vector<std::string_view>& allowed);
Status OnlyParams(const http::Params& params, const std::vector<std::string>& allowed);

// A saved profile picture (avatar, header image, banner) as served to
// members: private, immutable (a new picture is a new file name), not
// sniffed; or the reason there is none.
http::Response PictureResponse(Result<AvatarStore::Image> picture);

}  // namespace atrium::api
