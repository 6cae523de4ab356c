// The search box's language, as Mastodon's search reads it and with
// Atrium's own operators: words, "phrases", -word (exclude), word* (prefix),
// and operators
//
//   from:@user  has:media|link|poll  is:reply  is:unanswered
//   before:YYYY-MM-DD  after:YYYY-MM-DD  during:YYYY-MM-DD  in:library
//   kind:blog|question|status  community:handle  tag:name
//
// A token `name:value` whose name is lower-case letters is an operator: an
// unknown name, a bad value or a negated operator is refused (422) naming
// it. Addresses (anything with "://") stay words. Pure functions over text;
// safe from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace atrium {

// One word or phrase to find (or to exclude) in a post's text.
struct SearchTerm {
  std::string text;      // as typed: a word, or the words of a phrase
  bool phrase = false;   // "quoted": the words next to each other, in order
  bool prefix = false;   // word*: words starting with it
  bool exclude = false;  // -word or -"phrase": posts without it
};

struct ParsedSearch {
  std::vector<SearchTerm> terms;
  std::string from;               // from:@user — the username, without '@' or a server
  bool has_media = false;         // has:media
  bool has_link = false;          // has:link
  bool has_poll = false;          // has:poll
  bool is_reply = false;          // is:reply
  bool is_unanswered = false;     // is:unanswered (questions without an accepted answer)
  bool in_library = false;        // in:library (the viewer's bookmarks, likes and own posts)
  int64_t created_before = 0;     // ms, exclusive; 0: no bound (before:, during:)
  int64_t created_from = 0;       // ms, inclusive; 0: no bound (after:, during:)
  std::string kind;               // kind: "blog", "question" or "status"; "": any
  std::string community;          // community:handle
  std::vector<std::string> tags;  // tag:name (normalized as hashtags are)

  // True when something other than words narrows the search.
  bool HasOperators() const;
  // The terms that must match (not excluded).
  size_t PositiveTerms() const;
};

// At most this many terms (words and phrases) in one query.
inline constexpr size_t kMaxSearchTerms = 16;

// Parses `query` (valid UTF-8). 422 for an unknown operator, a bad value, a
// negated operator, an unclosed quote is read as closed at the end.
Result<ParsedSearch> ParseSearch(std::string_view query);

// The words of `text` as the search indexes them: runs of letters and
// digits, and each Chinese, Japanese or Korean character on its own.
// Folded (ASCII lower case, Latin diacritics removed) when `fold`.
struct SearchToken {
  size_t begin = 0;  // byte offsets into the text
  size_t end = 0;
  std::string folded;
};
std::vector<SearchToken> SearchTokens(std::string_view text);

// The words of `text` folded (SearchTokens' `folded`, and ß as "ss"), one
// space between them: what the indexes of people, communities and names
// hold and what their queries look for, so that both backends (whose
// tokenizers fold differently) find the same.
std::string FoldForSearch(std::string_view text);

// `text` with a space on each side of every Chinese, Japanese or Korean
// character, so that a word index finds them one by one (and a phrase of
// them as adjacent characters) on every backend.
std::string SpaceOutCjk(std::string_view text);

// A fragment of `text` (at most about `max_bytes`) around the first word
// matching a positive term of `terms`, HTML-escaped, each matching word in
// <mark>…</mark>; "…" where it was cut. The start of the text, escaped and
// unmarked, when nothing matches.
std::string HighlightSearch(std::string_view text, const std::vector<SearchTerm>& terms,
                            size_t max_bytes = 240);

}  // namespace atrium
