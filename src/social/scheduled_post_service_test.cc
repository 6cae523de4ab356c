#include "social/scheduled_post_service.h"

#include <gtest/gtest.h>

#include "social/social_test_fixture.h"

namespace atrium {
namespace {

constexpr int64_t kMinute = 60 * 1000;

class ScheduledPostServiceTest : public SocialTest {
 protected:
  ScheduledPostServiceTest() { posting_.UseMedia(&media_); }

  PostInput Text(const std::string& text, const std::string& visibility = "") {
    PostInput in;
    in.text = text;
    in.visibility = visibility;
    return in;
  }
  // The posts `who` wrote, newest first (the profile's list, as ann sees it).
  std::vector<std::string> Written(const char* who) {
    auto page = timelines_.Account(V("ann"), P(who).id, {}, {0, 0, 0, 40});
    std::vector<std::string> out;
    if (!page.ok()) return {"error"};
    for (const auto& p : page->posts) out.push_back(p.status->text);
    return out;
  }

  ManualClock clock_{NowMillis()};
  FileMediaStore files_{t_.dir()};
  MediaService media_{core_, files_, clock_};
  ScheduledPostService scheduled_{core_, posting_, media_, clock_};
};

TEST_F(ScheduledPostServiceTest, PublishesAtItsTimeOnce) {
  auto s = scheduled_.Schedule(P("ann"), Text("later, @ben", "private"),
                               clock_.NowMillis() + 10 * kMinute, 0);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(*scheduled_.PublishDue(), 0);
  clock_.Advance(10 * kMinute - 1);
  EXPECT_EQ(*scheduled_.PublishDue(), 0);
  EXPECT_EQ(Written("ann"), std::vector<std::string>{});
  clock_.Advance(1);
  EXPECT_EQ(*scheduled_.PublishDue(), 1);
  EXPECT_EQ(Written("ann"), std::vector<std::string>{"later, @ben"});
  EXPECT_EQ(*scheduled_.PublishDue(), 0);
  EXPECT_EQ(scheduled_.Get(P("ann"), s->id).status().code(), Code::kNotFound);
  // Published as written: visibility and the mention's notification.
  auto notes = core_.store.notifications().List(P("ben").id, {}, {}, {0, 0, 0, 10});
  ASSERT_TRUE(notes.ok());
  ASSERT_EQ(notes->size(), 1u);
  EXPECT_EQ((*notes)[0].type, "mention");
  auto post = core_.statuses.Get((*notes)[0].status_id);
  ASSERT_TRUE(post.ok());
  EXPECT_EQ((*post)->visibility, Visibility::kPrivate);
}

TEST_F(ScheduledPostServiceTest, RefusesTooSoonAndInvalidPosts) {
  const int64_t now = clock_.NowMillis();
  EXPECT_EQ(scheduled_.Schedule(P("ann"), Text("x"), now + 5 * kMinute - 1, 0).status().code(),
            Code::kUnprocessable);
  EXPECT_EQ(scheduled_.Schedule(P("ann"), Text("x"), now - kMinute, 0).status().code(),
            Code::kUnprocessable);
  EXPECT_EQ(scheduled_.Schedule(P("ann"), Text(" "), now + 6 * kMinute, 0).status().code(),
            Code::kUnprocessable);
  EXPECT_EQ(scheduled_.Schedule(P("ann"), Text("x", "all"), now + 6 * kMinute, 0).status().code(),
            Code::kUnprocessable);
  PostInput with_media = Text("x");
  with_media.media_ids = {12345};
  EXPECT_EQ(scheduled_.Schedule(P("ann"), with_media, now + 6 * kMinute, 0).status().code(),
            Code::kUnprocessable);
  EXPECT_TRUE(scheduled_.Schedule(P("ann"), Text("x"), now + 5 * kMinute, 0).ok());
  EXPECT_EQ(scheduled_.List(P("ann"), {0, 0, 0, 20})->size(), 1u);
}

TEST_F(ScheduledPostServiceTest, RescheduleAndCancelAreTheAuthorsAlone) {
  const int64_t now = clock_.NowMillis();
  auto s = scheduled_.Schedule(P("ann"), Text("mine"), now + 10 * kMinute, 0);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(scheduled_.Reschedule(P("ben"), s->id, now + 20 * kMinute).status().code(),
            Code::kNotFound);
  EXPECT_EQ(scheduled_.Reschedule(P("ann"), s->id, now + kMinute).status().code(),
            Code::kUnprocessable);
  auto moved = scheduled_.Reschedule(P("ann"), s->id, now + 20 * kMinute);
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(moved->scheduled_at, now + 20 * kMinute);
  clock_.Advance(10 * kMinute);
  EXPECT_EQ(*scheduled_.PublishDue(), 0);  // moved away from this time
  EXPECT_EQ(scheduled_.Cancel(P("ben"), s->id).code(), Code::kNotFound);
  EXPECT_TRUE(scheduled_.Cancel(P("ann"), s->id).ok());
  clock_.Advance(20 * kMinute);
  EXPECT_EQ(*scheduled_.PublishDue(), 0);
  EXPECT_EQ(Written("ann"), std::vector<std::string>{});
}

TEST_F(ScheduledPostServiceTest, AnAuthorWhoLeftHasNothingPublished) {
  auto s = scheduled_.Schedule(P("cat"), Text("bye"), clock_.NowMillis() + 6 * kMinute, 0);
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(core_.store.accounts().Deactivate(P("cat").id, NowMillis()).ok());
  clock_.Advance(6 * kMinute);
  EXPECT_EQ(*scheduled_.PublishDue(), 0);
  EXPECT_EQ(*core_.store.scheduled_statuses().Count(P("cat").id), 0);  // dropped
}

TEST(ScheduledParams, RoundTripTheParametersOfAPost) {
  PostInput in;
  in.text = "hello \"world\"";
  in.spoiler_text = "cw";
  in.visibility = "unlisted";
  in.language = "de";
  in.sensitive = true;
  in.in_reply_to_id = 42;
  in.community_id = 7;
  in.media_ids = {5, 6};
  const std::string json = ScheduledParamsJson(in, 9);
  EXPECT_NE(json.find("\"in_reply_to_id\":\"42\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"application_id\":9"), std::string::npos) << json;
  EXPECT_NE(json.find("\"poll\":null"), std::string::npos) << json;
  auto back = PostInputFromScheduledParams(json);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->text, in.text);
  EXPECT_EQ(back->spoiler_text, "cw");
  EXPECT_EQ(back->visibility, "unlisted");
  EXPECT_EQ(back->language, "de");
  EXPECT_TRUE(back->sensitive);
  EXPECT_EQ(back->in_reply_to_id, 42);
  EXPECT_EQ(back->quoted_status_id, 0);
  EXPECT_EQ(back->community_id, 7);
  EXPECT_EQ(back->media_ids, (std::vector<int64_t>{5, 6}));
  EXPECT_FALSE(PostInputFromScheduledParams("not json").ok());
}

}  // namespace
}  // namespace atrium
