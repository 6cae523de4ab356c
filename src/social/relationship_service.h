// RelationshipService: follow (with approval as the target's follow-approval
// setting asks: from everyone, or from their management chain), connect
// (invite and accept, mutual), block and mute — the ways people relate to
// one another. Keeps the social graph cache and the home feeds in step with
// the store, and notifies the people concerned.
//
// Errors: 404 for an unknown (or blocking/blocked, where it would reveal
// something) account, 403 when a block forbids the action, 422 for acting on
// yourself or a deactivated account, 409 for a connection that exists.
//
// Thread-safe.
#pragma once

#include "social/social_core.h"
#include "store/records.h"

namespace atrium {

class RelationshipService {
 public:
  explicit RelationshipService(SocialCore& core) : core_(core) {}
  RelationshipService(const RelationshipService&) = delete;
  RelationshipService& operator=(const RelationshipService&) = delete;

  // Follows, or asks to follow someone whose follow-approval setting covers
  // the actor (NeedsApproval). `reblogs`/`notify` update an existing follow.
  Status Follow(const Account& actor, int64_t target_id, bool reblogs, bool notify);
  // Unfollows, or withdraws a pending request.
  Status Unfollow(const Account& actor, int64_t target_id);
  // Makes `follower_id` stop following the actor.
  Status RemoveFromFollowers(const Account& actor, int64_t follower_id);
  Status AuthorizeFollowRequest(const Account& actor, int64_t requester_id);
  Status RejectFollowRequest(const Account& actor, int64_t requester_id);
  // After a change to `target`'s follow-approval setting: authorizes each
  // pending request to follow them that the setting no longer asks them to
  // approve (all of them when it is off); the others stay pending.
  Status SettleFollowRequests(const Account& target);

  Status Block(const Account& actor, int64_t target_id);
  Status Unblock(const Account& actor, int64_t target_id);
  // The longest a mute may be set for: ten years. Longer is refused (422).
  static constexpr int64_t kMaxMuteSeconds = 10LL * 365 * 24 * 3600;
  // duration_s 0: indefinitely; 422 below 0 or over kMaxMuteSeconds.
  Status Mute(const Account& actor, int64_t target_id, bool notifications, int64_t duration_s);
  Status Unmute(const Account& actor, int64_t target_id);

  // Connections (an Atrium extension). Accepting makes each follow the other.
  Status InviteConnection(const Account& actor, int64_t target_id);
  Status AcceptConnection(const Account& actor, int64_t inviter_id);
  Status DeclineConnection(const Account& actor, int64_t inviter_id);
  Status WithdrawConnection(const Account& actor, int64_t target_id);
  Status RemoveConnection(const Account& actor, int64_t other_id);

  // The actor's private note on `target_id` (Mastodon's account note,
  // shown to them alone as the relationship's `note`): replaced; "" removes
  // it. 404 for an unknown account, 422 for yourself or a note over
  // kMaxNoteLength characters.
  static constexpr size_t kMaxNoteLength = 2000;
  Status SetNote(const Account& actor, int64_t target_id, const std::string& comment);

  // Endorsements: the actor features `target_id` on their profile. Only
  // someone the actor follows (422 otherwise); no block either way (403), an
  // active account (422). Endorsing twice is no error. Unfollowing or a
  // block takes the endorsement away.
  Status Endorse(const Account& actor, int64_t target_id);
  // Unendorsing someone not endorsed is no error.
  Status Unendorse(const Account& actor, int64_t target_id);
  // Whom `account_id` features, newest first, as `viewer` is shown them;
  // nobody on either side of a block between the viewer and `account_id`
  // (what a person features is theirs, like their profile items). 404 for
  // an unknown account.
  Result<AccountPage> Endorsements(const Viewer& viewer, int64_t account_id,
                                   const PageRequest& page);

  // For each of `account_ids` (in order, each once): the people the viewer
  // follows who follow that account, as the viewer may see them; none for an
  // account the viewer may not see.
  struct FamiliarFollowers {
    int64_t account_id = 0;
    std::vector<int64_t> follower_ids;
  };
  Result<std::vector<FamiliarFollowers>> FamiliarFollowersOf(
      const Viewer& viewer, const std::vector<int64_t>& account_ids);

  Result<RelationshipRecord> Relationship(const Account& actor, int64_t target_id);
  // The relationships of `account_id` to each of `target_ids`, in order.
  Result<std::vector<RelationshipRecord>> Relationships(int64_t account_id,
                                                        const std::vector<int64_t>& target_ids);

  // Pages of people as `viewer` is shown them: each leaves out whom
  // VisibilityPolicy::CanSeeAccount hides, except Blocked, the list of whom
  // the viewer blocks, which is made of exactly those. The cursors are the
  // page's as read. Followers and Following: 404 for an unknown account.
  Result<AccountPage> Followers(const Viewer& viewer, int64_t account_id, const PageRequest& page);
  Result<AccountPage> Following(const Viewer& viewer, int64_t account_id, const PageRequest& page);
  Result<AccountPage> Blocked(const Viewer& viewer, const PageRequest& page);
  Result<AccountPage> Muted(const Viewer& viewer, const PageRequest& page);
  // Who asks to follow the viewer.
  Result<AccountPage> FollowRequests(const Viewer& viewer, const PageRequest& page);
  Result<int64_t> CountFollowRequests(int64_t account_id);
  Result<AccountPage> Connections(const Viewer& viewer, const PageRequest& page);
  // The connections of `account_id` as `viewer` is shown them: 404 for an
  // unknown account, 403 on either side of a block (a person's network is
  // personal: VisibilityPolicy::ProfileViewOf shows them only as the
  // organization knows them).
  Result<AccountPage> ConnectionsOf(const Viewer& viewer, int64_t account_id,
                                    const PageRequest& page);
  // Invitations the viewer received (`received`) or sent.
  Result<AccountPage> ConnectionInvitations(const Viewer& viewer, bool received,
                                            const PageRequest& page);

 private:
  // Must `follower_id`'s follow of `target` wait for the target's approval?
  Result<bool> NeedsApproval(const Account& target, int64_t follower_id);
  // The target, if it exists and the actor may act on it.
  Result<Account> Target(const Account& actor, int64_t target_id);
  // The target, if the actor may start a relationship with them: no block
  // either way (403), an active account (422).
  Result<Account> ReachableTarget(const Account& actor, int64_t target_id);
  NotificationRecord Note(int64_t to, int64_t from, const std::string& type);
  // Rebuilds the actor's home feed on next read (after a change to whom they follow).
  void RefreshHome(int64_t account_id);
  // Drops the cached graph entries and accounts of two people whose
  // relationship changed.
  void RelationChanged(int64_t a, int64_t b);
  // Takes `member_id` out of every list of `owner_id`.
  Status DropFromLists(int64_t owner_id, int64_t member_id);

  SocialCore& core_;
};

}  // namespace atrium
