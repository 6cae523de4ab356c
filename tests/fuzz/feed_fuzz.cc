// An external blog's RSS or Atom feed (what a member's connected feed
// answers): parsed or refused with a 422, and every link kept is an
// absolute http(s) URL.
#include <string>

#include "base/feed_parser.h"
#include "fuzz_util.h"

using namespace atrium;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto feed = ParseFeed(fuzz::Text(data, size), "https://blog.example/feed.xml");
  if (!feed.ok()) {
    fuzz::Require(feed.status().http_status() == 422, "a bad feed is a 422");
    return 0;
  }
  for (const FeedItem& item : feed->entries)
    fuzz::Require(
        item.link.empty() || item.link.starts_with("http://") || item.link.starts_with("https://"),
        "links are absolute http(s) URLs");
  return 0;
}
