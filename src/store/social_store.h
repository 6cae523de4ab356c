// Store interfaces of the social core. Same contract as store.h: each method
// is one atomic, durable operation; errors are kNotFound, kConflict,
// kUnavailable or kInternal; implementations are thread-safe.
//
// Page results are newest first (largest cursor first) and hold at most
// page.limit entries; see PageRequest for max_id/since_id/min_id.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "store/conversation_store.h"
#include "store/social_records.h"

namespace atrium {

// Per-viewer state of a set of posts.
struct StatusViewerState {
  bool favourited = false;
  bool reblogged = false;  // the viewer has a repost of it
  bool bookmarked = false;
  bool pinned = false;
};

class StatusStore {
 public:
  virtual ~StatusStore() = default;

  // Inserts `status` with its mentions and tags (creating tags as needed),
  // bumps the counters it affects (the parent's replies_count, the original's
  // reblogs_count or quotes_count, the author's statuses count and last
  // status time) and inserts `notifications`, all in one transaction. If
  // idempotency_key is not empty, records it for (account, key); kConflict if
  // that pair exists already (see FindIdempotent). A direct post joins the
  // members' conversations named by `conversations` in the same transaction
  // (see ConversationEntry).
  virtual Status Create(const StatusRecord& status,
                        const std::vector<NotificationRecord>& notifications,
                        const std::string& idempotency_key,
                        const std::vector<ConversationEntry>& conversations) = 0;
  // Create, joining no conversation.
  Status Create(const StatusRecord& status, const std::vector<NotificationRecord>& notifications,
                const std::string& idempotency_key) {
    return Create(status, notifications, idempotency_key, {});
  }
  // Administration (the health page): posts of every kind with an id at or
  // above `since_id`, and the people who wrote them.
  struct RecentActivity {
    int64_t posts = 0;
    int64_t authors = 0;
  };
  virtual Result<RecentActivity> CountSince(int64_t since_id) = 0;
  // The post created for (account, key) since `since_ms`, or kNotFound.
  virtual Result<int64_t> FindIdempotent(int64_t account_id, const std::string& key,
                                         int64_t since_ms) = 0;

  virtual Result<StatusRecord> Get(int64_t id) = 0;
  // The posts that exist among `ids`, in no particular order.
  virtual Result<std::vector<StatusRecord>> GetMany(const std::vector<int64_t>& ids) = 0;
  // What decides who may see each of `ids` and whose home streams it
  // reaches, for those that exist, in no particular order: id, author,
  // reply, repost, community and visibility; the mentions of followers-only
  // and direct posts; with `with_tags`, the tags of public posts that are
  // not reposts. Nothing else is filled. The home feed rebuild reads its
  // candidates so, and loads whole only the posts it shows.
  virtual Result<std::vector<StatusRecord>> GetRouting(const std::vector<int64_t>& ids,
                                                       bool with_tags) = 0;

  // Deletes a post, its reposts, and everything that refers to them
  // (favourites, bookmarks, pins, mentions, tags, edits, notifications,
  // its place in conversations), fixing counters and the conversations' last
  // posts (an entry left with none is removed). Replies and quotes stay
  // (their parent becomes missing).
  // Returns the ids deleted: the post first, then its reposts.
  virtual Result<std::vector<int64_t>> Delete(int64_t id) = 0;

  // Replaces title, text, spoiler_text, sensitive, language, content_html,
  // mentions, tags and edited_at of `status` (matched by id), keeps `previous` as an
  // edit-history entry, and inserts `notifications`, in one transaction.
  virtual Status Update(const StatusRecord& status, const StatusEditRecord& previous,
                        const std::vector<NotificationRecord>& notifications) = 0;
  // Earlier versions, oldest first.
  virtual Result<std::vector<StatusEditRecord>> History(int64_t status_id) = 0;

  // Likes. Favourite returns false (and changes nothing) if it already
  // existed; `notification` (if its account_id is not 0) is inserted with it.
  virtual Result<bool> Favourite(int64_t favourite_id, int64_t account_id, int64_t status_id,
                                 const NotificationRecord& notification) = 0;
  // Returns false if there was nothing to remove. Also removes the
  // favourite notification it caused.
  virtual Result<bool> Unfavourite(int64_t account_id, int64_t status_id) = 0;
  // The id of account's repost of status_id, or 0.
  virtual Result<int64_t> FindReblog(int64_t account_id, int64_t status_id) = 0;

