// The digest's outbox payload and its rendering, section by section.
#include "social/mail_digest.h"

#include <gtest/gtest.h>

#include "social/mail_templates.h"

namespace atrium {
namespace {

TEST(DigestPayload, EverySectionRoundTrips) {
  DigestContent c;
  c.posts = {11, 12};
  c.notifications = {21};
  c.questions = {31, 32, 33};
  c.members = {{41, 42}, {41, 43}};
  c.reach = {2, 5, 3, 1};
  std::string payload = EncodeDigest(c);
  DigestContent back = DecodeDigest(payload);
  EXPECT_EQ(back.posts, c.posts) << payload;
  EXPECT_EQ(back.notifications, c.notifications);
  EXPECT_EQ(back.questions, c.questions);
  EXPECT_EQ(back.members, c.members);
  EXPECT_EQ(back.reach.posts, 2);
  EXPECT_EQ(back.reach.favourites, 5);
  EXPECT_EQ(back.reach.replies, 3);
  EXPECT_EQ(back.reach.reblogs, 1);
}

TEST(DigestPayload, PostIdsAloneReadAsPosts) {
  // As digests were queued before the other sections existed.
  DigestContent c = DecodeDigest("5,6,7");
  EXPECT_EQ(c.posts, (std::vector<int64_t>{5, 6, 7}));
  EXPECT_TRUE(c.questions.empty());
  EXPECT_TRUE(c.notifications.empty());
  EXPECT_EQ(EncodeDigest(c), "5,6,7");
}

TEST(DigestPayload, GarbageIsLeftOut) {
  DigestContent c = DecodeDigest("x,5;q=1,y;m=1.2,3;r=1.2;z=9;;n");
  EXPECT_EQ(c.posts, (std::vector<int64_t>{5}));
  EXPECT_EQ(c.questions, (std::vector<int64_t>{1}));
  EXPECT_EQ(c.members, (std::vector<std::pair<int64_t, int64_t>>{{1, 2}}));
  EXPECT_EQ(c.reach.posts, 0);
  EXPECT_TRUE(DecodeDigest("").posts.empty());
}

TEST(DigestPayload, OnlyPostsNotificationsOrQuestionsAreWorthSending) {
  DigestContent c;
  c.members = {{1, 2}};
  c.reach = {3, 4, 0, 0};
  EXPECT_FALSE(c.WorthSending());
  c.questions = {9};
  EXPECT_TRUE(c.WorthSending());
}

DigestMailData Sample() {
  DigestMailData d;
  d.site = "Contoso";
  d.recipient = "Eve";
  d.period = "weekly";
  d.home_url = "https://atrium.example/";
  d.settings_url = "https://atrium.example/settings";
  d.unsubscribe_url = "https://atrium.example/unsubscribe";
  return d;
}

TEST(DigestMail, SectionsAppearOnlyWithContent) {
  DigestMailData d = Sample();
  d.questions.push_back({"Dan <b>", "asked a question", "Who knows <roadmaps>?", "https://q", ""});
  RenderedMail m = RenderDigestMail(d);
  EXPECT_EQ(m.subject, "Your weekly digest from Contoso: what happened since the last one");
  EXPECT_NE(m.text.find("YOU MIGHT KNOW THE ANSWER"), std::string::npos) << m.text;
  EXPECT_NE(m.text.find("Who knows <roadmaps>?"), std::string::npos);
  EXPECT_EQ(m.text.find("WORTH READING"), std::string::npos);
  EXPECT_EQ(m.text.find("FOR YOU"), std::string::npos);
  EXPECT_EQ(m.text.find("NEW IN YOUR COMMUNITIES"), std::string::npos);
  EXPECT_EQ(m.text.find("YOUR POSTS"), std::string::npos);
  EXPECT_NE(m.html.find("You might know the answer"), std::string::npos) << m.html;
  EXPECT_NE(m.html.find("Who knows &lt;roadmaps&gt;?"), std::string::npos) << m.html;
  EXPECT_NE(m.html.find("Dan &lt;b&gt;"), std::string::npos);
  EXPECT_EQ(m.html.find("<roadmaps>"), std::string::npos);
  EXPECT_EQ(m.html.find("Worth reading"), std::string::npos);
}

TEST(DigestMail, EverySection) {
  DigestMailData d = Sample();
  d.items.push_back({"Ann", "posted", "all hands at noon", "https://p", "3 likes"});
  d.for_you.push_back({"Ben", "mentioned you", "see this", "https://n", ""});
  d.members.push_back({"Cat", "joined Lounge", "", "https://people/3", ""});
  d.reach = "2 posts, 3 likes, 1 reply, 0 reposts";
  d.profile_url = "https://people/9";
  RenderedMail m = RenderDigestMail(d);
  EXPECT_EQ(m.subject, "Your weekly digest from Contoso: 1 post worth reading");
  for (const char* part :
       {"FOR YOU", "Ben mentioned you", "WORTH READING", "Ann posted", "NEW IN YOUR COMMUNITIES",
        "Cat joined Lounge", "2 posts, 3 likes, 1 reply, 0 reposts", "https://people/9"})
    EXPECT_NE(m.text.find(part), std::string::npos) << part << "\n" << m.text;
  // "For you" comes before the posts.
  EXPECT_LT(m.text.find("FOR YOU"), m.text.find("WORTH READING"));
  for (const char* part : {"For you", "Worth reading", "New in your communities",
                           "Your posts since the last digest", "joined Lounge"})
    EXPECT_NE(m.html.find(part), std::string::npos) << part << "\n" << m.html;
}

}  // namespace
}  // namespace atrium
