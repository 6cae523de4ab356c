// QuestionService: accepting and clearing the answer to a question.
#include <gtest/gtest.h>

#include "social/social_test_fixture.h"

namespace atrium {
namespace {

class QuestionServiceTest : public SocialTest {};

TEST_F(QuestionServiceTest, QuestionsAcceptOneDirectReplyByThoseAllowed) {
  PostInput in;
  in.kind = StatusKind::kQuestion;
  in.title = "Where is the style guide?";
  auto q = posting_.Post(P("ann"), in);
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  StatusRecord answer = Post("ben", "In the wiki.", "", q->id);
  StatusRecord nested = Post("cat", "Which page?", "", answer.id);
  StatusRecord plain = Post("cat", "unrelated");

  EXPECT_EQ(questions_.Accept(P("ben"), q->id, answer.id).status().code(), Code::kForbidden);
  EXPECT_EQ(questions_.Accept(P("ann"), q->id, nested.id).status().code(), Code::kUnprocessable);
  EXPECT_EQ(questions_.Accept(P("ann"), q->id, plain.id).status().code(), Code::kUnprocessable);
  EXPECT_EQ(questions_.Accept(P("ann"), plain.id, answer.id).status().code(), Code::kNotFound);
  auto accepted = questions_.Accept(P("ann"), q->id, answer.id);
  ASSERT_TRUE(accepted.ok()) << accepted.status().ToString();
  EXPECT_EQ(accepted->accepted_answer_id, answer.id);
  auto notes = t_.store().notifications().List(P("ben").id, {"answer_accepted"}, {}, {0, 0, 0, 10});
  ASSERT_TRUE(notes.ok());
  ASSERT_EQ(notes->size(), 1u);
  EXPECT_EQ((*notes)[0].status_id, answer.id);

  auto cleared = questions_.Unaccept(P("ann"), q->id);
  ASSERT_TRUE(cleared.ok());
  EXPECT_EQ(cleared->accepted_answer_id, 0);
  EXPECT_TRUE(t_.store()
                  .notifications()
                  .List(P("ben").id, {"answer_accepted"}, {}, {0, 0, 0, 10})
                  ->empty());
  // Never a reply, never direct.
  in.in_reply_to_id = q->id;
  EXPECT_EQ(posting_.Post(P("ann"), in).status().code(), Code::kUnprocessable);
  in.in_reply_to_id = 0;
  in.visibility = "direct";
  EXPECT_EQ(posting_.Post(P("ann"), in).status().code(), Code::kUnprocessable);
}

}  // namespace
}  // namespace atrium
