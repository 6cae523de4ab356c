// VisibilityPolicy as a table: who the viewer is to the post (its author, a
// follower, mentioned, a member of its community, none of these) × the
// post's visibility × where it was posted (no community; a public,
// moderated or restricted one; one that is gone) × what lies between viewer
// and author (nothing, a block either way, a mute). Each row states the
// policy's two answers: may the viewer see the post (CanSee), and is it left
// out of the viewer's streams because of a mute (HiddenFromStreams).
//
// The expected answers are the rules as written in visibility_policy.h,
// docs/ARCHITECTURE.md ("Communities") and docs/API.md ("Visibility inside an
// organization", "Communities"):
//   * public, unlisted: every member; private: the author's followers and the
//     people mentioned; direct: the people mentioned; the author: always.
//   * A block, either way, hides everything, on every path.
//   * In a community, the community decides, not the post's visibility (a
//     label for apps): a public or moderated community's posts are seen by
//     every member of the organization, a restricted one's by its members
//     only — not even by their author after leaving. Blocks still apply. A
//     post whose community is gone is seen by no one.
//   * A mute is not visibility: the muted person's posts stay visible, and
//     are left out of the muter's streams.
//   * A repost is visible only if its original is visible too.
//
// Roles inside a community (owner, moderator) and in the organization
// (admin) are not part of a Viewer: a moderator sees what any member sees,
// and nobody outside a restricted community sees its posts (docs/API.md), so
// they add no row. Nor does a deactivated viewer: such a viewer has no
// session to read with (checked before the policy is asked).
#include "social/visibility_policy.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "social/community_registry.h"
#include "store/test_store.h"

namespace atrium {
namespace {

constexpr int64_t kAuthorId = 1;
constexpr int64_t kViewerId = 2;
constexpr int64_t kReposterId = 3;
constexpr int64_t kPostId = 1000;
constexpr int64_t kRepostId = 1001;

// Who the viewer is to the post.
enum class Role {
  kAuthor,         // its author (a member of its community, if any)
  kAuthorWhoLeft,  // its author, no longer a member of its community
  kFollower,       // follows the author; not mentioned, not a member
  kMentioned,      // mentioned in it; does not follow, not a member
  kMember,         // a member of its community; does not follow, not mentioned
  kStranger,       // none of these
};

// Where the post was made.
enum class Where {
  kNoCommunity,
  kPublicCommunity,
  kModeratedCommunity,
  kRestrictedCommunity,
  kGoneCommunity,  // no longer in the communities' snapshot
};

// What lies between the viewer and the author.
enum class Between {
  kNothing,
  kViewerBlocksAuthor,
  kAuthorBlocksViewer,
  kViewerMutesAuthor,
};

const char* Name(Role r) {
  switch (r) {
    case Role::kAuthor:
      return "Author";
    case Role::kAuthorWhoLeft:
      return "AuthorWhoLeft";
    case Role::kFollower:
      return "Follower";
    case Role::kMentioned:
      return "Mentioned";
    case Role::kMember:
      return "Member";
    case Role::kStranger:
      return "Stranger";
  }
  return "?";
}
const char* Name(Visibility v) {
  switch (v) {
    case Visibility::kPublic:
      return "Public";
    case Visibility::kUnlisted:
      return "Unlisted";
    case Visibility::kPrivate:
      return "Private";
    case Visibility::kDirect:
      return "Direct";
  }
  return "?";
}
const char* Name(Where w) {
  switch (w) {
    case Where::kNoCommunity:
      return "NoCommunity";
    case Where::kPublicCommunity:
      return "PublicCommunity";
    case Where::kModeratedCommunity:
      return "ModeratedCommunity";
    case Where::kRestrictedCommunity:
      return "RestrictedCommunity";
    case Where::kGoneCommunity:
      return "GoneCommunity";
  }
  return "?";
}
const char* Name(Between b) {
  switch (b) {
    case Between::kNothing:
      return "Nothing";
    case Between::kViewerBlocksAuthor:
      return "ViewerBlocksAuthor";
    case Between::kAuthorBlocksViewer:
      return "AuthorBlocksViewer";
    case Between::kViewerMutesAuthor:
      return "ViewerMutesAuthor";
  }
  return "?";
}

constexpr int64_t kPublicCommunityId = 101;
constexpr int64_t kModeratedCommunityId = 102;
constexpr int64_t kRestrictedCommunityId = 103;
constexpr int64_t kGoneCommunityId = 104;

int64_t CommunityId(Where w) {
  switch (w) {
    case Where::kNoCommunity:
      return 0;
    case Where::kPublicCommunity:
      return kPublicCommunityId;
    case Where::kModeratedCommunity:
      return kModeratedCommunityId;
    case Where::kRestrictedCommunity:
      return kRestrictedCommunityId;
    case Where::kGoneCommunity:
      return kGoneCommunityId;
  }
  return 0;
}

// Every community but the gone one, as SocialCore::ViewerFor gives them.
class Communities {
 public:
  static std::shared_ptr<const CommunityIndex> Snapshot() {
    static Communities communities;  // for the whole run
    return communities.registry_.Snapshot();
  }

