#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <thread>

#include "base/clock.h"
#include "base/id.h"
#include "store/sql/social_store.h"
#include "store/sql/sql_util.h"
#include "store/sqlite/sqlite_db.h"
#include "store/test_store.h"

namespace atrium {
namespace {

using ::testing::TestWithParam;
using Ids = std::vector<int64_t>;

// The social stores' contract, on every backend (see store/test_store.h).
class StoreSocial : public TestWithParam<TestBackend> {
 protected:
  void SetUp() override {
    if (!TestBackendAvailable(GetParam())) GTEST_SKIP() << "ATRIUM_TEST_POSTGRES_URL is not set";
    t_ = std::make_unique<TestStore>(GetParam());
  }

  Store& store() { return t_->store(); }
  StatusStore& statuses() { return t_->store().statuses(); }
  RelationshipStore& relationships() { return t_->store().relationships(); }
  NotificationStore& notifications() { return t_->store().notifications(); }
  ListStore& lists() { return t_->store().lists(); }
  MarkerStore& markers() { return t_->store().markers(); }

  int64_t NewAccount(const std::string& username) {
    Account a;
    a.id = ids_.Next();
    a.username = username;
    a.display_name = username;
    a.created_at = a.updated_at = NowMillis();
    EXPECT_TRUE(store().accounts().Create(a).ok()) << username;
    return a.id;
  }

  StatusRecord NewStatus(int64_t author, Visibility visibility = Visibility::kPublic) {
    StatusRecord s;
    s.id = ids_.Next();
    s.account_id = author;
    s.visibility = visibility;
    s.text = "post " + std::to_string(s.id);
    s.content_html = "<p>" + s.text + "</p>";
    s.language = "en";
    s.created_at = NowMillis();
    return s;
  }

  int64_t Post(const StatusRecord& s, const std::vector<NotificationRecord>& notes = {}) {
    Status st = statuses().Create(s, notes, "");
    EXPECT_TRUE(st.ok()) << st.ToString();
    return s.id;
  }
  int64_t PostBy(int64_t author, Visibility visibility = Visibility::kPublic) {
    return Post(NewStatus(author, visibility));
  }
  int64_t ReplyTo(int64_t author, int64_t parent_id, int64_t parent_author,
                  Visibility visibility = Visibility::kPublic) {
    StatusRecord s = NewStatus(author, visibility);
    s.in_reply_to_id = parent_id;
    s.in_reply_to_account_id = parent_author;
    return Post(s);
  }
  int64_t Repost(int64_t author, int64_t original_id) {
    StatusRecord s = NewStatus(author);
    s.reblog_of_id = original_id;
    s.text.clear();
    return Post(s);
  }
  int64_t Tagged(int64_t author, std::vector<std::string> tags,
                 Visibility visibility = Visibility::kPublic) {
    StatusRecord s = NewStatus(author, visibility);
    s.tags = std::move(tags);
    return Post(s);
  }

  NotificationRecord Note(int64_t to, int64_t from, const std::string& type, int64_t status_id = 0,
                          const std::string& group_key = "") {
    NotificationRecord n;
    n.id = ids_.Next();
    n.account_id = to;
    n.from_account_id = from;
    n.type = type;
    n.status_id = status_id;
    n.group_key = group_key.empty() ? "ungrouped-" + std::to_string(n.id) : group_key;
    n.created_at = NowMillis();
    return n;
  }

  FollowRecord MakeFollow(int64_t account, int64_t target) {
    FollowRecord f;
    f.id = ids_.Next();
    f.account_id = account;
    f.target_id = target;
    f.created_at = NowMillis();
    return f;
  }

  StatusRecord Load(int64_t id) {
    auto s = statuses().Get(id);
    EXPECT_TRUE(s.ok()) << id;
    return s.ok() ? *s : StatusRecord{};
  }

  Ids NotificationIds(int64_t account, const std::vector<std::string>& types = {},
                      const std::vector<std::string>& exclude = {}, PageRequest page = {}) {
    auto list = notifications().List(account, types, exclude, page);
    EXPECT_TRUE(list.ok());
    Ids out;
    if (list.ok())
      for (const auto& n : *list) out.push_back(n.id);
    return out;
  }

  static Ids Cursors(const Result<std::vector<PageEntry>>& page) {
    Ids out;
    if (page.ok())
      for (const auto& e : *page) out.push_back(e.cursor);
    return out;
  }
  static Ids Listed(const Result<std::vector<PageEntry>>& page) {
    Ids out;
    if (page.ok())
      for (const auto& e : *page) out.push_back(e.id);
    return out;
  }
  static Ids Value(const Result<Ids>& ids) { return ids.ok() ? *ids : Ids{-1}; }
  // The ids of the follows of target_id's followers.
  Ids FollowIdsOf(int64_t target_id) {
    return Cursors(relationships().FollowersPage(target_id, PageRequest{0, 0, 0, 40}));
  }

