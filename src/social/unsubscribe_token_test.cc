#include "social/unsubscribe_token.h"

#include <gtest/gtest.h>

#include "base/crypto.h"

namespace atrium {
namespace {

TEST(UnsubscribeToken, RoundTrip) {
  InitCrypto();
  std::string token = MakeUnsubscribeToken("secret", 12345, "mention");
  EXPECT_TRUE(token.starts_with("12345.mention.")) << token;
  auto target = CheckUnsubscribeToken("secret", token);
  ASSERT_TRUE(target.has_value());
  EXPECT_EQ(target->account_id, 12345);
  EXPECT_EQ(target->kind, "mention");
}

TEST(UnsubscribeToken, RefusesForgeries) {
  InitCrypto();
  std::string token = MakeUnsubscribeToken("secret", 12345, "mention");
  std::string mac = token.substr(token.rfind('.') + 1);
  // Another secret, member or kind under the same signature; a changed
  // signature; shapes that are not a token.
  EXPECT_FALSE(CheckUnsubscribeToken("other secret", token));
  EXPECT_FALSE(CheckUnsubscribeToken("secret", "12346.mention." + mac));
  EXPECT_FALSE(CheckUnsubscribeToken("secret", "12345.digest." + mac));
  std::string changed = token;
  changed.back() = changed.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(CheckUnsubscribeToken("secret", changed));
  for (const char* bad : {"", ".", "..", "12345.mention.", "12345..x", "x.mention.", "-1.mention.x",
                          "012345x.mention.y"})
    EXPECT_FALSE(CheckUnsubscribeToken("secret", bad)) << bad;
  EXPECT_FALSE(CheckUnsubscribeToken("", MakeUnsubscribeToken("", 1, "mention")));
  // Tokens of different members and kinds differ.
  EXPECT_NE(MakeUnsubscribeToken("secret", 1, "mention").substr(10),
            MakeUnsubscribeToken("secret", 1, "reply").substr(8));
}

}  // namespace
}  // namespace atrium
