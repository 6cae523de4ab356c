#include "base/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <fmt/format.h>

#include <cstdlib>
#include <cstring>
#include <limits>
#include <mutex>
#include <vector>

#include "base/emoji_shortcode.h"
#include "base/status_text.h"
#include "base/text.h"

namespace atrium {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

bool IsBlankLine(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

// `line` without what may open it before a table's text: indentation,
// block quote markers and list item markers, however nested.
std::string_view StripContainerMarkers(std::string_view line) {
  for (;;) {
    size_t i = 0;
    while (i < line.size() && IsSpace(line[i])) ++i;
    line.remove_prefix(i);
    if (!line.empty() && line[0] == '>') {
      line.remove_prefix(1);
      continue;
    }
    if (line.size() >= 2 && (line[0] == '-' || line[0] == '*' || line[0] == '+') &&
        IsSpace(line[1])) {
      line.remove_prefix(2);
      continue;
    }
    size_t digits = 0;
    while (digits < line.size() && digits < 9 && line[digits] >= '0' && line[digits] <= '9')
      ++digits;
    if (digits > 0 && digits + 1 < line.size() && (line[digits] == '.' || line[digits] == ')') &&
        IsSpace(line[digits + 1])) {
      line.remove_prefix(digits + 2);
      continue;
    }
    return line;
  }
}

// The number of cells of a table's delimiter row ("| --- | :-: |"), or 0
// when `line` cannot be one. Over-counts: every run of '-' is a cell.
size_t DelimiterRowColumns(std::string_view line) {
  size_t columns = 0;
  bool in_dashes = false;
  for (char c : line) {
    if (c == '-') {
      if (!in_dashes) ++columns;
      in_dashes = true;
      continue;
    }
    if (c != '|' && c != ':' && !IsSpace(c)) return 0;
    in_dashes = false;
  }
  return columns;
}

size_t SaturatingAdd(size_t a, size_t b) {
  return a > std::numeric_limits<size_t>::max() - b ? std::numeric_limits<size_t>::max() : a + b;
}

size_t SaturatingMultiply(size_t a, size_t b) {
  if (a != 0 && b > std::numeric_limits<size_t>::max() / a)
    return std::numeric_limits<size_t>::max();
  return a * b;
}

// Each line as a paragraph, escaped.
std::string RenderPlain(std::string_view text) {
  std::string out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!IsBlankLine(line)) out += "<p>" + HtmlEscape(line) + "</p>\n";
    start = end + 1;
  }
  return out;
}

}  // namespace

size_t MarkdownTableCellBound(std::string_view markdown) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < markdown.size()) {
    size_t end = markdown.find('\n', start);
    if (end == std::string_view::npos) end = markdown.size();
    lines.push_back(StripContainerMarkers(markdown.substr(start, end - start)));
    start = end + 1;
  }
  // following[i]: how many lines after line i come before the next blank
  // one (the most rows a table whose delimiter row is line i can have).
  std::vector<size_t> following(lines.size(), 0);
  for (size_t i = lines.size(); i-- > 1;) {
    bool blank = IsBlankLine(lines[i]);
    following[i - 1] = blank ? 0 : 1 + following[i];
  }
  size_t cells = 0;
  for (size_t i = 1; i < lines.size(); ++i) {
    size_t columns = DelimiterRowColumns(lines[i]);
    if (columns == 0) continue;
    // The header row, then every row up to the next blank line.
    cells = SaturatingAdd(cells, SaturatingMultiply(columns, 1 + following[i]));
  }
  return cells;
}

Status CheckMarkdown(std::string_view markdown, std::string_view field) {
  size_t cells = MarkdownTableCellBound(markdown);
  if (cells <= kMaxMarkdownTableCells) return Status::Ok();
  return Status::Unprocessable(
      fmt::format("Validation failed: {} has tables of more than {} cells (about {})", field,
                  kMaxMarkdownTableCells, cells));
}

// Every image in `doc` turned into a link to it (its alt text, or its
// address, as the link's text): a reader's browser fetches nothing from
// outside the organization when a page is shown (no tracking pixels, no
// requests to internal addresses on the reader's behalf); one click opens it.
static void ImagesToLinks(cmark_node* doc) {
  std::vector<cmark_node*> images;
  cmark_iter* it = cmark_iter_new(doc);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;)
    if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(cmark_iter_get_node(it)) == CMARK_NODE_IMAGE)
      images.push_back(cmark_iter_get_node(it));
  cmark_iter_free(it);
  for (cmark_node* image : images) {
    cmark_node* link = cmark_node_new(CMARK_NODE_LINK);
    const char* url = cmark_node_get_url(image);
    cmark_node_set_url(link, url ? url : "");
    cmark_node_set_title(link, cmark_node_get_title(image));
    while (cmark_node* child = cmark_node_first_child(image)) cmark_node_append_child(link, child);
    if (!cmark_node_first_child(link)) {
      cmark_node* text = cmark_node_new(CMARK_NODE_TEXT);
      cmark_node_set_literal(text, url ? url : "");
      cmark_node_append_child(link, text);
    }
    cmark_node_replace(image, link);
    cmark_node_free(image);
  }
}

