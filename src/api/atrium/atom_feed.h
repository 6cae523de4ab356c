// Atom (RFC 4287): how a blog feed looks to a feed reader. Pure functions;
// safe from any thread.
#pragma once

#include <string>
#include <string_view>

#include "social/blog_feed_service.h"

namespace atrium::api {

// `feed` as an Atom feed document. `base_url` is the server's public URL;
// links point into the web client. The feed's own URL (which holds the
// reader's token) is never written into the document.
std::string BlogFeedAtom(const BlogFeed& feed, const std::string& base_url);

// `text` escaped for XML character data and attribute values, with the
// characters XML 1.0 does not allow (most C0 controls) left out.
std::string XmlText(std::string_view text);

}  // namespace atrium::api