  std::unique_ptr<TestStore> t_;
  IdGenerator ids_{0};
};

PageRequest Page(int limit, int64_t max_id = 0, int64_t since_id = 0, int64_t min_id = 0) {
  PageRequest p;
  p.limit = limit;
  p.max_id = max_id;
  p.since_id = since_id;
  p.min_id = min_id;
  return p;
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreSocial, ::testing::ValuesIn(TestBackends()),
                         TestBackendParamName());

// ---------------------------------------------------------------- posts

TEST_P(StoreSocial, CreateAndGetKeepMentionsAndTagsInOrder) {
  int64_t alice = NewAccount("alice"), bob = NewAccount("bob"), carol = NewAccount("carol");
  StatusRecord s = NewStatus(alice, Visibility::kUnlisted);
  s.mention_ids = {carol, bob};  // not id order
  s.tags = {"zeta", "alpha", "mid"};
  s.spoiler_text = "cw";
  s.sensitive = true;
  s.community_id = 77;
  Post(s, {Note(carol, alice, "mention", s.id), Note(bob, alice, "mention", s.id)});

  StatusRecord got = Load(s.id);
  EXPECT_EQ(got.account_id, alice);
  EXPECT_EQ(got.visibility, Visibility::kUnlisted);
  EXPECT_EQ(got.text, s.text);
  EXPECT_EQ(got.content_html, s.content_html);
  EXPECT_EQ(got.spoiler_text, "cw");
  EXPECT_TRUE(got.sensitive);
  EXPECT_EQ(got.language, "en");
  EXPECT_EQ(got.community_id, 77);
  EXPECT_EQ(got.in_reply_to_id, 0);
  EXPECT_EQ(got.reblog_of_id, 0);
  EXPECT_EQ(got.created_at, s.created_at);
  EXPECT_EQ(got.edited_at, 0);
  EXPECT_EQ(got.mention_ids, (Ids{carol, bob}));
  EXPECT_EQ(got.tags, (std::vector<std::string>{"zeta", "alpha", "mid"}));

  auto many = statuses().GetMany({s.id, 12345, s.id});
  ASSERT_TRUE(many.ok());
  ASSERT_EQ(many->size(), 1u);
  EXPECT_EQ((*many)[0].mention_ids, (Ids{carol, bob}));
  EXPECT_EQ((*many)[0].tags, (std::vector<std::string>{"zeta", "alpha", "mid"}));

  EXPECT_EQ(statuses().Get(12345).status().code(), Code::kNotFound);
  // A community's posts do not count on the author's profile.
  auto stats = statuses().Stats(alice);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->statuses_count, 0);
  EXPECT_EQ(stats->last_status_at, 0);
  EXPECT_EQ(statuses().Stats(999).status().code(), Code::kNotFound);
  EXPECT_EQ(*statuses().CountAll(), 1);
  EXPECT_EQ(NotificationIds(carol).size(), 1u);
  // A post with the same id is a conflict, and changes nothing.
  EXPECT_EQ(statuses().Create(s, {}, "").code(), Code::kConflict);
  EXPECT_EQ(*statuses().CountAll(), 1);
  // Outside a community, it counts.
  StatusRecord plain = NewStatus(alice);
  Post(plain);
  EXPECT_EQ(statuses().Stats(alice)->statuses_count, 1);
  EXPECT_EQ(statuses().Stats(alice)->last_status_at, plain.created_at);
}

TEST_P(StoreSocial, GetManyAndRecentByAuthorsHandleLongIdLists) {
  int64_t alice = NewAccount("alice");
  std::this_thread::sleep_for(std::chrono::milliseconds(3));
  int64_t bob = NewAccount("bob");
  int64_t carol = NewAccount("carol");
  StatusRecord a1 = NewStatus(alice);
  a1.mention_ids = {carol};
  a1.tags = {"t"};
  Post(a1);
  int64_t b1 = PostBy(bob);
  int64_t a2 = PostBy(alice);
  int64_t b2 = Repost(bob, a1.id);

  // More than one IN list's worth of ids, with alice and bob in different chunks.
  Ids authors;
  for (int64_t i = 1; i <= 1100; ++i) authors.push_back(alice + i);
  authors.push_back(bob);
  authors.push_back(alice);
  auto recent = statuses().RecentByAuthors(authors, 0, 3);
  ASSERT_TRUE(recent.ok()) << recent.status().ToString();
  Ids got;
  for (const auto& s : *recent) got.push_back(s.id);
  EXPECT_EQ(got, (Ids{b2, a2, b1}));
  EXPECT_EQ((*recent)[0].reblog_of_id, a1.id);

  auto older = statuses().RecentByAuthors(authors, b1, 10);
  ASSERT_TRUE(older.ok());
  ASSERT_EQ(older->size(), 1u);
  EXPECT_EQ((*older)[0].id, a1.id);
  EXPECT_EQ((*older)[0].mention_ids, (Ids{carol}));
  EXPECT_TRUE(statuses().RecentByAuthors({}, 0, 10)->empty());

  Ids wanted(authors);
  wanted.push_back(a1.id);
  wanted.push_back(b2);
  wanted.insert(wanted.begin(), a2);
  auto many = statuses().GetMany(wanted);
  ASSERT_TRUE(many.ok());
  std::set<int64_t> found;
  for (const auto& s : *many) found.insert(s.id);
  EXPECT_EQ(found, (std::set<int64_t>{a1.id, a2, b2}));
  for (const auto& s : *many) {
    if (s.id == a1.id) {
      EXPECT_EQ(s.tags, (std::vector<std::string>{"t"}));
    }
  }
}

TEST_P(StoreSocial, ReplyBumpsParentRepliesCountAndDeleteRestoresIt) {
  int64_t alice = NewAccount("alice"), bob = NewAccount("bob");
  int64_t parent = PostBy(alice);
  int64_t reply = ReplyTo(bob, parent, alice);
  EXPECT_EQ(Load(parent).replies_count, 1);
  EXPECT_EQ(Load(reply).in_reply_to_id, parent);
  EXPECT_EQ(Load(reply).in_reply_to_account_id, alice);
  // As Mastodon: a followers-only or direct reply is not counted.
  int64_t private_reply = ReplyTo(bob, parent, alice, Visibility::kPrivate);
  int64_t direct_reply = ReplyTo(bob, parent, alice, Visibility::kDirect);
  EXPECT_EQ(Load(parent).replies_count, 1);
  EXPECT_EQ(*statuses().Replies(parent), (Ids{reply, private_reply, direct_reply}));
  // Direct posts do not count for their author either.
  EXPECT_EQ(statuses().Stats(bob)->statuses_count, 2);

  auto deleted = statuses().Delete(reply);
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(*deleted, (Ids{reply}));
  EXPECT_EQ(Load(parent).replies_count, 0);
  EXPECT_EQ(statuses().Delete(private_reply).status().code(), Code::kOk);
  EXPECT_EQ(Load(parent).replies_count, 0);  // never below zero
  EXPECT_EQ(statuses().Stats(bob)->statuses_count, 0);
  EXPECT_EQ(statuses().Delete(reply).status().code(), Code::kNotFound);

  // A reply outlives its parent and still points at it.
  ASSERT_TRUE(statuses().Delete(parent).ok());
  EXPECT_EQ(Load(direct_reply).in_reply_to_id, parent);
}

TEST_P(StoreSocial, DeletingAPostDeletesItsRepostsAndWhatRefersToThem) {
  int64_t alice = NewAccount("alice"), bob = NewAccount("bob"), carol = NewAccount("carol");
  StatusRecord original = NewStatus(alice);
  original.mention_ids = {bob};
  original.tags = {"news"};
  Post(original, {Note(bob, alice, "mention", original.id)});
  int64_t by_bob = Repost(bob, original.id);
  int64_t by_carol = Repost(carol, original.id);
  StatusRecord quote = NewStatus(carol);
  quote.quote_of_id = original.id;
  Post(quote);
  StatusRecord loaded = Load(original.id);
  EXPECT_EQ(loaded.reblogs_count, 2);
  EXPECT_EQ(loaded.quotes_count, 1);
  EXPECT_EQ(*statuses().FindReblog(bob, original.id), by_bob);
  EXPECT_EQ(*statuses().FindReblog(alice, original.id), 0);
  EXPECT_EQ(Listed(statuses().RebloggedBy(original.id, Page(10))), (Ids{carol, bob}));
  EXPECT_EQ(Cursors(statuses().RebloggedBy(original.id, Page(10))), (Ids{by_carol, by_bob}));
  // One repost per account.
  StatusRecord again = NewStatus(bob);
  again.reblog_of_id = original.id;
  EXPECT_EQ(statuses().Create(again, {}, "").code(), Code::kConflict);

  NotificationRecord fav_note = Note(alice, bob, "favourite", original.id);
  ASSERT_TRUE(*statuses().Favourite(ids_.Next(), bob, original.id, fav_note));
  ASSERT_TRUE(*statuses().Bookmark(ids_.Next(), carol, original.id));
  ASSERT_TRUE(*statuses().Pin(alice, original.id, NowMillis()));
  ASSERT_TRUE(*statuses().Bookmark(ids_.Next(), alice, by_bob));
  EXPECT_EQ(statuses().Stats(bob)->statuses_count, 1);

  // Deleting a repost alone fixes the original's counter.
  ASSERT_EQ(*statuses().Delete(by_carol), (Ids{by_carol}));
  EXPECT_EQ(Load(original.id).reblogs_count, 1);
  by_carol = Repost(carol, original.id);

  auto deleted = statuses().Delete(original.id);
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(*deleted, (Ids{original.id, by_bob, by_carol}));
  EXPECT_EQ(statuses().Get(by_bob).status().code(), Code::kNotFound);
  EXPECT_EQ(statuses().Get(by_carol).status().code(), Code::kNotFound);
  EXPECT_EQ(statuses().Stats(bob)->statuses_count, 0);
  EXPECT_EQ(statuses().Stats(carol)->statuses_count, 1);  // the quote
  EXPECT_EQ(statuses().Stats(alice)->statuses_count, 0);
  EXPECT_TRUE(statuses().Favourites(bob, Page(10))->empty());
  EXPECT_TRUE(statuses().Bookmarks(carol, Page(10))->empty());
  EXPECT_TRUE(statuses().Bookmarks(alice, Page(10))->empty());
  EXPECT_TRUE(statuses().ByAuthor(alice, {.only_pinned = true}, Page(10))->empty());
  EXPECT_TRUE(NotificationIds(bob).empty());
  EXPECT_TRUE(NotificationIds(alice).empty());
  EXPECT_TRUE(statuses().TagTimeline({"news"}, {}, {}, Page(10))->empty());
  EXPECT_TRUE(statuses().RecentMentioning(bob, 0, 10)->empty());
  // The quote stays, pointing at the missing post.
  EXPECT_EQ(Load(quote.id).quote_of_id, original.id);
  EXPECT_EQ(*statuses().CountAll(), 1);
}

TEST_P(StoreSocial, FavouriteCountsOnceAndUnfavouriteRemovesItsNotification) {
  int64_t alice = NewAccount("alice"), bob = NewAccount("bob"), carol = NewAccount("carol");
  int64_t post = PostBy(alice);
  int64_t fav_id = ids_.Next();
  NotificationRecord note =
      Note(alice, bob, "favourite", post, "favourite-" + std::to_string(post));
  auto first = statuses().Favourite(fav_id, bob, post, note);
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(*first);
  auto second = statuses().Favourite(ids_.Next(), bob, post, Note(alice, bob, "favourite", post));
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(*second);
  EXPECT_EQ(Load(post).favourites_count, 1);
  EXPECT_EQ(NotificationIds(alice), (Ids{note.id}));
  // Without someone to notify (account_id 0), nothing is inserted.
  int64_t carol_fav = ids_.Next();
  EXPECT_TRUE(*statuses().Favourite(carol_fav, carol, post, NotificationRecord{}));
  EXPECT_EQ(Load(post).favourites_count, 2);
  EXPECT_EQ(NotificationIds(alice).size(), 1u);
  EXPECT_EQ(Cursors(statuses().FavouritedBy(post, Page(10))), (Ids{carol_fav, fav_id}));
  EXPECT_EQ(Listed(statuses().FavouritedBy(post, Page(10))), (Ids{carol, bob}));
  EXPECT_EQ(Listed(statuses().Favourites(bob, Page(10))), (Ids{post}));
  EXPECT_EQ(Cursors(statuses().Favourites(bob, Page(10))), (Ids{fav_id}));

  // A mention notification from bob about the same post is not a favourite's.
  NotificationRecord mention = Note(alice, bob, "mention", post);
  ASSERT_TRUE(notifications().Insert({mention}).ok());
  EXPECT_TRUE(*statuses().Unfavourite(bob, post));
  EXPECT_EQ(Load(post).favourites_count, 1);
  EXPECT_EQ(NotificationIds(alice), (Ids{mention.id}));
  EXPECT_FALSE(*statuses().Unfavourite(bob, post));
  EXPECT_TRUE(*statuses().Unfavourite(carol, post));
  EXPECT_EQ(Load(post).favourites_count, 0);
  EXPECT_EQ(statuses().Favourite(ids_.Next(), bob, 4242, note).status().code(), Code::kNotFound);
}

TEST_P(StoreSocial, ViewerStateFlags) {
  int64_t alice = NewAccount("alice"), bob = NewAccount("bob");
  int64_t s1 = PostBy(bob), s2 = PostBy(bob), s3 = PostBy(bob), s4 = PostBy(alice);
  int64_t untouched = PostBy(bob);
  ASSERT_TRUE(*statuses().Favourite(ids_.Next(), alice, s1, {}));
  Repost(alice, s2);
  ASSERT_TRUE(*statuses().Bookmark(ids_.Next(), alice, s3));
  ASSERT_TRUE(*statuses().Bookmark(ids_.Next(), alice, s1));
  ASSERT_TRUE(*statuses().Pin(alice, s4, NowMillis()));
  EXPECT_FALSE(*statuses().Pin(alice, s4, NowMillis()));
  // bob's state must not leak into alice's.
  ASSERT_TRUE(*statuses().Favourite(ids_.Next(), bob, untouched, {}));

  auto state = statuses().ViewerState(alice, {s1, s2, s3, s4, untouched});
  ASSERT_TRUE(state.ok());
  ASSERT_EQ(state->size(), 5u);
  auto& m = *state;
  EXPECT_TRUE(m[s1].favourited && m[s1].bookmarked && !m[s1].reblogged && !m[s1].pinned);
  EXPECT_TRUE(m[s2].reblogged && !m[s2].favourited && !m[s2].bookmarked && !m[s2].pinned);
  EXPECT_TRUE(m[s3].bookmarked && !m[s3].favourited && !m[s3].reblogged);
  EXPECT_TRUE(m[s4].pinned && !m[s4].favourited);
  EXPECT_FALSE(m[untouched].favourited || m[untouched].reblogged || m[untouched].bookmarked ||
               m[untouched].pinned);

  EXPECT_TRUE(*statuses().Unbookmark(alice, s3));
  EXPECT_FALSE(*statuses().Unbookmark(alice, s3));
  EXPECT_TRUE(*statuses().Unpin(alice, s4));
  EXPECT_FALSE(*statuses().Unpin(alice, s4));
  auto after = statuses().ViewerState(alice, {s3, s4});
  EXPECT_FALSE((*after)[s3].bookmarked);
  EXPECT_FALSE((*after)[s4].pinned);
  EXPECT_TRUE(statuses().ViewerState(alice, {})->empty());
}

TEST_P(StoreSocial, ByAuthorFilters) {
  int64_t alice = NewAccount("alice"), bob = NewAccount("bob");
  int64_t bobs = PostBy(bob);
  StatusRecord p1 = NewStatus(alice);
  p1.tags = {"news"};
  Post(p1);
  int64_t p2 = ReplyTo(alice, bobs, bob);     // reply to someone else
  int64_t p3 = ReplyTo(alice, p1.id, alice);  // thread: reply to herself
  int64_t p4 = Repost(alice, bobs);
  int64_t p5 = PostBy(alice);
  ASSERT_TRUE(*statuses().Pin(alice, p5, 1000));
  ASSERT_TRUE(*statuses().Pin(alice, p1.id, 2000));  // pinned later: listed first
  ASSERT_TRUE(*statuses().Pin(alice, bobs, 3000));   // not hers: not in her pinned list

  auto by = [&](StatusStore::AuthorFilter f, PageRequest page = Page(20)) {
    return Value(statuses().ByAuthor(alice, f, page));
  };
  EXPECT_EQ(by({}), (Ids{p5, p4, p3, p2, p1.id}));
  EXPECT_EQ(by({.exclude_replies = true}), (Ids{p5, p4, p3, p1.id}));
  EXPECT_EQ(by({.exclude_reblogs = true}), (Ids{p5, p3, p2, p1.id}));
  EXPECT_EQ(by({.exclude_replies = true, .exclude_reblogs = true}), (Ids{p5, p3, p1.id}));
  EXPECT_EQ(by({.only_pinned = true}), (Ids{p1.id, p5}));
  EXPECT_EQ(by({.tagged = "news"}), (Ids{p1.id}));
  EXPECT_EQ(by({.tagged = "nothing"}), Ids{});
  EXPECT_EQ(by({}, Page(2, p4)), (Ids{p3, p2}));
  EXPECT_EQ(by({.exclude_reblogs = true}, Page(2, 0, 0, p2)), (Ids{p5, p3}));
}

TEST_P(StoreSocial, PublicTimelineHasOnlyPublicOriginalsOutsideRestrictedCommunities) {
  int64_t alice = NewAccount("alice"), bob = NewAccount("bob");
  int64_t shown = PostBy(alice);
  PostBy(alice, Visibility::kUnlisted);
  PostBy(alice, Visibility::kPrivate);
  PostBy(alice, Visibility::kDirect);
  StatusRecord community = NewStatus(alice);
  community.community_id = 5;
  Post(community);
  int64_t bobs = PostBy(bob);
  ReplyTo(alice, bobs, bob);                      // a reply: hidden
  int64_t thread = ReplyTo(alice, shown, alice);  // a thread (as Mastodon): shown
  Repost(alice, bobs);                            // a repost: hidden
  EXPECT_EQ(Value(statuses().PublicTimeline(Page(20))), (Ids{thread, bobs, shown}));
}

TEST_P(StoreSocial, TagTimelineAnyAllNone) {
  int64_t alice = NewAccount("alice");
  int64_t s1 = Tagged(alice, {"a"});
  int64_t s2 = Tagged(alice, {"a", "b"});
  int64_t s3 = Tagged(alice, {"b", "c"});
  Tagged(alice, {"a", "c"}, Visibility::kUnlisted);  // not public
  int64_t s5 = Tagged(alice, {"c", "b", "a"});
  StatusRecord repost = NewStatus(alice);  // reposts are not listed, whatever they carry
  repost.reblog_of_id = s1;
  repost.tags = {"a", "b"};
  Post(repost);

  auto tl = [&](std::vector<std::string> any, std::vector<std::string> all,
                std::vector<std::string> none, PageRequest page = Page(20)) {
    return Value(statuses().TagTimeline(any, all, none, page));
  };
  EXPECT_EQ(tl({"a"}, {}, {}), (Ids{s5, s2, s1}));
  EXPECT_EQ(tl({"a", "b"}, {}, {}), (Ids{s5, s3, s2, s1}));
  EXPECT_EQ(tl({"a"}, {"b"}, {}), (Ids{s5, s2}));
  EXPECT_EQ(tl({"a"}, {"b", "c"}, {}), (Ids{s5}));
  EXPECT_EQ(tl({"a"}, {}, {"c"}), (Ids{s2, s1}));
  EXPECT_EQ(tl({"a"}, {}, {"c", "b"}), (Ids{s1}));
  EXPECT_EQ(tl({}, {"b", "c"}, {}), (Ids{s5, s3}));
  EXPECT_EQ(tl({"a"}, {"zzz"}, {}), Ids{});
  EXPECT_EQ(tl({"zzz"}, {}, {}), Ids{});
  EXPECT_EQ(tl({}, {}, {"a"}), Ids{});
  EXPECT_EQ(tl({"a", "b"}, {}, {}, Page(2)), (Ids{s5, s3}));
  EXPECT_EQ(tl({"a", "b"}, {}, {}, Page(2, s3)), (Ids{s2, s1}));
  EXPECT_EQ(tl({"a", "b"}, {}, {}, Page(2, 0, 0, s1)), (Ids{s3, s2}));
}

TEST_P(StoreSocial, SearchTagsByPrefixOnlyWhereAPublicPostCarriesThem) {
  int64_t alice = NewAccount("alice");
  Tagged(alice, {"design"});
  Tagged(alice, {"designsystem", "des"});
  Tagged(alice, {"deskbooking"});
  Tagged(alice, {"desert"}, Visibility::kPrivate);  // followers only: not listed
  Tagged(alice, {"de_sk"});                         // '_' is not a wildcard
  int64_t original = Tagged(alice, {"other"});
  StatusRecord repost = NewStatus(alice);  // a repost's tags alone do not list a tag
  repost.reblog_of_id = original;
  repost.tags = {"derepost"};
  Post(repost);
  auto search = [&](std::string_view prefix, int limit = 10, int offset = 0) {
    auto found = statuses().SearchTags(prefix, limit, offset);
    EXPECT_TRUE(found.ok()) << found.status().ToString();
    return found.ok() ? *found : std::vector<std::string>{};
  };
  using Names = std::vector<std::string>;
  EXPECT_EQ(search("des"), (Names{"des", "design", "designsystem", "deskbooking"}));
  EXPECT_EQ(search("design"), (Names{"design", "designsystem"}));
  EXPECT_EQ(search("desi", 1), (Names{"design"}));
  EXPECT_EQ(search("desi", 1, 1), (Names{"designsystem"}));
  EXPECT_EQ(search("de_"), (Names{"de_sk"}));
  EXPECT_EQ(search("dese"), Names{});
  EXPECT_EQ(search("derep"), Names{});
  EXPECT_EQ(search("zzz"), Names{});
}

TEST_P(StoreSocial, PaginationMaxIdSinceIdMinId) {
  int64_t alice = NewAccount("alice");
  Ids p;
  for (int i = 0; i < 10; ++i) p.push_back(PostBy(alice));
  auto pub = [&](PageRequest page) { return Value(statuses().PublicTimeline(page)); };
  EXPECT_EQ(pub(Page(3)), (Ids{p[9], p[8], p[7]}));
  EXPECT_EQ(pub(Page(3, p[7])), (Ids{p[6], p[5], p[4]}));
  EXPECT_EQ(pub(Page(3, p[1])), (Ids{p[0]}));
  EXPECT_EQ(pub(Page(3, p[0])), Ids{});
  // since_id: the newest page above it; min_id: the page right after it.
  EXPECT_EQ(pub(Page(3, 0, p[2])), (Ids{p[9], p[8], p[7]}));
  EXPECT_EQ(pub(Page(3, 0, p[7])), (Ids{p[9], p[8]}));
  EXPECT_EQ(pub(Page(3, 0, 0, p[2])), (Ids{p[5], p[4], p[3]}));
  EXPECT_EQ(pub(Page(3, 0, 0, p[8])), (Ids{p[9]}));
  EXPECT_EQ(pub(Page(3, p[5], 0, p[2])), (Ids{p[4], p[3]}));
  EXPECT_EQ(pub(Page(3, p[6], p[2])), (Ids{p[5], p[4], p[3]}));
  // min_id wins over since_id, as in Mastodon.
  EXPECT_EQ(pub(Page(3, 0, p[6], p[2])), (Ids{p[5], p[4], p[3]}));
  // Nonsense limits return nothing rather than everything.
  EXPECT_EQ(pub(Page(0)), Ids{});
  EXPECT_EQ(pub(Page(-5)), Ids{});
  EXPECT_EQ(Value(statuses().ByAuthor(alice, {}, Page(3, 0, 0, p[2]))), (Ids{p[5], p[4], p[3]}));
}

TEST_P(StoreSocial, IdempotencyKeys) {
  int64_t alice = NewAccount("alice"), bob = NewAccount("bob");
  StatusRecord first = NewStatus(alice);
  ASSERT_TRUE(statuses().Create(first, {}, "key-1").ok());
  EXPECT_EQ(*statuses().FindIdempotent(alice, "key-1", 0), first.id);
  EXPECT_EQ(*statuses().FindIdempotent(alice, "key-1", first.created_at), first.id);
  EXPECT_EQ(statuses().FindIdempotent(alice, "key-1", first.created_at + 1).status().code(),
            Code::kNotFound);
  EXPECT_EQ(statuses().FindIdempotent(alice, "key-2", 0).status().code(), Code::kNotFound);

  StatusRecord dup = NewStatus(alice);
  NotificationRecord note = Note(bob, alice, "mention", dup.id);
  EXPECT_EQ(statuses().Create(dup, {note}, "key-1").code(), Code::kConflict);
  EXPECT_EQ(statuses().Get(dup.id).status().code(), Code::kNotFound);
  EXPECT_EQ(statuses().Stats(alice)->statuses_count, 1);
  EXPECT_TRUE(NotificationIds(bob).empty());
  // Keys are per account.
  StatusRecord bobs = NewStatus(bob);
  EXPECT_TRUE(statuses().Create(bobs, {}, "key-1").ok());
  EXPECT_EQ(*statuses().FindIdempotent(bob, "key-1", 0), bobs.id);
  // After the window the key names a new post.
  StatusRecord later = NewStatus(alice);
  later.created_at = first.created_at + 2 * 3600 * 1000;
  ASSERT_TRUE(statuses().Create(later, {}, "key-1").ok());
  EXPECT_EQ(*statuses().FindIdempotent(alice, "key-1", 0), later.id);
  // Deleting the post frees its key.
  ASSERT_TRUE(statuses().Delete(later.id).ok());
  EXPECT_EQ(statuses().FindIdempotent(alice, "key-1", 0).status().code(), Code::kNotFound);
}

TEST_P(StoreSocial, UpdateKeepsHistoryAndReplacesMentionsAndTags) {
  int64_t alice = NewAccount("alice"), bob = NewAccount("bob"), carol = NewAccount("carol");
  StatusRecord s = NewStatus(alice);
  s.text = "v1";
  s.mention_ids = {bob};
  s.tags = {"x", "y"};
  Post(s);
  ASSERT_TRUE(*statuses().Favourite(ids_.Next(), bob, s.id, {}));

  auto edit = [&](const StatusRecord& current, const std::string& text, Ids mentions,
                  std::vector<std::string> tags, int64_t at) {
    StatusEditRecord previous;
    previous.id = ids_.Next();
    previous.status_id = current.id;
    previous.text = current.text;
    previous.spoiler_text = current.spoiler_text;
    previous.sensitive = current.sensitive;
    previous.content_html = current.content_html;
    previous.created_at = current.edited_at ? current.edited_at : current.created_at;
    StatusRecord next = current;
    next.text = text;
    next.content_html = "<p>" + text + "</p>";
    next.mention_ids = std::move(mentions);
    next.tags = std::move(tags);
    next.edited_at = at;
    next.language = "de";
    Status st = statuses().Update(next, previous, {Note(carol, alice, "update", current.id)});
    EXPECT_TRUE(st.ok()) << st.ToString();
    return next;
  };
  StatusRecord v2 = edit(s, "v2", {carol}, {"y", "z"}, s.created_at + 10);
  StatusRecord got = Load(s.id);
  EXPECT_EQ(got.text, "v2");
  EXPECT_EQ(got.content_html, "<p>v2</p>");
  EXPECT_EQ(got.language, "de");
  EXPECT_EQ(got.edited_at, s.created_at + 10);
  EXPECT_EQ(got.mention_ids, (Ids{carol}));
  EXPECT_EQ(got.tags, (std::vector<std::string>{"y", "z"}));
  EXPECT_EQ(got.favourites_count, 1);  // counters are the store's, untouched by an edit
  EXPECT_EQ(NotificationIds(carol).size(), 1u);
  EXPECT_TRUE(statuses().TagTimeline({"x"}, {}, {}, Page(10))->empty());
  EXPECT_EQ(Value(statuses().TagTimeline({"z"}, {}, {}, Page(10))), (Ids{s.id}));
  EXPECT_TRUE(statuses().RecentMentioning(bob, 0, 10)->empty());
  EXPECT_EQ(Value(statuses().RecentMentioning(carol, 0, 10)), (Ids{s.id}));

  edit(v2, "v3", {}, {}, s.created_at + 20);
  auto history = statuses().History(s.id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].text, "v1");
  EXPECT_EQ((*history)[0].created_at, s.created_at);
  EXPECT_EQ((*history)[1].text, "v2");
  EXPECT_EQ((*history)[1].created_at, s.created_at + 10);
  EXPECT_TRUE(Load(s.id).mention_ids.empty());
  EXPECT_TRUE(Load(s.id).tags.empty());

