// The social core's stores on either backend: posts, relationships,
// notifications, lists and markers (interfaces and contracts in
// store/social_store.h). Each write runs in one Database::Write transaction,
// counters included; multi-statement reads run in one read transaction.
// Safe for concurrent use from many threads.
//
// Choices where the interface leaves room (as Mastodon does):
// - Absent references are NULL in the database and 0 in records.
// - Delete keeps in_reply_to_id / quote_of_id of replies and quotes pointing
//   at the deleted post, so they stay replies (hidden from streams that hide
//   replies) and the layers above see a missing parent.
// - Counters follow Mastodon's Status#increment_counter_caches: a direct post
//   counts nowhere (not in the author's statuses_count or last_status_at, nor
//   in the original's reblogs_count / quotes_count), and only a public or
//   unlisted reply counts in its parent's replies_count, so counts never
//   reveal private conversations. Deleting undoes exactly what creating did.
#pragma once

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "store/community_store.h"
#include "store/social_store.h"

namespace atrium::sql {

class Database;

// A post `s` outside every restricted community, read at the time of the
// query: when a community becomes restricted, its posts (written public)
// leave the organization's tags, tag streams and trends at once.
// A probe of the post's own community by primary key: an IN list of every
// community that is not restricted (6,828 at 400,000 members) was built
// for every query, 3 ms each.
inline constexpr const char* kOutsideRestrictedCommunities =
    "(s.community_id IS NULL OR EXISTS (SELECT 1 FROM communities oc WHERE oc.id = s.community_id "
    "AND oc.type <> 2))";

class SqlStatusStore : public StatusStore {
 public:
  explicit SqlStatusStore(Database& db) : db_(db) {}

  using StatusStore::Create;
  Status Create(const StatusRecord& status, const std::vector<NotificationRecord>& notifications,
                const std::string& idempotency_key,
                const std::vector<ConversationEntry>& conversations) override;
  Result<int64_t> FindIdempotent(int64_t account_id, const std::string& key,
                                 int64_t since_ms) override;
  Result<RecentActivity> CountSince(int64_t since_id) override;
  Result<StatusRecord> Get(int64_t id) override;
  Result<std::vector<StatusRecord>> GetMany(const std::vector<int64_t>& ids) override;
  Result<std::vector<StatusRecord>> GetRouting(const std::vector<int64_t>& ids,
                                               bool with_tags) override;
  Result<std::vector<int64_t>> Delete(int64_t id) override;
  Status Update(const StatusRecord& status, const StatusEditRecord& previous,
                const std::vector<NotificationRecord>& notifications) override;
  Result<std::vector<StatusEditRecord>> History(int64_t status_id) override;

  Result<bool> Favourite(int64_t favourite_id, int64_t account_id, int64_t status_id,
                         const NotificationRecord& notification) override;
  Result<bool> Unfavourite(int64_t account_id, int64_t status_id) override;
  Result<int64_t> FindReblog(int64_t account_id, int64_t status_id) override;
  Result<bool> Bookmark(int64_t bookmark_id, int64_t account_id, int64_t status_id) override;
  Result<bool> Unbookmark(int64_t account_id, int64_t status_id) override;
  Result<bool> Pin(int64_t account_id, int64_t status_id, int64_t now) override;
  Result<bool> Unpin(int64_t account_id, int64_t status_id) override;
  Result<std::unordered_map<int64_t, StatusViewerState>> ViewerState(
      int64_t account_id, const std::vector<int64_t>& status_ids) override;

  Result<std::vector<int64_t>> ByAuthor(int64_t account_id, const AuthorFilter& filter,
                                        const PageRequest& page) override;
  Result<std::vector<int64_t>> ByKind(const KindFilter& filter, const PageRequest& page) override;
  Result<int64_t> SetAcceptedAnswer(int64_t question_id, int64_t answer_id,
                                    const NotificationRecord& notification) override;
  Result<std::vector<int64_t>> PublicTimeline(const PageRequest& page) override;
  Result<std::vector<int64_t>> CommunityTimeline(int64_t community_id,
                                                 const PageRequest& page) override;
  Result<std::vector<StatusRecord>> RecentInCommunities(const std::vector<int64_t>& communities,
                                                        int64_t max_id, int limit) override;
  Result<std::vector<int64_t>> RecentIdsInCommunities(const std::vector<int64_t>& communities,
                                                      int64_t max_id, int limit) override;
  Result<std::vector<int64_t>> AllInCommunity(int64_t community_id) override;
  Result<std::vector<std::string>> SearchTags(std::string_view prefix, int limit,
                                              int offset) override;
  Result<std::vector<int64_t>> TagTimeline(const std::vector<std::string>& any,
                                           const std::vector<std::string>& all,
                                           const std::vector<std::string>& none,
                                           const PageRequest& page) override;
  Result<std::vector<int64_t>> LinkTimeline(const std::string& url,
                                            const PageRequest& page) override;
  Result<std::vector<StatusRecord>> RecentByAuthors(const std::vector<int64_t>& authors,
                                                    int64_t max_id, int limit) override;
  Result<std::vector<int64_t>> RecentIdsByAuthors(const std::vector<int64_t>& authors,
                                                  int64_t max_id, int limit) override;
  Result<std::vector<int64_t>> RecentMentioning(int64_t account_id, int64_t max_id,
                                                int limit) override;
  Result<std::vector<int64_t>> Replies(int64_t status_id) override;

