// PostingService: what it accepts, what it writes (blog entries, notifications),
// what it refuses.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "social/post_permalink.h"
#include "social/social_test_fixture.h"

namespace atrium {
namespace {

class PostingServiceTest : public SocialTest {};

TEST_F(PostingServiceTest, BlogEntriesHaveATitleAndSanitizedMarkdown) {
  PostInput in;
  in.kind = StatusKind::kBlog;
  in.title = "  Release <notes>  ";
  in.text = "## Done\n\n- one\n\n<script>x()</script> #Ship";
  in.tags = {"#Docs", "ship"};
  auto b = posting_.Post(P("ann"), in);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(b->title, "Release <notes>");
  EXPECT_EQ(b->content_html.rfind(
                "<p class=\"atrium-title\"><strong>Release &lt;notes&gt;</strong></p>", 0),
            0u)
      << b->content_html;
  EXPECT_NE(b->content_html.find("<h2>Done</h2>"), std::string::npos);
  EXPECT_EQ(b->content_html.find("<script"), std::string::npos);
  EXPECT_EQ(b->tags, (std::vector<std::string>{"ship", "docs"}));
  EXPECT_EQ(PostPermalinkPath("ann", *b), "/@ann/blog/" + std::to_string(b->id) + "-release-notes");

  in.title = std::string(201, 't');
  EXPECT_EQ(posting_.Post(P("ann"), in).status().code(), Code::kUnprocessable);
  in.title = "ok";
  in.text = " ";
  EXPECT_EQ(posting_.Post(P("ann"), in).status().code(), Code::kUnprocessable);
  in.text = "body";
  in.tags = {"not a tag"};
  EXPECT_EQ(posting_.Post(P("ann"), in).status().code(), Code::kUnprocessable);

  // An edit without tags keeps the explicit ones and drops the old body's.
  EditInput edit;
  edit.text = "new body";
  auto edited = posting_.Edit(P("ann"), b->id, edit);
  ASSERT_TRUE(edited.ok()) << edited.status().ToString();
  EXPECT_EQ(edited->title, "Release <notes>");
  EXPECT_EQ(edited->tags, (std::vector<std::string>{"docs"}));
}

// A long body may carry thousands of tags: each kept once, in order of first use.
TEST_F(PostingServiceTest, ManyTagsInALongBodyAreKeptOnceInOrder) {
  PostInput in;
  in.kind = StatusKind::kBlog;
  in.title = "Tags";
  std::string body;
  for (int round = 0; round < 2; ++round)
    for (int i = 0; i < 5000; ++i) body += "#t" + std::to_string(i) + " ";
  in.text = body;
  in.tags = {"t4999", "extra"};
  auto b = posting_.Post(P("ann"), in);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  ASSERT_EQ(b->tags.size(), 5001u);
  EXPECT_EQ(b->tags.front(), "t0");
  EXPECT_EQ(b->tags[4999], "t4999");
  EXPECT_EQ(b->tags.back(), "extra");
}

TEST_F(PostingServiceTest, InvalidPostsAreRefusedAndWriteNothing) {
  PostInput in;
  in.text = "   ";
  EXPECT_EQ(posting_.Post(P("ann"), in).status().code(), Code::kUnprocessable);
  in.text = std::string(5001, 'x');
  EXPECT_EQ(posting_.Post(P("ann"), in).status().code(), Code::kUnprocessable);
  in.text = "ok";
  in.visibility = "everyone";
  EXPECT_EQ(posting_.Post(P("ann"), in).status().code(), Code::kUnprocessable);
  auto dm = Post("ann", "secret for @cat", "direct");
  in.visibility = "";
  in.in_reply_to_id = dm.id;  // ben cannot see it
  EXPECT_EQ(posting_.Post(P("ben"), in).status().code(), Code::kUnprocessable);
  auto mine = timelines_.Account(V("ben"), P("ben").id, {}, {0, 0, 0, 40});
  ASSERT_TRUE(mine.ok());
  EXPECT_TRUE(mine->posts.empty());
}

TEST_F(PostingServiceTest, NotificationsForMentionsRepliesAndLikes) {
  auto root = Post("ann", "hello @ben");
  Post("cat", "a comment", "", root.id);
  ASSERT_TRUE(posting_.Favourite(P("dan"), root.id).ok());
  ASSERT_TRUE(posting_.Favourite(P("dan"), root.id).ok());  // idempotent
  auto ann = t_.store().notifications().List(P("ann").id, {}, {}, {0, 0, 0, 40});
  ASSERT_TRUE(ann.ok());
  std::vector<std::string> types;
  for (const auto& n : *ann) types.push_back(n.type);
  EXPECT_EQ(types, (std::vector<std::string>{"favourite", "reply"}));
  auto ben = t_.store().notifications().List(P("ben").id, {}, {}, {0, 0, 0, 40});
  ASSERT_EQ(ben->size(), 1u);
  EXPECT_EQ(ben->front().type, "mention");
  auto liked = core_.statuses.Get(root.id);
  EXPECT_EQ((*liked)->favourites_count, 1);
  EXPECT_EQ((*liked)->replies_count, 1);
}

}  // namespace
}  // namespace atrium
