#include "social/media_service.h"

#include <gtest/gtest.h>
#include <vips/vips.h>

#include <filesystem>

#include "social/social_test_fixture.h"

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

// A small grey PNG, made by libvips.
std::string Png() {
  EXPECT_TRUE(InitImagePipeline());
  VipsImage* image = nullptr;
  EXPECT_EQ(vips_black(&image, 12, 8, "bands", 3, nullptr), 0);
  void* buffer = nullptr;
  size_t size = 0;
  EXPECT_EQ(vips_pngsave_buffer(image, &buffer, &size, nullptr), 0);
  g_object_unref(image);
  std::string out(static_cast<const char*>(buffer), size);
  g_free(buffer);
  return out;
}

class MediaServiceTest : public SocialTest {
 protected:
  void SetUp() override {
    SocialTest::SetUp();
    posting_.UseMedia(&media_);
  }
  MediaRecord Upload(const char* who) {
    auto m = media_.Upload(P(who).id, {Png(), "alt", std::nullopt});
    EXPECT_TRUE(m.ok()) << m.status().ToString();
    return m.ok() ? *m : MediaRecord{};
  }
  bool FileExists(const MediaRecord& m) { return files_.Open(m.file_key, "original").ok(); }
  bool Opens(const char* who, const MediaRecord& m) {
    return media_.Open(V(who), m.file_key, "original").ok();
  }

  ManualClock clock_;
  FileMediaStore files_{t_.dir()};
  MediaService media_{core_, files_, clock_};
};

TEST_F(MediaServiceTest, FilesThenRowAndTheUploaderAloneUntilAttached) {
  MediaRecord m = Upload("ann");
  EXPECT_TRUE(FileExists(m));
  EXPECT_EQ(core_.store.media().Get(m.id)->file_key, m.file_key);
  EXPECT_EQ(m.status_id, 0);
  EXPECT_TRUE(Opens("ann", m));
  EXPECT_FALSE(Opens("ben", m));
  EXPECT_EQ(media_.Open(V("ann"), m.file_key, "../original").status().code(), Code::kNotFound);
  EXPECT_EQ(media_.Open(V("ann"), m.file_key, "thumbnail").status().code(), Code::kNotFound);
}

TEST_F(MediaServiceTest, AttachedFollowsThePostAndGoesWithIt) {
  MediaRecord m = Upload("ann");
  PostInput in;
  in.text = "for followers";
  in.visibility = "private";
  in.media_ids = {m.id};
  ASSERT_TRUE(relationships_.Follow(P("ben"), P("ann").id, true, false).ok());
  auto post = posting_.Post(P("ann"), in);
  ASSERT_TRUE(post.ok()) << post.status().ToString();
  ASSERT_EQ(post->media.size(), 1u);
  EXPECT_EQ(post->media[0].status_id, post->id);
  EXPECT_TRUE(Opens("ann", m));
  EXPECT_TRUE(Opens("ben", m));   // a follower
  EXPECT_FALSE(Opens("cat", m));  // not one
  // Someone else may not attach it, nor may it go on a second post.
  PostInput again = in;
  EXPECT_EQ(posting_.Post(P("ann"), again).status().code(), Code::kUnprocessable);
  again.media_ids = {Upload("ben").id};
  EXPECT_EQ(posting_.Post(P("ann"), again).status().code(), Code::kUnprocessable);

  ASSERT_TRUE(posting_.Delete(P("ann"), post->id).ok());
  EXPECT_FALSE(Opens("ann", m));
  EXPECT_FALSE(FileExists(m));
  EXPECT_EQ(core_.store.media().Get(m.id).status().code(), Code::kNotFound);
}

TEST_F(MediaServiceTest, AbandonedUploadsAreRemovedAfterADay) {
  MediaRecord kept = Upload("ann");
  PostInput in;
  in.text = "kept";
  in.media_ids = {kept.id};
  ASSERT_TRUE(posting_.Post(P("ann"), in).ok());
  MediaRecord abandoned = Upload("ann");
  clock_.Advance(kAbandonedUploadMs - 1000);
  MediaRecord recent = Upload("ben");
  EXPECT_EQ(*media_.RemoveAbandoned(100), 0);  // none is a day old yet
  clock_.Advance(2000);
  EXPECT_EQ(*media_.RemoveAbandoned(100), 1);
  EXPECT_FALSE(FileExists(abandoned));
  EXPECT_EQ(core_.store.media().Get(abandoned.id).status().code(), Code::kNotFound);
  EXPECT_TRUE(FileExists(kept));
  EXPECT_TRUE(FileExists(recent));
}

}  // namespace
}  // namespace atrium
