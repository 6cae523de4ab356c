// Search, as Mastodon clients use it: people (also /api/v1/accounts/search),
// hashtags, and posts by their address.
#pragma once

#include <string>
#include <vector>

#include "api/context.h"
#include "http/params.h"

namespace atrium::api {

// The `offset` parameter of a search: a number from 0 (capped), 400 otherwise.
Result<int> ParseSearchOffset(const http::Params& params);

// People whose username, display name or a word of it starts with `q` (a
// leading '@' ignored): active members only, nobody on either side of a
// block with the viewer, and with `following` only people the viewer
// follows.
Result<std::vector<int64_t>> SearchAccountIds(ApiContext& ctx, const Viewer& viewer, std::string q,
                                              int limit, int offset, bool following);

}  // namespace atrium::api
