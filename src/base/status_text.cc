// The parser is one left-to-right pass. At each '@', '#' or 'h'/'H' it tries
// to match a token there; a match is recorded and skipped over whole, which
// is what makes a '@' or '#' inside a link part of the link. A failed attempt
// moves on by one byte. Attempts are cheap to fail: a failed mention or
// hashtag only scans the run of name characters after its own '@' or '#'
// (which cannot contain another '@' or '#'), and a link attempt that gets past
// its first host character always succeeds. So the whole pass is linear.
//
// Character classes without ICU: code points are classified by small sorted
// tables of ranges, searched by binary search. The renderer follows
// Mastodon's TextFormatter (app/lib/text_formatter.rb) and Rails'
// simple_format, so its output is what a Mastodon client expects.

#include "base/status_text.h"

#include <utf8proc.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <iterator>
#include <unordered_map>
#include <utility>

#include "base/text.h"

namespace atrium {
namespace {

constexpr char32_t kReplacementChar = 0xFFFD;

struct CodePoint {
  char32_t value;
  size_t length;  // bytes
};

unsigned char Byte(char c) { return static_cast<unsigned char>(c); }

// Decodes the code point that starts at s[i] (i < s.size()). A malformed or
// truncated sequence decodes as U+FFFD, one byte long, so callers always
// advance and never read past the end.
CodePoint DecodeAt(std::string_view s, size_t i) {
  unsigned char c = Byte(s[i]);
  if (c < 0x80) return {c, 1};
  size_t length;
  char32_t value;
  if ((c & 0xE0) == 0xC0) {
    length = 2;
    value = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    length = 3;
    value = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    length = 4;
    value = c & 0x07;
  } else {
    return {kReplacementChar, 1};
  }
  if (s.size() - i < length) return {kReplacementChar, 1};
  for (size_t k = 1; k < length; ++k) {
    unsigned char b = Byte(s[i + k]);
    if ((b & 0xC0) != 0x80) return {kReplacementChar, 1};
    value = (value << 6) | (b & 0x3F);
  }
  return {value, length};
}

// Decodes the code point that ends just before s[i] (0 < i <= s.size()).
CodePoint DecodeBefore(std::string_view s, size_t i) {
  size_t start = i - 1;
  while (start > 0 && i - start < 4 && (Byte(s[start]) & 0xC0) == 0x80) --start;
  CodePoint cp = DecodeAt(s, start);
  if (start + cp.length != i) return {kReplacementChar, 1};
  return cp;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// ---- Character classes ------------------------------------------------------

struct CodePointRange {
  char32_t first;
  char32_t last;
};

template <size_t N>
constexpr bool SortedAndDisjoint(const CodePointRange (&ranges)[N]) {
  for (size_t i = 0; i < N; ++i) {
    if (ranges[i].first > ranges[i].last) return false;
    if (i > 0 && ranges[i - 1].last >= ranges[i].first) return false;
  }
  return true;
}

template <size_t N>
bool InRanges(const CodePointRange (&ranges)[N], char32_t cp) {
  auto after = std::upper_bound(std::begin(ranges), std::end(ranges), cp,
                                [](char32_t c, const CodePointRange& r) { return c < r.first; });
  return after != std::begin(ranges) && cp <= std::prev(after)->last;
}

// Code points >= U+0080 that are not word characters: they end a hashtag.
// Everything else >= U+0080 is taken for a letter, digit or mark.
constexpr CodePointRange kNonWordRanges[] = {
    {0x0080, 0x00BF},    // C1 controls, Latin-1 punctuation and symbols
    {0x00D7, 0x00D7},    // multiplication sign
    {0x00F7, 0x00F7},    // division sign
    {0x2000, 0x206F},    // general punctuation (spaces, dashes, quotes, ZWJ …)
    {0x2190, 0x2BFF},    // arrows, math, technical, box drawing, shapes, symbols, dingbats
    {0x3000, 0x303F},    // CJK symbols and punctuation
    {0xFE10, 0xFE1F},    // vertical forms
    {0xFE30, 0xFE4F},    // CJK compatibility forms
    {0xFF00, 0xFF0F},    // full-width punctuation …
    {0xFF1A, 0xFF20},    // … between the digits and the capitals
    {0xFF3B, 0xFF40},    // … between the capitals and the small letters
    {0xFF5B, 0xFF65},    // … and after, with half-width CJK punctuation
    {0x1F000, 0x1FAFF},  // emoji and other pictographs
};
static_assert(SortedAndDisjoint(kNonWordRanges));

// Unicode White_Space beyond ASCII: these end a link.
constexpr CodePointRange kUnicodeSpaceRanges[] = {
    {0x0085, 0x0085}, {0x00A0, 0x00A0}, {0x1680, 0x1680}, {0x2000, 0x200A},
    {0x2028, 0x2029}, {0x202F, 0x202F}, {0x205F, 0x205F}, {0x3000, 0x3000},
};
static_assert(SortedAndDisjoint(kUnicodeSpaceRanges));

// Closing punctuation beyond ASCII that is not part of a link when it ends it
// (a sentence or quotation that closes right after the URL).
constexpr CodePointRange kUnicodeLinkTrailingRanges[] = {
    {0x00BB, 0x00BB},  // »
    {0x2019, 0x2019},  // ’
    {0x201D, 0x201D},  // ”
    {0x2026, 0x2026},  // …
    {0x3001, 0x3002},  // 、。
    {0x300D, 0x300D},  // 」
    {0x300F, 0x300F},  // 』
    {0xFF01, 0xFF01},  // ！
    {0xFF0C, 0xFF0C},  // ，
    {0xFF0E, 0xFF0E},  // ．
    {0xFF1F, 0xFF1F},  // ？
};
static_assert(SortedAndDisjoint(kUnicodeLinkTrailingRanges));

// Letters (and combining marks) of the Latin script: a username followed by
// one of these is the start of a longer word ("@josé"), not a mention.
constexpr CodePointRange kLatinLetterRanges[] = {
    {0x00C0, 0x00D6}, {0x00D8, 0x00F6}, {0x00F8, 0x024F}, {0x0300, 0x036F}, {0x1E00, 0x1EFF},
};
static_assert(SortedAndDisjoint(kLatinLetterRanges));

bool IsAsciiAlpha(char32_t c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool IsAsciiDigit(char32_t c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlnum(char32_t c) { return IsAsciiAlpha(c) || IsAsciiDigit(c); }
bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// A hashtag character; also what a mention or hashtag may not follow.
bool IsWordChar(char32_t cp) {
  if (cp < 0x80) return IsAsciiAlnum(cp) || cp == '_';
  return !InRanges(kNonWordRanges, cp);
}

bool IsUsernameEdgeChar(char c) { return IsAsciiAlnum(Byte(c)) || c == '_'; }
bool IsUsernameChar(char c) { return IsUsernameEdgeChar(c) || c == '.' || c == '-'; }

// ---- Case folding -------------------------------------------------------------

// Maps capitals to small letters: every code point in [first, last] maps to
// itself + delta, or, when `alternate`, only every other one starting at
// `first` does (upper and lower case interleaved, as in Latin Extended-A).
struct CaseRange {
  char32_t first;
  char32_t last;
  int32_t delta;
  bool alternate;
};

constexpr CaseRange kCaseRanges[] = {
    {0x0041, 0x005A, 32, false},    // A-Z
    {0x00C0, 0x00D6, 32, false},    // À-Ö
    {0x00D8, 0x00DE, 32, false},    // Ø-Þ
    {0x0100, 0x012E, 1, true},      // Ā-Į
    {0x0130, 0x0130, -199, false},  // İ -> i
    {0x0132, 0x0136, 1, true},      // Ĳ-Ķ
    {0x0139, 0x0147, 1, true},      // Ĺ-Ň
    {0x014A, 0x0176, 1, true},      // Ŋ-Ŷ
    {0x0178, 0x0178, -121, false},  // Ÿ -> ÿ
    {0x0179, 0x017D, 1, true},      // Ź-Ž
    {0x0370, 0x0372, 1, true},      // Ͱ, Ͳ
    {0x0376, 0x0376, 1, false},     // Ͷ
    {0x037F, 0x037F, 116, false},   // Ϳ -> ϳ
    {0x0386, 0x0386, 38, false},    // Ά -> ά
    {0x0388, 0x038A, 37, false},    // Έ-Ί
    {0x038C, 0x038C, 64, false},    // Ό -> ό
    {0x038E, 0x038F, 63, false},    // Ύ, Ώ
    {0x0391, 0x03A1, 32, false},    // Α-Ρ
    {0x03A3, 0x03AB, 32, false},    // Σ-Ϋ
    {0x03C2, 0x03C2, 1, false},     // final ς folds to σ, as Unicode case folding does
    {0x03CF, 0x03CF, 8, false},     // Ϗ -> ϗ
    {0x03D8, 0x03EE, 1, true},      // Ϙ-Ϯ
    {0x03F4, 0x03F4, -60, false},   // ϴ -> θ
    {0x03F7, 0x03F7, 1, false},     // Ϸ
    {0x03F9, 0x03F9, -7, false},    // Ϲ -> ϲ
    {0x03FA, 0x03FA, 1, false},     // Ϻ
    {0x03FD, 0x03FF, -130, false},  // Ͻ-Ͽ -> ͻ-ͽ
    {0x0400, 0x040F, 80, false},    // Ѐ-Џ
    {0x0410, 0x042F, 32, false},    // А-Я
    {0x0460, 0x0480, 1, true},      // Ѡ-Ҁ
    {0x048A, 0x04BE, 1, true},      // Ҋ-Ҿ
    {0x04C0, 0x04C0, 15, false},    // Ӏ -> ӏ
    {0x04C1, 0x04CD, 1, true},      // Ӂ-Ӎ
    {0x04D0, 0x052E, 1, true},      // Ӑ-Ԯ
};

constexpr bool CaseRangesSortedAndDisjoint() {
  for (size_t i = 1; i < std::size(kCaseRanges); ++i)
    if (kCaseRanges[i - 1].last >= kCaseRanges[i].first) return false;
  return true;
}
static_assert(CaseRangesSortedAndDisjoint());

char32_t FoldCase(char32_t cp) {
  if (cp < kCaseRanges[0].first || cp > std::end(kCaseRanges)[-1].last) return cp;
  auto after = std::upper_bound(std::begin(kCaseRanges), std::end(kCaseRanges), cp,
                                [](char32_t c, const CaseRange& r) { return c < r.first; });
  const CaseRange& range = *std::prev(after);
  if (cp > range.last) return cp;
  if (range.alternate && (cp - range.first) % 2 != 0) return cp;
  return static_cast<char32_t>(static_cast<int32_t>(cp) + range.delta);
}

// ---- Matching -------------------------------------------------------------------

bool StartsWithIgnoringAsciiCase(std::string_view s, size_t i, std::string_view prefix) {
  if (s.size() - i < prefix.size()) return false;
  for (size_t k = 0; k < prefix.size(); ++k) {
    char c = s[i + k];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[k]) return false;
  }
  return true;
}

// Length of "http://" or "https://" at s[i] (any case), or 0.
size_t SchemeLength(std::string_view s, size_t i) {
  if (StartsWithIgnoringAsciiCase(s, i, "http://")) return 7;
  if (StartsWithIgnoringAsciiCase(s, i, "https://")) return 8;
  return 0;
}

// A link starting at text[i]; returns its end, or 0 if there is none.
size_t MatchLink(std::string_view text, size_t i) {
  if (i > 0 && IsAsciiAlnum(Byte(text[i - 1]))) return 0;  // "xhttp://" is not a link
  size_t host = i + SchemeLength(text, i);
  if (host == i || host >= text.size()) return 0;
  CodePoint first = DecodeAt(text, host);
  bool host_ok = first.value < 0x80 ? IsAsciiAlnum(first.value) || first.value == '['
                                    : IsWordChar(first.value);
  if (!host_ok) return 0;

  // The run of characters up to whitespace, a control character, '<' or '>'.
  size_t end = host;
  size_t opens = 0, closes = 0;
  while (end < text.size()) {
    CodePoint cp = DecodeAt(text, end);
    if (cp.value < 0x80) {
      if (cp.value <= 0x20 || cp.value == 0x7F || cp.value == '<' || cp.value == '>') break;
      if (cp.value == '(') ++opens;
      if (cp.value == ')') ++closes;
    } else if (InRanges(kUnicodeSpaceRanges, cp.value)) {
      break;
    }
    end += cp.length;
  }

  // Less trailing punctuation and unbalanced closing parentheses. The first
  // host character is none of those, so the link never shrinks below it.
  while (end > host + first.length) {
    CodePoint last = DecodeBefore(text, end);
    bool trailing;
    switch (last.value) {
      case '.':
      case ',':
      case ';':
      case ':':
      case '!':
      case '?':
      case '\'':
      case '"':
        trailing = true;
        break;
      case ')':
        trailing = closes > opens;
        if (trailing) --closes;
        break;
      default:
        trailing = last.value >= 0x80 && InRanges(kUnicodeLinkTrailingRanges, last.value);
    }
    if (!trailing) break;
    end -= last.length;
  }
  return end;
}

// A mention starting at the '@' at text[i]; returns its end, or 0.
size_t MatchMention(std::string_view text, size_t i) {
  if (i > 0) {
    char32_t before = DecodeBefore(text, i).value;
    if (IsWordChar(before) || before == '/' || before == '@' || before == '=') return 0;
    // "end.@alice": a '.' inside a word, as in an address.
    if (before == '.' && i > 1 && IsWordChar(DecodeBefore(text, i - 1).value)) return 0;
  }
  size_t name = i + 1;
  if (name >= text.size() || !IsUsernameEdgeChar(text[name])) return 0;
  size_t run_end = name + 1;
  while (run_end < text.size() && IsUsernameChar(text[run_end])) ++run_end;
  size_t end = run_end;
  while (!IsUsernameEdgeChar(text[end - 1])) --end;  // no trailing '.' or '-'
  if (end - name > kMaxMentionUsernameLength) return 0;
  if (end < text.size()) {
    // Not "@alice@domain" (remote accounts are not Atrium's), nor
    // "@alice://…", nor the start of a longer Latin word ("@josé").
    if (text[end] == '@' || text.substr(end, 3) == "://") return 0;
    CodePoint next = DecodeAt(text, end);
    if (next.value >= 0x80 && InRanges(kLatinLetterRanges, next.value)) return 0;
  }
  return end;
}

// A hashtag starting at the '#' at text[i]; returns its end, or 0.
size_t MatchHashtag(std::string_view text, size_t i) {
  if (i > 0) {
    char32_t before = DecodeBefore(text, i).value;
    if (IsWordChar(before) || before == '&') return 0;  // "C#", "&#39;"
  }
  size_t end = i + 1;
  size_t characters = 0;
  bool has_non_digit = false;
  while (end < text.size()) {
    CodePoint cp = DecodeAt(text, end);
    if (!IsWordChar(cp.value)) break;
    if (!IsAsciiDigit(cp.value)) has_non_digit = true;
    ++characters;
    end += cp.length;
  }
  if (characters == 0 || characters > kMaxHashtagLength || !has_non_digit) return 0;
  return end;
}

// ---- Rendering ------------------------------------------------------------------

// Escaped text, with Rails' simple_format newlines: one newline is "<br />",
// two or more (blank lines) end the paragraph. CR LF and a lone CR count as
// one newline each.
void AppendText(std::string& out, std::string_view s) {
  size_t start = 0;
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] != '\n' && s[i] != '\r') {
      ++i;
      continue;
    }
    out += HtmlEscape(s.substr(start, i - start));
    int newlines = 0;
    while (i < s.size() && (s[i] == '\n' || s[i] == '\r')) {
      if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
      ++newlines;
      ++i;
    }
    out += newlines >= 2 ? "</p><p>" : "<br />";
    start = i;
  }
  out += HtmlEscape(s.substr(start));
}

// Asks the resolver once per distinct username in a status, however often
// it is mentioned (the resolver typically reads the store).
class CachingResolver {
 public:
  explicit CachingResolver(const MentionResolver& resolve) : resolve_(resolve) {}

