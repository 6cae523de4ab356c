// ViewerStateCache: a reader's own marks (likes, reposts, bookmarks, pins),
// changed through the services or behind their back.
#include <gtest/gtest.h>

#include "social/social_test_fixture.h"

namespace atrium {
namespace {

class ViewerStateCacheTest : public SocialTest {};

// The reader's own marks come from ViewerStateCache; every way of changing
// them must reach it at once.
TEST_F(ViewerStateCacheTest, OwnMarksAreSeenAtOnceAfterEachChange) {
  auto post = Post("ann", "mark me");
  auto mine = Post("ben", "my own");
  auto marks = [&](int64_t id) {
    auto m = core_.viewer_states.Get(P("ben").id, {id});
    EXPECT_TRUE(m.ok());
    return m.ok() ? (*m)[id] : StatusViewerState{};
  };
  EXPECT_FALSE(marks(post.id).favourited);  // cached now, unmarked
  ASSERT_TRUE(posting_.Favourite(P("ben"), post.id).ok());
  EXPECT_TRUE(marks(post.id).favourited);
  ASSERT_TRUE(posting_.Bookmark(P("ben"), post.id).ok());
  EXPECT_TRUE(marks(post.id).bookmarked);
  auto repost = posting_.Reblog(P("ben"), post.id, "");
  ASSERT_TRUE(repost.ok());
  EXPECT_TRUE(marks(post.id).reblogged);
  ASSERT_TRUE(posting_.Delete(P("ben"), repost->id).ok());  // undoing by deleting the repost
  EXPECT_FALSE(marks(post.id).reblogged);
  ASSERT_TRUE(posting_.Reblog(P("ben"), post.id, "").ok());
  ASSERT_TRUE(posting_.Unreblog(P("ben"), post.id).ok());
  EXPECT_FALSE(marks(post.id).reblogged);
  ASSERT_TRUE(posting_.Unfavourite(P("ben"), post.id).ok());
  EXPECT_FALSE(marks(post.id).favourited);
  ASSERT_TRUE(posting_.Unbookmark(P("ben"), post.id).ok());
  EXPECT_FALSE(marks(post.id).bookmarked);
  EXPECT_FALSE(marks(mine.id).pinned);
  ASSERT_TRUE(posting_.Pin(P("ben"), mine.id).ok());
  EXPECT_TRUE(marks(mine.id).pinned);
  ASSERT_TRUE(posting_.Unpin(P("ben"), mine.id).ok());
  EXPECT_FALSE(marks(mine.id).pinned);
  // Another reader's marks are their own.
  ASSERT_TRUE(posting_.Favourite(P("cat"), post.id).ok());
  EXPECT_FALSE(marks(post.id).favourited);
}

TEST_F(ViewerStateCacheTest, OwnMarksComeFromMemoryUntilDropped) {
  auto post = Post("ann", "cached");
  auto before = core_.viewer_states.Get(P("ben").id, {post.id});
  ASSERT_TRUE(before.ok());
  EXPECT_FALSE((*before)[post.id].favourited);
  // Written behind the services' back (as another node would): unseen until
  // that node's invalidation drops the entry.
  ASSERT_TRUE(t_.store().statuses().Favourite(ids_.Next(), P("ben").id, post.id, {}).ok());
  EXPECT_FALSE((*core_.viewer_states.Get(P("ben").id, {post.id}))[post.id].favourited);
  core_.viewer_states.Drop(P("ben").id);
  EXPECT_TRUE((*core_.viewer_states.Get(P("ben").id, {post.id}))[post.id].favourited);
}

TEST_F(ViewerStateCacheTest, OwnMarksOfPostsNewerThanTheEntryAreKnownWithoutAsking) {
  auto old_post = Post("ann", "before the entry");
  ASSERT_TRUE(core_.viewer_states.Get(P("ben").id, {old_post.id}).ok());  // the entry is read
  // A post made well after the entry (by any node's clock), liked behind
  // the services' back: while the entry lives, ben cannot have marked it
  // (a mark would have dropped the entry), so the store is not asked.
  StatusRecord later = old_post;
  later.id = IdGenerator::LowestAt(NowMillis() + 120000);
  later.text = later.content_html = "after the entry";
  ASSERT_TRUE(t_.store().statuses().Create(later, {}, "").ok());
  ASSERT_TRUE(t_.store().statuses().Favourite(ids_.Next(), P("ben").id, later.id, {}).ok());
  EXPECT_FALSE((*core_.viewer_states.Get(P("ben").id, {later.id}))[later.id].favourited);
  // A post from before the entry is still read from the store.
  ASSERT_TRUE(t_.store().statuses().Favourite(ids_.Next(), P("cat").id, old_post.id, {}).ok());
  auto other = Post("ann", "also before, unseen by ben");
  ASSERT_TRUE(t_.store().statuses().Favourite(ids_.Next(), P("ben").id, other.id, {}).ok());
  EXPECT_TRUE((*core_.viewer_states.Get(P("ben").id, {other.id}))[other.id].favourited);
  // Through the services (which drop the entry) the mark shows at once.
  core_.viewer_states.Drop(P("ben").id);
  EXPECT_TRUE((*core_.viewer_states.Get(P("ben").id, {later.id}))[later.id].favourited);
}

// Rendering a new post for its author needs the author's marks on it: none,
// since nobody can have marked it yet, known without asking the store.
TEST_F(ViewerStateCacheTest, ANewPostIsKnownUnmarkedByItsAuthorWithoutTheStore) {
  const int64_t ann = P("ann").id, ben = P("ben").id;
  auto liked = [&](int64_t reader, int64_t id) {
    auto marks = core_.viewer_states.Get(reader, {id});
    EXPECT_TRUE(marks.ok());
    return marks.ok() && (*marks)[id].favourited;
  };
  // A like written behind the services' back drops no entry: what the cache
  // answers is what it knew.
  auto like_behind_the_back = [&](int64_t reader, int64_t id) {
    ASSERT_TRUE(*t_.store().statuses().Favourite(ids_.Next(), reader, id, NotificationRecord{}));
  };
  // Ann has an entry (she has read a post): her new post is recorded in it.
  auto earlier = Post("cat", "earlier");
  EXPECT_FALSE(liked(ann, earlier.id));
  auto s = Post("ann", "fresh");
  like_behind_the_back(ann, s.id);
  EXPECT_FALSE(liked(ann, s.id)) << "recorded unmarked when written";
  core_.viewer_states.Drop(ann);
  EXPECT_TRUE(liked(ann, s.id)) << "read from the store again";

  // An entry dropped between the ticket and the write: nothing recorded.
  auto t = Post("ben", "also fresh");
  core_.viewer_states.Drop(ben);
  like_behind_the_back(ben, t.id);
  const uint64_t ticket = core_.viewer_states.Ticket(ben);
  core_.viewer_states.Invalidate(ben);  // e.g. a like of ben's meanwhile
  core_.viewer_states.NewPostWritten(ben, t.id, ticket);
  EXPECT_TRUE(liked(ben, t.id));
}

}  // namespace
}  // namespace atrium