  Result<std::vector<PageEntry>> FavouritedBy(int64_t status_id, const PageRequest& page) override;
  Result<std::vector<PageEntry>> RebloggedBy(int64_t status_id, const PageRequest& page) override;
  Result<std::vector<PageEntry>> QuotesOf(int64_t status_id, const PageRequest& page) override;
  Result<std::vector<PageEntry>> Favourites(int64_t account_id, const PageRequest& page) override;
  Result<std::vector<PageEntry>> Bookmarks(int64_t account_id, const PageRequest& page) override;

  Result<AuthorStats> Stats(int64_t account_id) override;
  Result<int64_t> CountAll() override;

 private:
  Database& db_;
};

class SqlRelationshipStore : public RelationshipStore {
 public:
  explicit SqlRelationshipStore(Database& db) : db_(db) {}

  Result<bool> Follow(const FollowRecord& follow, const NotificationRecord& notification) override;
  Result<bool> Unfollow(int64_t account_id, int64_t target_id) override;
  Result<bool> RequestFollow(int64_t request_id, int64_t account_id, int64_t target_id,
                             const NotificationRecord& notification) override;
  Result<bool> WithdrawFollowRequest(int64_t account_id, int64_t target_id) override;
  Status AuthorizeFollowRequest(int64_t follow_id, int64_t account_id, int64_t target_id,
                                int64_t now) override;
  Status RejectFollowRequest(int64_t account_id, int64_t target_id) override;
  Result<std::vector<PageEntry>> FollowRequests(int64_t target_id,
                                                const PageRequest& page) override;
  Result<int64_t> CountFollowRequests(int64_t target_id) override;

  Result<bool> Block(int64_t block_id, int64_t account_id, int64_t target_id, int64_t now) override;
  Result<bool> Unblock(int64_t account_id, int64_t target_id) override;
  Result<bool> Mute(int64_t mute_id, int64_t account_id, int64_t target_id, bool notifications,
                    int64_t expires_at, int64_t now) override;
  Result<bool> Unmute(int64_t account_id, int64_t target_id) override;

  Status InviteConnection(int64_t invitation_id, int64_t account_id, int64_t target_id,
                          const NotificationRecord& notification) override;
  Status AcceptConnection(int64_t account_id, int64_t inviter_id, int64_t follow_id_1,
                          int64_t follow_id_2, const NotificationRecord& notification,
                          int64_t now) override;
  Status DeclineConnection(int64_t account_id, int64_t inviter_id) override;
  Status WithdrawConnection(int64_t account_id, int64_t target_id) override;
  Status RemoveConnection(int64_t account_id, int64_t other_id) override;
  Result<std::vector<PageEntry>> Connections(int64_t account_id, const PageRequest& page) override;
  Result<std::vector<PageEntry>> ConnectionInvitations(int64_t account_id, bool received,
                                                       const PageRequest& page) override;

  Result<std::vector<int64_t>> FollowingIds(int64_t account_id) override;
  Result<std::vector<int64_t>> FollowingHidingReblogs(int64_t account_id) override;
  Result<std::vector<int64_t>> FollowerIds(int64_t target_id) override;
  Result<std::vector<int64_t>> BlockingIds(int64_t account_id) override;
  Result<std::vector<int64_t>> BlockedByIds(int64_t account_id) override;
  Result<std::vector<std::pair<int64_t, bool>>> MutingIds(int64_t account_id, int64_t now) override;

  Result<std::vector<PageEntry>> FollowersPage(int64_t target_id, const PageRequest& page) override;
  Result<std::vector<PageEntry>> FollowingPage(int64_t account_id,
                                               const PageRequest& page) override;
  Result<std::vector<PageEntry>> BlocksPage(int64_t account_id, const PageRequest& page) override;
  Result<std::vector<PageEntry>> MutesPage(int64_t account_id, const PageRequest& page) override;

  Result<std::vector<RelationshipRecord>> Relationships(int64_t account_id,
                                                        const std::vector<int64_t>& target_ids,
                                                        int64_t now) override;
  Status SetNote(int64_t account_id, int64_t target_id, const std::string& comment,
                 int64_t now) override;
  Result<bool> Pin(int64_t pin_id, int64_t account_id, int64_t target_id, int64_t now) override;
  Result<bool> Unpin(int64_t account_id, int64_t target_id) override;
  Result<std::vector<PageEntry>> PinsPage(int64_t account_id, const PageRequest& page) override;
  Result<std::vector<std::pair<int64_t, int64_t>>> FamiliarFollowers(
      int64_t account_id, const std::vector<int64_t>& target_ids) override;
  Result<std::vector<std::pair<int64_t, int64_t>>> FollowedByFollowed(int64_t account_id,
                                                                      int limit) override;
  Status DismissSuggestion(int64_t account_id, int64_t target_id, int64_t now) override;
  Result<std::vector<int64_t>> DismissedSuggestions(int64_t account_id) override;
  Result<FollowCounts> Counts(int64_t account_id) override;

