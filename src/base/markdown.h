// Markdown to safe HTML, with cmark-gfm (CommonMark plus GitHub's tables,
// strikethrough and autolinks). Raw HTML in the input is never passed
// through, and links with unsafe schemes (javascript:, data: ...) are
// dropped: the output can be shown as is.
#pragma once

#include <string>
#include <string_view>

namespace atrium {

std::string RenderMarkdown(std::string_view markdown);

}  // namespace atrium
