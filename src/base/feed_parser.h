// Reading an RSS (2.0, 1.0) or Atom feed: its title and its entries' ids,
// links, titles and summaries, with libxml2. No network access, no DTD
// loading, and a feed that declares entities is refused (no entity
// expansion attacks). Pure; safe for concurrent use.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace atrium {

struct FeedItem {
  std::string key;      // what identifies it for good: the id (guid) or else the link
  std::string link;     // absolute http(s) URL, or empty
  std::string title;    // plain text
  std::string summary;  // plain text of the summary (or description), not of the full content
};

struct ParsedFeed {
  std::string title;
  std::vector<FeedItem> entries;  // in the feed's order (usually newest first)
};

// Parses `xml` fetched from `feed_url` (relative links resolved against
// it). 422 not_a_feed for anything that is not well-formed RSS or Atom.
Result<ParsedFeed> ParseFeed(std::string_view xml, std::string_view feed_url);

}  // namespace atrium
