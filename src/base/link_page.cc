#include "base/link_page.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <boost/json.hpp>
#include <boost/url.hpp>
#include <memory>
#include <vector>

#include "base/text.h"

namespace atrium {
namespace {

namespace json = boost::json;

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocFree>;

constexpr int kHtmlOptions = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                             HTML_PARSE_NONET | HTML_PARSE_COMPACT;

DocPtr ReadHtml(std::string_view html) {
  if (html.empty() || html.size() > (64u << 20)) return nullptr;
  return DocPtr(
      htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, nullptr, kHtmlOptions));
}

std::string Attribute(xmlNode* node, const char* name) {
  xmlChar* v = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (!v) return "";
  std::string out(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return out;
}

std::string Name(xmlNode* node) {
  return node->name ? AsciiLower(reinterpret_cast<const char*>(node->name)) : "";
}

// Calls `fn` on every element under `root`, in document order, without
// recursion (a page may nest deeply).
template <typename Fn>
void ForEachElement(xmlNode* root, Fn&& fn) {
  std::vector<xmlNode*> stack{root};
  while (!stack.empty()) {
    xmlNode* n = stack.back();
    stack.pop_back();
    if (n->next) stack.push_back(n->next);  // after its children
    if (n->type == XML_ELEMENT_NODE && fn(n) && n->children) stack.push_back(n->children);
  }
}

// Runs of white space as one space, trimmed.
std::string Collapse(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// The text under `root`, script and style left out, blocks separated.
std::string TextUnder(xmlNode* root) {
  std::string out;
  std::vector<xmlNode*> stack{root};
  while (!stack.empty()) {
    xmlNode* n = stack.back();
    stack.pop_back();
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      if (n->content) out += reinterpret_cast<const char*>(n->content);
    } else if (n->type == XML_ELEMENT_NODE || n->type == XML_DOCUMENT_NODE ||
               n->type == XML_HTML_DOCUMENT_NODE) {
      const std::string name = n->type == XML_ELEMENT_NODE ? Name(n) : "";
      if (name == "script" || name == "style" || name == "template") continue;
      if (name == "p" || name == "br" || name == "div" || name == "li" || name == "tr" ||
          (name.size() == 2 && name[0] == 'h'))
        out.push_back(' ');
      std::vector<xmlNode*> children;
      for (xmlNode* c = n->children; c; c = c->next) children.push_back(c);
      for (auto it = children.rbegin(); it != children.rend(); ++it) stack.push_back(*it);
    }
  }
  return Collapse(out);
}

int ParseDimension(const std::string& v) {
  int n = 0;
  for (char c : v) {
    if (c < '0' || c > '9') return 0;
    n = n * 10 + (c - '0');
    if (n > 100000) return 0;
  }
  return n;
}

std::string JsonString(const json::object& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end()) return "";
  if (it->value().is_string()) return std::string(it->value().get_string());
  return "";
}
int JsonInt(const json::object& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end()) return 0;
  if (it->value().is_int64()) {
    auto v = it->value().get_int64();
    return v > 0 && v <= 100000 ? static_cast<int>(v) : 0;
  }
  if (it->value().is_uint64()) {
    auto v = it->value().get_uint64();
    return v <= 100000 ? static_cast<int>(v) : 0;
  }
  if (it->value().is_string()) return ParseDimension(std::string(it->value().get_string()));
  return 0;
}

}  // namespace

std::string ResolveHttpUrl(std::string_view base, std::string_view ref) {
  const std::string trimmed(Trim(ref));
  if (trimmed.empty()) return "";
  auto b = boost::urls::parse_uri(base);
  auto r = boost::urls::parse_uri_reference(trimmed);
  if (!b || !r) return "";
  boost::urls::url dest;
  if (!boost::urls::resolve(*b, *r, dest)) return "";
  const std::string scheme = AsciiLower(dest.scheme());
  if ((scheme != "http" && scheme != "https") || dest.host().empty()) return "";
  dest.set_scheme(scheme);  // "hTtps:" is https: said the canonical way (RFC 3986)
  return std::string(dest.buffer());
}