  StatusRecord ghost = NewStatus(alice);
  EXPECT_EQ(statuses().Update(ghost, StatusEditRecord{}, {}).code(), Code::kNotFound);
  ASSERT_TRUE(statuses().Delete(s.id).ok());
  EXPECT_TRUE(statuses().History(s.id)->empty());
}

TEST_P(StoreSocial, RecentMentioningIsNewestFirstBelowMaxId) {
  int64_t alice = NewAccount("alice"), bob = NewAccount("bob");
  Ids mentioning;
  for (int i = 0; i < 4; ++i) {
    StatusRecord s = NewStatus(alice, Visibility::kDirect);
    s.mention_ids = {bob};
    mentioning.push_back(Post(s));
    PostBy(alice);
  }
  EXPECT_EQ(Value(statuses().RecentMentioning(bob, 0, 3)),
            (Ids{mentioning[3], mentioning[2], mentioning[1]}));
  EXPECT_EQ(Value(statuses().RecentMentioning(bob, mentioning[1], 3)), (Ids{mentioning[0]}));
}

// ---------------------------------------------------------------- relationships

TEST_P(StoreSocial, FollowAndUnfollow) {
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
  EXPECT_EQ(NotificationIds(bob), (Ids{note.id}));  // Unfollow leaves notifications
}

