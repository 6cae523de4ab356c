// Markdown to safe HTML, with cmark-gfm (CommonMark plus GitHub's tables,
// strikethrough and autolinks). Raw HTML in the input is never passed
// through, and links with unsafe schemes (javascript:, data: ...) are
// dropped: the output can be shown as is. Images are shown as links to
// them, never loaded with the page (see ImagesToLinks in markdown.cc).
//
// The work is bounded. cmark-gfm fills every row of a table up to the
// header's column count, so a few kilobytes of one-cell rows under a wide
// header become millions of cells (8 KB: 2 million cells, 20 MB of HTML,
// seconds of CPU). Before parsing, the input's tables are measured by a
// linear scan that over-counts rather than under-counts; writes refuse
// Markdown over the bound (CheckMarkdown), and RenderMarkdown shows such
// text (from before the bound existed) as escaped plain paragraphs instead
// of parsing it.
//
// Thread-safe: no state is shared between calls.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace atrium {

// The most table cells (rows × columns, header row included) one text may
// make: a 100-column, 100-row table.
inline constexpr size_t kMaxMarkdownTableCells = 10'000;
// The most HTML RenderMarkdown returns; longer output is replaced by the
// plain-text rendering.
inline constexpr size_t kMaxMarkdownHtml = 2 * 1024 * 1024;

// An upper bound of the table cells cmark-gfm would make of `markdown`.
// O(n) in the input's length.
size_t MarkdownTableCellBound(std::string_view markdown);

// OK, or kUnprocessable (422) when `markdown` would make more than
// kMaxMarkdownTableCells table cells; `field` ("Note") names the input in
// the error.
Status CheckMarkdown(std::string_view markdown, std::string_view field);

// The HTML of `markdown`; over the bounds, its text escaped in paragraphs.
std::string RenderMarkdown(std::string_view markdown);
// The same, with the #hashtags of its text (not those in code or in links)
// linked to `tag_base_url` + "/tags/" + the normalized name, as a post's
// hashtags are (HashtagHtml in status_text.h). Empty `tag_base_url`: not
// linked.
std::string RenderMarkdown(std::string_view markdown, std::string_view tag_base_url);

// The custom emoji shortcodes (base/emoji_shortcode.h) in the text of
// `markdown` as RenderMarkdown shows it — never those in code spans, code
// blocks, links or images (shown as links) — without colons, in order of
// first use, each once.
std::vector<std::string> MarkdownEmojiShortcodes(std::string_view markdown);

}  // namespace atrium
