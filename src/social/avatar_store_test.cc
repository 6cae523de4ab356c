#include "social/avatar_store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/crypto.h"
#include "store/test_store.h"

namespace atrium {
namespace {

const std::string kPng("\x89PNG\r\n\x1a\n rest of the image", 26);

TEST(AvatarStore, RecognizesImagesByTheirBytes) {
  EXPECT_EQ(ImageMediaType(kPng), "image/png");
  EXPECT_EQ(ImageMediaType(std::string("\xff\xd8\xff\xe0 jfif", 9)), "image/jpeg");
  EXPECT_EQ(ImageMediaType("GIF89a..."), "image/gif");
  EXPECT_EQ(ImageMediaType(std::string("RIFF\x10\0\0\0WEBPVP8 ", 16)), "image/webp");
  EXPECT_EQ(ImageMediaType("<svg onload=alert(1)>"), "");
  EXPECT_EQ(ImageMediaType(""), "");
}

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(ATRIUM_TEST_FIXTURES) + "/" + name, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

TEST(AvatarStore, SavesChecksAndLoads) {
  InitCrypto();
  TestStore t;  // for a temporary data folder
  AvatarStore avatars(t.dir());
  const std::string png = Fixture("image.png");
  ASSERT_EQ(ImageMediaType(png), "image/png");
  auto name = avatars.Save(42, png);
  ASSERT_TRUE(name.ok()) << name.status().ToString();
  EXPECT_EQ(name->rfind("42-", 0), 0u);
  auto loaded = avatars.Load(*name);
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->media_type, "image/png");  // re-encoded by the image pipeline
  EXPECT_FALSE(loaded->bytes.empty());
  // The first bytes of a PNG and nothing of a picture behind them: refused.
  EXPECT_EQ(avatars.Save(42, kPng).status().code(), Code::kUnprocessable);
  EXPECT_EQ(avatars.Save(42, "").status().code(), Code::kUnprocessable);
  EXPECT_EQ(avatars.Save(42, "plain text").status().code(), Code::kUnprocessable);
  EXPECT_EQ(avatars.Save(42, kPng + std::string(kMaxAvatarBytes, 'x')).status().code(),
            Code::kPayloadTooLarge);
  EXPECT_EQ(avatars.Load("../atrium.db").status().code(), Code::kNotFound);
  EXPECT_EQ(avatars.Load("nope.png").status().code(), Code::kNotFound);
  avatars.Delete(*name);
  EXPECT_EQ(avatars.Load(*name).status().code(), Code::kNotFound);
}

TEST(AvatarStore, EachKindInItsFolderWithItsLimits) {
  InitCrypto();
  TestStore t;
  AvatarStore pictures(t.dir());
  const std::string png = Fixture("image.png");
  auto header = pictures.Save(7, png, PictureKind::kHeader);
  ASSERT_TRUE(header.ok()) << header.status().ToString();
  auto banner = pictures.Save(9, png, PictureKind::kBanner);
  ASSERT_TRUE(banner.ok()) << banner.status().ToString();
  EXPECT_TRUE(std::filesystem::exists(t.dir() + "/media/headers/" + *header));
  EXPECT_TRUE(std::filesystem::exists(t.dir() + "/media/banners/" + *banner));
  EXPECT_FALSE(std::filesystem::exists(t.dir() + "/media/headers/" + *header + ".tmp"));
  EXPECT_TRUE(pictures.Load(*header, PictureKind::kHeader).ok());
  // A header is not an avatar nor a banner: another folder.
  EXPECT_EQ(pictures.Load(*header).status().code(), Code::kNotFound);
  EXPECT_EQ(pictures.Load(*header, PictureKind::kBanner).status().code(), Code::kNotFound);
  EXPECT_EQ(AvatarStore::OwnerOf(*header), 7);
  EXPECT_EQ(AvatarStore::OwnerOf(*banner), 9);
  EXPECT_EQ(AvatarStore::OwnerOf("x-1.png"), 0);
  EXPECT_EQ(AvatarStore::OwnerOf("../1-a.png"), 0);
  // Wide pictures may be larger than an avatar, not without bound.
  EXPECT_NE(pictures.Save(7, kPng + std::string(kMaxAvatarBytes, 'x'), PictureKind::kHeader)
                .status()
                .code(),
            Code::kPayloadTooLarge);
  EXPECT_EQ(pictures.Save(7, kPng + std::string(kMaxWidePictureBytes, 'x'), PictureKind::kHeader)
                .status()
                .code(),
            Code::kPayloadTooLarge);
  pictures.Delete(*header, PictureKind::kHeader);
  EXPECT_EQ(pictures.Load(*header, PictureKind::kHeader).status().code(), Code::kNotFound);
}

}  // namespace
}  // namespace atrium
