#include "social/question_service.h"

namespace atrium {

Result<StatusPtr> QuestionService::Decidable(const Account& actor, const Viewer& viewer,
                                             int64_t question_id) {
  auto visible = core_.Visible(viewer, question_id);
  if (!visible.ok()) return visible.status();
  StatusPtr question = visible->status;
  if (question->kind != StatusKind::kQuestion)
    return Status::NotFound("Record not found", "No such question");
  const bool allowed =
      question->account_id == actor.id || actor.role == kRoleAdmin ||
      (question->community_id != 0 && communities_.Moderates(actor, question->community_id));
  if (!allowed)
    return Status::Forbidden("This action is not allowed",
                             "Only the question's author or a moderator may accept an answer");
  return question;
}

Result<StatusRecord> QuestionService::Accept(const Account& actor, int64_t question_id,
                                             int64_t answer_id) {
  auto viewer = core_.ViewerFor(actor.id);
  if (!viewer.ok()) return viewer.status();
  auto question = Decidable(actor, *viewer, question_id);
  if (!question.ok()) return question.status();
  auto answer = core_.Visible(*viewer, answer_id);
  if (!answer.ok()) {
    if (answer.status().code() == Code::kNotFound)
      return Status::Unprocessable(
          "Validation failed: The answer does not exist or you cannot see it");
    return answer.status();
  }
  if (answer->status->in_reply_to_id != question_id || answer->status->reblog_of_id != 0)
    return Status::Unprocessable("Validation failed: The answer must be a reply to the question");
  return SetAnswer(actor, **question, answer_id, answer->status->account_id);
}

Result<StatusRecord> QuestionService::Unaccept(const Account& actor, int64_t question_id) {
  auto viewer = core_.ViewerFor(actor.id);
  if (!viewer.ok()) return viewer.status();
  auto question = Decidable(actor, *viewer, question_id);
  if (!question.ok()) return question.status();
  return SetAnswer(actor, **question, 0, 0);
}

Result<StatusRecord> QuestionService::SetAnswer(const Account& actor, const StatusRecord& question,
                                                int64_t answer_id, int64_t answer_author_id) {
  // The answerer hears of it unless they accepted it themselves, a block
  // stands between them, they mute the actor's notifications, or they may
  // no longer see the question.
  NotificationRecord note;
  if (answer_id != 0 && answer_author_id != actor.id) {
    auto g = core_.graph.Get(answer_author_id);
    if (g.ok() && !(*g)->BlockedEitherWay(actor.id) && !(*g)->MutesNotificationsOf(actor.id) &&
        VisibilityPolicy::CanSee(core_.ViewerWith(answer_author_id, *g), question)) {
      note = posting_.MakeNotification(answer_author_id, actor.id, "answer_accepted", answer_id);
    }
  }
  auto before = core_.store.statuses().SetAcceptedAnswer(question.id, answer_id, note);
  if (!before.ok()) return before.status();
  core_.statuses.Invalidate(question.id);
  if (note.account_id != 0 && *before != answer_id) core_.fanout.Notified(note);
  auto fresh = core_.statuses.Get(question.id);
  if (!fresh.ok()) return fresh.status();
  return **fresh;
}

}  // namespace atrium
