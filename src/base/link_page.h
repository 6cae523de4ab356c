// What a linked page says about itself, for preview cards: its OpenGraph
// tags (with the usual fallbacks: Twitter's tags, <title>, the description
// meta tag), the oEmbed endpoint it advertises, and an oEmbed answer.
// Pages are parsed with libxml2's HTML parser (forgiving, no network, no
// entity loading). Also the plain text of HTML and short excerpts of it,
// for previews and for blog entries turned into posts.
//
// Pure functions of their input; safe for concurrent use.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace atrium {

struct LinkPage {
  std::string url;  // og:url (absolute), or empty
  std::string title;
  std::string description;
  std::string site_name;
  std::string type;   // og:type ("website", "article", "video.other", …)
  std::string image;  // absolute http(s) URL, or empty
  int image_width = 0;
  int image_height = 0;
  std::string author;
  std::string oembed_url;  // the JSON oEmbed endpoint the page names, absolute
};

// Reads `html`, fetched from `page_url` (relative URLs are resolved against
// it; only http(s) URLs are kept).
LinkPage ParseLinkPage(std::string_view html, std::string_view page_url);

struct OEmbed {
  std::string type;  // photo, video, link or rich
  std::string title;
  std::string author_name;
  std::string author_url;
  std::string provider_name;
  std::string provider_url;
  std::string url;  // a photo's picture
  std::string thumbnail_url;
  int width = 0;
  int height = 0;
};

// An oEmbed JSON answer; nullopt if it is not a JSON object with a known type.
std::optional<OEmbed> ParseOEmbed(std::string_view json);

// `ref` resolved against the absolute `base`; empty unless the result is an
// absolute http(s) URL.
std::string ResolveHttpUrl(std::string_view base, std::string_view ref);

// The text of an HTML fragment: tags dropped, entities decoded, runs of
// white space made one space, trimmed.
std::string HtmlText(std::string_view html);

// `text` cut to at most `max_chars` code points, at a word boundary when
// one is near, with "…" when cut. `text` must be valid UTF-8.
std::string Excerpt(std::string_view text, size_t max_chars);

}  // namespace atrium