  const std::optional<MentionTarget>& Resolve(std::string_view username) {
    auto it = cache_.find(username);
    if (it == cache_.end()) {
      std::optional<MentionTarget> target;
      if (resolve_) target = resolve_(username);
      it = cache_.emplace(username, std::move(target)).first;
    }
    return it->second;
  }

 private:
  const MentionResolver& resolve_;
  std::unordered_map<std::string_view, std::optional<MentionTarget>> cache_;  // views into tokens
};

void AppendMention(std::string& out, std::string_view as_written, const MentionToken& mention,
                   CachingResolver& resolver) {
  const std::optional<MentionTarget>& target = resolver.Resolve(mention.username);
  if (!target) {
    AppendText(out, as_written);
    return;
  }
  out += R"(<span class="h-card" translate="no"><a href=")";
  out += HtmlEscape(target->url);
  out += R"(" class="u-url mention">@<span>)";
  out += HtmlEscape(target->username);
  out += "</span></a></span>";
}

void AppendHashtag(std::string& out, const HashtagToken& hashtag, std::string_view base_url) {
  out += HashtagHtml(hashtag.name, base_url);
}

// Mastodon's TextFormatter.shortened_link: the scheme (and "www.") hidden,
// then at most 30 characters shown, the rest hidden behind an ellipsis.
void AppendLink(std::string& out, std::string_view as_written, const LinkToken& link) {
  std::string_view url = link.url;
  size_t prefix = SchemeLength(url, 0);
  if (prefix == 0 || prefix == url.size()) {  // only http(s) is ever linked
    AppendText(out, as_written);
    return;
  }
  if (StartsWithIgnoringAsciiCase(url, prefix, "www.")) prefix += 4;
  std::string_view shown = url.substr(prefix);
  constexpr size_t kShownCharacters = 30;
  size_t cut = 0;
  size_t characters = 0;
  for (; cut < shown.size(); ++cut) {
    if ((Byte(shown[cut]) & 0xC0) == 0x80) continue;
    if (characters == kShownCharacters) break;
    ++characters;
  }
  bool cut_off = cut < shown.size();

  out += R"(<a href=")";
  out += HtmlEscape(url);
  out += R"(" target="_blank" rel="nofollow noopener noreferrer" translate="no">)";
  out += R"(<span class="invisible">)";
  out += HtmlEscape(url.substr(0, prefix));
  out += cut_off ? R"(</span><span class="ellipsis">)" : R"(</span><span class="">)";
  out += HtmlEscape(shown.substr(0, cut));
  out += R"(</span><span class="invisible">)";
  out += HtmlEscape(shown.substr(cut));
  out += "</span></a>";
}

}  // namespace

