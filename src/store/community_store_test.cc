// The CommunityStore contract, and the post lists of communities, on every
// backend (see store/store_contract_test_fixture.h).
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "store/store_contract_test_fixture.h"

namespace atrium {
namespace {

class CommunityStoreContract : public StoreContract {
 protected:
  // Beside StoreContract's NewCommunity(handle, type, owner) and Post(record).
  using StoreContract::NewCommunity;
  using StoreContract::Post;

  CommunityMemberRecord Membership(int64_t community_id, int64_t account_id,
                                   MembershipState state = MembershipState::kMember,
                                   const std::string& role = kCommunityMember) {
    CommunityMemberRecord m;
    m.id = ids_.Next();
    m.community_id = community_id;
    m.account_id = account_id;
    m.state = state;
    m.role = role;
    m.created_at = NowMillis();
    return m;
  }
  // Creates a community of `type` owned by `owner`, tagged "alpha" and
  // "beta"; returns it whole.
  CommunityRecord NewCommunity(const std::string& handle, int64_t owner,
                               CommunityType type = CommunityType::kPublic) {
    CommunityRecord c;
    c.id = ids_.Next();
    c.handle = handle;
    c.name = "The " + handle;
    c.description = "About " + handle;
    c.tags = {"alpha", "beta"};
    c.type = type;
    c.created_by = owner;
    c.created_at = c.updated_at = NowMillis();
    Status st =
        communities().Create(c, Membership(c.id, owner, MembershipState::kMember, kCommunityOwner));
    EXPECT_TRUE(st.ok()) << st.ToString();
    return c;
  }
  // Writes a post by `author` in `community_id` (a comment on the author's
  // own `in_reply_to` if given); returns its id.
  int64_t Post(int64_t author, int64_t community_id, int64_t in_reply_to = 0) {
    StatusRecord s;
    s.id = ids_.Next();
    s.account_id = author;
    s.community_id = community_id;
    s.in_reply_to_id = in_reply_to;
    s.in_reply_to_account_id = in_reply_to ? author : 0;
    s.text = "post";
    s.created_at = NowMillis();
    EXPECT_TRUE(statuses().Create(s, {}, "").ok());
    return s.id;
  }
  // The ids of the communities found, in order.
  static Ids Handles(const Result<std::vector<CommunityRecord>>& found) {
    Ids out;
    if (found.ok())
      for (const auto& c : *found) out.push_back(c.id);
    return out;
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, CommunityStoreContract, ::testing::ValuesIn(TestBackends()),
                         TestBackendParamName());

TEST_P(CommunityStoreContract, HandlesAreUniqueCaseInsensitivelyAndRoundTrip) {
  int64_t owner = NewAccount("owner");
  CommunityRecord c = NewCommunity("Makers", owner, CommunityType::kModerated);
  auto got = communities().FindByHandle("MAKERS");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->id, c.id);
  EXPECT_EQ(got->handle, "Makers");
  EXPECT_EQ(got->tags, (std::vector<std::string>{"alpha", "beta"}));
  EXPECT_EQ(got->type, CommunityType::kModerated);
  EXPECT_EQ(got->members_count, 1);
  CommunityRecord twin = c;
  twin.id = ids_.Next();
  twin.handle = "makers";
  EXPECT_EQ(communities().Create(twin, Membership(twin.id, owner)).code(), Code::kConflict);
  CommunityRecord other = NewCommunity("other", owner);
  other.handle = "MAKERS";
  EXPECT_EQ(communities().Update(other).code(), Code::kConflict);
  EXPECT_EQ(communities().Get(12345).status().code(), Code::kNotFound);
  EXPECT_EQ(Handles(communities().All()), (Ids{c.id, other.id}));
}

TEST_P(CommunityStoreContract, SearchByWordPrefixTypeAndMember) {
  int64_t owner = NewAccount("owner"), ann = NewAccount("ann");
  CommunityRecord garden = NewCommunity("garden", owner);
  CommunityRecord kitchen = NewCommunity("kitchen", owner, CommunityType::kRestricted);
  kitchen.description = "Recipes and Gardening tips";
  ASSERT_TRUE(communities().Update(kitchen).ok());
  ASSERT_TRUE(communities().PutMembership(Membership(kitchen.id, ann), {}).ok());
  PageRequest page;
  auto search = [&](CommunityQuery q) { return Handles(communities().Search(q, page)); };
  EXPECT_EQ(search({.q = "GARD"}), (Ids{kitchen.id, garden.id}));  // newest first
  EXPECT_EQ(search({.q = "recip"}), (Ids{kitchen.id}));
  EXPECT_EQ(search({.q = "ipes"}), Ids{});  // a word's start only
  EXPECT_EQ(search({.type = CommunityType::kRestricted}), (Ids{kitchen.id}));
  EXPECT_EQ(search({.member_id = ann}), (Ids{kitchen.id}));
  page.limit = 1;
  page.max_id = kitchen.id;
  EXPECT_EQ(search({}), (Ids{garden.id}));
}

TEST_P(CommunityStoreContract, MembershipsCountPagesAndRemoval) {
  int64_t owner = NewAccount("owner"), ann = NewAccount("ann"), bob = NewAccount("bob");
  CommunityRecord c = NewCommunity("club", owner);
  CommunityMemberRecord invite = Membership(c.id, ann, MembershipState::kInvited);
  invite.invited_by = owner;
  NotificationRecord note{ids_.Next(), ann, owner, "community_invite", 0, "", NowMillis()};
  ASSERT_TRUE(communities().PutMembership(invite, {note}).ok());
  EXPECT_EQ(communities().Get(c.id)->members_count, 1);  // invited is not a member
  EXPECT_EQ(t_->store().notifications().Get(ann, note.id)->type, "community_invite");
  // Accepting replaces the row and keeps its id.
  CommunityMemberRecord accepted = Membership(c.id, ann);
  ASSERT_TRUE(communities().PutMembership(accepted, {}).ok());
  auto row = communities().Membership(c.id, ann);
  ASSERT_TRUE(row.ok());
  EXPECT_EQ(row->id, invite.id);
  EXPECT_EQ(row->state, MembershipState::kMember);
  ASSERT_TRUE(communities().PutMembership(Membership(c.id, bob), {}).ok());
  EXPECT_EQ(communities().Get(c.id)->members_count, 3);
  EXPECT_EQ(*communities().CountMembers(c.id, ""), 3);
  EXPECT_EQ(*communities().CountMembers(c.id, kCommunityOwner), 1);
  PageRequest page;
  page.limit = 2;
  auto members = communities().Members(c.id, MembershipState::kMember, "", page);
  ASSERT_TRUE(members.ok());
  ASSERT_EQ(members->size(), 2u);
  EXPECT_GT((*members)[0].id, (*members)[1].id);
  EXPECT_EQ(communities().MemberIds(c.id)->size(), 3u);
  EXPECT_EQ(communities().MembershipsOf(ann)->size(), 1u);

  ModerationRecord log{ids_.Next(), c.id, owner, "remove_member", 0, bob, "spam", NowMillis()};
  EXPECT_TRUE(*communities().RemoveMembership(c.id, bob, log));
  EXPECT_FALSE(*communities().RemoveMembership(c.id, bob, {}));
  EXPECT_EQ(communities().Get(c.id)->members_count, 2);
  ASSERT_TRUE(
      communities().Log({ids_.Next(), c.id, owner, "remove_status", 42, 0, "", NowMillis()}).ok());
  auto logged = communities().ModerationLog(c.id, PageRequest{});
  ASSERT_TRUE(logged.ok());
  ASSERT_EQ(logged->size(), 2u);
  EXPECT_EQ((*logged)[0].action, "remove_status");  // newest first
  EXPECT_EQ((*logged)[1].reason, "spam");
}

TEST_P(CommunityStoreContract, PostsPinsStreamsAndDeletion) {
  int64_t owner = NewAccount("owner");
  CommunityRecord open = NewCommunity("open", owner);
  CommunityRecord closed = NewCommunity("closed", owner, CommunityType::kRestricted);
  int64_t outside = Post(owner, 0);
  int64_t in_open = Post(owner, open.id);
  int64_t reply = Post(owner, open.id, in_open);
  int64_t in_closed = Post(owner, closed.id);
  // Community posts count nowhere on the author.
  EXPECT_EQ(statuses().Stats(owner)->statuses_count, 1);
  EXPECT_EQ(*statuses().CommunityTimeline(open.id, PageRequest{}), (Ids{in_open}));
  // Public and moderated communities' posts are in the organization stream
  // (a reply to one's own post too), restricted ones' are not.
  EXPECT_EQ(*statuses().PublicTimeline(PageRequest{}), (Ids{reply, in_open, outside}));
  auto recent = statuses().RecentInCommunities({open.id, closed.id}, 0, 10);
  ASSERT_TRUE(recent.ok());
  Ids recent_ids;
  for (const auto& s : *recent) recent_ids.push_back(s.id);
  EXPECT_EQ(recent_ids, (Ids{in_closed, in_open}));
  EXPECT_EQ(*statuses().RecentIdsInCommunities({open.id, closed.id}, 0, 10),
            (Ids{in_closed, in_open}));
  EXPECT_EQ(*statuses().RecentIdsInCommunities({open.id, closed.id}, in_closed, 10),
            (Ids{in_open}));
  EXPECT_EQ(*statuses().RecentIdsInCommunities({open.id}, 0, 1), (Ids{in_open}));
  EXPECT_EQ(*statuses().AllInCommunity(open.id), (Ids{reply, in_open}));

  EXPECT_TRUE(*communities().Pin(open.id, in_open, 1));
  EXPECT_FALSE(*communities().Pin(open.id, in_open, 2));
  EXPECT_TRUE(*communities().Pin(open.id, reply, 3));
  EXPECT_EQ(*communities().Pins(open.id), (Ids{reply, in_open}));  // newest pin first
  EXPECT_TRUE(*communities().Unpin(open.id, reply));
  EXPECT_FALSE(*communities().Unpin(open.id, reply));

  Ids posts = *statuses().AllInCommunity(open.id);
  for (int64_t id : posts) ASSERT_TRUE(statuses().Delete(id).ok());
  ASSERT_TRUE(communities().Delete(open.id).ok());
  EXPECT_EQ(communities().Delete(open.id).code(), Code::kNotFound);
  EXPECT_EQ(communities().Membership(open.id, owner).status().code(), Code::kNotFound);
  EXPECT_TRUE(communities().Pins(open.id)->empty());
}

// The home rebuild's candidates from several communities: the newest of
// them all, whichever community each is in, below max_id; no replies.
TEST_P(CommunityStoreContract, RecentIdsOfSeveralCommunitiesAreTheNewestOfAll) {
  int64_t owner = NewAccount("owner");
  CommunityRecord a = NewCommunity("alpha", owner);
  CommunityRecord b = NewCommunity("beta", owner, CommunityType::kRestricted);
  CommunityRecord quiet = NewCommunity("quiet", owner);
  int64_t a1 = Post(owner, a.id);
  int64_t b1 = Post(owner, b.id);
  int64_t a2 = Post(owner, a.id);
  int64_t b2 = Post(owner, b.id);
  Post(owner, b.id, b2);  // a reply: not a candidate
  int64_t a3 = Post(owner, a.id);
  Post(owner, 0);  // outside every community
  const std::vector<int64_t> all = {quiet.id, b.id, a.id};
  EXPECT_EQ(*statuses().RecentIdsInCommunities(all, 0, 3), (Ids{a3, b2, a2}));
  EXPECT_EQ(*statuses().RecentIdsInCommunities(all, 0, 10), (Ids{a3, b2, a2, b1, a1}));
  EXPECT_EQ(*statuses().RecentIdsInCommunities(all, a3, 2), (Ids{b2, a2}));
  EXPECT_EQ(*statuses().RecentIdsInCommunities(all, b1, 10), (Ids{a1}));
  EXPECT_EQ(*statuses().RecentIdsInCommunities({quiet.id}, 0, 10), (Ids{}));
  EXPECT_EQ(*statuses().RecentIdsInCommunities(all, 0, 0), (Ids{}));
  // A community's stream pages the same index.
  EXPECT_EQ(*statuses().CommunityTimeline(b.id, PageRequest{}), (Ids{b2, b1}));
  EXPECT_EQ(*statuses().CommunityTimeline(a.id, PageRequest{a3, 0, 0, 1}), (Ids{a2}));
  EXPECT_EQ(*statuses().CommunityTimeline(a.id, PageRequest{0, 0, a1, 20}), (Ids{a3, a2}));
}

TEST_P(CommunityStoreContract, CreateGetSearchAndUniqueHandles) {
  int64_t alice = NewAccount("alice");
  int64_t id = NewCommunity("Analytics", CommunityType::kRestricted, alice);
  auto c = communities().Get(id);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->handle, "Analytics");
  EXPECT_EQ(c->tags, (std::vector<std::string>{"data", "science"}));
  EXPECT_EQ(c->type, CommunityType::kRestricted);
  EXPECT_EQ(c->members_count, 1);
  EXPECT_EQ(communities().FindByHandle("analytics")->id, id);
  EXPECT_EQ(communities().Get(12345).status().code(), Code::kNotFound);