TEST_P(StoreSocial, FollowerIdsAreTheFollowersOldestFollowFirst) {
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

TEST_P(StoreSocial, FollowRequestsAuthorizeRejectWithdraw) {
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

TEST_P(StoreSocial, BlockRemovesFollowsRequestsAndConnectionsBothWays) {
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

TEST_P(StoreSocial, MutesExpire) {
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

TEST_P(StoreSocial, ConnectionsInviteAcceptDeclineWithdrawRemove) {
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

TEST_P(StoreSocial, RelationshipsForAMixedSet) {
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

// ---------------------------------------------------------------- notifications

TEST_P(StoreSocial, NotificationsListGroupDismissClearCountAfter) {
  int64_t alice = NewAccount("alice"), bob = NewAccount("bob"), carol = NewAccount("carol");
  int64_t post = PostBy(alice);
  std::string group = "favourite-" + std::to_string(post);
  NotificationRecord n1 = Note(alice, bob, "mention", post);
  NotificationRecord n2 = Note(alice, bob, "favourite", post, group);
  NotificationRecord n3 = Note(alice, carol, "follow");
  NotificationRecord n4 = Note(alice, carol, "favourite", post, group);
  NotificationRecord n5 = Note(alice, carol, "reblog", post);
  NotificationRecord for_bob = Note(bob, alice, "follow");
  NotificationRecord nobody = Note(0, alice, "follow");
  ASSERT_TRUE(notifications().Insert({n1, n2, n3, n4, n5, for_bob, nobody}).ok());

  EXPECT_EQ(NotificationIds(alice), (Ids{n5.id, n4.id, n3.id, n2.id, n1.id}));
  EXPECT_EQ(NotificationIds(alice, {"favourite"}), (Ids{n4.id, n2.id}));
  EXPECT_EQ(NotificationIds(alice, {}, {"favourite", "follow"}), (Ids{n5.id, n1.id}));
  EXPECT_EQ(NotificationIds(alice, {"mention", "reblog", "follow"}, {"reblog"}),
            (Ids{n3.id, n1.id}));
  EXPECT_EQ(NotificationIds(alice, {}, {}, Page(2, n4.id)), (Ids{n3.id, n2.id}));
  EXPECT_EQ(NotificationIds(alice, {}, {}, Page(2, 0, 0, n1.id)), (Ids{n3.id, n2.id}));
  EXPECT_EQ(NotificationIds(alice, {"favourite"}, {}, Page(1, 0, n2.id)), (Ids{n4.id}));

  auto got = notifications().Get(alice, n2.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->type, "favourite");
  EXPECT_EQ(got->from_account_id, bob);
  EXPECT_EQ(got->status_id, post);
  EXPECT_EQ(got->group_key, group);
  EXPECT_EQ(got->created_at, n2.created_at);
  EXPECT_EQ(notifications().Get(alice, n3.id)->status_id, 0);
  EXPECT_EQ(notifications().Get(bob, n2.id).status().code(), Code::kNotFound);

  auto grouped = notifications().Group(alice, group);
  ASSERT_TRUE(grouped.ok());
  ASSERT_EQ(grouped->size(), 2u);
  EXPECT_EQ((*grouped)[0].id, n4.id);
  EXPECT_EQ((*grouped)[1].id, n2.id);

  EXPECT_EQ(*notifications().CountAfter(alice, n1.id, 100), 4);
  EXPECT_EQ(*notifications().CountAfter(alice, n1.id, 2), 2);
  EXPECT_EQ(*notifications().CountAfter(alice, 0, 100), 5);
  EXPECT_EQ(*notifications().CountAfter(alice, n5.id, 100), 0);

  EXPECT_EQ(notifications().Dismiss(bob, n1.id).code(), Code::kNotFound);  // not bob's
  ASSERT_TRUE(notifications().Dismiss(alice, n1.id).ok());
  EXPECT_EQ(notifications().Dismiss(alice, n1.id).code(), Code::kNotFound);
  ASSERT_TRUE(notifications().DismissGroup(alice, group).ok());
  EXPECT_EQ(NotificationIds(alice), (Ids{n5.id, n3.id}));
  EXPECT_EQ(NotificationIds(bob), (Ids{for_bob.id}));
  ASSERT_TRUE(notifications().Clear(alice).ok());
  EXPECT_TRUE(NotificationIds(alice).empty());
  EXPECT_EQ(NotificationIds(bob), (Ids{for_bob.id}));
}

// ---------------------------------------------------------------- lists and markers

TEST_P(StoreSocial, ListsAndMembership) {
  int64_t alice = NewAccount("alice"), bob = NewAccount("bob"), carol = NewAccount("carol"),
          dave = NewAccount("dave");
  ListRecord work{ids_.Next(), alice, "Work", "list", false};
  ListRecord friends{ids_.Next(), alice, "Friends", "followed", true};
  ListRecord bobs{ids_.Next(), bob, "Bob's", "none", false};
  ASSERT_TRUE(lists().Create(work).ok());
  ASSERT_TRUE(lists().Create(friends).ok());
  ASSERT_TRUE(lists().Create(bobs).ok());
  EXPECT_EQ(lists().Create(work).code(), Code::kConflict);

  auto got = lists().Get(friends.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->title, "Friends");
  EXPECT_EQ(got->account_id, alice);
  EXPECT_EQ(got->replies_policy, "followed");
  EXPECT_TRUE(got->exclusive);
  EXPECT_EQ(lists().Get(4242).status().code(), Code::kNotFound);
  auto mine = lists().OfAccount(alice);
  ASSERT_EQ(mine->size(), 2u);
  EXPECT_EQ((*mine)[0].id, work.id);
  EXPECT_EQ((*mine)[1].id, friends.id);

  work.title = "Team";
  work.replies_policy = "none";
  work.exclusive = true;
  ASSERT_TRUE(lists().Update(work).ok());
  EXPECT_EQ(lists().Get(work.id)->title, "Team");
  EXPECT_EQ(lists().Get(work.id)->replies_policy, "none");
  EXPECT_TRUE(lists().Get(work.id)->exclusive);
  EXPECT_EQ(lists().Update(ListRecord{4242, alice, "x"}).code(), Code::kNotFound);

  ASSERT_TRUE(lists().AddAccounts(work.id, {carol, dave, carol}).ok());
  ASSERT_TRUE(lists().AddAccounts(work.id, {bob}).ok());
  ASSERT_TRUE(lists().AddAccounts(friends.id, {carol}).ok());
  ASSERT_TRUE(lists().AddAccounts(bobs.id, {carol}).ok());
  EXPECT_EQ(Value(lists().Accounts(work.id)), (Ids{carol, dave, bob}));  // in the order added
  EXPECT_EQ(lists().AddAccounts(4242, {carol}).code(), Code::kNotFound);
  auto containing = lists().ContainingAccount(alice, carol);
  ASSERT_EQ(containing->size(), 2u);
  EXPECT_EQ((*containing)[0].id, work.id);
  EXPECT_EQ((*containing)[1].id, friends.id);
  EXPECT_TRUE(lists().ContainingAccount(bob, dave)->empty());
  auto with_carol = lists().ListsWithMember(carol);
  std::set<int64_t> ids;
  for (const auto& l : *with_carol) ids.insert(l.id);
  EXPECT_EQ(ids, (std::set<int64_t>{work.id, friends.id, bobs.id}));

  ASSERT_TRUE(lists().RemoveAccounts(work.id, {carol, alice}).ok());
  EXPECT_EQ(Value(lists().Accounts(work.id)), (Ids{dave, bob}));
  ASSERT_TRUE(lists().Delete(friends.id).ok());
  EXPECT_EQ(lists().Delete(friends.id).code(), Code::kNotFound);
  EXPECT_EQ(lists().Get(friends.id).status().code(), Code::kNotFound);
  EXPECT_TRUE(lists().Accounts(friends.id)->empty());
  EXPECT_EQ(lists().ListsWithMember(carol)->size(), 1u);
}

TEST_P(StoreSocial, MarkersAreVersioned) {
  int64_t alice = NewAccount("alice"), bob = NewAccount("bob");
  EXPECT_TRUE(markers().Get(alice, {"home"})->empty());
  auto first = markers().Set(alice, "home", 10, 1000);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->timeline, "home");
  EXPECT_EQ(first->last_read_id, 10);
  EXPECT_EQ(first->version, 0);
  EXPECT_EQ(first->updated_at, 1000);
  auto second = markers().Set(alice, "home", 25, 2000);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->last_read_id, 25);
  EXPECT_EQ(second->version, 1);
  EXPECT_EQ(second->updated_at, 2000);
  ASSERT_TRUE(markers().Set(alice, "notifications", 7, 3000).ok());
  ASSERT_TRUE(markers().Set(bob, "home", 99, 3000).ok());

  auto both = markers().Get(alice, {"home", "notifications"});
  ASSERT_TRUE(both.ok());
  ASSERT_EQ(both->size(), 2u);
  EXPECT_EQ((*both)[0].timeline, "home");
  EXPECT_EQ((*both)[0].last_read_id, 25);
  EXPECT_EQ((*both)[0].version, 1);
  EXPECT_EQ((*both)[1].timeline, "notifications");
  EXPECT_EQ((*both)[1].version, 0);
  EXPECT_EQ(markers().Get(alice, {"notifications"})->size(), 1u);
  EXPECT_TRUE(markers().Get(alice, {})->empty());
}

// ---------------------------------------------------------------- durability

TEST_P(StoreSocial, EverythingSurvivesReopening) {
  int64_t alice = NewAccount("alice"), bob = NewAccount("bob");
  StatusRecord s = NewStatus(alice);
  s.mention_ids = {bob};
  s.tags = {"durable"};
  NotificationRecord mention = Note(bob, alice, "mention", s.id);
  ASSERT_TRUE(statuses().Create(s, {mention}, "key").ok());
  int64_t reply = ReplyTo(bob, s.id, alice);
  ASSERT_TRUE(*statuses().Favourite(ids_.Next(), bob, s.id, {}));
  ASSERT_TRUE(*statuses().Pin(alice, s.id, 5));
  ASSERT_TRUE(*relationships().Follow(MakeFollow(bob, alice), {}));
  ASSERT_TRUE(*relationships().Mute(ids_.Next(), alice, bob, true, 0, 0));
  ASSERT_TRUE(relationships().InviteConnection(ids_.Next(), alice, bob, {}).ok());
  ListRecord list{ids_.Next(), alice, "L", "list", false};
  ASSERT_TRUE(lists().Create(list).ok());
  ASSERT_TRUE(lists().AddAccounts(list.id, {bob}).ok());
  ASSERT_TRUE(markers().Set(alice, "home", s.id, 9).ok());

  t_->Reopen();
  EXPECT_TRUE(store().CheckReady().ok());
  StatusRecord got = Load(s.id);
  EXPECT_EQ(got.mention_ids, (Ids{bob}));
  EXPECT_EQ(got.tags, (std::vector<std::string>{"durable"}));
  EXPECT_EQ(got.replies_count, 1);
  EXPECT_EQ(got.favourites_count, 1);
  EXPECT_EQ(Value(statuses().Replies(s.id)), (Ids{reply}));
  EXPECT_EQ(*statuses().FindIdempotent(alice, "key", 0), s.id);
  EXPECT_EQ(statuses().Stats(alice)->statuses_count, 1);
  EXPECT_EQ(Value(statuses().ByAuthor(alice, {.only_pinned = true}, Page(5))), (Ids{s.id}));
  EXPECT_EQ(NotificationIds(bob), (Ids{mention.id}));
  EXPECT_EQ(Value(relationships().FollowingIds(bob)), (Ids{alice}));
  EXPECT_EQ(relationships().MutingIds(alice, 0)->size(), 1u);
  EXPECT_EQ(Listed(relationships().ConnectionInvitations(bob, true, Page(5))), (Ids{alice}));
  EXPECT_EQ(Value(lists().Accounts(list.id)), (Ids{bob}));
  EXPECT_EQ((*markers().Get(alice, {"home"}))[0].last_read_id, s.id);
}

// ---------------------------------------------------------------- internals

TEST(SqliteSocialInternals, TheSameSqlMayBeBorrowedTwiceAtOnce) {
  TestStore t;  // only for its temporary folder
  sqlite::SqliteDb db(t.dir() + "/nested.db");
  db.Write([](sql::Connection& c) {
    c.Exec("CREATE TABLE n (v INTEGER); INSERT INTO n VALUES (1), (2), (3)");
  });
  int64_t pairs = 0;
  db.Read([&](sql::Connection& c) {
    std::string sql = "SELECT v FROM n ORDER BY v";  // built at run time
    auto outer = c.Prepare(sql);
    while (outer.Step()) {
      auto inner = c.Prepare(std::string("SELECT v FROM n ORDER BY v"));
      while (inner.Step()) pairs += outer.Int(0) * 10 + inner.Int(0);
    }
  });
  // (1+2+3)*10*3 + (1+2+3)*3
  EXPECT_EQ(pairs, 198);
}

TEST(SqliteSocialInternals, InListsArePaddedToAPowerOfTwo) {
  // Few statement shapes per query: 1, 2, 4, 8, … values.
  Ids three{7, 8, 9};
  sql::SqlBuilder q("SELECT 1 WHERE 7 IN ");
  q.AddInList(three);
  EXPECT_EQ(q.sql(), "SELECT 1 WHERE 7 IN (?,?,?,?)");
  std::vector<std::string> one{"a"};
  sql::SqlBuilder s("x IN ");
  s.AddInList(one);
  EXPECT_EQ(s.sql(), "x IN (?)");
  Ids five{1, 2, 3, 4, 5};
  sql::SqlBuilder f;
  f.AddInList(five);
  EXPECT_EQ(f.sql(), "(?,?,?,?,?,?,?,?)");
}

// Communities ----------------------------------------------------------------

class StoreSocialCommunities : public StoreSocial {
 protected:
  CommunityStore& communities() { return store().communities(); }

  int64_t NewCommunity(const std::string& handle, CommunityType type, int64_t owner) {
    CommunityRecord c;
    c.id = ids_.Next();
    c.handle = handle;
    c.name = "The " + handle;
    c.description = "About " + handle;
    c.tags = {"data", "science"};
    c.type = type;
    c.created_by = owner;
    c.created_at = c.updated_at = NowMillis();
    CommunityMemberRecord m;
    m.id = ids_.Next();
    m.community_id = c.id;
    m.account_id = owner;
    m.role = kCommunityOwner;
    m.created_at = c.created_at;
    Status st = communities().Create(c, m);
    EXPECT_TRUE(st.ok()) << st.ToString();
    return c.id;
  }
  void Put(int64_t community, int64_t account, MembershipState state,
           const std::string& role = kCommunityMember) {
    CommunityMemberRecord m;
    auto existing = communities().Membership(community, account);
    m.id = existing.ok() ? existing->id : ids_.Next();
    m.community_id = community;
    m.account_id = account;
    m.state = state;
    m.role = role;
    m.created_at = NowMillis();
    EXPECT_TRUE(communities().PutMembership(m, {}).ok());
  }
  int64_t PostIn(int64_t author, int64_t community, int64_t parent = 0, int64_t parent_author = 0) {
    StatusRecord s = NewStatus(author);
    s.community_id = community;
    if (parent) {
      s.in_reply_to_id = parent;
      s.in_reply_to_account_id = parent_author;
    }
    return Post(s);
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, StoreSocialCommunities, ::testing::ValuesIn(TestBackends()),
                         TestBackendParamName());

TEST_P(StoreSocialCommunities, CreateGetSearchAndUniqueHandles) {
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

TEST_P(StoreSocialCommunities, MembershipRowsAndCounts) {
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

TEST_P(StoreSocialCommunities, StreamsOfCommunities) {
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

// Blog entries and questions -------------------------------------------------

TEST_P(StoreSocialCommunities, KindTitleAndAcceptedAnswerRoundTrip) {
  int64_t alice = NewAccount("alice"), bob = NewAccount("bob");
  StatusRecord q = NewStatus(alice);
  q.kind = StatusKind::kQuestion;
  q.title = "How do we deploy?";
  Post(q);
  int64_t answer = ReplyTo(bob, q.id, alice);
  StatusRecord got = Load(q.id);
  EXPECT_EQ(got.kind, StatusKind::kQuestion);
  EXPECT_EQ(got.title, "How do we deploy?");
  EXPECT_EQ(got.accepted_answer_id, 0);
  EXPECT_EQ(Load(answer).kind, StatusKind::kStatus);

  auto before =
      statuses().SetAcceptedAnswer(q.id, answer, Note(bob, alice, "answer_accepted", answer));
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(*before, 0);
  EXPECT_EQ(Load(q.id).accepted_answer_id, answer);
  EXPECT_EQ(NotificationIds(bob, {"answer_accepted"}).size(), 1u);
  // Accepting the same answer again notifies no one twice.
  EXPECT_EQ(
      *statuses().SetAcceptedAnswer(q.id, answer, Note(bob, alice, "answer_accepted", answer)),
      answer);
  EXPECT_EQ(NotificationIds(bob, {"answer_accepted"}).size(), 1u);
  // Clearing it takes the notification back.
  EXPECT_EQ(*statuses().SetAcceptedAnswer(q.id, 0, {}), answer);
  EXPECT_EQ(Load(q.id).accepted_answer_id, 0);
  EXPECT_TRUE(NotificationIds(bob, {"answer_accepted"}).empty());
  // Deleting the accepted answer clears it.
  ASSERT_TRUE(statuses().SetAcceptedAnswer(q.id, answer, {}).ok());
  ASSERT_TRUE(statuses().Delete(answer).ok());
  EXPECT_EQ(Load(q.id).accepted_answer_id, 0);
  EXPECT_EQ(statuses().SetAcceptedAnswer(ids_.Next(), 0, {}).status().code(), Code::kNotFound);
}

TEST_P(StoreSocialCommunities, ByKindFiltersByAuthorCommunityTagAndAnswer) {
  int64_t alice = NewAccount("alice"), bob = NewAccount("bob");
  int64_t guild = NewCommunity("guild", CommunityType::kRestricted, alice);
  auto make = [&](int64_t author, StatusKind kind, int64_t community,
                  std::vector<std::string> tags) {
    StatusRecord s = NewStatus(author);
    s.kind = kind;
    s.title = "title " + std::to_string(s.id);
    s.community_id = community;
    s.tags = std::move(tags);
    return Post(s);
  };
  int64_t b1 = make(alice, StatusKind::kBlog, 0, {"Rust"});
  int64_t b2 = make(bob, StatusKind::kBlog, guild, {});
  int64_t q1 = make(alice, StatusKind::kQuestion, 0, {"rust"});
  int64_t q2 = make(bob, StatusKind::kQuestion, guild, {});
  PostBy(alice);  // a status update is neither
  ReplyTo(bob, q1, alice);
  int64_t answer = ReplyTo(bob, q2, bob);
  ASSERT_TRUE(statuses().SetAcceptedAnswer(q2, answer, {}).ok());

  auto by = [&](StatusStore::KindFilter f) { return Value(statuses().ByKind(f, Page(10))); };
  StatusStore::KindFilter blogs;
  EXPECT_EQ(by(blogs), (Ids{b2, b1}));
  StatusStore::KindFilter mine = blogs;
  mine.account_id = alice;
  EXPECT_EQ(by(mine), (Ids{b1}));
  StatusStore::KindFilter in_guild = blogs;
  in_guild.community_id = guild;
  EXPECT_EQ(by(in_guild), (Ids{b2}));
  StatusStore::KindFilter tagged = blogs;
  tagged.tagged = "rust";
  EXPECT_EQ(by(tagged), (Ids{b1}));

  StatusStore::KindFilter questions;
  questions.kind = StatusKind::kQuestion;
  EXPECT_EQ(by(questions), (Ids{q2, q1}));
  StatusStore::KindFilter open = questions;
  open.unanswered = true;
  EXPECT_EQ(by(open), (Ids{q1}));
  open.community_id = guild;
  EXPECT_EQ(by(open), (Ids{}));
  StatusStore::KindFilter paged = questions;
  EXPECT_EQ(Value(statuses().ByKind(paged, Page(1))), (Ids{q2}));
  EXPECT_EQ(Value(statuses().ByKind(paged, Page(10, q2))), (Ids{q1}));
}

TEST_P(StoreSocialCommunities, UpdateKeepsTheTitleInHistory) {
  int64_t alice = NewAccount("alice");
  StatusRecord s = NewStatus(alice);
  s.kind = StatusKind::kBlog;
  s.title = "First title";
  Post(s);
  StatusEditRecord previous;
  previous.id = ids_.Next();
  previous.status_id = s.id;
  previous.title = s.title;
  previous.text = s.text;
  previous.content_html = s.content_html;
  previous.created_at = s.created_at;
  StatusRecord next = s;
  next.title = "Second title";
  next.text = "new body";
  next.edited_at = s.created_at + 5;
  ASSERT_TRUE(statuses().Update(next, previous, {}).ok());
  EXPECT_EQ(Load(s.id).title, "Second title");
  EXPECT_EQ(Load(s.id).kind, StatusKind::kBlog);
  auto history = statuses().History(s.id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].title, "First title");
}

}  // namespace
}  // namespace atrium
