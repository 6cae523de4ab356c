// Words of a text as the compose advice compares them: Unicode-aware word
// boundaries (runs of letters, marks and digits of any script; each
// Chinese, Japanese or Korean character a word of its own, as those
// scripts write no spaces), folded with Unicode case folding (ß as ss),
// compatibility forms (full-width letters, ligatures) and diacritics
// removed (é as e, Arabic and Hebrew vowel points) — so "CAFÉ", "Café" and
// "cafe" are one word, and "confidential" is never found inside
// "nonconfidentiality". Pure functions; safe for concurrent use.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace atrium {

struct FoldedWord {
  size_t begin = 0;  // byte offsets into the text
  size_t end = 0;
  std::string folded;
};

// The words of valid UTF-8 `text`, in order.
std::vector<FoldedWord> FoldedWords(std::string_view text);

// The folded words of `phrase`, without their spans (what a word list
// entry is compared as).
std::vector<std::string> FoldPhrase(std::string_view phrase);

// Where `phrase` (folded words, not empty) occurs in `words` as consecutive
// whole words: the index of its first word at each occurrence.
std::vector<size_t> FindPhrase(const std::vector<FoldedWord>& words,
                               const std::vector<std::string>& phrase);

// The letters of `text` that have a case (Latin, Greek, Cyrillic…), and how
// many of them are capitals.
struct LetterCase {
  int64_t cased = 0;
  int64_t upper = 0;
};
LetterCase CountLetterCase(std::string_view text);

// The offset, in UTF-16 code units (as JavaScript indexes a string), of
// byte `offset` of valid UTF-8 `text`.
size_t Utf16Offset(std::string_view text, size_t offset);

}  // namespace atrium
