// Tests of the domain services over a real embedded store: visibility,
// fan-out and the home feed, feed rebuild, repost de-duplication, blog
// entries and questions.
#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>

#include "base/clock.h"
#include "base/crypto.h"
#include "social/account_service.h"
#include "social/community_service.h"
#include "social/post_permalink.h"
#include "social/posting_service.h"
#include "social/question_service.h"
#include "social/relationship_service.h"
#include "social/timeline_service.h"
#include "store/test_store.h"

namespace atrium {
namespace {

class SocialTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { InitCrypto(); }
  void SetUp() override {
    for (const char* name : {"ann", "ben", "cat", "dan"}) {
      auto a = accounts_.Create({name, std::string(name) + "@example.com", name, kRoleMember, ""});
      ASSERT_TRUE(a.ok()) << a.status().ToString();
      people_[name] = *a;
    }
  }
  Account& P(const char* name) { return people_[name]; }
  Viewer V(const char* name) {
    auto v = core_.ViewerFor(P(name).id);
    EXPECT_TRUE(v.ok());
    return *v;
  }
  StatusRecord Post(const char* who, const std::string& text, const std::string& visibility = "",
                    int64_t reply_to = 0) {
    PostInput in;
    in.text = text;
    in.visibility = visibility;
    in.in_reply_to_id = reply_to;
    auto s = posting_.Post(P(who), in);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? *s : StatusRecord{};
  }
  std::vector<int64_t> Home(const char* who) {
    core_.fanout.Drain();
    auto page = timelines_.Home(V(who), {0, 0, 0, 40});
    EXPECT_TRUE(page.ok());
    std::vector<int64_t> ids;
    for (const auto& p : page->posts) ids.push_back(p.status->id);
    return ids;
  }
  bool Sees(const char* who, int64_t id) { return core_.Visible(V(who), id).ok(); }