  CommunityRecord dup = *c;
  dup.id = ids_.Next();
  CommunityMemberRecord m{ids_.Next(), dup.id, alice};
  EXPECT_EQ(communities().Create(dup, m).code(), Code::kConflict);

  auto search = [&](const std::string& q) {
    CommunityQuery query;
    query.q = q;
    auto r = communities().Search(query, Page(10));
    return r.ok() ? r->size() : 99u;
  };
  EXPECT_EQ(search("scien"), 1u);     // a tag, by prefix
  EXPECT_EQ(search("ANALY"), 1u);     // the handle, any case
  EXPECT_EQ(search("nalytics"), 0u);  // a word's start only
  EXPECT_EQ(search("50%"), 0u);       // LIKE's wildcards are literal
}

TEST_P(CommunityStoreContract, MembershipRowsAndCounts) {
  int64_t alice = NewAccount("alice"), bob = NewAccount("bob"), carol = NewAccount("carol");
  int64_t id = NewCommunity("team", CommunityType::kModerated, alice);
  Put(id, bob, MembershipState::kRequested);
  Put(id, carol, MembershipState::kInvited);
  EXPECT_EQ(communities().Get(id)->members_count, 1);
  Put(id, bob, MembershipState::kMember, kCommunityModerator);
  EXPECT_EQ(communities().Get(id)->members_count, 2);
  EXPECT_EQ(*communities().CountMembers(id, kCommunityModerator), 1);
  auto ids = communities().MemberIds(id);
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ(std::set<int64_t>(ids->begin(), ids->end()), (std::set<int64_t>{alice, bob}));
  auto invited = communities().Members(id, MembershipState::kInvited, "", Page(10));
  ASSERT_TRUE(invited.ok());
  ASSERT_EQ(invited->size(), 1u);
  EXPECT_EQ((*invited)[0].account_id, carol);
  EXPECT_EQ(communities().MembershipsOf(carol)->size(), 1u);

  ModerationRecord log{ids_.Next(), id, alice, "remove_member", 0, bob, "", NowMillis()};
  EXPECT_TRUE(*communities().RemoveMembership(id, bob, log));
  EXPECT_FALSE(*communities().RemoveMembership(id, bob, log));
  EXPECT_EQ(communities().Get(id)->members_count, 1);
  auto entries = communities().ModerationLog(id, Page(10));
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].target_account_id, bob);

  EXPECT_TRUE(communities().Delete(id).ok());
  EXPECT_EQ(communities().MembershipsOf(carol)->size(), 0u);
  EXPECT_EQ(communities().Delete(id).code(), Code::kNotFound);
}

