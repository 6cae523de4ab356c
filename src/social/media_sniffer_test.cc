#include "social/media_sniffer.h"

#include <gtest/gtest.h>

#include <string>

#include "social/media_test_files.h"

namespace atrium {
namespace {

std::optional<MediaType> TypeOf(const std::string& bytes) {
  auto sniffed = SniffMedia(bytes);
  if (!sniffed) return std::nullopt;
  return sniffed->type;
}

TEST(MediaSniffer, ImagesByTheirBytes) {
  auto jpeg = SniffMedia(Fixture("photo.jpg"));
  ASSERT_TRUE(jpeg);
  EXPECT_EQ(jpeg->type, MediaType::kImage);
  EXPECT_EQ(jpeg->content_type, "image/jpeg");
  EXPECT_EQ(SniffMedia(Fixture("image.png"))->content_type, "image/png");
  // TIFF: an image libmagic and libvips know, but not one Atrium takes.
  EXPECT_FALSE(SniffMedia(Fixture("image.tif")));
}

TEST(MediaSniffer, Documents) {
  auto pdf = SniffMedia(TinyPdf());
  ASSERT_TRUE(pdf);
  EXPECT_EQ(pdf->type, MediaType::kDocument);
  EXPECT_EQ(pdf->content_type, "application/pdf");
  auto text = SniffMedia("Minutes of the Tuesday meeting.\nEveryone came.\n");
  ASSERT_TRUE(text);
  EXPECT_EQ(text->content_type, "text/plain");
  auto csv = SniffMedia("name,team,room\nAda,Platform,3.14\nGrace,Compilers,2.71\n");
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->type, MediaType::kDocument);
  EXPECT_EQ(csv->content_type, "text/csv");
}

TEST(MediaSniffer, Video) {
  auto webm = SniffMedia(Fixture("clip.webm"));
  ASSERT_TRUE(webm);
  EXPECT_EQ(webm->type, MediaType::kVideo);
  EXPECT_EQ(webm->content_type, "video/webm");
  EXPECT_EQ(SniffMedia(Fixture("clip.mp4"))->content_type, "video/mp4");
  // Matroska that is not WebM: browsers do not play it.
  EXPECT_FALSE(SniffMedia(Fixture("clip.mkv")));
}

TEST(MediaSniffer, RefusesWhatIsNotTaken) {
  // An ELF executable's first bytes.
  std::string elf(
      "\x7f"
      "ELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00\x3e\x00",
      20);
  elf.append(200, '\0');
  EXPECT_EQ(TypeOf(elf), std::nullopt);
  EXPECT_EQ(TypeOf("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"),
            std::nullopt);
  EXPECT_EQ(TypeOf("#!/bin/sh\nrm -rf /\n"), std::nullopt);
  EXPECT_EQ(TypeOf(std::string("PK\x03\x04", 4) + std::string(100, '\0')), std::nullopt);
  EXPECT_EQ(TypeOf(""), std::nullopt);
}

}  // namespace
}  // namespace atrium
