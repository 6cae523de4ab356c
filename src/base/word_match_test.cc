#include "base/word_match.h"

#include <gtest/gtest.h>

namespace atrium {
namespace {

std::vector<std::string> Folded(std::string_view text) { return FoldPhrase(text); }

TEST(WordMatch, FoldsCaseDiacriticsAndCompatibilityForms) {
  EXPECT_EQ(Folded("CAFÉ Café cafe\xCC\x81"), (std::vector<std::string>{"cafe", "cafe", "cafe"}));
  EXPECT_EQ(Folded("Straße STRASSE"), (std::vector<std::string>{"strasse", "strasse"}));
  EXPECT_EQ(Folded("ΣΟΦΊΑ Ñandú"), (std::vector<std::string>{"σοφια", "nandu"}));
  EXPECT_EQ(Folded("ＣＯＮＦＩＤＥＮＴＩＡＬ"), (std::vector<std::string>{"confidential"}));
  EXPECT_EQ(Folded("КОНФИДЕНЦИАЛЬНО"), (std::vector<std::string>{"конфиденциально"}));
}

TEST(WordMatch, WordsAreWholeAndCjkCharactersStandAlone) {
  const auto words = FoldedWords("What's more: 機密情報, e-mail!");
  std::vector<std::string> got;
  for (const auto& w : words) got.push_back(w.folded);
  EXPECT_EQ(got,
            (std::vector<std::string>{"what", "s", "more", "機", "密", "情", "報", "e", "mail"}));
  EXPECT_EQ(words[3].begin, 13u);
  EXPECT_EQ(words[3].end, 16u);
}

TEST(WordMatch, FindPhraseNeverMatchesInsideAWord) {
  const auto words =
      FoldedWords("Nonconfidential confidentiality; the blue-bird and bluebird. CONFIDENTIAL");
  EXPECT_EQ(FindPhrase(words, Folded("confidential")), (std::vector<size_t>{7}));
  EXPECT_EQ(FindPhrase(words, Folded("blue bird")), (std::vector<size_t>{3}));
  EXPECT_TRUE(FindPhrase(words, Folded("bird and blue")).empty());
  EXPECT_TRUE(FindPhrase(words, {}).empty());
}

TEST(WordMatch, LetterCaseAndUtf16Offsets) {
  const LetterCase lc = CountLetterCase("ABc ПРи 123 漢");
  EXPECT_EQ(lc.cased, 6);
  EXPECT_EQ(lc.upper, 4);
  const std::string text = "\xF0\x9F\x8E\x89 é x";  // 🎉 é x
  EXPECT_EQ(Utf16Offset(text, 4), 2u);              // after the emoji: a surrogate pair
  EXPECT_EQ(Utf16Offset(text, 7), 4u);              // after "é"
  EXPECT_EQ(Utf16Offset(text, 100), 6u);            // past the end: the whole text
}

}  // namespace
}  // namespace atrium