TEST_P(CommunityStoreContract, StreamsOfCommunities) {
  int64_t alice = NewAccount("alice"), bob = NewAccount("bob");
  int64_t open = NewCommunity("open", CommunityType::kPublic, alice);
  int64_t closed = NewCommunity("closed", CommunityType::kRestricted, alice);
  int64_t outside = PostBy(alice);
  int64_t in_open = PostIn(alice, open);
  PostIn(bob, open, in_open, alice);  // a comment: not in streams
  int64_t in_closed = PostIn(alice, closed);
  // The organization stream: public posts outside restricted communities.
  EXPECT_EQ(Value(statuses().PublicTimeline(Page(20))), (Ids{in_open, outside}));
  EXPECT_EQ(Value(statuses().CommunityTimeline(open, Page(20))), (Ids{in_open}));
  EXPECT_EQ(Value(statuses().CommunityTimeline(closed, Page(20))), (Ids{in_closed}));
  auto recent = statuses().RecentInCommunities({open, closed}, 0, 10);
  ASSERT_TRUE(recent.ok());
  Ids got;
  for (const auto& s : *recent) got.push_back(s.id);
  EXPECT_EQ(got, (Ids{in_closed, in_open}));
  EXPECT_EQ(Value(statuses().AllInCommunity(open)).size(), 2u);

  EXPECT_TRUE(*communities().Pin(open, in_open, NowMillis()));
  EXPECT_FALSE(*communities().Pin(open, in_open, NowMillis()));
  EXPECT_EQ(Value(communities().Pins(open)), (Ids{in_open}));
  EXPECT_TRUE(*communities().Unpin(open, in_open));
  EXPECT_EQ(Value(communities().Pins(open)), Ids{});
}