LinkPage ParseLinkPage(std::string_view html, std::string_view page_url) {
  LinkPage page;
  DocPtr doc = ReadHtml(html);
  if (!doc) return page;
  xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!root) return page;
  std::string og_title, og_description, twitter_title, twitter_description, meta_description, title,
      og_image, twitter_image;
  ForEachElement(root, [&](xmlNode* n) {
    const std::string name = Name(n);
    if (name == "body") return false;  // what a page says of itself is in its head
    if (name == "title" && title.empty()) {
      title = TextUnder(n);
    } else if (name == "meta") {
      std::string key = AsciiLower(Attribute(n, "property"));
      if (key.empty()) key = AsciiLower(Attribute(n, "name"));
      const std::string content = Collapse(Attribute(n, "content"));
      if (key.empty() || content.empty()) return true;
      auto first = [&](std::string& field) {
        if (field.empty()) field = content;
      };
      if (key == "og:title") first(og_title);
      if (key == "og:description") first(og_description);
      if (key == "og:site_name") first(page.site_name);
      if (key == "og:type") first(page.type);
      if (key == "og:url") {
        if (page.url.empty()) page.url = ResolveHttpUrl(page_url, content);
      }
      if (key == "og:image" || key == "og:image:url" || key == "og:image:secure_url")
        first(og_image);
      if (key == "og:image:width" && !page.image_width) page.image_width = ParseDimension(content);
      if (key == "og:image:height" && !page.image_height)
        page.image_height = ParseDimension(content);
      if (key == "twitter:title") first(twitter_title);
      if (key == "twitter:description") first(twitter_description);
      if (key == "twitter:image" || key == "twitter:image:src") first(twitter_image);
      if (key == "description") first(meta_description);
      if (key == "author" || key == "article:author") first(page.author);
    } else if (name == "link") {
      const std::string rel = " " + AsciiLower(Attribute(n, "rel")) + " ";
      const std::string type = AsciiLower(Attribute(n, "type"));
      if (rel.find(" alternate ") != std::string::npos && type == "application/json+oembed" &&
          page.oembed_url.empty())
        page.oembed_url = ResolveHttpUrl(page_url, Attribute(n, "href"));
    }
    return true;
  });
  page.title = !og_title.empty() ? og_title : !twitter_title.empty() ? twitter_title : title;
  page.description = !og_description.empty()        ? og_description
                     : !twitter_description.empty() ? twitter_description
                                                    : meta_description;
  page.image = ResolveHttpUrl(page_url, !og_image.empty() ? og_image : twitter_image);
  return page;
}

std::optional<OEmbed> ParseOEmbed(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return std::nullopt;
  const json::object& o = v.get_object();
  OEmbed e;
  e.type = JsonString(o, "type");
  if (e.type != "photo" && e.type != "video" && e.type != "link" && e.type != "rich")
    return std::nullopt;
  e.title = Collapse(JsonString(o, "title"));
  e.author_name = Collapse(JsonString(o, "author_name"));
  e.author_url = JsonString(o, "author_url");
  e.provider_name = Collapse(JsonString(o, "provider_name"));
  e.provider_url = JsonString(o, "provider_url");
  e.url = JsonString(o, "url");
  e.thumbnail_url = JsonString(o, "thumbnail_url");
  e.width = JsonInt(o, "width");
  e.height = JsonInt(o, "height");
  return e;
}

std::string HtmlText(std::string_view html) {
  if (Trim(html).empty()) return "";
  DocPtr doc = ReadHtml("<html><body>" + std::string(html) + "</body></html>");
  if (!doc) return "";
  return TextUnder(reinterpret_cast<xmlNode*>(doc.get()));
}

std::string Excerpt(std::string_view text, size_t max_chars) {
  if (CountCodePoints(text) <= max_chars) return std::string(text);
  // The byte where code point max_chars - 1 starts (room for "…").
  size_t seen = 0, cut = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (seen == max_chars - 1) {
      cut = i;
      break;
    }
    ++seen;
  }
  std::string_view head = text.substr(0, cut);
  size_t space = head.rfind(' ');
  if (space != std::string_view::npos && space > head.size() / 2) head = head.substr(0, space);
  while (!head.empty() && (head.back() == ' ' || head.back() == ',' || head.back() == '.'))
    head.remove_suffix(1);
  return std::string(head) + "…";
}

}  // namespace atrium
