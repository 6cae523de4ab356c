// How a community is written in Atrium's API (GET /api/v1/atrium/communities
// and wherever else a community is listed, such as search).
#pragma once

#include "api/context.h"
#include "base/json_writer.h"
#include "social/community_service.h"

namespace atrium::api {

// Writes the community of `v` as the reader of `v` sees it, with their own
// membership.
void WriteCommunity(JsonWriter& w, const ApiContext& ctx, const CommunityView& v);

}  // namespace atrium::api
