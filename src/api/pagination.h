// Pagination of lists, Mastodon style: max_id, since_id, min_id and limit
// in; absolute Link headers (rel="next" and rel="prev") out.
#pragma once

#include <cstdint>
#include <vector>

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
// (newest) to last_cursor (oldest). No header for an empty page; no
// rel="next" when `has_next` is false (the page is known to be the last).
void AddLinkHeader(http::Response& response, const ApiContext& ctx, const http::Request& request,
                   int64_t first_cursor, int64_t last_cursor, bool has_next = true);

// For a list that says whether an older page exists: the page to ask the
// store for, one entry longer than `page`, and (TrimLookahead) the answer cut
// back to `page`, true if an older page exists. A page read upwards (min_id)
// always has older ones below it.
PageRequest WithLookahead(PageRequest page);
template <typename T>
bool TrimLookahead(std::vector<T>& entries, const PageRequest& page) {
  if (static_cast<int>(entries.size()) <= page.limit) return page.min_id > 0;
  // Newest first: read upwards, the extra entry is the newest; else the oldest.
  if (page.min_id > 0)
    entries.erase(entries.begin());
  else
    entries.pop_back();
  return true;
}

// The Link header of a list paged by offset, as Mastodon sends it for
// trends: rel="next" (offset + limit) when the page is `full` (it held
// `limit` entries), rel="prev" (offset - limit) when offset > limit. The
// request's other parameters are kept.
void AddOffsetLinkHeader(http::Response& response, const ApiContext& ctx,
                         const http::Request& request, int offset, int limit, bool full);

}  // namespace atrium::api
