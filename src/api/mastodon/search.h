// Search, as Mastodon clients use it: people (also /api/v1/accounts/search),
// hashtags, and posts by their address.
#pragma once

#include "base/status.h"
#include "http/params.h"

namespace atrium::api {

// The `offset` parameter of a search: a number from 0 (capped), 400 otherwise.
Result<int> ParseSearchOffset(const http::Params& params);

}  // namespace atrium::api
