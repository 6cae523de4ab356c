// Records of the social core: posts, relationships, notifications, lists
// and markers. Plain values shared by every store implementation.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/media_records.h"

namespace atrium {

// Who may see a post. Stored as these numbers.
enum class Visibility : int {
  kPublic = 0,    // every member; shown in the organization stream
  kUnlisted = 1,  // every member; not in the organization stream
  kPrivate = 2,   // the author's followers (and the people mentioned)
  kDirect = 3,    // only the people mentioned
};
const char* VisibilityName(Visibility v);
std::optional<Visibility> ParseVisibility(std::string_view name);

// What a post is. Stored as these numbers. Blog entries and questions are
// posts with a title; answers to a question are its ordinary replies.
enum class StatusKind : int {
  kStatus = 0,    // a status update (or a reply, or a repost)
  kBlog = 1,      // a blog entry: title and Markdown body
  kQuestion = 2,  // a question: title, optional Markdown body, one accepted answer
};
const char* StatusKindName(StatusKind k);  // "status", "blog", "question"
std::optional<StatusKind> ParseStatusKind(std::string_view name);

// A post's poll as written with it; it never changes afterwards (the counts
// of votes are kept apart, see PollStore).
struct PollRecord {
  std::vector<std::string> options;  // the titles, in order
  int64_t expires_at = 0;            // ms
  bool multiple = false;             // a voter may choose several options
  bool hide_totals = false;          // counts shown only once the poll has ended
};

// A link's preview card (Mastodon's PreviewCard), made from the page's
// OpenGraph tags and oEmbed answer. Shared by every post that links the page.
struct LinkCardRecord {
  std::string url;       // the link as written in the post
  std::string card_url;  // the page's own (og:url, or where redirects ended)
  std::string title;
  std::string description;
  std::string type = "link";  // link, photo, video or rich
  std::string author_name;
  std::string author_url;
  std::string provider_name;
  std::string provider_url;
  std::string image_key;  // the picture among the media files ("card-…"); empty: none
  int width = 0;          // the picture's
  int height = 0;
  std::string blurhash;
  std::string embed_url;
  int64_t fetched_at = 0;
};

struct StatusRecord {
  int64_t id = 0;
  int64_t account_id = 0;
  int64_t in_reply_to_id = 0;  // 0: not a reply
  int64_t in_reply_to_account_id = 0;
  int64_t reblog_of_id = 0;  // 0: not a repost; else the original (never itself a repost)
  int64_t quote_of_id = 0;   // 0: not a quote
  int64_t community_id = 0;  // 0: not in a community
  Visibility visibility = Visibility::kPublic;
  StatusKind kind = StatusKind::kStatus;
  std::string title;               // blog entries and questions; empty otherwise
  int64_t accepted_answer_id = 0;  // questions: the accepted reply; 0: none
  std::string text;                // the source as written (the body of a blog entry or question)
  std::string spoiler_text;
  bool sensitive = false;
  std::string language;
  std::string content_html;  // rendered when written
  int64_t created_at = 0;    // ms
  int64_t edited_at = 0;     // ms; 0: never edited
  // Counters, maintained by the store in the same transaction as the change.
  int64_t replies_count = 0;
  int64_t reblogs_count = 0;
  int64_t favourites_count = 0;
  int64_t quotes_count = 0;
  std::vector<int64_t> mention_ids;  // accounts mentioned, in order of first mention
  std::vector<std::string> tags;     // normalized tag names, in order of first use
  // The attachments in their order. Written with the post by Create and
  // Update (each must be the author's and unattached or already this
  // post's, else 422 and nothing is written); read by Get and GetMany.
  std::vector<MediaRecord> media;
  // The poll written with the post (Create), read by Get and GetMany.
  std::optional<PollRecord> poll;
  // The preview card of its first link, once fetched (read by Get and
  // GetMany; written by LinkCardStore).
  std::optional<LinkCardRecord> card;
};

// Whether a post counts in its author's statuses_count and last_status_at
// (the store keeps them in the same transaction as the post; AccountCache
// adjusts a cached author by the same rule). Direct posts do not, nor do a
// community's posts, which belong to the community: counts reveal nothing.
inline bool CountsOnAuthor(const StatusRecord& s) {
  return s.visibility != Visibility::kDirect && s.community_id == 0;
}

// One earlier version of an edited post.
struct StatusEditRecord {
  int64_t id = 0;
  int64_t status_id = 0;
  std::string text;
  std::string spoiler_text;
  bool sensitive = false;
  std::string content_html;
  int64_t created_at = 0;  // when this version was written
  std::string title;       // blog entries and questions
};

struct NotificationRecord {
  int64_t id = 0;
  int64_t account_id = 0;       // who is notified
  int64_t from_account_id = 0;  // who caused it
  std::string type;             // mention, reply, favourite, reblog, quote, follow, follow_request,
                                // update, connection_request, connection_accepted,
                                // answer_accepted (status_id: the accepted reply)
  int64_t status_id = 0;        // 0 when not about a post
  std::string group_key;        // notifications with one key form one group (API v2)
  int64_t created_at = 0;
};

// What a member does with notifications from each kind of sender
// (Mastodon's NotificationPolicy): each field is "accept", "filter" (kept
// aside as a notification request) or "drop" (not shown).
struct NotificationPolicyRecord {
  std::string for_not_following = "accept";
  std::string for_not_followers = "accept";
  std::string for_new_accounts = "accept";
  std::string for_private_mentions = "accept";
  std::string for_limited_accounts = "accept";
};

struct FollowRecord {
  int64_t id = 0;  // pagination cursor of followers/following lists
  int64_t account_id = 0;
  int64_t target_id = 0;
  bool show_reblogs = true;
  bool notify = false;
  int64_t created_at = 0;
};

// One account's relationship to another, as Mastodon's Relationship entity
// needs it.
struct RelationshipRecord {
  int64_t target_id = 0;
  bool following = false;
  bool showing_reblogs = false;
  bool notifying = false;
  bool followed_by = false;
  bool blocking = false;
  bool blocked_by = false;
  bool muting = false;
  bool muting_notifications = false;
  int64_t muting_expires_at = 0;
  bool requested = false;     // account asked to follow target, pending
  bool requested_by = false;  // target asked to follow account, pending
  bool connected = false;
  bool connection_requested = false;     // account invited target, pending
  bool connection_requested_by = false;  // target invited account, pending
  bool endorsed = false;                 // account features target on its profile
  std::string note;                      // account's private note on target
};

struct ListRecord {
  int64_t id = 0;
  int64_t account_id = 0;
  std::string title;
  std::string replies_policy = "list";  // followed, list, none
  bool exclusive = false;
};

struct MarkerRecord {
  std::string timeline;  // home, notifications
  int64_t last_read_id = 0;
  int64_t version = 0;
  int64_t updated_at = 0;
};

// A background queue at a glance: how many items wait, and since when the
// oldest of them has waited (milliseconds since the epoch; 0 when none).
struct QueueBacklog {
  int64_t depth = 0;
  int64_t oldest_at = 0;
};

// Mastodon pagination: newest first. max_id: strictly older than; since_id:
// strictly newer than (the newest page); min_id: strictly newer than, the
// page right after it (oldest first, then reversed to newest first).
// 0 means "not given".
struct PageRequest {
  int64_t max_id = 0;
  int64_t since_id = 0;
  int64_t min_id = 0;
  int limit = 20;
};

// One entry of a paginated list of accounts or statuses: `cursor` is what
// max_id/min_id refer to (a follow id, a favourite id, a bookmark id, a
// status id), `id` is the account or status listed.
struct PageEntry {
  int64_t cursor = 0;
  int64_t id = 0;
};

}  // namespace atrium
