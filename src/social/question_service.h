// QuestionService: what is particular to questions — accepting one answer.
// A question is a post of kind kQuestion (written and edited through
// PostingService); its answers are its direct replies. The question's
// author, and for a question in a community that community's owners and
// moderators, and admins, may accept one answer, change it or clear it.
// The author of a newly accepted answer is notified (type answer_accepted;
// the notification is about the answer, and goes when it stops being the
// accepted one).
//
// Errors: 404 for a question that does not exist or that the actor may not
// see (or a post that is not a question), 403 for someone who may not
// accept, 422 for an answer that is not a direct reply to the question (or
// that the actor may not see).
//
// Thread-safe.
#pragma once

#include "social/community_service.h"
#include "social/posting_service.h"
#include "social/social_core.h"

namespace atrium {

class QuestionService {
 public:
  QuestionService(SocialCore& core, PostingService& posting, CommunityService& communities)
      : core_(core), posting_(posting), communities_(communities) {}
  QuestionService(const QuestionService&) = delete;
  QuestionService& operator=(const QuestionService&) = delete;

  // Accepts `answer_id` as the answer to `question_id`; returns the question.
  Result<StatusRecord> Accept(const Account& actor, int64_t question_id, int64_t answer_id);
  // Clears the accepted answer (nothing to clear is not an error).
  Result<StatusRecord> Unaccept(const Account& actor, int64_t question_id);

 private:
  // The question, if `actor` may see it and decide its answer.
  Result<StatusPtr> Decidable(const Account& actor, const Viewer& viewer, int64_t question_id);
  Result<StatusRecord> SetAnswer(const Account& actor, const StatusRecord& question,
                                 int64_t answer_id, int64_t answer_author_id);

  SocialCore& core_;
  PostingService& posting_;
  CommunityService& communities_;
};

}  // namespace atrium