// A community that becomes restricted takes its posts out of the
// organization's tags and tag streams at once, though they were written
// public.
TEST_P(CommunityStoreContract, ARestrictedCommunitysPostsLeaveTagsAndTagStreams) {
  int64_t owner = NewAccount("owner");
  CommunityRecord c = NewCommunity("launch", owner);
  StatusRecord inside = NewStatus(owner);
  inside.community_id = c.id;
  inside.tags = {"launchplan"};
  Post(inside);
  int64_t outside = Tagged(owner, {"launchday"});
  auto tags = [&](std::string_view prefix) {
    auto found = statuses().SearchTags(prefix, 10, 0);
    EXPECT_TRUE(found.ok());
    return found.ok() ? *found : std::vector<std::string>{"error"};
  };
  auto stream = [&](const std::string& tag) {
    return Value(statuses().TagTimeline({tag}, {}, {}, Page(10)));
  };
  EXPECT_EQ(tags("launch"), (std::vector<std::string>{"launchday", "launchplan"}));
  EXPECT_EQ(stream("launchplan"), Ids{inside.id});

  c.type = CommunityType::kRestricted;
  ASSERT_TRUE(communities().Update(c).ok());
  EXPECT_EQ(tags("launch"), (std::vector<std::string>{"launchday"}));
  EXPECT_EQ(stream("launchplan"), Ids{});
  EXPECT_EQ(stream("launchday"), Ids{outside});

  c.type = CommunityType::kModerated;
  ASSERT_TRUE(communities().Update(c).ok());
  EXPECT_EQ(tags("launch"), (std::vector<std::string>{"launchday", "launchplan"}));
}

TEST_P(CommunityStoreContract, TheDescriptionIsRenderedWhenWrittenAndReadBackAsStored) {
  int64_t owner = NewAccount("owner");
  CommunityRecord c = NewCommunity("makers", owner);
  EXPECT_EQ(communities().Get(c.id)->description_html, "<p>About makers</p>\n");
  c.description = "We **make** things";
  c.description_html = "<script>not from the description</script>";
  ASSERT_TRUE(communities().Update(c).ok());
  EXPECT_EQ(communities().Get(c.id)->description_html, "<p>We <strong>make</strong> things</p>\n");
  const std::string id = std::to_string(c.id);
  ExecDirectly("UPDATE communities SET description_html = '<p>as stored</p>' WHERE id = " + id);
  EXPECT_EQ(communities().Get(c.id)->description_html, "<p>as stored</p>");
  ExecDirectly("UPDATE communities SET description_html = NULL WHERE id = " + id);
  EXPECT_EQ(communities().FindByHandle("makers")->description_html,
            "<p>We <strong>make</strong> things</p>\n");
}

}  // namespace
}  // namespace atrium
