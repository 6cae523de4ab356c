// Renderer: Mastodon entities for one viewer — statuses, accounts,
// notifications, relationships — written straight to JSON text.
//
// A Renderer is made per request. It loads, in batches, what the entities
// it is asked for need (authors and mentioned people from the account
// cache, the viewer's likes/reposts/bookmarks/pins from ViewerStateCache) and
// writes each post the same way from every endpoint. Quoted posts are shown
// only if the viewer may see them (the visibility policy again).
//
// Not thread-safe; one per request.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "api/context.h"
#include "api/mastodon/status_json_cache.h"
#include "base/json_writer.h"

namespace atrium::api {

// The CredentialAccount of `account` (needs no viewer: it is the person
// themselves). `account` is as just read from the store; a cached snapshot
// older than it is reloaded, so people see their own changes at once.
Result<std::string> CredentialAccountJson(ApiContext& ctx, const atrium::Account& account);

class Renderer {
 public:
  Renderer(ApiContext& ctx, const Viewer& viewer)
      : ctx_(ctx),
        viewer_(viewer),
        emojis_(ctx.custom_emojis ? ctx.custom_emojis->Catalog() : nullptr) {}

  // The viewer's filters for `context` apply to what is rendered from now
  // on (FilterService::Check): a post a `hide` filter matches is left out of
  // Statuses and Notifications (so is a notification about it), and Status
  // and Notification answer kNotFound for it; a post other filters match
  // carries them in `filtered`. Without it, `filtered` is empty.
  void ApplyFilters(FilterContext context) { filter_context_ = context; }

  // A JSON array of Status entities.
  Result<std::string> Statuses(const std::vector<VisiblePost>& posts);
  Result<std::string> Status(const VisiblePost& post);
  // A Status of a deleted post, with its source `text` (for redrafting).
  Result<std::string> DeletedStatus(const StatusRecord& post);
  // A JSON array of Account entities (unknown ids are left out), and one;
  // each person as the viewer may see them (VisibilityPolicy::ProfileViewOf).
  // Who is listed is the caller's part.
  Result<std::string> Accounts(const std::vector<int64_t>& ids);
  Result<std::string> Account(int64_t id);
  // A JSON array of Relationship entities.
  Result<std::string> Relationships(const std::vector<int64_t>& ids);
  // A JSON array of Notification entities, and one.
  Result<std::string> Notifications(const std::vector<NotificationRecord>& notifications);
  Result<std::string> Notification(const NotificationRecord& n);
  // Mastodon's grouped notifications (API v2): {accounts, statuses, notification_groups}.
  Result<std::string> GroupedNotifications(const std::vector<NotificationRecord>& notifications,
                                           const std::vector<std::string>& groupable_types);
  // A JSON array of NotificationRequest entities (Mastodon's shape; the
  // last status only if the viewer may see it), and one.
  Result<std::string> NotificationRequests(const std::vector<NotificationRequestInfo>& requests);
  Result<std::string> NotificationRequest(const NotificationRequestInfo& request);
  // A JSON array of Conversation entities, and one: the other participants
  // the member may see, the last post the member may see (as
  // ConversationService chose them).
  Result<std::string> Conversations(const std::vector<ConversationView>& conversations);
  Result<std::string> Conversation(const ConversationView& conversation);
  // The Poll entity of the visible post `post` (which has a poll).
  Result<std::string> Poll(const VisiblePost& post);
  Result<std::string> StatusEdits(const StatusRecord& current,
                                  const std::vector<StatusEditRecord>& edits);

  // What the renderings so far were made from beyond the posts asked for:
  // the quoted posts shown, and every account snapshot written. False if
  // they also depend on something not listed (a quote the viewer may not
  // see, which might become visible; a poll, whose counts change).
  bool Dependencies(std::vector<StatusPtr>* posts, std::vector<AccountPtr>* accounts) const;

