#include "social/media_service.h"

#include <gtest/gtest.h>

namespace atrium {
namespace {

MediaRecord Of(int64_t id, MediaType type) {
  MediaRecord m;
  m.id = id;
  m.type = type;
  return m;
}

TEST(ParseFocus, ThousandthsWithinOne) {
  EXPECT_EQ(ParseFocus("0,0"), std::make_pair(0, 0));
  EXPECT_EQ(ParseFocus("-0.5,0.25"), std::make_pair(-500, 250));
  EXPECT_EQ(ParseFocus(" 1.0 , -1 "), std::make_pair(1000, -1000));
  EXPECT_EQ(ParseFocus("0.1234,0"), std::make_pair(123, 0));
  for (const char* bad :
       {"", "0", "1.5,0", "0,-1.01", "a,b", "0,0,0", ",", "nan,0", "inf,0", "0x1,0", "1e0,0 x"})
    EXPECT_EQ(ParseFocus(bad), std::nullopt) << bad;
}

TEST(CheckAttachmentMix, ImagesVideoDocuments) {
  using T = MediaType;
  EXPECT_TRUE(CheckAttachmentMix({}).ok());
  EXPECT_TRUE(
      CheckAttachmentMix({Of(1, T::kImage), Of(2, T::kImage), Of(3, T::kImage), Of(4, T::kImage)})
          .ok());
  EXPECT_TRUE(CheckAttachmentMix({Of(1, T::kVideo)}).ok());
  EXPECT_TRUE(CheckAttachmentMix({Of(1, T::kDocument), Of(2, T::kDocument)}).ok());
  const std::vector<std::vector<MediaRecord>> refused = {
      {Of(1, T::kImage), Of(2, T::kImage), Of(3, T::kImage), Of(4, T::kImage), Of(5, T::kImage)},
      {Of(1, T::kVideo), Of(2, T::kImage)},
      {Of(1, T::kImage), Of(2, T::kVideo)},
      {Of(1, T::kVideo), Of(2, T::kVideo)},
      {Of(1, T::kDocument), Of(2, T::kImage)},
      {Of(1, T::kImage), Of(1, T::kImage)},
  };
  for (const auto& media : refused)
    EXPECT_EQ(CheckAttachmentMix(media).code(), Code::kUnprocessable) << media.size();
}

}  // namespace
}  // namespace atrium