  virtual Result<bool> Bookmark(int64_t bookmark_id, int64_t account_id, int64_t status_id) = 0;
  virtual Result<bool> Unbookmark(int64_t account_id, int64_t status_id) = 0;
  virtual Result<bool> Pin(int64_t account_id, int64_t status_id, int64_t now) = 0;
  virtual Result<bool> Unpin(int64_t account_id, int64_t status_id) = 0;

  virtual Result<std::unordered_map<int64_t, StatusViewerState>> ViewerState(
      int64_t account_id, const std::vector<int64_t>& status_ids) = 0;

  // Post ids of one author, newest first. Filters: no replies (except
  // replies to the author's own posts, as Mastodon does), no reposts, only
  // pinned ones (paged by pin time, newest pin first; cursor = status id),
  // only those with tag `tagged` (normalized; empty: any).
  struct AuthorFilter {
    bool exclude_replies = false;
    bool exclude_reblogs = false;
    bool only_pinned = false;
    bool only_media = false;  // posts with attachments
    std::string tagged;
  };
  virtual Result<std::vector<int64_t>> ByAuthor(int64_t account_id, const AuthorFilter& filter,
                                                const PageRequest& page) = 0;
  // Blog entries or questions (never reposts or replies), newest first,
  // whatever their visibility (the caller filters through the policy).
  // Filters: by author, by community (0: any, in a community or not), with
  // tag `tagged` (normalized; empty: any), for questions by where they
  // stand (`answer`), and only those with a tag that is one of the
  // expertise tags of `expertise_of` (0: any).
  enum class AnswerState {
    kAny,
    kOpen,        // no accepted answer
    kUnanswered,  // no accepted answer and no reply at all
    kAnswered,    // an accepted answer
  };
  struct KindFilter {
    StatusKind kind = StatusKind::kBlog;
    int64_t account_id = 0;
    int64_t community_id = 0;
    std::string tagged;
    AnswerState answer = AnswerState::kAny;
    int64_t expertise_of = 0;
  };
  virtual Result<std::vector<int64_t>> ByKind(const KindFilter& filter,
                                              const PageRequest& page) = 0;
  // Sets (answer_id != 0) or clears (0) the accepted answer of a question
  // and, in the same transaction, removes the answer_accepted notification
  // about the answer accepted before and inserts `notification` (if its
  // account_id is not 0). kNotFound if there is no such post. Returns the
  // answer accepted before (0: none). Deleting the accepted reply clears it.
  virtual Result<int64_t> SetAcceptedAnswer(int64_t question_id, int64_t answer_id,
                                            const NotificationRecord& notification) = 0;
  // Public posts that are neither reposts nor replies (except to the
  // author's own posts), outside communities or in public and moderated ones.
  virtual Result<std::vector<int64_t>> PublicTimeline(const PageRequest& page) = 0;
  // A community's stream: its posts that are neither reposts nor replies.
  virtual Result<std::vector<int64_t>> CommunityTimeline(int64_t community_id,
                                                         const PageRequest& page) = 0;
  // The newest posts of CommunityTimeline in any of `communities` with
  // id < max_id (0: no bound), newest first: the home feed rebuild.
  virtual Result<std::vector<StatusRecord>> RecentInCommunities(
      const std::vector<int64_t>& communities, int64_t max_id, int limit) = 0;
  // The ids of the same posts, newest first, read from the index alone.
  virtual Result<std::vector<int64_t>> RecentIdsInCommunities(
      const std::vector<int64_t>& communities, int64_t max_id, int limit) = 0;
  // Every post in a community, replies and all (to delete them with it).
  virtual Result<std::vector<int64_t>> AllInCommunity(int64_t community_id) = 0;
  // Public, non-repost posts carrying at least one of `any`, all of `all`
  // and none of `none` (normalized names).
  virtual Result<std::vector<int64_t>> TagTimeline(const std::vector<std::string>& any,
                                                   const std::vector<std::string>& all,
                                                   const std::vector<std::string>& none,
                                                   const PageRequest& page) = 0;
  // Public, non-repost posts (restricted communities' too: the caller
  // filters through the visibility policy) whose preview card is of `url`
  // — the link as written in the post, or the address its card names —
  // newest first.
  virtual Result<std::vector<int64_t>> LinkTimeline(const std::string& url,
                                                    const PageRequest& page) = 0;
  // Tags whose normalized name starts with `prefix` (normalized) and that
  // at least one public post carries — what a tag stream would show — the
  // exact name first, then by name. For hashtag search and suggestions.
  virtual Result<std::vector<std::string>> SearchTags(std::string_view prefix, int limit,
                                                      int offset) = 0;
  // The newest posts (reposts included) by any of `authors` with id < max_id
  // (0: no bound), newest first, at most `limit`: the home feed rebuild.
  virtual Result<std::vector<StatusRecord>> RecentByAuthors(const std::vector<int64_t>& authors,
                                                            int64_t max_id, int limit) = 0;
  // The ids of the same posts, newest first, from statuses(account_id, id)
  // alone (no row is read).
  virtual Result<std::vector<int64_t>> RecentIdsByAuthors(const std::vector<int64_t>& authors,
                                                          int64_t max_id, int limit) = 0;
  // Posts that mention `account_id` with id < max_id, newest first (direct
  // posts for the home feed rebuild).
  virtual Result<std::vector<int64_t>> RecentMentioning(int64_t account_id, int64_t max_id,
                                                        int limit) = 0;
  // Direct replies to a post, oldest first.
  virtual Result<std::vector<int64_t>> Replies(int64_t status_id) = 0;

