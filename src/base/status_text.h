// Status text: finding @mentions, #hashtags and links in what people write,
// and rendering it to safe HTML in Mastodon's style.
//
// Pure functions over valid UTF-8 (validated upstream); no I/O, no shared
// state, so everything here is safe to call from any thread. Every function
// runs in time linear in the length of the text: this runs on every post.
//
// The rules, in brief (status_text.cc has the details):
//  - A mention is "@username", username [A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?
//    of at most 30 characters. Atrium is one organization, so remote forms
//    such as "@alice@example.com" are not mentions at all.
//  - A hashtag is "#" and word characters (ASCII letters, digits, '_', and
//    most code points >= U+0080), with at least one non-digit, at most 100
//    characters.
//  - A link is "http://" or "https://" and the non-space characters after it,
//    less trailing punctuation and an unbalanced trailing ')'.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace atrium {

inline constexpr size_t kMaxMentionUsernameLength = 30;  // characters
inline constexpr size_t kMaxHashtagLength = 100;         // characters, without the '#'

// Byte offsets into the text, [begin, end).
struct TextSpan {
  size_t begin;
  size_t end;
};

// `span` covers "@name" including the '@'; `username` is as written, without '@'.
struct MentionToken {
  TextSpan span;
  std::string username;
};

// `span` covers "#name" including the '#'; `name` is as written, without '#'.
struct HashtagToken {
  TextSpan span;
  std::string name;
};

// `span` covers the URL; `url` is the URL as written (scheme included).
struct LinkToken {
  TextSpan span;
  std::string url;
};

// Each list is in text order; no two tokens of any kind overlap.
struct ParsedText {
  std::vector<MentionToken> mentions;
  std::vector<HashtagToken> hashtags;
  std::vector<LinkToken> links;
};

// Finds the mentions, hashtags and links in valid UTF-8 `text`, in order and
// non-overlapping: a '#' or '@' inside a link is part of the link. Never
// reads outside `text`, even on truncated UTF-8 sequences.
ParsedText ParseStatusText(std::string_view text);

// The form of a hashtag name for storage and lookup: NFKC-normalized (with
// utf8proc), then case-folded, so "Café", "CAFÉ", "café" and a decomposed
// "cafe\u0301" give the same result. Folds ASCII, Latin-1, Latin
// Extended-A, Greek (final sigma included) and Cyrillic capitals; other
// scripts are left as they are.
std::string NormalizeHashtag(std::string_view name);

// The link of the hashtag `name` (as written, without '#'), as
// RenderStatusHtml writes it: to `base_url` + "/tags/" + the percent-encoded
// normalized name, the name escaped.
std::string HashtagHtml(std::string_view name, std::string_view base_url);

// How to link a mention: the profile URL and canonical username of an
// existing, active account.
struct MentionTarget {
  std::string url;
  std::string username;
};
// Returns the target for `username` as written, or nullopt to leave the
// mention as plain text. RenderStatusHtml calls it once per distinct username.
using MentionResolver = std::function<std::optional<MentionTarget>(std::string_view username)>;

// Renders plain `text`, with the tokens `parsed` found in it, to Mastodon-style
// HTML. Everything taken from the input is escaped; the input can never add a
// tag or an attribute of its own. Like Mastodon, the text is first trimmed of
// ASCII whitespace; blank text renders as "". Paragraphs ("<p>…</p>") are split
// on two or more newlines, a single newline becomes "<br />" (CR LF and CR
// count as newlines). Mentions are linked when `resolve` returns a target,
// hashtags link to `base_url` + "/tags/" + the percent-encoded normalized name,
// and links are shown without their scheme (and "www."), cut to 30 characters
// as Mastodon does. Tokens whose spans are out of range or overlap an earlier
// token are ignored, as are links whose URL is not http(s).
std::string RenderStatusHtml(std::string_view text, const ParsedText& parsed,
                             const MentionResolver& resolve, std::string_view base_url);

}  // namespace atrium