 private:
  // Loads accounts and viewer state for these posts (and what they quote).
  atrium::Status Prepare(const std::vector<const VisiblePost*>& posts);
  void WriteStatus(JsonWriter& w, const StatusPtr& s, const StatusPtr& original, int depth);
  void WriteOwnStatus(JsonWriter& w, const StatusPtr& s, int depth);
  // The parts of a post's JSON that are the same for every viewer, from the
  // cache or written now.
  StatusJsonPtr SharedParts(const StatusPtr& s);
  void WriteQuote(JsonWriter& w, const StatusRecord& s, int depth);
  // Atrium's "in_reply_to": the post `s` replies to in one line (id,
  // excerpt, its kind and the author's names), or null when `s` is no reply,
  // is shown inside another post (depth > 0), or its parent is gone or not
  // visible to the viewer.
  void WriteReplyContext(JsonWriter& w, const StatusRecord& s, int depth);
  // "community": the post's community (the registry's current name), or null.
  void WriteCommunityRef(JsonWriter& w, int64_t community_id);
  // The Atrium extension "atrium": kind, title and permalink of a blog entry
  // or question (null for a status update).
  static void WriteKindRef(JsonWriter& w, const StatusRecord& s, const std::string& permalink);
  void WriteAccountRef(JsonWriter& w, int64_t id);
  // The person's Account entity in `view`, from AccountJsonCache when it
  // holds this version of them.
  void WriteAccountJson(JsonWriter& w, const AccountPtr& account, ProfileView view);
  // The Poll entity of `s` as the viewer sees it, or null without one.
  void WritePoll(JsonWriter& w, const StatusRecord& s);
  void WriteNotification(JsonWriter& w, const NotificationRecord& n);
  // The notifications among `all` the viewer's filters leave in, in order,
  // with what they name ready to write: `people` (their senders, each once,
  // in order) and `posts` (their visible posts, in order), loaded.
  Result<std::vector<NotificationRecord>> PrepareNotifications(
      const std::vector<NotificationRecord>& all, std::vector<int64_t>* people,
      std::vector<const VisiblePost*>* posts);
  // Loads the accounts `people` and prepares `posts` for writing.
  atrium::Status LoadForWriting(const std::vector<int64_t>& people,
                                const std::vector<const VisiblePost*>& posts);
  // "report" (the reporter's resolved report) or "moderation_warning" (a
  // warning given to the viewer) of a moderation notification.
  void WriteModerationRef(JsonWriter& w, const NotificationRecord& n);
  // The visible post `id` (loaded lazily for notifications and quotes).
  const VisiblePost* Lookup(int64_t id);
  // The viewer's filters and muted threads (loaded once, by Prepare).
  atrium::Status LoadRules();
  // What the viewer's filters do to `s` in the context applied (none without one).
  const FilterVerdict& VerdictFor(const StatusRecord& s);
  // Is `post` left out by a hide filter?
  bool Hidden(const VisiblePost& post);
  void WriteFiltered(JsonWriter& w, const StatusRecord& s);
  // Has the viewer muted the thread of `s`?
  bool Muted(const StatusRecord& s);

  ApiContext& ctx_;
  const Viewer& viewer_;
  // The custom emoji every entity of this rendering is written with.
  CustomEmojiCatalogPtr emojis_;
  std::unordered_map<int64_t, AccountPtr> accounts_;
  std::unordered_map<int64_t, StatusViewerState> state_;
  std::unordered_map<int64_t, PollTally> polls_;    // by post id, loaded by Prepare
  std::unordered_map<int64_t, VisiblePost> extra_;  // quotes and notification posts, by id
  std::unordered_map<int64_t, bool> missing_;       // looked up, not visible
  std::optional<FilterContext> filter_context_;
  ReaderFiltersPtr rules_;  // null until LoadRules (or without a FilterService)
  int64_t rules_now_ = 0;   // the time filters are judged at (ms)
  std::unordered_map<int64_t, FilterVerdict> verdicts_;  // by post id
};

}  // namespace atrium::api
