#include "base/emoji_shortcode.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace atrium {
namespace {

using Codes = std::vector<std::string>;

TEST(EmojiShortcode, NamesAreTwoToSixtyFourWordCharacters) {
  EXPECT_TRUE(IsEmojiShortcode("ok"));
  EXPECT_TRUE(IsEmojiShortcode("party_parrot_2"));
  EXPECT_TRUE(IsEmojiShortcode(std::string(64, 'x')));
  EXPECT_FALSE(IsEmojiShortcode(std::string(65, 'x')));
  EXPECT_FALSE(IsEmojiShortcode("a"));
  EXPECT_FALSE(IsEmojiShortcode(""));
  EXPECT_FALSE(IsEmojiShortcode("dash-ed"));
  EXPECT_FALSE(IsEmojiShortcode("sp ace"));
  EXPECT_FALSE(IsEmojiShortcode("caf\xc3\xa9"));
}

TEST(EmojiShortcode, FoundAsMastodonFindsThem) {
  EXPECT_EQ(EmojiShortcodesIn(":wave:"), (Codes{"wave"}));
  EXPECT_EQ(EmojiShortcodesIn("Hi :wave:, (:ok:) and\n:party_parrot:!"),
            (Codes{"wave", "ok", "party_parrot"}));
  // Each once, in order of first use.
  EXPECT_EQ(EmojiShortcodesIn(":b_b: :a_a: :b_b:"), (Codes{"b_b", "a_a"}));
  // Not next to a letter, a digit or a colon.
  EXPECT_EQ(EmojiShortcodesIn("a:wave: :wave:b 1:wave: ::wave:: :ab::cd:"), Codes{});
  // One character is no shortcode; a colon closing a failed one may open the next.
  EXPECT_EQ(EmojiShortcodesIn(":a: :x-y:ok: :"), Codes{});
  EXPECT_EQ(EmojiShortcodesIn(":x y:ok: "), (Codes{}));
  EXPECT_EQ(EmojiShortcodesIn("time 10:30: :ok:"), (Codes{"ok"}));
  EXPECT_EQ(EmojiShortcodesIn(":not closed"), Codes{});
  EXPECT_EQ(EmojiShortcodesIn(""), Codes{});
  // After non-ASCII text, as after a space.
  EXPECT_EQ(EmojiShortcodesIn("\xc3\xa9:ok:\xc3\xa9"), (Codes{"ok"}));
}

TEST(EmojiShortcode, AddKeepsWhatIsThere) {
  Codes codes{"ok"};
  AddEmojiShortcodes(":new: :ok:", codes);
  EXPECT_EQ(codes, (Codes{"ok", "new"}));
}

}  // namespace
}  // namespace atrium