 private:
  Communities() : registry_(store_.store()) {
    registry_.Put(Community(kPublicCommunityId, CommunityType::kPublic));
    registry_.Put(Community(kModeratedCommunityId, CommunityType::kModerated));
    registry_.Put(Community(kRestrictedCommunityId, CommunityType::kRestricted));
  }
  static CommunityRecord Community(int64_t id, CommunityType type) {
    CommunityRecord c;
    c.id = id;
    c.handle = "c" + std::to_string(id);
    c.type = type;
    c.created_by = kAuthorId;
    return c;
  }

  TestStore store_;  // only for the registry to be built over
  CommunityRegistry registry_;
};

// ---------------------------------------------------------------- posts

struct Row {
  Role viewer;
  Visibility visibility;
  Where where;
  Between between;
  bool can_see;
  bool hidden_from_streams;
};

std::string RowName(const ::testing::TestParamInfo<Row>& info) {
  const Row& r = info.param;
  return std::string(Name(r.viewer)) + "_" + Name(r.visibility) + "_" + Name(r.where) + "_" +
         Name(r.between);
}

using R = Role;
using V = Visibility;
using W = Where;
using B = Between;
constexpr bool kSees = true, kDoesNotSee = false;
constexpr bool kHidden = true, kShown = false;

const Row kRows[] = {
    // ------------------------------------------ outside communities
    // The author sees every post of theirs.
    {R::kAuthor, V::kPublic, W::kNoCommunity, B::kNothing, kSees, kShown},
    {R::kAuthor, V::kUnlisted, W::kNoCommunity, B::kNothing, kSees, kShown},
    {R::kAuthor, V::kPrivate, W::kNoCommunity, B::kNothing, kSees, kShown},
    {R::kAuthor, V::kDirect, W::kNoCommunity, B::kNothing, kSees, kShown},
    // A follower: all but direct posts that do not mention them.
    {R::kFollower, V::kPublic, W::kNoCommunity, B::kNothing, kSees, kShown},
    {R::kFollower, V::kUnlisted, W::kNoCommunity, B::kNothing, kSees, kShown},
    {R::kFollower, V::kPrivate, W::kNoCommunity, B::kNothing, kSees, kShown},
    {R::kFollower, V::kDirect, W::kNoCommunity, B::kNothing, kDoesNotSee, kShown},
    // Someone mentioned: everything, followers-only and direct included.
    {R::kMentioned, V::kPublic, W::kNoCommunity, B::kNothing, kSees, kShown},
    {R::kMentioned, V::kUnlisted, W::kNoCommunity, B::kNothing, kSees, kShown},
    {R::kMentioned, V::kPrivate, W::kNoCommunity, B::kNothing, kSees, kShown},
    {R::kMentioned, V::kDirect, W::kNoCommunity, B::kNothing, kSees, kShown},
    // Anyone else: public and unlisted only.
    {R::kStranger, V::kPublic, W::kNoCommunity, B::kNothing, kSees, kShown},
    {R::kStranger, V::kUnlisted, W::kNoCommunity, B::kNothing, kSees, kShown},
    {R::kStranger, V::kPrivate, W::kNoCommunity, B::kNothing, kDoesNotSee, kShown},
    {R::kStranger, V::kDirect, W::kNoCommunity, B::kNothing, kDoesNotSee, kShown},
    // A block either way hides what would be seen without it.
    {R::kStranger, V::kPublic, W::kNoCommunity, B::kViewerBlocksAuthor, kDoesNotSee, kShown},
    {R::kStranger, V::kPublic, W::kNoCommunity, B::kAuthorBlocksViewer, kDoesNotSee, kShown},
    {R::kStranger, V::kUnlisted, W::kNoCommunity, B::kViewerBlocksAuthor, kDoesNotSee, kShown},
    {R::kStranger, V::kUnlisted, W::kNoCommunity, B::kAuthorBlocksViewer, kDoesNotSee, kShown},
    {R::kFollower, V::kPrivate, W::kNoCommunity, B::kViewerBlocksAuthor, kDoesNotSee, kShown},
    {R::kFollower, V::kPrivate, W::kNoCommunity, B::kAuthorBlocksViewer, kDoesNotSee, kShown},
    {R::kMentioned, V::kPrivate, W::kNoCommunity, B::kAuthorBlocksViewer, kDoesNotSee, kShown},
    {R::kMentioned, V::kDirect, W::kNoCommunity, B::kViewerBlocksAuthor, kDoesNotSee, kShown},
    {R::kMentioned, V::kDirect, W::kNoCommunity, B::kAuthorBlocksViewer, kDoesNotSee, kShown},
    // A mute hides nothing, and keeps the author out of the viewer's streams.
    {R::kStranger, V::kPublic, W::kNoCommunity, B::kViewerMutesAuthor, kSees, kHidden},
    {R::kStranger, V::kUnlisted, W::kNoCommunity, B::kViewerMutesAuthor, kSees, kHidden},
    {R::kFollower, V::kPrivate, W::kNoCommunity, B::kViewerMutesAuthor, kSees, kHidden},
    {R::kMentioned, V::kDirect, W::kNoCommunity, B::kViewerMutesAuthor, kSees, kHidden},
    {R::kStranger, V::kPrivate, W::kNoCommunity, B::kViewerMutesAuthor, kDoesNotSee, kHidden},

    // ------------------------------------------ a public community
    // Every member of the organization, whatever the post's label.
    {R::kAuthor, V::kPublic, W::kPublicCommunity, B::kNothing, kSees, kShown},
    {R::kAuthorWhoLeft, V::kPublic, W::kPublicCommunity, B::kNothing, kSees, kShown},
    {R::kMember, V::kUnlisted, W::kPublicCommunity, B::kNothing, kSees, kShown},
    {R::kStranger, V::kPublic, W::kPublicCommunity, B::kNothing, kSees, kShown},
    {R::kStranger, V::kPrivate, W::kPublicCommunity, B::kNothing, kSees, kShown},
    {R::kStranger, V::kDirect, W::kPublicCommunity, B::kNothing, kSees, kShown},
    {R::kFollower, V::kPrivate, W::kPublicCommunity, B::kNothing, kSees, kShown},
    {R::kMentioned, V::kDirect, W::kPublicCommunity, B::kNothing, kSees, kShown},
    // Blocks still apply; a mute still only hides from streams.
    {R::kStranger, V::kPublic, W::kPublicCommunity, B::kViewerBlocksAuthor, kDoesNotSee, kShown},
    {R::kStranger, V::kPublic, W::kPublicCommunity, B::kAuthorBlocksViewer, kDoesNotSee, kShown},
    {R::kMember, V::kPublic, W::kPublicCommunity, B::kAuthorBlocksViewer, kDoesNotSee, kShown},
    {R::kStranger, V::kPublic, W::kPublicCommunity, B::kViewerMutesAuthor, kSees, kHidden},

    // ------------------------------------------ a moderated community
    // Seen as a public community's.
    {R::kAuthor, V::kPublic, W::kModeratedCommunity, B::kNothing, kSees, kShown},
    {R::kAuthorWhoLeft, V::kPrivate, W::kModeratedCommunity, B::kNothing, kSees, kShown},
    {R::kMember, V::kPrivate, W::kModeratedCommunity, B::kNothing, kSees, kShown},
    {R::kStranger, V::kPublic, W::kModeratedCommunity, B::kNothing, kSees, kShown},
    {R::kStranger, V::kPrivate, W::kModeratedCommunity, B::kNothing, kSees, kShown},
    {R::kStranger, V::kPublic, W::kModeratedCommunity, B::kAuthorBlocksViewer, kDoesNotSee, kShown},
    {R::kMember, V::kPublic, W::kModeratedCommunity, B::kViewerBlocksAuthor, kDoesNotSee, kShown},
    {R::kMember, V::kPublic, W::kModeratedCommunity, B::kViewerMutesAuthor, kSees, kHidden},

    // ------------------------------------------ a restricted community
    // Its members only, whatever the post's label; not its author who left.
    {R::kAuthor, V::kPrivate, W::kRestrictedCommunity, B::kNothing, kSees, kShown},
    {R::kAuthorWhoLeft, V::kPrivate, W::kRestrictedCommunity, B::kNothing, kDoesNotSee, kShown},
    {R::kMember, V::kPrivate, W::kRestrictedCommunity, B::kNothing, kSees, kShown},
    {R::kMember, V::kPublic, W::kRestrictedCommunity, B::kNothing, kSees, kShown},
    {R::kStranger, V::kPrivate, W::kRestrictedCommunity, B::kNothing, kDoesNotSee, kShown},
    {R::kStranger, V::kPublic, W::kRestrictedCommunity, B::kNothing, kDoesNotSee, kShown},
    {R::kFollower, V::kPrivate, W::kRestrictedCommunity, B::kNothing, kDoesNotSee, kShown},
    {R::kMentioned, V::kPrivate, W::kRestrictedCommunity, B::kNothing, kDoesNotSee, kShown},
    {R::kMentioned, V::kDirect, W::kRestrictedCommunity, B::kNothing, kDoesNotSee, kShown},
    // Blocks still apply between members; a mute still only hides from streams.
    {R::kMember, V::kPrivate, W::kRestrictedCommunity, B::kViewerBlocksAuthor, kDoesNotSee, kShown},
    {R::kMember, V::kPrivate, W::kRestrictedCommunity, B::kAuthorBlocksViewer, kDoesNotSee, kShown},
    {R::kMember, V::kPrivate, W::kRestrictedCommunity, B::kViewerMutesAuthor, kSees, kHidden},
    {R::kStranger, V::kPrivate, W::kRestrictedCommunity, B::kViewerMutesAuthor, kDoesNotSee,
     kHidden},

    // ------------------------------------------ a community that is gone
    // No one, not even its author or its members.
    {R::kAuthor, V::kPublic, W::kGoneCommunity, B::kNothing, kDoesNotSee, kShown},
    {R::kMember, V::kPublic, W::kGoneCommunity, B::kNothing, kDoesNotSee, kShown},
    {R::kStranger, V::kPublic, W::kGoneCommunity, B::kNothing, kDoesNotSee, kShown},
};

// The viewer `role`'s graph entry, with `between` towards `author`.
std::shared_ptr<GraphEntry> EntryOf(Role role, Where where, Between between, int64_t account_id,
                                    int64_t author) {
  auto graph = std::make_shared<GraphEntry>();
  graph->account_id = account_id;
  if (role == Role::kFollower) graph->following = {author};
  if ((role == Role::kAuthor || role == Role::kMember) && where != Where::kNoCommunity)
    graph->communities = {CommunityId(where)};
  if (between == Between::kViewerBlocksAuthor) graph->blocking = {author};
  if (between == Between::kAuthorBlocksViewer) graph->blocked_by = {author};
  if (between == Between::kViewerMutesAuthor) graph->muting = {author};
  return graph;
}

class VisibilityPolicyTable : public ::testing::TestWithParam<Row> {};

INSTANTIATE_TEST_SUITE_P(Rows, VisibilityPolicyTable, ::testing::ValuesIn(kRows), RowName);

TEST_P(VisibilityPolicyTable, CanSeeAndHiddenFromStreams) {
  const Row& row = GetParam();
  const bool own = row.viewer == Role::kAuthor || row.viewer == Role::kAuthorWhoLeft;
  Viewer viewer;
  viewer.account_id = own ? kAuthorId : kViewerId;
  viewer.graph = EntryOf(row.viewer, row.where, row.between, viewer.account_id, kAuthorId);
  viewer.communities = Communities::Snapshot();

  StatusRecord post;
  post.id = kPostId;
  post.account_id = kAuthorId;
  post.visibility = row.visibility;
  post.community_id = CommunityId(row.where);
  if (row.viewer == Role::kMentioned) post.mention_ids = {kReposterId, kViewerId};

  EXPECT_EQ(VisibilityPolicy::CanSee(viewer, post), row.can_see);
  EXPECT_EQ(VisibilityPolicy::CanSee(viewer, post, nullptr), row.can_see);  // not a repost
  EXPECT_EQ(VisibilityPolicy::HiddenFromStreams(viewer, post, nullptr), row.hidden_from_streams);
  // Its audience alone, as a delete event carries it, gets the same answer.
  post.text = "what the post said";
  post.tags = {"tag"};
  post.in_reply_to_id = kRepostId;
  EXPECT_EQ(VisibilityPolicy::CanSee(viewer, VisibilityPolicy::Audience(post)), row.can_see);
}

// ---------------------------------------------------------------- reposts

// A public repost, by a third person, of the author's post; the viewer
// follows the reposter (and the author if `follows_author`).
struct RepostRow {
  const char* name;
  Visibility original_visibility;
  Where original_where;
  bool original_exists;
  bool follows_author;
  bool member;  // of the original's community
  Between with_author;
  Between with_reposter;
  bool can_see;
  bool hidden_from_streams;
};

std::string RepostRowName(const ::testing::TestParamInfo<RepostRow>& info) {
  return info.param.name;
}

const RepostRow kRepostRows[] = {
    {"OfAPublicPost", V::kPublic, W::kNoCommunity, true, false, false, B::kNothing, B::kNothing,
     kSees, kShown},
    {"OfAnUnlistedPost", V::kUnlisted, W::kNoCommunity, true, false, false, B::kNothing,
     B::kNothing, kSees, kShown},
    {"OfAFollowersOnlyPostOfSomeoneNotFollowed", V::kPrivate, W::kNoCommunity, true, false, false,
     B::kNothing, B::kNothing, kDoesNotSee, kShown},
    {"OfAFollowersOnlyPostOfSomeoneFollowed", V::kPrivate, W::kNoCommunity, true, true, false,
     B::kNothing, B::kNothing, kSees, kShown},
    {"OfAPostThatIsGone", V::kPublic, W::kNoCommunity, false, false, false, B::kNothing,
     B::kNothing, kDoesNotSee, kShown},
    {"OfSomeoneTheViewerBlocks", V::kPublic, W::kNoCommunity, true, false, false,
     B::kViewerBlocksAuthor, B::kNothing, kDoesNotSee, kShown},
    {"OfSomeoneWhoBlocksTheViewer", V::kPublic, W::kNoCommunity, true, false, false,
     B::kAuthorBlocksViewer, B::kNothing, kDoesNotSee, kShown},
    {"BySomeoneTheViewerBlocks", V::kPublic, W::kNoCommunity, true, false, false, B::kNothing,
     B::kViewerBlocksAuthor, kDoesNotSee, kShown},
    {"BySomeoneWhoBlocksTheViewer", V::kPublic, W::kNoCommunity, true, false, false, B::kNothing,
     B::kAuthorBlocksViewer, kDoesNotSee, kShown},
    {"OfSomeoneTheViewerMutes", V::kPublic, W::kNoCommunity, true, false, false,
     B::kViewerMutesAuthor, B::kNothing, kSees, kHidden},
    {"BySomeoneTheViewerMutes", V::kPublic, W::kNoCommunity, true, false, false, B::kNothing,
     B::kViewerMutesAuthor, kSees, kHidden},
    {"OfARestrictedCommunitysPostForANonMember", V::kPrivate, W::kRestrictedCommunity, true, true,
     false, B::kNothing, B::kNothing, kDoesNotSee, kShown},
    {"OfARestrictedCommunitysPostForAMember", V::kPrivate, W::kRestrictedCommunity, true, false,
     true, B::kNothing, B::kNothing, kSees, kShown},
    {"OfAPublicCommunitysPost", V::kPublic, W::kPublicCommunity, true, false, false, B::kNothing,
     B::kNothing, kSees, kShown},
};

class VisibilityPolicyRepostTable : public ::testing::TestWithParam<RepostRow> {};

INSTANTIATE_TEST_SUITE_P(Rows, VisibilityPolicyRepostTable, ::testing::ValuesIn(kRepostRows),
                         RepostRowName);

TEST_P(VisibilityPolicyRepostTable, CanSeeAndHiddenFromStreams) {
  const RepostRow& row = GetParam();
  auto graph = std::make_shared<GraphEntry>();
  graph->account_id = kViewerId;
  graph->following = row.follows_author ? std::vector<int64_t>{kAuthorId, kReposterId}
                                        : std::vector<int64_t>{kReposterId};
  if (row.member) graph->communities = {CommunityId(row.original_where)};
  auto relate = [&](Between between, int64_t other) {
    if (between == Between::kViewerBlocksAuthor) graph->blocking.push_back(other);
    if (between == Between::kAuthorBlocksViewer) graph->blocked_by.push_back(other);
    if (between == Between::kViewerMutesAuthor) graph->muting.push_back(other);
  };
  relate(row.with_author, kAuthorId);
  relate(row.with_reposter, kReposterId);
  Viewer viewer{kViewerId, graph, Communities::Snapshot()};

  StatusRecord original;
  original.id = kPostId;
  original.account_id = kAuthorId;
  original.visibility = row.original_visibility;
  original.community_id = CommunityId(row.original_where);
  StatusRecord repost;
  repost.id = kRepostId;
  repost.account_id = kReposterId;
  repost.visibility = Visibility::kPublic;
  repost.reblog_of_id = kPostId;
  const StatusRecord* original_or_null = row.original_exists ? &original : nullptr;

  EXPECT_EQ(VisibilityPolicy::CanSee(viewer, repost, original_or_null), row.can_see);
  EXPECT_EQ(VisibilityPolicy::HiddenFromStreams(viewer, repost, original_or_null),
            row.hidden_from_streams);
  // A deleted repost judged from its audience and its original's.
  const StatusRecord original_audience = VisibilityPolicy::Audience(original);
  EXPECT_EQ(VisibilityPolicy::CanSee(viewer, VisibilityPolicy::Audience(repost),
                                     row.original_exists ? &original_audience : nullptr),
            row.can_see);
}

// The one-argument CanSee judges a repost's wrapper alone.
TEST(VisibilityPolicy, TheWrapperAloneIsJudgedWithoutItsOriginal) {
  auto graph = std::make_shared<GraphEntry>();
  graph->account_id = kViewerId;
  Viewer viewer{kViewerId, graph, Communities::Snapshot()};
  StatusRecord repost;
  repost.id = kRepostId;
  repost.account_id = kReposterId;
  repost.visibility = Visibility::kPublic;
  repost.reblog_of_id = kPostId;
  EXPECT_TRUE(VisibilityPolicy::CanSee(viewer, repost));
  EXPECT_FALSE(VisibilityPolicy::CanSee(viewer, repost, nullptr));
}

}  // namespace
}  // namespace atrium