  // Who liked / reposted a post. cursor: the favourite id / the repost id.
  virtual Result<std::vector<PageEntry>> FavouritedBy(int64_t status_id,
                                                      const PageRequest& page) = 0;
  virtual Result<std::vector<PageEntry>> RebloggedBy(int64_t status_id,
                                                     const PageRequest& page) = 0;
  // The posts quoting a post. cursor and id: the quoting post's id.
  virtual Result<std::vector<PageEntry>> QuotesOf(int64_t status_id, const PageRequest& page) = 0;
  // What an account liked / bookmarked. cursor: the favourite / bookmark id.
  virtual Result<std::vector<PageEntry>> Favourites(int64_t account_id,
                                                    const PageRequest& page) = 0;
  virtual Result<std::vector<PageEntry>> Bookmarks(int64_t account_id, const PageRequest& page) = 0;

  // Posts and last post time of an account (for the Account entity). Posts
  // in communities are not counted: they belong to the community.
  struct AuthorStats {
    int64_t statuses_count = 0;
    int64_t last_status_at = 0;
  };
  virtual Result<AuthorStats> Stats(int64_t account_id) = 0;
  virtual Result<int64_t> CountAll() = 0;
};

class RelationshipStore {
 public:
  virtual ~RelationshipStore() = default;

  // Follows. Follow inserts or updates (show_reblogs, notify) and inserts
  // `notification` if it is new; returns true if it was new. Unfollow
  // returns false if there was nothing to remove.
  virtual Result<bool> Follow(const FollowRecord& follow,
                              const NotificationRecord& notification) = 0;
  // Unfollow also removes the follow notification.
  virtual Result<bool> Unfollow(int64_t account_id, int64_t target_id) = 0;

  // Follow requests to a locked account.
  virtual Result<bool> RequestFollow(int64_t request_id, int64_t account_id, int64_t target_id,
                                     const NotificationRecord& notification) = 0;
  virtual Result<bool> WithdrawFollowRequest(int64_t account_id, int64_t target_id) = 0;
  // Turns account_id's request to follow target_id into a follow; kNotFound
  // if there is no such request. Removes the follow_request notification.
  virtual Status AuthorizeFollowRequest(int64_t follow_id, int64_t account_id, int64_t target_id,
                                        int64_t now) = 0;
  virtual Status RejectFollowRequest(int64_t account_id, int64_t target_id) = 0;
  // Pending requests to follow `target_id`. cursor: request id; id: requester.
  virtual Result<std::vector<PageEntry>> FollowRequests(int64_t target_id,
                                                        const PageRequest& page) = 0;
  virtual Result<int64_t> CountFollowRequests(int64_t target_id) = 0;

  // Blocks remove, in the same transaction, follows both ways, follow
  // requests both ways, connections and invitations both ways.
  virtual Result<bool> Block(int64_t block_id, int64_t account_id, int64_t target_id,
                             int64_t now) = 0;
  virtual Result<bool> Unblock(int64_t account_id, int64_t target_id) = 0;
  virtual Result<bool> Mute(int64_t mute_id, int64_t account_id, int64_t target_id,
                            bool notifications, int64_t expires_at, int64_t now) = 0;
  virtual Result<bool> Unmute(int64_t account_id, int64_t target_id) = 0;