  TestStore t_;
  IdGenerator ids_{0};
  AccountService accounts_{t_.store(), ids_};
  SocialCore core_{t_.store(), ids_, t_.settings()};
  PostingService posting_{core_};
  RelationshipService relationships_{core_};
  TimelineService timelines_{core_};
  CommunityService communities_{core_, posting_};
  QuestionService questions_{core_, posting_, communities_};
  std::map<std::string, Account> people_;
};

TEST_F(SocialTest, BlogEntriesHaveATitleAndSanitizedMarkdown) {
  PostInput in;
  in.kind = StatusKind::kBlog;
  in.title = "  Release <notes>  ";
  in.text = "## Done\n\n- one\n\n<script>x()</script> #Ship";
  in.tags = {"#Docs", "ship"};
  auto b = posting_.Post(P("ann"), in);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(b->title, "Release <notes>");
  EXPECT_EQ(b->content_html.rfind(
                "<p class=\"atrium-title\"><strong>Release &lt;notes&gt;</strong></p>", 0),
            0u)
      << b->content_html;
  EXPECT_NE(b->content_html.find("<h2>Done</h2>"), std::string::npos);
  EXPECT_EQ(b->content_html.find("<script"), std::string::npos);
  EXPECT_EQ(b->tags, (std::vector<std::string>{"ship", "docs"}));
  EXPECT_EQ(PostPermalinkPath("ann", *b), "/@ann/blog/" + std::to_string(b->id) + "-release-notes");

  in.title = std::string(201, 't');
  EXPECT_EQ(posting_.Post(P("ann"), in).status().code(), Code::kUnprocessable);
  in.title = "ok";
  in.text = " ";
  EXPECT_EQ(posting_.Post(P("ann"), in).status().code(), Code::kUnprocessable);
  in.text = "body";
  in.tags = {"not a tag"};
  EXPECT_EQ(posting_.Post(P("ann"), in).status().code(), Code::kUnprocessable);

  // An edit without tags keeps the explicit ones and drops the old body's.
  EditInput edit;
  edit.text = "new body";
  auto edited = posting_.Edit(P("ann"), b->id, edit);
  ASSERT_TRUE(edited.ok()) << edited.status().ToString();
  EXPECT_EQ(edited->title, "Release <notes>");
  EXPECT_EQ(edited->tags, (std::vector<std::string>{"docs"}));
}

TEST_F(SocialTest, QuestionsAcceptOneDirectReplyByThoseAllowed) {
  PostInput in;
  in.kind = StatusKind::kQuestion;
  in.title = "Where is the style guide?";
  auto q = posting_.Post(P("ann"), in);
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  StatusRecord answer = Post("ben", "In the wiki.", "", q->id);
  StatusRecord nested = Post("cat", "Which page?", "", answer.id);
  StatusRecord plain = Post("cat", "unrelated");

  EXPECT_EQ(questions_.Accept(P("ben"), q->id, answer.id).status().code(), Code::kForbidden);
  EXPECT_EQ(questions_.Accept(P("ann"), q->id, nested.id).status().code(), Code::kUnprocessable);
  EXPECT_EQ(questions_.Accept(P("ann"), q->id, plain.id).status().code(), Code::kUnprocessable);
  EXPECT_EQ(questions_.Accept(P("ann"), plain.id, answer.id).status().code(), Code::kNotFound);
  auto accepted = questions_.Accept(P("ann"), q->id, answer.id);
  ASSERT_TRUE(accepted.ok()) << accepted.status().ToString();
  EXPECT_EQ(accepted->accepted_answer_id, answer.id);
  auto notes = t_.store().notifications().List(P("ben").id, {"answer_accepted"}, {}, {0, 0, 0, 10});
  ASSERT_TRUE(notes.ok());
  ASSERT_EQ(notes->size(), 1u);
  EXPECT_EQ((*notes)[0].status_id, answer.id);

  auto cleared = questions_.Unaccept(P("ann"), q->id);
  ASSERT_TRUE(cleared.ok());
  EXPECT_EQ(cleared->accepted_answer_id, 0);
  EXPECT_TRUE(t_.store()
                  .notifications()
                  .List(P("ben").id, {"answer_accepted"}, {}, {0, 0, 0, 10})
                  ->empty());
  // Never a reply, never direct.
  in.in_reply_to_id = q->id;
  EXPECT_EQ(posting_.Post(P("ann"), in).status().code(), Code::kUnprocessable);
  in.in_reply_to_id = 0;
  in.visibility = "direct";
  EXPECT_EQ(posting_.Post(P("ann"), in).status().code(), Code::kUnprocessable);
}

TEST_F(SocialTest, VisibilityFollowsTheOneRule) {
  ASSERT_TRUE(relationships_.Follow(P("ben"), P("ann").id, true, false).ok());
  auto pub = Post("ann", "public");
  auto unl = Post("ann", "unlisted", "unlisted");
  auto priv = Post("ann", "followers only", "private");
  auto dm = Post("ann", "to @cat only", "direct");
  for (const char* who : {"ann", "ben", "cat", "dan"}) {
    EXPECT_TRUE(Sees(who, pub.id)) << who;
    EXPECT_TRUE(Sees(who, unl.id)) << who;
  }
  EXPECT_TRUE(Sees("ann", priv.id));
  EXPECT_TRUE(Sees("ben", priv.id));   // follower
  EXPECT_FALSE(Sees("cat", priv.id));  // neither follower nor mentioned
  EXPECT_TRUE(Sees("cat", dm.id));     // mentioned
  EXPECT_FALSE(Sees("ben", dm.id));    // a follower, but not mentioned
  EXPECT_FALSE(Sees("dan", dm.id));
}

TEST_F(SocialTest, BlocksHideBothWays) {
  auto a = Post("ann", "from ann");
  auto b = Post("ben", "from ben");
  ASSERT_TRUE(relationships_.Block(P("ann"), P("ben").id).ok());
  EXPECT_FALSE(Sees("ben", a.id));
  EXPECT_FALSE(Sees("ann", b.id));
  EXPECT_TRUE(Sees("cat", a.id));
  // A repost by a third person does not carry it across the block.
  auto rb = posting_.Reblog(P("cat"), a.id, "");
  ASSERT_TRUE(rb.ok());
  EXPECT_FALSE(Sees("ben", rb->id));
  ASSERT_TRUE(relationships_.Unblock(P("ann"), P("ben").id).ok());
  EXPECT_TRUE(Sees("ben", a.id));
}

TEST_F(SocialTest, FanOutDeliversToWarmFollowerFeeds) {
  ASSERT_TRUE(relationships_.Follow(P("ben"), P("ann").id, true, false).ok());
  EXPECT_TRUE(Home("ben").empty());  // warms ben's feed
  auto s = Post("ann", "hello followers");
  EXPECT_EQ(Home("ben"), (std::vector<int64_t>{s.id}));
  EXPECT_EQ(Home("ann"), (std::vector<int64_t>{s.id}));  // the author's own
  EXPECT_TRUE(Home("cat").empty());                      // not a follower
}

TEST_F(SocialTest, FanOutSkipsColdFeedsYetLiveStreamsAndRebuildsGetThePost) {
  ASSERT_TRUE(relationships_.Follow(P("ben"), P("ann").id, true, false).ok());
  ASSERT_TRUE(relationships_.Follow(P("cat"), P("ann").id, true, false).ok());
  // ben: cold feed, a live stream open; cat: cold feed, no stream.
  std::vector<int64_t> ben_events;
  std::mutex mu;
  uint64_t token = core_.events.Subscribe([&](const std::string&, const Event& e) {
    std::lock_guard lock(mu);
    if (e.name == "update") ben_events.push_back(e.status_id);
  });
  core_.events.AddKey(token, "user:" + std::to_string(P("ben").id));
  auto s = Post("ann", "to followers, warm or not");
  core_.fanout.Drain();
  {
    std::lock_guard lock(mu);
    EXPECT_EQ(ben_events, (std::vector<int64_t>{s.id}));
  }
  core_.events.Unsubscribe(token);
  auto cat_warm = core_.feeds.IsWarm(HomeFeedKey(P("cat").id));
  ASSERT_TRUE(cat_warm.ok());
  EXPECT_FALSE(*cat_warm);
  EXPECT_EQ(Home("cat"), (std::vector<int64_t>{s.id}));  // rebuilt from the store
  EXPECT_EQ(Home("ben"), (std::vector<int64_t>{s.id}));
  auto next = Post("ann", "now both are warm");
  EXPECT_EQ(Home("cat"), (std::vector<int64_t>{next.id, s.id}));  // pushed
}

TEST_F(SocialTest, RepliesToStrangersStayOutOfHome) {
  ASSERT_TRUE(relationships_.Follow(P("ben"), P("ann").id, true, false).ok());
  Home("ben");
  auto root = Post("cat", "a question");
  auto to_cat = Post("ann", "@cat an answer", "", root.id);
  auto thread = Post("ann", "my thread");
  auto self_reply = Post("ann", "continued", "", thread.id);
  auto home = Home("ben");
  EXPECT_EQ(std::count(home.begin(), home.end(), to_cat.id), 0);  // ben does not follow cat
  EXPECT_EQ(std::count(home.begin(), home.end(), self_reply.id), 1);
  ASSERT_TRUE(relationships_.Follow(P("ben"), P("cat").id, true, false).ok());
  home = Home("ben");  // rebuilt after the follow, by the same rule
  EXPECT_EQ(std::count(home.begin(), home.end(), to_cat.id), 1);
}

TEST_F(SocialTest, RebuildMatchesFanOut) {
  ASSERT_TRUE(relationships_.Follow(P("ben"), P("ann").id, true, false).ok());
  ASSERT_TRUE(relationships_.Follow(P("ben"), P("cat").id, true, false).ok());
  Home("ben");
  std::vector<int64_t> expected;
  for (int i = 0; i < 5; ++i) {
    expected.insert(expected.begin(), Post("ann", "a" + std::to_string(i)).id);
    expected.insert(expected.begin(), Post("cat", "c" + std::to_string(i)).id);
    Post("dan", "not followed");
  }
  auto pushed = Home("ben");
  EXPECT_EQ(pushed, expected);
  core_.feeds.Evict(HomeFeedKey(P("ben").id));
  EXPECT_EQ(Home("ben"), pushed);  // cold: rebuilt from the store, same result
}

TEST_F(SocialTest, RepostsAreDeduplicatedInHome) {
  ASSERT_TRUE(relationships_.Follow(P("dan"), P("ann").id, true, false).ok());
  ASSERT_TRUE(relationships_.Follow(P("dan"), P("ben").id, true, false).ok());
  ASSERT_TRUE(relationships_.Follow(P("dan"), P("cat").id, true, false).ok());
  Home("dan");
  auto original = Post("ann", "worth sharing");
  ASSERT_TRUE(posting_.Reblog(P("ben"), original.id, "").ok());
  auto outside = Post("dan", "mine");
  auto stranger = accounts_.Create({"eve", "", "eve", kRoleMember, ""});
  ASSERT_TRUE(stranger.ok());
  PostInput in;
  in.text = "from someone dan does not follow";
  auto unseen = posting_.Post(*stranger, in);
  ASSERT_TRUE(unseen.ok());
  auto r1 = posting_.Reblog(P("ben"), unseen->id, "");
  auto r2 = posting_.Reblog(P("cat"), unseen->id, "");
  ASSERT_TRUE(r1.ok() && r2.ok());
  auto home = Home("dan");
  // The original once (ben's repost of it dropped); the stranger's post once,
  // through ben's repost (cat's second repost dropped).
  EXPECT_EQ(home, (std::vector<int64_t>{r1->id, outside.id, original.id}));
  core_.feeds.Evict(HomeFeedKey(P("dan").id));
  EXPECT_EQ(Home("dan"), home);
}

TEST_F(SocialTest, MutesHideFromStreamsButNotPermalinks) {
  ASSERT_TRUE(relationships_.Follow(P("ben"), P("ann").id, true, false).ok());
  auto s = Post("ann", "noise");
  ASSERT_TRUE(relationships_.Mute(P("ben"), P("ann").id, true, 0).ok());
  EXPECT_TRUE(Home("ben").empty());
  EXPECT_TRUE(Sees("ben", s.id));
}

TEST_F(SocialTest, InvalidPostsAreRefusedAndWriteNothing) {
  PostInput in;
  in.text = "   ";
  EXPECT_EQ(posting_.Post(P("ann"), in).status().code(), Code::kUnprocessable);
  in.text = std::string(5001, 'x');
  EXPECT_EQ(posting_.Post(P("ann"), in).status().code(), Code::kUnprocessable);
  in.text = "ok";
  in.visibility = "everyone";
  EXPECT_EQ(posting_.Post(P("ann"), in).status().code(), Code::kUnprocessable);
  auto dm = Post("ann", "secret for @cat", "direct");
  in.visibility = "";
  in.in_reply_to_id = dm.id;  // ben cannot see it
  EXPECT_EQ(posting_.Post(P("ben"), in).status().code(), Code::kUnprocessable);
  auto mine = timelines_.Account(V("ben"), P("ben").id, {}, {0, 0, 0, 40});
  ASSERT_TRUE(mine.ok());
  EXPECT_TRUE(mine->posts.empty());
}

TEST_F(SocialTest, NotificationsForMentionsRepliesAndLikes) {
  auto root = Post("ann", "hello @ben");
  Post("cat", "a comment", "", root.id);
  ASSERT_TRUE(posting_.Favourite(P("dan"), root.id).ok());
  ASSERT_TRUE(posting_.Favourite(P("dan"), root.id).ok());  // idempotent
  auto ann = t_.store().notifications().List(P("ann").id, {}, {}, {0, 0, 0, 40});
  ASSERT_TRUE(ann.ok());
  std::vector<std::string> types;
  for (const auto& n : *ann) types.push_back(n.type);
  EXPECT_EQ(types, (std::vector<std::string>{"favourite", "reply"}));
  auto ben = t_.store().notifications().List(P("ben").id, {}, {}, {0, 0, 0, 40});
  ASSERT_EQ(ben->size(), 1u);
  EXPECT_EQ(ben->front().type, "mention");
  auto liked = core_.statuses.Get(root.id);
  EXPECT_EQ((*liked)->favourites_count, 1);
  EXPECT_EQ((*liked)->replies_count, 1);
}

// The reader's own marks come from ViewerStateCache; every way of changing
// them must reach it at once.
TEST_F(SocialTest, OwnMarksAreSeenAtOnceAfterEachChange) {
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

TEST_F(SocialTest, OwnMarksComeFromMemoryUntilDropped) {
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

TEST_F(SocialTest, OwnMarksOfPostsNewerThanTheEntryAreKnownWithoutAsking) {
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
TEST_F(SocialTest, ANewPostIsKnownUnmarkedByItsAuthorWithoutTheStore) {
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

// Deleting a post deletes its reposts, which counted on their authors: their
// cached accounts must not keep the old count.
TEST_F(SocialTest, DeletingAPostCountsDownItsRepostersAccounts) {
  const int64_t ben = P("ben").id;
  auto s = Post("ann", "repost me");
  ASSERT_TRUE(posting_.Reblog(P("ben"), s.id, "").ok());
  auto cached = core_.accounts.Get(ben);
  ASSERT_TRUE(cached.ok());
  EXPECT_EQ((*cached)->statuses_count, 1);
  ASSERT_TRUE(posting_.Delete(P("ann"), s.id).ok());
  auto after = core_.accounts.Get(ben);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ((*after)->statuses_count, 0);
  EXPECT_EQ(t_.store().statuses().Stats(ben)->statuses_count, 0);
}

TEST(AccountCacheTest, PostCountedReplacesOnlyTheSnapshotTakenBeforeTheWrite) {
  TestStore t;
  IdGenerator ids(0);
  AccountService accounts(t.store(), ids);
  auto ann = accounts.Create({"ann", "ann@example.com", "ann", kRoleMember, ""});
  ASSERT_TRUE(ann.ok());
  AccountCache cache(t.store());
  std::vector<int64_t> published;  // what the other nodes would be told
  cache.OnInvalidate([&](int64_t id) { published.push_back(id); });
  EXPECT_EQ(cache.Cached(ann->id), nullptr);
  auto loaded = cache.Get(ann->id);
  ASSERT_TRUE(loaded.ok());
  AccountPtr before = cache.Cached(ann->id);
  EXPECT_EQ(before, *loaded);

  StatusRecord s;
  s.id = ids.Next();
  s.account_id = ann->id;
  s.created_at = 1234;
  cache.PostCounted(before, s, +1);
  AccountPtr counted = cache.Cached(ann->id);
  ASSERT_NE(counted, nullptr);
  EXPECT_NE(counted, before);
  EXPECT_EQ(counted->statuses_count, before->statuses_count + 1);
  EXPECT_EQ(counted->last_status_at, 1234);
  EXPECT_EQ(counted->loaded_at, before->loaded_at);  // expires when the loaded one would
  EXPECT_EQ(published, (std::vector<int64_t>{ann->id}));

  // The entry is no longer the one taken before the write (another post
  // counted it meanwhile): dropped, not counted twice.
  cache.PostCounted(before, s, +1);
  EXPECT_EQ(cache.Cached(ann->id), nullptr);
  EXPECT_EQ(published.size(), 2u);
  // Nothing cached before the write: nothing to count; the others still drop.
  cache.PostCounted(nullptr, s, -1);
  EXPECT_EQ(cache.Cached(ann->id), nullptr);
  EXPECT_EQ(published.size(), 3u);

  // A post that does not count changes nothing, here or elsewhere.
  loaded = cache.Get(ann->id);
  ASSERT_TRUE(loaded.ok());
  s.visibility = Visibility::kDirect;
  cache.PostCounted(*loaded, s, +1);
  EXPECT_EQ(cache.Cached(ann->id), *loaded);
  EXPECT_EQ(published.size(), 3u);
  // Counting down stops at zero.
  s.visibility = Visibility::kPublic;
  cache.PostCounted(*loaded, s, -1);
  EXPECT_EQ(cache.Cached(ann->id)->statuses_count, 0);
}

TEST_F(SocialTest, FollowerListsForFanOutFollowEveryFollowChange) {
  auto followers = [&](const char* who) {
    auto ids = core_.graph.FollowerIds(P(who).id);
    EXPECT_TRUE(ids.ok());
    std::vector<int64_t> out = ids.ok() ? **ids : std::vector<int64_t>{};
    std::sort(out.begin(), out.end());
    return out;
  };
  auto sorted = [](std::vector<int64_t> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  ASSERT_TRUE(relationships_.Follow(P("ben"), P("ann").id, true, false).ok());
  EXPECT_EQ(followers("ann"), (std::vector<int64_t>{P("ben").id}));  // loaded, now cached

  // A follow: the next post reaches the new follower's warm feed.
  ASSERT_TRUE(relationships_.Follow(P("cat"), P("ann").id, true, false).ok());
  EXPECT_EQ(followers("ann"), sorted({P("ben").id, P("cat").id}));
  EXPECT_TRUE(Home("cat").empty());  // warms cat's feed
  auto s = Post("ann", "to ben and cat");
  EXPECT_EQ(Home("cat"), (std::vector<int64_t>{s.id}));

  // An unfollow, a removal from one's followers, a block.
  ASSERT_TRUE(relationships_.Unfollow(P("ben"), P("ann").id).ok());
  EXPECT_EQ(followers("ann"), (std::vector<int64_t>{P("cat").id}));
  ASSERT_TRUE(relationships_.Follow(P("dan"), P("ann").id, true, false).ok());
  ASSERT_TRUE(relationships_.RemoveFromFollowers(P("ann"), P("dan").id).ok());
  EXPECT_EQ(followers("ann"), (std::vector<int64_t>{P("cat").id}));
  ASSERT_TRUE(relationships_.Block(P("ann"), P("cat").id).ok());
  EXPECT_TRUE(followers("ann").empty());

  // Written behind the services' back (as another node would): unseen until
  // that node's invalidation drops the entry.
  FollowRecord f;
  f.id = ids_.Next();
  f.account_id = P("dan").id;
  f.target_id = P("ann").id;
  f.created_at = NowMillis();
  NotificationRecord note;
  note.id = ids_.Next();
  note.account_id = P("ann").id;
  note.from_account_id = P("dan").id;
  note.type = "follow";
  note.group_key = "follow-test";
  note.created_at = f.created_at;
  ASSERT_TRUE(t_.store().relationships().Follow(f, note).ok());
  EXPECT_TRUE(followers("ann").empty());
  core_.graph.Drop(P("ann").id);
  EXPECT_EQ(followers("ann"), (std::vector<int64_t>{P("dan").id}));
}

}  // namespace
}  // namespace atrium
