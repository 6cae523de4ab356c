// ConversationService: members' direct conversations, as Mastodon's
// /api/v1/conversations shows them. A conversation is one member's entry
// for the direct posts of one thread among the same people, with an unread
// flag of their own; a new direct post of the thread moves it to the top and
// marks it unread for those it reaches (ConversationEntries, written with
// the post by PostingService).
//
// What a member is shown of a conversation goes through the visibility
// policy when it is read: its last post is the newest of its posts the
// member may see (a post deleted, or hidden by a block either way or an edit
// that no longer names them, never shows); a conversation with no such post
// is not shown at all (not listed, 404 by id); its people are the other
// participants the member may see (VisibilityPolicy::CanSeeAccount).
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "social/social_core.h"
#include "store/conversation_store.h"

namespace atrium {

// One conversation as its member is shown it.
struct ConversationView {
  int64_t id = 0;
  bool unread = false;
  std::vector<int64_t> account_ids;  // the other participants the member may see
  SocialCore::VisiblePost last_status;
  int64_t cursor = 0;  // the list's cursor (ConversationRecord::last_status_id)
};

// A page of conversations, and the cursors of the page as read (the Link
// headers page on those).
struct ConversationPage {
  std::vector<ConversationView> conversations;
  int64_t first_cursor = 0;
  int64_t last_cursor = 0;
};

// The conversations the new post `post` joins, for StatusStore::Create: for
// a direct post (not in a community), the author's (read) and each mentioned
// member's who may see it and mutes neither its author nor its thread
// (unread), each
// member's among the same thread (SocialCore::ThreadOf) and people (the
// author and those mentioned, but the member). Nothing for other posts.
std::vector<ConversationEntry> ConversationEntries(SocialCore& core, const StatusRecord& post);

class ConversationService {
 public:
  explicit ConversationService(SocialCore& core) : core_(core) {}
  ConversationService(const ConversationService&) = delete;
  ConversationService& operator=(const ConversationService&) = delete;

  // A page of the viewer's conversations, the newest last post first.
  Result<ConversationPage> List(const Viewer& viewer, const PageRequest& page);
  // The viewer's conversation `id`; kNotFound if it is not theirs or shows
  // nothing to them.
  Result<ConversationView> Get(const Viewer& viewer, int64_t id);
  // The viewer's conversation that holds the post `status_id`, which they
  // may see (a `conversation` event of the direct stream); kNotFound else.
  Result<ConversationView> OfStatus(const Viewer& viewer, int64_t status_id);
  // Marks the viewer's conversation `id` read (or unread) and returns it;
  // kNotFound as Get.
  Result<ConversationView> MarkRead(const Viewer& viewer, int64_t id, bool unread = false);
  // Removes the viewer's conversation `id` from their list only; kNotFound
  // if it is not theirs.
  Status Remove(const Viewer& viewer, int64_t id);

 private:
  // `record` as the viewer is shown it; kNotFound if none of its posts is
  // visible to them. `known_last`: its last post already checked (null: not yet).
  Result<ConversationView> View(const Viewer& viewer, const ConversationRecord& record,
                                const SocialCore::VisiblePost* known_last);

  SocialCore& core_;
};

}  // namespace atrium
