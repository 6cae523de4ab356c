#include "api/atrium/atom_feed.h"

#include <algorithm>

#include "base/clock.h"
#include "base/text.h"
#include "social/post_permalink.h"

namespace atrium::api {
namespace {

// Appends <name>text</name>.
void Element(std::string& out, const char* name, std::string_view text,
             const char* attributes = "") {
  out += "<";
  out += name;
  out += attributes;
  out += ">";
  out += XmlText(text);
  out += "</";
  out += name;
  out += ">\n";
}

void Link(std::string& out, const char* rel, const std::string& type, const std::string& href) {
  out += "<link rel=\"" + std::string(rel) + "\" type=\"" + type + "\" href=\"" + XmlText(href) +
         "\"/>\n";
}

void Author(std::string& out, const std::string& name, const std::string& uri) {
  out += "<author>\n";
  Element(out, "name", name);
  Element(out, "uri", uri);
  out += "</author>\n";
}

void Person(std::string& out, const Account& a, const std::string& base_url) {
  Author(out, a.display_name.empty() ? a.username : a.display_name, base_url + "/@" + a.username);
}

int64_t UpdatedAt(const StatusRecord& s) { return s.edited_at ? s.edited_at : s.created_at; }

}  // namespace

std::string XmlText(std::string_view text) {
  std::string kept;
  kept.reserve(text.size());
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;
    kept += c;
  }
  return HtmlEscape(kept);
}

std::string BlogFeedAtom(const BlogFeed& feed, const std::string& base_url) {
  std::string id, title, alternate;
  int64_t updated = 0;
  if (feed.author) {
    const Account& a = feed.author->account;
    id = base_url + "/@" + a.username + "/blog";
    title = "Blog of " + (a.display_name.empty() ? a.username : a.display_name);
    alternate = base_url + "/@" + a.username;
    updated = a.created_at;
  } else {
    id = base_url + "/communities/" + std::to_string(feed.community.id) + "/blog";
    title = "Blog of " + feed.community.name;
    alternate = base_url + "/communities/" + std::to_string(feed.community.id);
    updated = feed.community.created_at;
  }
  for (const VisiblePost& p : feed.entries) updated = std::max(updated, UpdatedAt(*p.status));

  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  out += "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
  Element(out, "id", id);
  Element(out, "title", title, " type=\"text\"");
  Element(out, "updated", FormatIso8601(updated));
  Link(out, "alternate", "text/html", alternate);
  // The feed's author: the blogger, or the community (a feed with no
  // entries has an author too).
  if (feed.author)
    Person(out, feed.author->account, base_url);
  else
    Author(out, feed.community.name, alternate);
  Element(out, "generator", "Atrium");
  for (const VisiblePost& p : feed.entries) {
    const StatusRecord& s = *p.status;
    auto author = feed.authors.find(s.account_id);
    if (author == feed.authors.end()) continue;  // never: the service loads every author
    const Account& a = author->second->account;
    out += "<entry>\n";
    Element(out, "id", base_url + "/posts/" + std::to_string(s.id));
    Element(out, "title", s.title, " type=\"text\"");
    Element(out, "updated", FormatIso8601(UpdatedAt(s)));
    Element(out, "published", FormatIso8601(s.created_at));
    Link(out, "alternate", "text/html", base_url + PostPermalinkPath(a.username, s));
    Person(out, a, base_url);
    for (const std::string& tag : s.tags) out += "<category term=\"" + XmlText(tag) + "\"/>\n";
    if (!s.spoiler_text.empty()) Element(out, "summary", s.spoiler_text, " type=\"text\"");
    Element(out, "content", s.content_html, " type=\"html\"");
    out += "</entry>\n";
  }
  out += "</feed>\n";
  return out;
}

}  // namespace atrium::api
