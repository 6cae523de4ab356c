// Permalinks of posts: where a blog entry, a question or a status update
// lives in the web client. Stable: the id decides, the slug after it only
// reads well (a renamed blog entry's old links still resolve).
//
//   status update   /@username/<id>
//   blog entry      /@username/blog/<id>-<slug>
//   question        /@username/questions/<id>-<slug>
//
// Pure functions; safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/social_records.h"

namespace atrium {

// The title as a slug: ASCII letters and digits in lower case, every other
// run of characters one '-', at most 60 characters; "" if nothing is left.
std::string TitleSlug(std::string_view title);

// The path (no scheme or host) of `status` by `username`.
std::string PostPermalinkPath(std::string_view username, const StatusRecord& status);

// The post id a slug starts with ("123-my-title", or "123"); nullopt if it
// does not start with an id followed by '-' or its end.
std::optional<int64_t> IdOfSlug(std::string_view slug);

}  // namespace atrium
