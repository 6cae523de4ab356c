#include "base/word_match.h"

#include <utf8proc.h>

#include <cstdlib>

namespace atrium {
namespace {

bool IsCjk(utf8proc_int32_t c) {
  return (c >= 0x3040 && c <= 0x30FF) ||  // Hiragana, Katakana
         (c >= 0x3400 && c <= 0x4DBF) ||  // CJK Extension A
         (c >= 0x4E00 && c <= 0x9FFF) ||  // CJK Unified Ideographs
         (c >= 0xAC00 && c <= 0xD7AF) ||  // Hangul syllables
         (c >= 0xF900 && c <= 0xFAFF) ||  // CJK Compatibility Ideographs
         (c >= 0x20000 && c <= 0x2FA1F);  // Extensions B and later
}

bool IsWordChar(utf8proc_int32_t c) {
  switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

// Diacritics: the combining marks that decorate a letter (accents, Arabic
// harakat, Hebrew points), not the vowel signs other scripts spell with.
bool IsDiacritic(utf8proc_int32_t c) {
  return (c >= 0x0300 && c <= 0x036F) || (c >= 0x0591 && c <= 0x05C7) ||
         (c >= 0x064B && c <= 0x065F) || c == 0x0670 || (c >= 0x1AB0 && c <= 0x1AFF) ||
         (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x20D0 && c <= 0x20FF) ||
         (c >= 0xFE20 && c <= 0xFE2F);
}

std::string Fold(std::string_view word) {
  utf8proc_uint8_t* decomposed = nullptr;
  const auto n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(word.data()),
                   static_cast<utf8proc_ssize_t>(word.size()), &decomposed,
                   static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT |
                                                  UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD));
  if (n < 0) return std::string(word);
  std::string stripped;
  stripped.reserve(static_cast<size_t>(n));
  for (utf8proc_ssize_t i = 0; i < n;) {
    utf8proc_int32_t c = 0;
    const auto len = utf8proc_iterate(decomposed + i, n - i, &c);
    if (len <= 0) break;
    if (!IsDiacritic(c)) stripped.append(reinterpret_cast<const char*>(decomposed + i), len);
    i += len;
  }
  std::free(decomposed);
  utf8proc_uint8_t* composed = nullptr;
  const auto m = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(stripped.data()),
                              static_cast<utf8proc_ssize_t>(stripped.size()), &composed,
                              static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  if (m < 0) return stripped;
  std::string out(reinterpret_cast<const char*>(composed), static_cast<size_t>(m));
  std::free(composed);
  return out;
}

}  // namespace

std::vector<FoldedWord> FoldedWords(std::string_view text) {
  std::vector<FoldedWord> out;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  const auto size = static_cast<utf8proc_ssize_t>(text.size());
  size_t begin = 0;
  bool in_word = false;
  auto flush = [&](size_t end) {
    if (!in_word) return;
    out.push_back(FoldedWord{begin, end, Fold(text.substr(begin, end - begin))});
    in_word = false;
  };
  for (utf8proc_ssize_t i = 0; i < size;) {
    utf8proc_int32_t c = 0;
    auto len = utf8proc_iterate(p + i, size - i, &c);
    if (len <= 0) {  // not UTF-8: a boundary
      flush(static_cast<size_t>(i));
      ++i;
      continue;
    }
    const auto at = static_cast<size_t>(i);
    if (IsCjk(c)) {
      flush(at);
      out.push_back(FoldedWord{at, at + static_cast<size_t>(len),
                               Fold(text.substr(at, static_cast<size_t>(len)))});
    } else if (IsWordChar(c)) {
      if (!in_word) {
        begin = at;
        in_word = true;
      }
    } else {
      flush(at);
    }
    i += len;
  }
  flush(text.size());
  return out;
}

std::vector<std::string> FoldPhrase(std::string_view phrase) {
  std::vector<std::string> out;
  for (FoldedWord& w : FoldedWords(phrase)) out.push_back(std::move(w.folded));
  return out;
}

std::vector<size_t> FindPhrase(const std::vector<FoldedWord>& words,
                               const std::vector<std::string>& phrase) {
  std::vector<size_t> out;
  if (phrase.empty() || words.size() < phrase.size()) return out;
  for (size_t i = 0; i + phrase.size() <= words.size(); ++i) {
    size_t k = 0;
    while (k < phrase.size() && words[i + k].folded == phrase[k]) ++k;
    if (k == phrase.size()) out.push_back(i);
  }
  return out;
}

LetterCase CountLetterCase(std::string_view text) {
  LetterCase out;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  const auto size = static_cast<utf8proc_ssize_t>(text.size());
  for (utf8proc_ssize_t i = 0; i < size;) {
    utf8proc_int32_t c = 0;
    const auto len = utf8proc_iterate(p + i, size - i, &c);
    if (len <= 0) {
      ++i;
      continue;
    }
    const auto cat = utf8proc_category(c);
    if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT) {
      ++out.cased;
      ++out.upper;
    } else if (cat == UTF8PROC_CATEGORY_LL) {
      ++out.cased;
    }
    i += len;
  }
  return out;
}

size_t Utf16Offset(std::string_view text, size_t offset) {
  size_t units = 0;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if ((b & 0xC0) == 0x80) continue;  // a continuation byte
    units += (b >= 0xF0) ? 2 : 1;      // four-byte sequences are surrogate pairs
  }
  return units;
}

}  // namespace atrium