ParsedText ParseStatusText(std::string_view text) {
  ParsedText parsed;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    size_t end = 0;
    if ((c == 'h' || c == 'H') && (end = MatchLink(text, i)) != 0) {
      parsed.links.push_back({{i, end}, std::string(text.substr(i, end - i))});
    } else if (c == '@' && (end = MatchMention(text, i)) != 0) {
      parsed.mentions.push_back({{i, end}, std::string(text.substr(i + 1, end - i - 1))});
    } else if (c == '#' && (end = MatchHashtag(text, i)) != 0) {
      parsed.hashtags.push_back({{i, end}, std::string(text.substr(i + 1, end - i - 1))});
    }
    i = end != 0 ? end : i + 1;
  }
  return parsed;
}

std::string NormalizeHashtag(std::string_view raw) {
  // Compatibility composition first (NFKC, as Mastodon normalizes tags), so
  // that "café" typed as e + U+0301 and as U+00E9 are one tag, and so are
  // full-width and ligature spellings; then case folding.
  std::string composed;
  if (utf8proc_uint8_t* nfkc =
          utf8proc_NFKC(reinterpret_cast<const utf8proc_uint8_t*>(std::string(raw).c_str()))) {
    composed = reinterpret_cast<const char*>(nfkc);
    std::free(nfkc);
  } else {
    composed = std::string(raw);  // not valid UTF-8: fold what is there
  }
  std::string_view name = composed;
  std::string out;
  out.reserve(name.size());
  for (size_t i = 0; i < name.size();) {
    CodePoint cp = DecodeAt(name, i);
    char32_t folded = FoldCase(cp.value);
    if (folded == cp.value) {
      out.append(name.substr(i, cp.length));  // as is, even if malformed
    } else {
      AppendUtf8(out, folded);
    }
    i += cp.length;
  }
  return out;
}

