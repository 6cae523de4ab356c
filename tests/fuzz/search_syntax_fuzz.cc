// The search box's language (base/search_syntax.h): parsed, then its terms
// highlighted in the input itself. Checks what the header promises: at
// most kMaxSearchTerms terms, each with a word; tokens inside the text, in
// order; a highlight with no tag but <mark> and no unescaped input.
#include <string>

#include "base/search_syntax.h"
#include "base/text.h"
#include "fuzz_util.h"

using namespace atrium;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = fuzz::Text(data, size);
  if (!IsValidUtf8(text)) return 0;
  size_t end = 0;
  for (const SearchToken& t : SearchTokens(text)) {
    fuzz::Require(t.begin >= end && t.begin < t.end && t.end <= text.size(),
                  "tokens lie in the text, in order");
    fuzz::Require(!t.folded.empty(), "a token has a folded form");
    end = t.end;
  }
  auto parsed = ParseSearch(text);
  if (!parsed.ok()) {
    fuzz::Require(parsed.status().code() == Code::kUnprocessable, "a refusal is a 422");
    return 0;
  }
  fuzz::Require(parsed->terms.size() <= kMaxSearchTerms, "terms are bounded");
  for (const SearchTerm& t : parsed->terms)
    fuzz::Require(!SearchTokens(t.text).empty(), "every term has a word");
  std::string html = HighlightSearch(text, parsed->terms, 120);
  std::string stripped;
  for (size_t i = 0; i < html.size();) {
    if (html.compare(i, 6, "<mark>") == 0) {
      i += 6;
    } else if (html.compare(i, 7, "</mark>") == 0) {
      i += 7;
    } else {
      stripped.push_back(html[i++]);
    }
  }
  fuzz::Require(stripped.find('<') == std::string::npos, "no tag comes from the input");
  fuzz::Require(stripped.find('>') == std::string::npos, "no tag comes from the input");
  fuzz::Require(stripped.find('"') == std::string::npos, "quotes are escaped");
  return 0;
}
