#include "base/search_syntax.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "base/status_text.h"
#include "base/text.h"

namespace atrium {
namespace {

// The code point at `i` of valid UTF-8 `s` and its length; an invalid byte
// is read as itself, one byte long.
char32_t Decode(std::string_view s, size_t i, size_t* len) {
  const auto b = static_cast<unsigned char>(s[i]);
  auto cont = [&](size_t k) { return static_cast<unsigned char>(s[i + k]) & 0x3F; };
  if (b < 0x80) {
    *len = 1;
    return b;
  }
  if ((b & 0xE0) == 0xC0 && i + 1 < s.size()) {
    *len = 2;
    return ((b & 0x1F) << 6) | cont(1);
  }
  if ((b & 0xF0) == 0xE0 && i + 2 < s.size()) {
    *len = 3;
    return ((b & 0x0F) << 12) | (cont(1) << 6) | cont(2);
  }
  if ((b & 0xF8) == 0xF0 && i + 3 < s.size()) {
    *len = 4;
    return ((b & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3);
  }
  *len = 1;
  return b;
}

bool IsCjk(char32_t c) {
  return (c >= 0x3040 && c <= 0x30FF) ||  // Hiragana, Katakana
         (c >= 0x3400 && c <= 0x4DBF) ||  // CJK Extension A
         (c >= 0x4E00 && c <= 0x9FFF) ||  // CJK Unified Ideographs
         (c >= 0xAC00 && c <= 0xD7AF) ||  // Hangul syllables
         (c >= 0xF900 && c <= 0xFAFF) ||  // CJK Compatibility Ideographs
         (c >= 0x20000 && c <= 0x2FA1F);  // Extensions B and later
}

// Letters and digits of words: ASCII letters and digits, and every code
// point above ASCII but punctuation, symbols and spaces of the common blocks.
bool IsWordChar(char32_t c) {
  if (c < 0x80) return std::isalnum(static_cast<int>(c)) != 0;
  if (c <= 0xBF || c == 0xD7 || c == 0xF7) return false;  // Latin-1 punctuation
  if (c >= 0x2000 && c <= 0x2BFF) return false;           // punctuation, symbols
  if (c >= 0x3000 && c <= 0x303F) return false;           // CJK punctuation
  if (c >= 0xFE30 && c <= 0xFE4F) return false;           // CJK compatibility forms
  if (c >= 0xFF00 && c <= 0xFF0F) return false;           // full-width punctuation
  if (c >= 0x1F000 && c <= 0x1FAFF) return false;         // emoji
  return true;
}

// Latin letters with diacritics folded to the base letter (lower case), for
// U+00C0..U+017F; 0 where the letter stays as it is.
char FoldLatin(char32_t c) {
  static constexpr char kLatin1[] =     // U+00C0..U+00FF
      "aaaaaaaceeeeiiii"                // C0..CF
      "\0nooooo\0ouuuuy\0\0"            // D0..DF
      "aaaaaaaceeeeiiii"                // E0..EF
      "\0nooooo\0ouuuuy\0y";            // F0..FF
  static constexpr char kExtendedA[] =  // U+0100..U+017F
      "aaaaaaccccccccdd"                // 100..10F
      "\0\0eeeeeeeeeegggg"              // 110..11F
      "gggghhhhiiiiiiii"                // 120..12F
      "ii\0\0jjkk\0lllllll"             // 130..13F
      "lllnnnnnn\0\0\0oooo"             // 140..14F
      "oo\0\0rrrrrrssssss"              // 150..15F
      "ssttttttuuuuuuuu"                // 160..16F
      "uuuuwwyyyzzzzzz\0";              // 170..17F
  static_assert(sizeof(kLatin1) == 64 + 1 && sizeof(kExtendedA) == 128 + 1);
  if (c >= 0xC0 && c <= 0xFF) return kLatin1[c - 0xC0];
  if (c >= 0x100 && c <= 0x17E) return kExtendedA[c - 0x100];
  return 0;
}

void AppendFolded(std::string_view s, size_t i, size_t len, char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(std::tolower(static_cast<int>(c))));
  } else if (char f = FoldLatin(c); f != 0) {
    out->push_back(f);
  } else {
    out->append(s.substr(i, len));
  }
}

std::optional<int64_t> ParseDayMs(std::string_view v) {
  if (v.size() != 10 || v[4] != '-' || v[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(v[i]))) return std::nullopt;
  const int y = std::stoi(std::string(v.substr(0, 4)));
  const unsigned m = static_cast<unsigned>(std::stoi(std::string(v.substr(5, 2))));
  const unsigned d = static_cast<unsigned>(std::stoi(std::string(v.substr(8, 2))));
  static constexpr unsigned kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1970 || m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return std::nullopt;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (m == 2 && d == 29 && !leap) return std::nullopt;
  // Days from civil (Howard Hinnant's algorithm).
  const int yy = y - (m <= 2 ? 1 : 0);
  const int era = yy / 400;
  const unsigned yoe = static_cast<unsigned>(yy - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const int64_t days = static_cast<int64_t>(era) * 146097 + static_cast<int64_t>(doe) - 719468;
  return days * 86400000;
}

constexpr int64_t kDayMs = 86400000;

Status Refuse(std::string what) { return Status::Unprocessable("Invalid search", std::move(what)); }

Status ApplyOperator(std::string_view name, std::string_view value, ParsedSearch& out) {
  auto day = [&]() -> std::optional<int64_t> { return ParseDayMs(value); };
  if (name == "from") {
    std::string_view u = value;
    if (!u.empty() && u[0] == '@') u.remove_prefix(1);
    if (auto at = u.find('@'); at != std::string_view::npos) u = u.substr(0, at);
    if (u.empty()) return Refuse("from: needs a username");
    out.from = std::string(u);
  } else if (name == "has") {
    if (value == "media")
      out.has_media = true;
    else if (value == "link")
      out.has_link = true;
    else if (value == "poll")
      out.has_poll = true;
    else
      return Refuse("has: is media, link or poll");
  } else if (name == "is") {
    if (value == "reply")
      out.is_reply = true;
    else if (value == "unanswered")
      out.is_unanswered = true;
    else
      return Refuse("is: is reply or unanswered");
  } else if (name == "in") {
    if (value != "library") return Refuse("in: is library");
    out.in_library = true;
  } else if (name == "before" || name == "after" || name == "during") {
    auto ms = day();
    if (!ms) return Refuse(std::string(name) + ": is a date, YYYY-MM-DD");
    if (name == "before") out.created_before = *ms;
    if (name == "after") out.created_from = *ms + kDayMs;
    if (name == "during") {
      out.created_from = *ms;
      out.created_before = *ms + kDayMs;
    }
  } else if (name == "kind") {
    if (value != "blog" && value != "question" && value != "status")
      return Refuse("kind: is blog, question or status");
    out.kind = std::string(value);
  } else if (name == "community") {
    std::string_view h = value;
    if (!h.empty() && h[0] == '@') h.remove_prefix(1);
    if (h.empty()) return Refuse("community: needs a handle");
    out.community = std::string(h);
  } else if (name == "tag") {
    std::string tag = NormalizeHashtag(!value.empty() && value[0] == '#' ? value.substr(1) : value);
    if (SearchTokens(tag).empty()) return Refuse("tag: needs a tag");
    out.tags.push_back(std::move(tag));
  } else {
    return Refuse("unknown operator " + std::string(name) + ":");
  }
  return Status::Ok();
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Whether `token` has a letter or digit (a term without one finds nothing).
bool HasWord(std::string_view token) { return !SearchTokens(token).empty(); }

}  // namespace

bool ParsedSearch::HasOperators() const {
  return !from.empty() || has_media || has_link || has_poll || is_reply || is_unanswered ||
         in_library || created_before != 0 || created_from != 0 || !kind.empty() ||
         !community.empty() || !tags.empty();
}

size_t ParsedSearch::PositiveTerms() const {
  return static_cast<size_t>(
      std::count_if(terms.begin(), terms.end(), [](const SearchTerm& t) { return !t.exclude; }));
}

Result<ParsedSearch> ParseSearch(std::string_view q) {
  ParsedSearch out;
  size_t i = 0;
  while (i < q.size()) {
    while (i < q.size() && IsSpace(q[i])) ++i;
    if (i >= q.size()) break;
    bool exclude = false;
    if (q[i] == '-' && i + 1 < q.size() && !IsSpace(q[i + 1])) {
      exclude = true;
      ++i;
    }
    SearchTerm term;
    term.exclude = exclude;
    if (q[i] == '"') {
      size_t end = q.find('"', i + 1);
      if (end == std::string_view::npos) end = q.size();
      term.text = std::string(q.substr(i + 1, end - i - 1));
      term.phrase = true;
      i = end == q.size() ? end : end + 1;
    } else {
      size_t end = i;
      while (end < q.size() && !IsSpace(q[end])) ++end;
      std::string_view token = q.substr(i, end - i);
      i = end;
      const size_t colon = token.find(':');
      if (colon != std::string_view::npos && colon > 0 && colon + 1 < token.size() &&
          token.find("://") == std::string_view::npos &&
          std::all_of(token.begin(), token.begin() + static_cast<long>(colon),
                      [](char c) { return c >= 'a' && c <= 'z'; })) {
        if (exclude) return Refuse("an operator cannot be excluded with '-'");
        if (Status s = ApplyOperator(token.substr(0, colon), token.substr(colon + 1), out); !s.ok())
          return s;
        continue;
      }
      if (token.size() > 1 && token.back() == '*') {
        term.prefix = true;
        token.remove_suffix(1);
      }
      term.text = std::string(token);
    }
    if (!HasWord(term.text)) continue;
    if (out.terms.size() == kMaxSearchTerms)
      return Refuse("at most " + std::to_string(kMaxSearchTerms) + " words and phrases");
    out.terms.push_back(std::move(term));
  }
  return out;
}

std::vector<SearchToken> SearchTokens(std::string_view s) {
  std::vector<SearchToken> out;
  size_t i = 0;
  SearchToken current;
  bool in_word = false;
  auto flush = [&](size_t at) {
    if (!in_word) return;
    current.end = at;
    out.push_back(std::move(current));
    current = SearchToken{};
    in_word = false;
  };
  while (i < s.size()) {
    size_t len = 1;
    const char32_t c = Decode(s, i, &len);
    if (IsCjk(c)) {
      flush(i);
      out.push_back(SearchToken{i, i + len, std::string(s.substr(i, len))});
    } else if (IsWordChar(c)) {
      if (!in_word) {
        current.begin = i;
        in_word = true;
      }
      AppendFolded(s, i, len, c, &current.folded);
    } else {
      flush(i);
    }
    i += len;
  }
  flush(s.size());
  return out;
}

std::string FoldForSearch(std::string_view text) {
  std::string out;
  for (const SearchToken& t : SearchTokens(text)) {
    if (!out.empty()) out.push_back(' ');
    for (size_t i = 0; i < t.folded.size(); ++i) {
      if (t.folded.compare(i, 2, "\xC3\x9F") == 0) {  // ß
        out += "ss";
        ++i;
      } else {
        out.push_back(t.folded[i]);
      }
    }
  }
  return out;
}

std::string SpaceOutCjk(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    size_t len = 1;
    const char32_t c = Decode(s, i, &len);
    if (IsCjk(c)) {
      out.push_back(' ');
      out.append(s.substr(i, len));
      out.push_back(' ');
    } else {
      out.append(s.substr(i, len));
    }
    i += len;
  }
  return out;
}

std::string HighlightSearch(std::string_view text, const std::vector<SearchTerm>& terms,
                            size_t max_bytes) {
  struct Wanted {
    std::string folded;
    bool prefix;
  };
  std::vector<Wanted> wanted;
  for (const SearchTerm& t : terms) {
    if (t.exclude) continue;
    auto words = SearchTokens(t.text);
    for (size_t k = 0; k < words.size(); ++k)
      wanted.push_back({std::move(words[k].folded), t.prefix && k + 1 == words.size()});
  }
  const std::vector<SearchToken> tokens = SearchTokens(text);
  std::vector<const SearchToken*> marked;
  for (const SearchToken& tok : tokens) {
    for (const Wanted& w : wanted) {
      const bool match =
          w.prefix ? tok.folded.compare(0, w.folded.size(), w.folded) == 0 : tok.folded == w.folded;
      if (match) {
        marked.push_back(&tok);
        break;
      }
    }
  }
  // The window: from a little before the first mark, at a token's start.
  size_t begin = 0;
  if (!marked.empty() && marked.front()->begin > max_bytes / 4) {
    const size_t want = marked.front()->begin - max_bytes / 4;
    for (const SearchToken& tok : tokens)
      if (tok.begin >= want) {
        begin = tok.begin;
        break;
      }
  }
  size_t end = std::min(text.size(), begin + max_bytes);
  if (end < text.size()) {
    // End at a token's end (or a code point's start) so nothing is cut in two.
    size_t cut = begin;
    for (const SearchToken& tok : tokens)
      if (tok.end <= end && tok.end > begin) cut = tok.end;
    if (cut == begin)
      while (end > begin && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    else
      end = cut;
  }
  std::string out;
  if (begin > 0) out += "…";
  size_t at = begin;
  for (const SearchToken* tok : marked) {
    if (tok->begin < begin || tok->end > end) continue;
    out += HtmlEscape(text.substr(at, tok->begin - at));
    out += "<mark>";
    out += HtmlEscape(text.substr(tok->begin, tok->end - tok->begin));
    out += "</mark>";
    at = tok->end;
  }
  out += HtmlEscape(text.substr(at, end - at));
  if (end < text.size()) out += "…";
  return out;
}

}  // namespace atrium