std::string HashtagHtml(std::string_view name, std::string_view base_url) {
  std::string url(base_url);
  url += "/tags/";
  url += UrlEncode(NormalizeHashtag(name));
  std::string out = R"(<a href=")";
  out += HtmlEscape(url);
  out += R"(" class="mention hashtag" rel="tag">#<span>)";
  out += HtmlEscape(name);
  out += "</span></a>";
  return out;
}

std::string RenderStatusHtml(std::string_view text, const ParsedText& parsed,
                             const MentionResolver& resolve, std::string_view base_url) {
  // Mastodon strips a status' text before formatting it.
  size_t first = 0, last = text.size();
  while (first < last && IsAsciiSpace(text[first])) ++first;
  while (last > first && IsAsciiSpace(text[last - 1])) --last;
  if (first == last) return "";
  while (!base_url.empty() && base_url.back() == '/') base_url.remove_suffix(1);

  enum class Kind { kMention, kHashtag, kLink };
  struct Entity {
    TextSpan span;
    Kind kind;
    size_t index;
  };
  std::vector<Entity> entities;
  entities.reserve(parsed.mentions.size() + parsed.hashtags.size() + parsed.links.size());
  for (size_t k = 0; k < parsed.mentions.size(); ++k)
    entities.push_back({parsed.mentions[k].span, Kind::kMention, k});
  for (size_t k = 0; k < parsed.hashtags.size(); ++k)
    entities.push_back({parsed.hashtags[k].span, Kind::kHashtag, k});
  for (size_t k = 0; k < parsed.links.size(); ++k)
    entities.push_back({parsed.links[k].span, Kind::kLink, k});
  std::stable_sort(entities.begin(), entities.end(),
                   [](const Entity& a, const Entity& b) { return a.span.begin < b.span.begin; });

  CachingResolver resolver(resolve);
  std::string out;
  out.reserve(last - first + last / 4 + 16 + entities.size() * 160);
  out += "<p>";
  size_t cursor = first;
  for (const Entity& entity : entities) {
    const TextSpan& span = entity.span;
    if (span.begin < cursor || span.end > last || span.begin >= span.end) continue;
    AppendText(out, text.substr(cursor, span.begin - cursor));
    std::string_view as_written = text.substr(span.begin, span.end - span.begin);
    switch (entity.kind) {
      case Kind::kMention:
        AppendMention(out, as_written, parsed.mentions[entity.index], resolver);
        break;
      case Kind::kHashtag:
        AppendHashtag(out, parsed.hashtags[entity.index], base_url);
        break;
      case Kind::kLink:
        AppendLink(out, as_written, parsed.links[entity.index]);
        break;
    }
    cursor = span.end;
  }
  AppendText(out, text.substr(cursor, last - cursor));
  out += "</p>";
  return out;
}

}  // namespace atrium