  // Connections (mutual, by invitation). Invite: kConflict if already
  // connected or invited either way. Accept: account_id accepts
  // inviter_id's invitation; connects both and, unless they already do,
  // makes each follow the other (follow_ids gives the two new follow ids);
  // inserts `notification`; kNotFound without an invitation.
  virtual Status InviteConnection(int64_t invitation_id, int64_t account_id, int64_t target_id,
                                  const NotificationRecord& notification) = 0;
  virtual Status AcceptConnection(int64_t account_id, int64_t inviter_id, int64_t follow_id_1,
                                  int64_t follow_id_2, const NotificationRecord& notification,
                                  int64_t now) = 0;
  // Declines an invitation to account_id from inviter_id (or, called by the
  // inviter as Withdraw, removes their own). kNotFound without one.
  virtual Status DeclineConnection(int64_t account_id, int64_t inviter_id) = 0;
  virtual Status WithdrawConnection(int64_t account_id, int64_t target_id) = 0;
  // Removes an established connection (follows stay). kNotFound if none.
  virtual Status RemoveConnection(int64_t account_id, int64_t other_id) = 0;
  // Established connections of an account (cursor: connection row id), and
  // pending invitations it received / sent (cursor: invitation id).
  virtual Result<std::vector<PageEntry>> Connections(int64_t account_id,
                                                     const PageRequest& page) = 0;
  virtual Result<std::vector<PageEntry>> ConnectionInvitations(int64_t account_id, bool received,
                                                               const PageRequest& page) = 0;

  // Lists of ids, unpaged, for the in-memory social graph.
  virtual Result<std::vector<int64_t>> FollowingIds(int64_t account_id) = 0;
  // Whom an account follows whose reposts it hides (show_reblogs = false).
  virtual Result<std::vector<int64_t>> FollowingHidingReblogs(int64_t account_id) = 0;
  // Who follows an account, oldest follow first, for fan-out: one range of
  // the index on follows (target_id, id, account_id), no row read.
  virtual Result<std::vector<int64_t>> FollowerIds(int64_t target_id) = 0;
  virtual Result<std::vector<int64_t>> BlockingIds(int64_t account_id) = 0;   // whom account blocks
  virtual Result<std::vector<int64_t>> BlockedByIds(int64_t account_id) = 0;  // who blocks account
  // Whom account mutes (mutes past their expiry are left out), with whether
  // notifications are muted too.
  virtual Result<std::vector<std::pair<int64_t, bool>>> MutingIds(int64_t account_id,
                                                                  int64_t now) = 0;

  // Paged lists. cursor: the follow / block / mute id; id: the other account.
  virtual Result<std::vector<PageEntry>> FollowersPage(int64_t target_id,
                                                       const PageRequest& page) = 0;
  virtual Result<std::vector<PageEntry>> FollowingPage(int64_t account_id,
                                                       const PageRequest& page) = 0;
  virtual Result<std::vector<PageEntry>> BlocksPage(int64_t account_id,
                                                    const PageRequest& page) = 0;
  virtual Result<std::vector<PageEntry>> MutesPage(int64_t account_id, const PageRequest& page) = 0;

  // Relationships fills `note` and `endorsed` too.
  virtual Result<std::vector<RelationshipRecord>> Relationships(
      int64_t account_id, const std::vector<int64_t>& target_ids, int64_t now) = 0;