 private:
  Database& db_;
};

class SqlNotificationStore : public NotificationStore {
 public:
  explicit SqlNotificationStore(Database& db) : db_(db) {}

  Status Insert(const std::vector<NotificationRecord>& notifications) override;
  Result<std::vector<NotificationRecord>> List(int64_t account_id,
                                               const std::vector<std::string>& types,
                                               const std::vector<std::string>& exclude_types,
                                               const PageRequest& page) override;
  Result<NotificationRecord> Get(int64_t account_id, int64_t id) override;
  Result<std::vector<NotificationRecord>> Group(int64_t account_id,
                                                const std::string& group_key) override;
  Status Dismiss(int64_t account_id, int64_t id) override;
  Status DismissGroup(int64_t account_id, const std::string& group_key) override;
  Status Clear(int64_t account_id) override;
  Result<int64_t> CountAfter(int64_t account_id, int64_t after_id, int64_t limit) override;
  Result<std::vector<int64_t>> NewestIds(int64_t account_id, int64_t limit) override;
  Result<NewestAndPolicy> NewestIdsAndPolicy(int64_t account_id, int64_t limit) override;
  Status DismissMany(int64_t account_id, const std::vector<int64_t>& ids) override;
  Result<NotificationPolicyRecord> Policy(int64_t account_id) override;
  Status SetPolicy(int64_t account_id, const NotificationPolicyRecord& policy,
                   int64_t now) override;
  Result<std::vector<int64_t>> AcceptedSenders(int64_t account_id) override;
  Status AcceptSenders(int64_t account_id, const std::vector<int64_t>& from_account_ids,
                       int64_t now) override;

 private:
  Database& db_;
};

class SqlListStore : public ListStore {
 public:
  explicit SqlListStore(Database& db) : db_(db) {}

  Status Create(const ListRecord& list) override;
  Result<ListRecord> Get(int64_t id) override;
  Result<std::vector<ListRecord>> OfAccount(int64_t account_id) override;
  Status Update(const ListRecord& list) override;
  Status Delete(int64_t id) override;
  Status AddAccounts(int64_t list_id, const std::vector<int64_t>& account_ids) override;
  Status RemoveAccounts(int64_t list_id, const std::vector<int64_t>& account_ids) override;
  Result<std::vector<int64_t>> Accounts(int64_t list_id) override;
  Result<std::vector<ListRecord>> ContainingAccount(int64_t owner_id, int64_t member_id) override;
  Result<std::vector<ListRecord>> ListsWithMember(int64_t member_id) override;

 private:
  Database& db_;
};

class SqlCommunityStore : public CommunityStore {
 public:
  explicit SqlCommunityStore(Database& db) : db_(db) {}

  Status Create(const CommunityRecord& community, const CommunityMemberRecord& owner) override;
  Result<CommunityRecord> Get(int64_t id) override;
  Result<CommunityRecord> FindByHandle(std::string_view handle) override;
  Result<std::vector<CommunityRecord>> All() override;
  Result<std::vector<CommunityRecord>> Search(const CommunityQuery& query,
                                              const PageRequest& page) override;
  Status Update(const CommunityRecord& community) override;
  Status Delete(int64_t id) override;
  Result<CommunityMemberRecord> Membership(int64_t community_id, int64_t account_id) override;
  Status PutMembership(const CommunityMemberRecord& membership,
                       const std::vector<NotificationRecord>& notifications) override;
  Result<bool> RemoveMembership(int64_t community_id, int64_t account_id,
                                const ModerationRecord& log) override;
  Result<std::vector<CommunityMemberRecord>> Members(int64_t community_id, MembershipState state,
                                                     const std::string& role,
                                                     const PageRequest& page) override;
  Result<std::vector<int64_t>> MemberIds(int64_t community_id) override;
  Result<std::vector<CommunityMemberRecord>> MembershipsOf(int64_t account_id) override;
  Result<int64_t> CountMembers(int64_t community_id, const std::string& role) override;
  Result<bool> Pin(int64_t community_id, int64_t status_id, int64_t now) override;
  Result<bool> Unpin(int64_t community_id, int64_t status_id) override;
  Result<std::vector<int64_t>> Pins(int64_t community_id) override;
  Status Log(const ModerationRecord& record) override;
  Result<std::vector<ModerationRecord>> ModerationLog(int64_t community_id,
                                                      const PageRequest& page) override;

 private:
  Database& db_;
};

class SqlMarkerStore : public MarkerStore {
 public:
  explicit SqlMarkerStore(Database& db) : db_(db) {}

  Result<std::vector<MarkerRecord>> Get(int64_t account_id,
                                        const std::vector<std::string>& timelines) override;
  Result<MarkerRecord> Set(int64_t account_id, const std::string& timeline, int64_t last_read_id,
                           int64_t now) override;

 private:
  Database& db_;
};

}  // namespace atrium::sql
