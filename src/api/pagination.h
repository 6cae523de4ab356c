// Pagination of lists, Mastodon style: max_id, since_id, min_id and limit
// in; absolute Link headers (rel="next" and rel="prev") out.
#pragma once

#include <cstdint>

#include "api/context.h"
#include "http/message.h"
#include "http/params.h"
#include "store/social_records.h"

namespace atrium::api {

// Reads max_id, since_id, min_id (ids; anything else is a 400) and limit
// (default `default_limit`, clamped to 1..max_limit).
Result<PageRequest> ParsePage(const http::Params& params, int default_limit = 20,
                              int max_limit = 40);

// Adds the Link header for a page whose entries run from first_cursor
// (newest) to last_cursor (oldest). No header for an empty page.
void AddLinkHeader(http::Response& response, const ApiContext& ctx, const http::Request& request,
                   int64_t first_cursor, int64_t last_cursor);

// The Link header of a list paged by offset, as Mastodon sends it for
// trends: rel="next" (offset + limit) when the page is `full` (it held
// `limit` entries), rel="prev" (offset - limit) when offset > limit. The
// request's other parameters are kept.
void AddOffsetLinkHeader(http::Response& response, const ApiContext& ctx,
                         const http::Request& request, int offset, int limit, bool full);

}  // namespace atrium::api