  // account_id's private note on target_id, replaced; "" removes it.
  virtual Status SetNote(int64_t account_id, int64_t target_id, const std::string& comment,
                         int64_t now) = 0;
  // Endorsements. Pin features target_id on account_id's profile if
  // account_id follows them; true if it is featured afterwards (also when
  // it already was), false if account_id does not follow them. Unfollow and
  // Block take endorsements away in their own transactions.
  virtual Result<bool> Pin(int64_t pin_id, int64_t account_id, int64_t target_id, int64_t now) = 0;
  virtual Result<bool> Unpin(int64_t account_id, int64_t target_id) = 0;
  // Whom account_id features, active accounts only. cursor: the pin id.
  virtual Result<std::vector<PageEntry>> PinsPage(int64_t account_id, const PageRequest& page) = 0;
  // For each of `target_ids`: the active people account_id follows who
  // follow it, as (target, follower) pairs in follow order.
  virtual Result<std::vector<std::pair<int64_t, int64_t>>> FamiliarFollowers(
      int64_t account_id, const std::vector<int64_t>& target_ids) = 0;
  // Active people followed by those account_id follows, whom account_id
  // neither follows, asked to follow, nor dismissed as a suggestion, and
  // not account_id: (id, how many of account_id's follows follow them),
  // most followed first, at most `limit`.
  virtual Result<std::vector<std::pair<int64_t, int64_t>>> FollowedByFollowed(int64_t account_id,
                                                                              int limit) = 0;
  // Suggestions dismissed: never suggested to account_id again.
  virtual Status DismissSuggestion(int64_t account_id, int64_t target_id, int64_t now) = 0;
  virtual Result<std::vector<int64_t>> DismissedSuggestions(int64_t account_id) = 0;
  struct FollowCounts {
    int64_t followers = 0;
    int64_t following = 0;
  };
  virtual Result<FollowCounts> Counts(int64_t account_id) = 0;
};

class NotificationStore {
 public:
  virtual ~NotificationStore() = default;
  // Inserts notifications outside a post or relationship change.
  virtual Status Insert(const std::vector<NotificationRecord>& notifications) = 0;
  // An account's notifications, newest first, of `types` (empty: all) but
  // not `exclude_types`. cursor = id = notification id.
  virtual Result<std::vector<NotificationRecord>> List(
      int64_t account_id, const std::vector<std::string>& types,
      const std::vector<std::string>& exclude_types, const PageRequest& page) = 0;
  virtual Result<NotificationRecord> Get(int64_t account_id, int64_t id) = 0;
  // All notifications of one group, newest first.
  virtual Result<std::vector<NotificationRecord>> Group(int64_t account_id,
                                                        const std::string& group_key) = 0;
  virtual Status Dismiss(int64_t account_id, int64_t id) = 0;
  virtual Status DismissGroup(int64_t account_id, const std::string& group_key) = 0;
  virtual Status Clear(int64_t account_id) = 0;
  // Notifications with id > after_id, at most `limit` counted.
  virtual Result<int64_t> CountAfter(int64_t account_id, int64_t after_id, int64_t limit) = 0;
  // The ids of the account's `limit` newest notifications, newest first,
  // read from the index alone: what a cached first page checks.
  virtual Result<std::vector<int64_t>> NewestIds(int64_t account_id, int64_t limit) = 0;
  // NewestIds and Policy read in one transaction: what decides whether a
  // kept first page is still current.
  struct NewestAndPolicy {
    std::vector<int64_t> ids;
    NotificationPolicyRecord policy;
  };
  virtual Result<NewestAndPolicy> NewestIdsAndPolicy(int64_t account_id, int64_t limit) = 0;
  // Removes these of the account's notifications (ids of others are ignored).
  virtual Status DismissMany(int64_t account_id, const std::vector<int64_t>& ids) = 0;

  // The account's notification policy; every field "accept" if never set.
  virtual Result<NotificationPolicyRecord> Policy(int64_t account_id) = 0;
  virtual Status SetPolicy(int64_t account_id, const NotificationPolicyRecord& policy,
                           int64_t now) = 0;
  // Senders whose notifications the account accepted whatever the policy
  // (an accepted notification request), ascending.
  virtual Result<std::vector<int64_t>> AcceptedSenders(int64_t account_id) = 0;
  virtual Status AcceptSenders(int64_t account_id, const std::vector<int64_t>& from_account_ids,
                               int64_t now) = 0;
};

class ListStore {
 public:
  virtual ~ListStore() = default;
  virtual Status Create(const ListRecord& list) = 0;
  virtual Result<ListRecord> Get(int64_t id) = 0;
  virtual Result<std::vector<ListRecord>> OfAccount(int64_t account_id) = 0;
  virtual Status Update(const ListRecord& list) = 0;
  virtual Status Delete(int64_t id) = 0;
  virtual Status AddAccounts(int64_t list_id, const std::vector<int64_t>& account_ids) = 0;
  virtual Status RemoveAccounts(int64_t list_id, const std::vector<int64_t>& account_ids) = 0;
  virtual Result<std::vector<int64_t>> Accounts(int64_t list_id) = 0;
  // Lists of `owner_id` that contain `member_id`.
  virtual Result<std::vector<ListRecord>> ContainingAccount(int64_t owner_id,
                                                            int64_t member_id) = 0;
  // Lists (of any owner) that contain `member_id`: where a new post of theirs goes.
  virtual Result<std::vector<ListRecord>> ListsWithMember(int64_t member_id) = 0;
};

class MarkerStore {
 public:
  virtual ~MarkerStore() = default;
  virtual Result<std::vector<MarkerRecord>> Get(int64_t account_id,
                                                const std::vector<std::string>& timelines) = 0;
  // Sets last_read_id, bumping version. Returns the new marker.
  virtual Result<MarkerRecord> Set(int64_t account_id, const std::string& timeline,
                                   int64_t last_read_id, int64_t now) = 0;
};

}  // namespace atrium
