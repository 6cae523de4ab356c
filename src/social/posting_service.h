// PostingService: everything people do to posts — write, reply, quote,
// edit, delete, repost, like, bookmark, pin. Each operation validates,
// checks the visibility policy, writes the store in one transaction (with
// the notifications it causes), refreshes the caches, and hands the
// follow-up work (feeds, live events) to the fan-out worker.
//
// Errors: 404 for a post that does not exist or that the actor may not see
// (indistinguishable), 403 for acting on someone else's post where only the
// author may, 422 for invalid input, naming the problem.
//
// Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "social/audit_log.h"
#include "social/link_card_service.h"
#include "social/media_service.h"
#include "social/poll_service.h"
#include "social/social_core.h"
#include "store/records.h"

namespace atrium {

struct PostInput {
  std::string text;
  std::string spoiler_text;
  std::string language;
  std::string visibility;  // empty: public (or the parent's, if narrower, for replies)
  bool sensitive = false;
  int64_t in_reply_to_id = 0;
  int64_t quoted_status_id = 0;
  int64_t community_id = 0;
  std::string idempotency_key;
  // The only people the text may mention (ids), when given: a mention of
  // anyone else refuses the post (see UnexpectedMentions).
  std::optional<std::vector<int64_t>> allowed_mentions;
  // Uploads to attach, in order (MediaService::ForPost decides which may be).
  std::vector<int64_t> media_ids;
  // A poll (a status update's only, without attachments), see MakePoll.
  std::optional<PollInput> poll;
  // A blog entry or a question: a title (required, at most kMaxTitleChars)
  // and a Markdown body (required for a blog entry, optional for a
  // question), tagged with the body's #tags and `tags`. Never a reply, never
  // direct.
  StatusKind kind = StatusKind::kStatus;
  std::string title;
  std::vector<std::string> tags;
};

struct EditInput {
  std::string text;
  std::string spoiler_text;
  std::string language;
  bool sensitive = false;
  // Blog entries and questions: absent keeps the title; absent `tags` keeps
  // the explicit tags (those not written in the old body).
  std::optional<std::string> title;
  std::optional<std::vector<std::string>> tags;
  // The attachments after the edit, in order; absent keeps them.
  std::optional<std::vector<int64_t>> media_ids;
};

// Limits of blog entries and questions, in characters.
inline constexpr size_t kMaxTitleChars = 200;
inline constexpr size_t kMaxLongFormChars = 100000;
inline constexpr size_t kMaxExplicitTags = 20;

// Idempotency keys are honoured for this long.
inline constexpr int64_t kIdempotencyWindowMs = 60 * 60 * 1000;

// The error of a post that mentions someone its allowed_mentions leaves out.
inline constexpr const char* kUnexpectedMentions = "Post would be sent to unexpected accounts";

class PostingService {
 public:
  explicit PostingService(SocialCore& core) : core_(core) {}
  // Attachments (media_ids) are taken once this is set (at start, before
  // serving); `media` outlives this. Without it, 422 for any.
  void UseMedia(MediaService* media) { media_ = media; }
  // New and edited posts queue their link preview card there once this is
  // set (at start); `cards` outlives this.
  void UseLinkCards(LinkCardService* cards) { link_cards_ = cards; }
  PostingService(const PostingService&) = delete;
  PostingService& operator=(const PostingService&) = delete;

  Result<StatusRecord> Post(const Account& author, const PostInput& input);
  // What Post would refuse in `input` itself (text, title, visibility,
  // language), without looking at anything else: for a post written now
  // and published later. OK or 422 naming the problem.
  Status Validate(const PostInput& input);
  // The people the text of `input` mentions whom its allowed_mentions does
  // not list, in the order first mentioned (none without allowed_mentions);
  // Post refuses such a post with 422. 422 for text Post would refuse.
  Result<std::vector<int64_t>> UnexpectedMentions(const PostInput& input);
  Result<StatusRecord> Edit(const Account& author, int64_t status_id, const EditInput& input);
  // Deletes the author's post (moderators and admins may delete anyone's)
  // with every comment under it, as EraseThread. Returns the post as it
  // was, so its source can be shown for redrafting.
  // Deleting someone else's post is appended to the audit log when `by`
  // (who asked, in which request) is given.
  Result<StatusRecord> Delete(const Account& actor, int64_t status_id,
                              const AuditActor* by = nullptr);

  // Deletes a post without asking who wants it gone: for the services that
  // checked that already (community moderation, deleting a community).
  Result<StatusRecord> Erase(const StatusRecord& status);
  // Erases a post and its whole thread below it: the comments on it, the
  // comments on those, and so on, the deepest first (so that no comment is
  // ever left whose parent is gone), each as Erase does — a comment under a
  // legal hold is kept for eDiscovery like any held post. Returns the post.
  Result<StatusRecord> EraseThread(const StatusRecord& status);

  // A new notification of `type` about `status_id` for `to`, caused by
  // `from` (grouped by post for likes and reposts), for a store write.
  NotificationRecord MakeNotification(int64_t to, int64_t from, const std::string& type,
                                      int64_t status_id);

  // Reposts a post (returns the repost; an existing one if already reposted).
  Result<StatusRecord> Reblog(const Account& actor, int64_t status_id,
                              const std::string& visibility);
  // Removes the actor's repost; returns the original.
  Result<StatusRecord> Unreblog(const Account& actor, int64_t status_id);

  // Like/unlike, bookmark/unbookmark, pin/unpin. Each returns the post.
  Result<StatusRecord> Favourite(const Account& actor, int64_t status_id);
  Result<StatusRecord> Unfavourite(const Account& actor, int64_t status_id);
  Result<StatusRecord> Bookmark(const Account& actor, int64_t status_id);
  Result<StatusRecord> Unbookmark(const Account& actor, int64_t status_id);
  Result<StatusRecord> Pin(const Account& actor, int64_t status_id);
  Result<StatusRecord> Unpin(const Account& actor, int64_t status_id);

 private:
  struct Rendered {
    std::string html;
    std::vector<int64_t> mention_ids;
    std::vector<std::string> tags;
  };
  Rendered Render(const std::string& text);
  Status ValidateText(const std::string& text, const std::string& spoiler_text);
  // The options of `input` its kind allows, its visibility and language well-formed.
  Status CheckOptions(const PostInput& input);
  // The text of a post of any kind, validated and rendered: a status's text,
  // or a blog entry's or question's title, Markdown body and tags (the
  // body's #tags, then `explicit_tags`).
  Result<Rendered> RenderKind(StatusKind kind, const std::string& title, const std::string& text,
                              const std::string& spoiler_text,
                              const std::vector<std::string>& explicit_tags);
  // Checks a post (or comment) into s.community_id and sets its visibility.
  Status CheckCommunityPost(const Viewer& viewer, StatusRecord& s, bool visibility_given);
  // 422 when `post` belongs to an archived community: its posts are read
  // (and may be deleted and bookmarked) but no longer edited, liked or
  // reposted.
  Status RefuseIfArchived(const StatusRecord& post) const;
  Result<SocialCore::VisiblePost> VisibleTo(const Account& actor, int64_t status_id);
  // Publishes notifications that were written with a change.
  void Announce(const std::vector<NotificationRecord>& notifications);

  // The attachments `ids` of `author`'s post `status_id` (0: new).
  Result<std::vector<MediaRecord>> Attachments(int64_t author_id, int64_t status_id,
                                               const std::vector<int64_t>& ids);

  SocialCore& core_;
  MediaService* media_ = nullptr;
  LinkCardService* link_cards_ = nullptr;
};

}  // namespace atrium
