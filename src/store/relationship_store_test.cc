// The RelationshipStore contract, on every backend (see store/store_contract_test_fixture.h):
// follows and follow requests, blocks, mutes, connections.
#include <gtest/gtest.h>

#include <set>
#include <vector>

#include "store/store_contract_test_fixture.h"

namespace atrium {
namespace {

class RelationshipStoreContract : public StoreContract {};

INSTANTIATE_TEST_SUITE_P(Backends, RelationshipStoreContract, ::testing::ValuesIn(TestBackends()),
                         TestBackendParamName());

TEST_P(RelationshipStoreContract, FollowAndUnfollow) {
  int64_t alice = NewAccount("alice"), bob = NewAccount("bob");
  FollowRecord f = MakeFollow(alice, bob);
  f.notify = true;
  NotificationRecord note = Note(bob, alice, "follow");
  auto made = relationships().Follow(f, note);
  ASSERT_TRUE(made.ok());
  EXPECT_TRUE(*made);
  // Following again updates the options, without a second notification.
  FollowRecord again = MakeFollow(alice, bob);
  again.show_reblogs = false;
  auto second = relationships().Follow(again, Note(bob, alice, "follow"));
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(*second);
  EXPECT_EQ(NotificationIds(bob), (Ids{note.id}));
  EXPECT_EQ(Cursors(relationships().FollowersPage(bob, Page(10))), (Ids{f.id}));  // kept its place
  auto options = relationships().Relationships(alice, {bob}, NowMillis());
  ASSERT_TRUE(options.ok());
  ASSERT_EQ(options->size(), 1u);
  EXPECT_FALSE((*options)[0].showing_reblogs);
  EXPECT_FALSE((*options)[0].notifying);
  EXPECT_EQ(Value(relationships().FollowerIds(bob)), (Ids{alice}));
  EXPECT_EQ(Value(relationships().FollowingIds(alice)), (Ids{bob}));
  EXPECT_EQ(relationships().Counts(bob)->followers, 1);
  EXPECT_EQ(relationships().Counts(bob)->following, 0);
  EXPECT_EQ(relationships().Counts(alice)->following, 1);
  EXPECT_EQ(Cursors(relationships().FollowersPage(bob, Page(10))), (Ids{f.id}));
  EXPECT_EQ(Listed(relationships().FollowingPage(alice, Page(10))), (Ids{bob}));
  EXPECT_EQ(relationships().Follow(MakeFollow(alice, alice), {}).status().code(), Code::kConflict);

  EXPECT_TRUE(*relationships().Unfollow(alice, bob));
  EXPECT_FALSE(*relationships().Unfollow(alice, bob));
  EXPECT_TRUE(relationships().FollowingIds(alice)->empty());
  // Undoing the follow takes its notification with it (as Mastodon).
  EXPECT_TRUE(NotificationIds(bob).empty());
}

TEST_P(RelationshipStoreContract, FollowerIdsAreTheFollowersOldestFollowFirst) {
  int64_t author = NewAccount("author"), ann = NewAccount("ann"), ben = NewAccount("ben"),
          cat = NewAccount("cat"), other = NewAccount("other");
  // Follow ids out of the order of account ids.
  for (int64_t who : {cat, ann, ben})
    ASSERT_TRUE(relationships().Follow(MakeFollow(who, author), {}).ok());
  ASSERT_TRUE(relationships().Follow(MakeFollow(ann, other), {}).ok());
  ASSERT_TRUE(relationships().Follow(MakeFollow(author, ben), {}).ok());
  EXPECT_EQ(Value(relationships().FollowerIds(author)), (Ids{cat, ann, ben}));
  ASSERT_TRUE(*relationships().Unfollow(ann, author));
  EXPECT_EQ(Value(relationships().FollowerIds(author)), (Ids{cat, ben}));
  EXPECT_EQ(Value(relationships().FollowerIds(cat)), (Ids{}));
}

TEST_P(RelationshipStoreContract, FollowRequestsAuthorizeRejectWithdraw) {
  int64_t locked = NewAccount("locked"), alice = NewAccount("alice"), bob = NewAccount("bob"),
          carol = NewAccount("carol");
  int64_t req_alice = ids_.Next(), req_bob = ids_.Next();
  ASSERT_TRUE(*relationships().RequestFollow(req_alice, alice, locked,
                                             Note(locked, alice, "follow_request")));
  EXPECT_FALSE(*relationships().RequestFollow(ids_.Next(), alice, locked,
                                              Note(locked, alice, "follow_request")));
  ASSERT_TRUE(
      *relationships().RequestFollow(req_bob, bob, locked, Note(locked, bob, "follow_request")));
  ASSERT_TRUE(*relationships().RequestFollow(ids_.Next(), carol, locked,
                                             Note(locked, carol, "follow_request")));
  EXPECT_EQ(*relationships().CountFollowRequests(locked), 3);
  EXPECT_EQ(NotificationIds(locked).size(), 3u);
  auto page = relationships().FollowRequests(locked, Page(2));
  EXPECT_EQ(Listed(page), (Ids{carol, bob}));
  EXPECT_EQ(Listed(relationships().FollowRequests(locked, Page(2, req_bob))), (Ids{alice}));
  EXPECT_EQ(Listed(relationships().FollowRequests(locked, Page(2, 0, 0, req_alice))),
            (Ids{carol, bob}));
  EXPECT_EQ(Listed(relationships().FollowRequests(locked, Page(1, 0, 0, req_alice))), (Ids{bob}));
  auto rel = relationships().Relationships(alice, {locked}, NowMillis());
  EXPECT_TRUE((*rel)[0].requested);
  EXPECT_FALSE((*rel)[0].following);
  EXPECT_TRUE((*relationships().Relationships(locked, {alice}, NowMillis()))[0].requested_by);

  int64_t follow_id = ids_.Next();
  ASSERT_TRUE(relationships().AuthorizeFollowRequest(follow_id, alice, locked, NowMillis()).ok());
  EXPECT_EQ(Value(relationships().FollowingIds(alice)), (Ids{locked}));
  EXPECT_EQ(FollowIdsOf(locked), (Ids{follow_id}));
  EXPECT_EQ(relationships().AuthorizeFollowRequest(ids_.Next(), alice, locked, NowMillis()).code(),
            Code::kNotFound);

  ASSERT_TRUE(relationships().RejectFollowRequest(bob, locked).ok());
  EXPECT_EQ(relationships().RejectFollowRequest(bob, locked).code(), Code::kNotFound);
  EXPECT_TRUE(relationships().FollowingIds(bob)->empty());

  EXPECT_TRUE(*relationships().WithdrawFollowRequest(carol, locked));
  EXPECT_FALSE(*relationships().WithdrawFollowRequest(carol, locked));
  EXPECT_EQ(*relationships().CountFollowRequests(locked), 0);

  // A follow made directly (the account was unlocked since) answers the request.
  ASSERT_TRUE(*relationships().RequestFollow(ids_.Next(), bob, locked,
                                             Note(locked, bob, "follow_request")));
  ASSERT_TRUE(*relationships().Follow(MakeFollow(bob, locked), {}));
  EXPECT_EQ(*relationships().CountFollowRequests(locked), 0);
  // Every follow_request notification went with its request.
  EXPECT_TRUE(NotificationIds(locked).empty());
}

TEST_P(RelationshipStoreContract, BlockRemovesFollowsRequestsAndConnectionsBothWays) {
  int64_t alice = NewAccount("alice"), bob = NewAccount("bob"), carol = NewAccount("carol"),
          dave = NewAccount("dave"), erin = NewAccount("erin");
  ASSERT_TRUE(*relationships().Follow(MakeFollow(alice, bob), {}));
  ASSERT_TRUE(*relationships().Follow(MakeFollow(bob, alice), {}));
  ASSERT_TRUE(*relationships().Follow(MakeFollow(alice, carol), {}));
  ASSERT_TRUE(relationships().InviteConnection(ids_.Next(), bob, alice, {}).ok());
  ASSERT_TRUE(
      relationships().AcceptConnection(alice, bob, ids_.Next(), ids_.Next(), {}, NowMillis()).ok());
  ASSERT_TRUE(*relationships().RequestFollow(ids_.Next(), dave, alice,
                                             Note(alice, dave, "follow_request")));
  ASSERT_TRUE(
      relationships()
          .InviteConnection(ids_.Next(), alice, dave, Note(dave, alice, "connection_request"))
          .ok());

  int64_t block_id = ids_.Next();
  auto blocked = relationships().Block(block_id, alice, bob, NowMillis());
  ASSERT_TRUE(blocked.ok());
  EXPECT_TRUE(*blocked);
  EXPECT_EQ(Value(relationships().FollowingIds(alice)), (Ids{carol}));
  EXPECT_TRUE(relationships().FollowingIds(bob)->empty());
  EXPECT_TRUE(relationships().Connections(alice, Page(10))->empty());
  EXPECT_TRUE(relationships().Connections(bob, Page(10))->empty());
  EXPECT_EQ(Value(relationships().BlockingIds(alice)), (Ids{bob}));
  EXPECT_EQ(Value(relationships().BlockedByIds(bob)), (Ids{alice}));
  EXPECT_EQ(Cursors(relationships().BlocksPage(alice, Page(10))), (Ids{block_id}));
  auto rel = relationships().Relationships(alice, {bob}, NowMillis());
  EXPECT_TRUE((*rel)[0].blocking);
  EXPECT_FALSE((*rel)[0].following || (*rel)[0].followed_by || (*rel)[0].connected);
  EXPECT_TRUE((*relationships().Relationships(bob, {alice}, NowMillis()))[0].blocked_by);
  EXPECT_FALSE(*relationships().Block(ids_.Next(), alice, bob, NowMillis()));

  // Pending requests and invitations go too, either way, with their notifications.
  ASSERT_TRUE(*relationships().RequestFollow(ids_.Next(), erin, alice,
                                             Note(alice, erin, "follow_request")));
  ASSERT_TRUE(
      relationships()
          .InviteConnection(ids_.Next(), alice, erin, Note(erin, alice, "connection_request"))
          .ok());
  ASSERT_TRUE(*relationships().Block(ids_.Next(), alice, erin, NowMillis()));
  EXPECT_EQ(*relationships().CountFollowRequests(alice), 1);  // dave's is still there
  EXPECT_TRUE(relationships().ConnectionInvitations(erin, true, Page(10))->empty());
  EXPECT_TRUE(NotificationIds(erin).empty());
  EXPECT_EQ(NotificationIds(alice, {"follow_request"}).size(), 1u);
  ASSERT_TRUE(*relationships().Block(ids_.Next(), dave, alice, NowMillis()));
  EXPECT_EQ(*relationships().CountFollowRequests(alice), 0);
  EXPECT_TRUE(relationships().ConnectionInvitations(dave, true, Page(10))->empty());
  EXPECT_TRUE(NotificationIds(alice, {"follow_request"}).empty());
  EXPECT_TRUE(NotificationIds(dave, {"connection_request"}).empty());

  EXPECT_TRUE(*relationships().Unblock(alice, bob));
  EXPECT_FALSE(*relationships().Unblock(alice, bob));
  EXPECT_EQ(Value(relationships().BlockingIds(alice)), (Ids{erin}));
}

TEST_P(RelationshipStoreContract, MutesExpire) {
  int64_t alice = NewAccount("alice"), bob = NewAccount("bob"), carol = NewAccount("carol"),
          dave = NewAccount("dave");
  int64_t now = NowMillis();
  ASSERT_TRUE(*relationships().Mute(ids_.Next(), alice, bob, true, 0, now));
  ASSERT_TRUE(*relationships().Mute(ids_.Next(), alice, carol, false, now + 1000, now));
  ASSERT_TRUE(*relationships().Mute(ids_.Next(), alice, dave, true, now - 1, now - 10));
  using Muted = std::vector<std::pair<int64_t, bool>>;
  EXPECT_EQ(*relationships().MutingIds(alice, now), (Muted{{bob, true}, {carol, false}}));
  EXPECT_EQ(*relationships().MutingIds(alice, now + 1000), (Muted{{bob, true}}));

  auto rel = relationships().Relationships(alice, {bob, carol, dave}, now);
  ASSERT_TRUE(rel.ok());
  EXPECT_TRUE((*rel)[0].muting && (*rel)[0].muting_notifications);
  EXPECT_EQ((*rel)[0].muting_expires_at, 0);
  EXPECT_TRUE((*rel)[1].muting && !(*rel)[1].muting_notifications);
  EXPECT_EQ((*rel)[1].muting_expires_at, now + 1000);
  EXPECT_FALSE((*rel)[2].muting);

  // Muting again changes the terms of a live mute; an expired one starts anew.
  EXPECT_FALSE(*relationships().Mute(ids_.Next(), alice, bob, false, now + 50, now));
  EXPECT_EQ(*relationships().MutingIds(alice, now), (Muted{{bob, false}, {carol, false}}));
  int64_t renewed = ids_.Next();
  EXPECT_TRUE(*relationships().Mute(renewed, alice, dave, true, 0, now));
  EXPECT_EQ(Cursors(relationships().MutesPage(alice, Page(1))), (Ids{renewed}));
  EXPECT_EQ(Listed(relationships().MutesPage(alice, Page(10))), (Ids{dave, carol, bob}));

  EXPECT_TRUE(*relationships().Unmute(alice, carol));
  EXPECT_FALSE(*relationships().Unmute(alice, carol));
  EXPECT_EQ(*relationships().MutingIds(alice, now), (Muted{{bob, false}, {dave, true}}));
}

TEST_P(RelationshipStoreContract, ConnectionsInviteAcceptDeclineWithdrawRemove) {
  int64_t alice = NewAccount("alice"), bob = NewAccount("bob"), carol = NewAccount("carol"),
          dave = NewAccount("dave");
  int64_t invitation = ids_.Next();
  NotificationRecord invite_note = Note(bob, alice, "connection_request");
  ASSERT_TRUE(relationships().InviteConnection(invitation, alice, bob, invite_note).ok());
  EXPECT_EQ(relationships().InviteConnection(ids_.Next(), alice, bob, {}).code(), Code::kConflict);
  EXPECT_EQ(relationships().InviteConnection(ids_.Next(), bob, alice, {}).code(), Code::kConflict);
  EXPECT_EQ(Listed(relationships().ConnectionInvitations(bob, true, Page(10))), (Ids{alice}));
  EXPECT_EQ(Cursors(relationships().ConnectionInvitations(bob, true, Page(10))), (Ids{invitation}));
  EXPECT_EQ(Listed(relationships().ConnectionInvitations(alice, false, Page(10))), (Ids{bob}));
  EXPECT_TRUE(relationships().ConnectionInvitations(alice, true, Page(10))->empty());
  EXPECT_TRUE((*relationships().Relationships(alice, {bob}, 0))[0].connection_requested);
  EXPECT_TRUE((*relationships().Relationships(bob, {alice}, 0))[0].connection_requested_by);
  EXPECT_EQ(NotificationIds(bob), (Ids{invite_note.id}));

  // bob already follows alice: that follow stays as it is.
  FollowRecord existing = MakeFollow(bob, alice);
  ASSERT_TRUE(*relationships().Follow(existing, {}));
  int64_t f1 = ids_.Next(), f2 = ids_.Next();
  NotificationRecord accepted = Note(alice, bob, "connection_accepted");
  ASSERT_TRUE(relationships().AcceptConnection(bob, alice, f1, f2, accepted, NowMillis()).ok());
  EXPECT_EQ(Listed(relationships().Connections(alice, Page(10))), (Ids{bob}));
  EXPECT_EQ(Listed(relationships().Connections(bob, Page(10))), (Ids{alice}));
  EXPECT_EQ(Value(relationships().FollowingIds(alice)), (Ids{bob}));
  EXPECT_EQ(Value(relationships().FollowingIds(bob)), (Ids{alice}));
  EXPECT_EQ(FollowIdsOf(alice), (Ids{existing.id}));
  EXPECT_EQ(FollowIdsOf(bob), (Ids{f2}));  // follow_id_2: inviter -> accepter
  EXPECT_EQ(NotificationIds(alice), (Ids{accepted.id}));
  EXPECT_TRUE(NotificationIds(bob).empty());  // the invitation's notification went with it
  EXPECT_TRUE(relationships().ConnectionInvitations(bob, true, Page(10))->empty());
  auto rel = relationships().Relationships(alice, {bob}, 0);
  EXPECT_TRUE((*rel)[0].connected && (*rel)[0].following && (*rel)[0].followed_by);
  EXPECT_FALSE((*rel)[0].connection_requested);
  EXPECT_EQ(relationships().InviteConnection(ids_.Next(), bob, alice, {}).code(), Code::kConflict);
  EXPECT_EQ(relationships().AcceptConnection(bob, alice, ids_.Next(), ids_.Next(), {}, 0).code(),
            Code::kNotFound);

  ASSERT_TRUE(relationships().InviteConnection(ids_.Next(), carol, alice, {}).ok());
  ASSERT_TRUE(relationships().DeclineConnection(alice, carol).ok());
  EXPECT_EQ(relationships().DeclineConnection(alice, carol).code(), Code::kNotFound);
  EXPECT_EQ(relationships().AcceptConnection(alice, carol, ids_.Next(), ids_.Next(), {}, 0).code(),
            Code::kNotFound);
  EXPECT_TRUE(relationships().Connections(carol, Page(10))->empty());

  ASSERT_TRUE(relationships().InviteConnection(ids_.Next(), alice, dave, {}).ok());
  ASSERT_TRUE(relationships().WithdrawConnection(alice, dave).ok());
  EXPECT_EQ(relationships().WithdrawConnection(alice, dave).code(), Code::kNotFound);
  EXPECT_TRUE(relationships().ConnectionInvitations(dave, true, Page(10))->empty());

  ASSERT_TRUE(relationships().RemoveConnection(bob, alice).ok());
  EXPECT_EQ(relationships().RemoveConnection(alice, bob).code(), Code::kNotFound);
  EXPECT_TRUE(relationships().Connections(alice, Page(10))->empty());
  EXPECT_TRUE(relationships().Connections(bob, Page(10))->empty());
  EXPECT_EQ(Value(relationships().FollowingIds(alice)), (Ids{bob}));  // follows stay
}

TEST_P(RelationshipStoreContract, RelationshipsForAMixedSet) {
  int64_t me = NewAccount("me"), followed = NewAccount("followed"),
          follower = NewAccount("follower"), blocked = NewAccount("blocked"),
          muted = NewAccount("muted"), requested = NewAccount("requested"),
          stranger = NewAccount("stranger"), connected = NewAccount("connected");
  FollowRecord f = MakeFollow(me, followed);
  f.notify = true;
  f.show_reblogs = false;
  ASSERT_TRUE(*relationships().Follow(f, {}));
  ASSERT_TRUE(*relationships().Follow(MakeFollow(follower, me), {}));
  ASSERT_TRUE(*relationships().Block(ids_.Next(), me, blocked, 0));
  ASSERT_TRUE(*relationships().Mute(ids_.Next(), me, muted, false, 0, 0));
  ASSERT_TRUE(*relationships().RequestFollow(ids_.Next(), me, requested, {}));
  ASSERT_TRUE(relationships().InviteConnection(ids_.Next(), connected, me, {}).ok());
  ASSERT_TRUE(
      relationships().AcceptConnection(me, connected, ids_.Next(), ids_.Next(), {}, 0).ok());

  Ids targets{stranger, followed, follower, blocked, muted, requested, connected, 999};
  auto rels = relationships().Relationships(me, targets, NowMillis());
  ASSERT_TRUE(rels.ok());
  ASSERT_EQ(rels->size(), targets.size());
  for (size_t i = 0; i < targets.size(); ++i) EXPECT_EQ((*rels)[i].target_id, targets[i]);
  auto flags = [](const RelationshipRecord& r) {
    return std::vector<bool>{r.following,
                             r.showing_reblogs,
                             r.notifying,
                             r.followed_by,
                             r.blocking,
                             r.blocked_by,
                             r.muting,
                             r.muting_notifications,
                             r.requested,
                             r.requested_by,
                             r.connected,
                             r.connection_requested,
                             r.connection_requested_by};
  };
  using F = std::vector<bool>;
  const bool o = true, _ = false;
  EXPECT_EQ(flags((*rels)[0]), (F{_, _, _, _, _, _, _, _, _, _, _, _, _}));  // stranger
  EXPECT_EQ(flags((*rels)[1]), (F{o, _, o, _, _, _, _, _, _, _, _, _, _}));  // followed
  EXPECT_EQ(flags((*rels)[2]), (F{_, _, _, o, _, _, _, _, _, _, _, _, _}));  // follower
  EXPECT_EQ(flags((*rels)[3]), (F{_, _, _, _, o, _, _, _, _, _, _, _, _}));  // blocked
  EXPECT_EQ(flags((*rels)[4]), (F{_, _, _, _, _, _, o, _, _, _, _, _, _}));  // muted
  EXPECT_EQ(flags((*rels)[5]), (F{_, _, _, _, _, _, _, _, o, _, _, _, _}));  // requested
  EXPECT_EQ(flags((*rels)[6]), (F{o, o, _, o, _, _, _, _, _, _, o, _, _}));  // connected
  EXPECT_EQ(flags((*rels)[7]), (F{_, _, _, _, _, _, _, _, _, _, _, _, _}));  // no such account
  EXPECT_TRUE(relationships().Relationships(me, {}, 0)->empty());
}

TEST_P(RelationshipStoreContract, NotesAreTheWritersAndReplacedOrRemoved) {
  int64_t alice = NewAccount("alice"), bob = NewAccount("bob");
  ASSERT_TRUE(relationships().SetNote(alice, bob, "first", NowMillis()).ok());
  ASSERT_TRUE(relationships().SetNote(alice, bob, "second", NowMillis()).ok());
  EXPECT_EQ((*relationships().Relationships(alice, {bob}, NowMillis()))[0].note, "second");
  EXPECT_EQ((*relationships().Relationships(bob, {alice}, NowMillis()))[0].note, "");
  ASSERT_TRUE(relationships().SetNote(alice, bob, "", NowMillis()).ok());
  EXPECT_EQ((*relationships().Relationships(alice, {bob}, NowMillis()))[0].note, "");
}

TEST_P(RelationshipStoreContract, PinsNeedAFollowAndGoWithItOrABlock) {
  int64_t alice = NewAccount("alice"), bob = NewAccount("bob"), carol = NewAccount("carol"),
          dan = NewAccount("dan");
  EXPECT_FALSE(*relationships().Pin(ids_.Next(), alice, bob, NowMillis()));
  for (int64_t who : {bob, carol, dan})
    ASSERT_TRUE(relationships().Follow(MakeFollow(alice, who), {}).ok());
  int64_t pin_bob = ids_.Next(), pin_carol = ids_.Next(), pin_dan = ids_.Next();
  EXPECT_TRUE(*relationships().Pin(pin_bob, alice, bob, NowMillis()));
  EXPECT_TRUE(*relationships().Pin(ids_.Next(), alice, bob, NowMillis()));  // already
  EXPECT_TRUE(*relationships().Pin(pin_carol, alice, carol, NowMillis()));
  EXPECT_TRUE(*relationships().Pin(pin_dan, alice, dan, NowMillis()));
  EXPECT_EQ(Cursors(relationships().PinsPage(alice, Page(10))), (Ids{pin_dan, pin_carol, pin_bob}));
  EXPECT_EQ(Listed(relationships().PinsPage(alice, Page(2))), (Ids{dan, carol}));
  EXPECT_TRUE((*relationships().Relationships(alice, {bob}, NowMillis()))[0].endorsed);
  // A deactivated person is not listed.
  ASSERT_TRUE(accounts().Deactivate(dan, NowMillis()).ok());
  EXPECT_EQ(Listed(relationships().PinsPage(alice, Page(10))), (Ids{carol, bob}));
  ASSERT_TRUE(*relationships().Unfollow(alice, bob));
  ASSERT_TRUE(*relationships().Block(ids_.Next(), carol, alice, NowMillis()));
  EXPECT_TRUE(Listed(relationships().PinsPage(alice, Page(10))).empty());
  EXPECT_FALSE((*relationships().Relationships(alice, {bob}, NowMillis()))[0].endorsed);
  EXPECT_FALSE(*relationships().Unpin(alice, bob));
}

TEST_P(RelationshipStoreContract, FamiliarFollowersAndFollowedByFollowed) {
  int64_t me = NewAccount("me"), ann = NewAccount("ann"), ben = NewAccount("ben"),
          star = NewAccount("star"), other = NewAccount("other"), gone = NewAccount("gone"),
          asked = NewAccount("asked"), dismissed = NewAccount("dismissed");
  for (int64_t who : {ann, ben}) ASSERT_TRUE(relationships().Follow(MakeFollow(me, who), {}).ok());
  for (int64_t who : {ann, ben, gone})
    ASSERT_TRUE(relationships().Follow(MakeFollow(who, star), {}).ok());
  for (int64_t target : {other, gone, asked, dismissed, me, ben})
    ASSERT_TRUE(relationships().Follow(MakeFollow(ann, target), {}).ok());
  ASSERT_TRUE(relationships().Follow(MakeFollow(other, star), {}).ok());
  ASSERT_TRUE(accounts().Deactivate(gone, NowMillis()).ok());
  ASSERT_TRUE(
      *relationships().RequestFollow(ids_.Next(), me, asked, Note(asked, me, "follow_request")));
  ASSERT_TRUE(relationships().DismissSuggestion(me, dismissed, NowMillis()).ok());
  ASSERT_TRUE(relationships().DismissSuggestion(me, dismissed, NowMillis()).ok());  // twice

  using Pairs = std::vector<std::pair<int64_t, int64_t>>;
  EXPECT_EQ(*relationships().FamiliarFollowers(me, {star, other}),
            (Pairs{{star, ann}, {star, ben}, {other, ann}}));
  // star: followed by ann and ben; other: by ann. Not `gone` (deactivated),
  // `asked` (requested), `dismissed`, `me` or `ben` (followed).
  EXPECT_EQ(*relationships().FollowedByFollowed(me, 10), (Pairs{{star, 2}, {other, 1}}));
  EXPECT_EQ(*relationships().FollowedByFollowed(me, 1), (Pairs{{star, 2}}));
  EXPECT_EQ(Value(relationships().DismissedSuggestions(me)), (Ids{dismissed}));
}

}  // namespace
}  // namespace atrium