// Every #hashtag in the text of `doc` linked as a post's are (HashtagHtml),
// except in links and code (code is not text in the tree). The link is a
// custom inline node, written by the renderer as it is: its HTML is made
// here, every part of the input in it escaped.
static void LinkHashtags(cmark_node* doc, std::string_view base_url) {
  std::vector<cmark_node*> texts;
  int in_link = 0;
  cmark_iter* it = cmark_iter_new(doc);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(it);
    const cmark_node_type type = cmark_node_get_type(node);
    if (type == CMARK_NODE_LINK) {
      in_link += ev == CMARK_EVENT_ENTER ? 1 : -1;
    } else if (type == CMARK_NODE_TEXT && in_link == 0) {
      const char* literal = cmark_node_get_literal(node);
      if (literal && std::strchr(literal, '#')) texts.push_back(node);
    }
  }
  cmark_iter_free(it);
  for (cmark_node* text : texts) {
    const std::string literal = cmark_node_get_literal(text);
    const ParsedText parsed = ParseStatusText(literal);
    if (parsed.hashtags.empty()) continue;
    // The text's parts in order, made first and then put in its place; a
    // parent that takes no custom inline (a table cell) keeps the text.
    std::vector<cmark_node*> parts;
    auto add_text = [&](size_t begin, size_t end) {
      if (begin >= end) return;
      cmark_node* part = cmark_node_new(CMARK_NODE_TEXT);
      cmark_node_set_literal(part, literal.substr(begin, end - begin).c_str());
      parts.push_back(part);
    };
    size_t at = 0;
    for (const HashtagToken& tag : parsed.hashtags) {
      add_text(at, tag.span.begin);
      cmark_node* link = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
      cmark_node_set_on_enter(link, HashtagHtml(tag.name, base_url).c_str());
      cmark_node_set_on_exit(link, "");
      parts.push_back(link);
      at = tag.span.end;
    }
    add_text(at, literal.size());
    bool placed = true;
    for (cmark_node* part : parts)
      if (placed && !cmark_node_insert_before(text, part)) placed = false;
    if (!placed) {
      for (cmark_node* part : parts) {
        cmark_node_unlink(part);
        cmark_node_free(part);
      }
      continue;
    }
    cmark_node_unlink(text);
    cmark_node_free(text);
  }
}

std::string RenderMarkdown(std::string_view markdown) { return RenderMarkdown(markdown, ""); }

// CMARK_OPT_DEFAULT is safe: raw HTML and unsafe links are left out.
static constexpr int kMarkdownOptions = CMARK_OPT_DEFAULT;

// A parser of Atrium's Markdown (with GitHub's tables, strikethrough and
// autolinks) that has read `markdown`; the caller frees it.
static cmark_parser* ParseMarkdown(std::string_view markdown) {
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
  cmark_parser* parser = cmark_parser_new(kMarkdownOptions);
  for (const char* name : {"table", "strikethrough", "autolink"})
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
      cmark_parser_attach_syntax_extension(parser, ext);
  cmark_parser_feed(parser, markdown.data(), markdown.size());
  return parser;
}

std::vector<std::string> MarkdownEmojiShortcodes(std::string_view markdown) {
  // Over the bounds the text is shown as plain paragraphs: all of it is text.
  if (MarkdownTableCellBound(markdown) > kMaxMarkdownTableCells) return EmojiShortcodesIn(markdown);
  cmark_parser* parser = ParseMarkdown(markdown);
  cmark_node* doc = cmark_parser_finish(parser);
  std::vector<std::string> out;
  int in_link = 0;
  cmark_iter* it = cmark_iter_new(doc);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(it);
    const cmark_node_type type = cmark_node_get_type(node);
    // An image is shown as a link to it (ImagesToLinks).
    if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) {
      in_link += ev == CMARK_EVENT_ENTER ? 1 : -1;
      continue;
    }
    if (type != CMARK_NODE_TEXT || in_link > 0) continue;
    // The parser may cut one run of text into several nodes (at a '_' that
    // opens no emphasis): the run is read whole, from its first node, as
    // the HTML shows it.
    cmark_node* previous = cmark_node_previous(node);
    if (previous && cmark_node_get_type(previous) == CMARK_NODE_TEXT) continue;
    std::string run;
    for (cmark_node* n = node; n && cmark_node_get_type(n) == CMARK_NODE_TEXT;
         n = cmark_node_next(n))
      if (const char* literal = cmark_node_get_literal(n)) run += literal;
    AddEmojiShortcodes(run, out);
  }
  cmark_iter_free(it);
  cmark_node_free(doc);
  cmark_parser_free(parser);
  return out;
}

std::string RenderMarkdown(std::string_view markdown, std::string_view tag_base_url) {
  if (MarkdownTableCellBound(markdown) > kMaxMarkdownTableCells) return RenderPlain(markdown);
  const int options = kMarkdownOptions;
  cmark_parser* parser = ParseMarkdown(markdown);
  cmark_node* doc = cmark_parser_finish(parser);
  ImagesToLinks(doc);
  if (!tag_base_url.empty()) LinkHashtags(doc, tag_base_url);
  char* html = cmark_render_html(doc, options, cmark_parser_get_syntax_extensions(parser));
  std::string out = html ? html : "";
  free(html);
  cmark_node_free(doc);
  cmark_parser_free(parser);
  if (out.size() > kMaxMarkdownHtml) return RenderPlain(markdown);
  return out;
}

}  // namespace atrium
