#include "base/feed_parser.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <memory>

#include "base/link_page.h"
#include "base/text.h"

namespace atrium {
namespace {

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

std::string LocalName(xmlNode* n) {
  return n->name ? std::string(reinterpret_cast<const char*>(n->name)) : "";
}

std::string Content(xmlNode* n) {
  xmlChar* v = xmlNodeGetContent(n);
  if (!v) return "";
  std::string out(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return out;
}

std::string Attribute(xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (!v) return "";
  std::string out(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return out;
}

// The text of an element that may hold HTML (escaped or in CDATA), or, for
// Atom's type="xhtml", markup.
std::string TextOf(xmlNode* n) { return HtmlText(Content(n)); }

FeedItem ReadEntry(xmlNode* item, bool atom, std::string_view feed_url) {
  FeedItem e;
  std::string id, summary, content;
  for (xmlNode* c = item->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    const std::string name = LocalName(c);
    if (name == "title" && e.title.empty()) e.title = TextOf(c);
    if (atom) {
      if (name == "id" && id.empty()) id = std::string(Trim(Content(c)));
      if (name == "link") {
        const std::string rel = Attribute(c, "rel");
        if ((rel.empty() || rel == "alternate") && e.link.empty())
          e.link = ResolveHttpUrl(feed_url, Attribute(c, "href"));
      }
      if (name == "summary" && summary.empty()) summary = TextOf(c);
      if (name == "content" && content.empty()) content = TextOf(c);
    } else {
      if (name == "guid" && id.empty()) id = std::string(Trim(Content(c)));
      if (name == "link" && e.link.empty()) e.link = ResolveHttpUrl(feed_url, Content(c));
      if (name == "description" && summary.empty()) summary = TextOf(c);
      if (name == "encoded" && content.empty()) content = TextOf(c);  // content:encoded
    }
  }
  if (e.link.empty() && !atom && !id.empty()) e.link = ResolveHttpUrl(feed_url, id);
  e.key = !id.empty() ? id : e.link;
  // The summary only: the article itself stays on the blog. A feed with
  // no summary gives the beginning of the content, cut short by the caller.
  e.summary = !summary.empty() ? summary : content;
  return e;
}

}  // namespace

Result<ParsedFeed> ParseFeed(std::string_view xml, std::string_view feed_url) {
  if (xml.empty() || xml.size() > (64u << 20))
    return Status::Unprocessable("not_a_feed", "the answer is empty");
  std::unique_ptr<xmlDoc, DocFree> doc(
      xmlReadMemory(xml.data(), static_cast<int>(xml.size()), nullptr, nullptr,
                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA));
  if (!doc) return Status::Unprocessable("not_a_feed", "the answer is not well-formed XML");
  if (doc->intSubset && doc->intSubset->entities)
    return Status::Unprocessable("not_a_feed", "the feed declares entities");
  xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!root) return Status::Unprocessable("not_a_feed", "the answer has no root element");
  const std::string root_name = LocalName(root);
  ParsedFeed feed;
  auto add = [&](xmlNode* item, bool atom) {
    FeedItem e = ReadEntry(item, atom, feed_url);
    if (!e.key.empty() && !e.link.empty()) feed.entries.push_back(std::move(e));
  };
  if (root_name == "feed") {  // Atom
    for (xmlNode* c = root->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      if (LocalName(c) == "title" && feed.title.empty()) feed.title = TextOf(c);
      if (LocalName(c) == "entry") add(c, true);
    }
  } else if (root_name == "rss" || root_name == "RDF") {  // RSS 2.0, RSS 1.0
    for (xmlNode* c = root->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      if (LocalName(c) == "item") add(c, false);  // RSS 1.0: items beside the channel
      if (LocalName(c) != "channel") continue;
      for (xmlNode* i = c->children; i; i = i->next) {
        if (i->type != XML_ELEMENT_NODE) continue;
        if (LocalName(i) == "title" && feed.title.empty()) feed.title = TextOf(i);
        if (LocalName(i) == "item") add(i, false);
      }
    }
  } else {
    return Status::Unprocessable("not_a_feed", "neither RSS nor Atom");
  }
  return feed;
}

}  // namespace atrium
