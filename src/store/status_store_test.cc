// The StatusStore contract, on every backend (see store/store_contract_test_fixture.h):
// posts, their mentions, tags, counters and history, favourites, pins, streams,
// idempotency keys, blog entries and questions.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "store/store_contract_test_fixture.h"

namespace atrium {
namespace {

class StatusStoreContract : public StoreContract {};

INSTANTIATE_TEST_SUITE_P(Backends, StatusStoreContract, ::testing::ValuesIn(TestBackends()),
                         TestBackendParamName());

TEST_P(StatusStoreContract, CreateAndGetKeepMentionsAndTagsInOrder) {
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

TEST_P(StatusStoreContract, GetManyAndRecentByAuthorsHandleLongIdLists) {
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

  // The same posts' ids from the index alone, across the chunks, newest first.
  EXPECT_EQ(*statuses().RecentIdsByAuthors(authors, 0, 3), (Ids{b2, a2, b1}));
  EXPECT_EQ(*statuses().RecentIdsByAuthors(authors, 0, 10), (Ids{b2, a2, b1, a1.id}));
  EXPECT_EQ(*statuses().RecentIdsByAuthors(authors, b1, 10), (Ids{a1.id}));
  EXPECT_EQ(*statuses().RecentIdsByAuthors({carol}, 0, 10), Ids{});
  EXPECT_TRUE(statuses().RecentIdsByAuthors({}, 0, 10)->empty());

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

TEST_P(StatusStoreContract, GetRoutingReadsWhatDecidesWhoSeesAPostAndNothingElse) {
  int64_t alice = NewAccount("alice"), bob = NewAccount("bob"), carol = NewAccount("carol");
  StatusRecord post = NewStatus(alice, Visibility::kPrivate);
  post.mention_ids = {carol, bob};
  post.tags = {"zeta", "alpha"};
  post.spoiler_text = "cw";
  post.community_id = 77;
  Post(post);
  StatusRecord open = NewStatus(bob, Visibility::kPublic);
  open.mention_ids = {carol};
  open.tags = {"launch", "news"};
  Post(open);
  StatusRecord direct = NewStatus(carol, Visibility::kDirect);
  direct.mention_ids = {alice};
  direct.tags = {"secret"};
  Post(direct);
  int64_t reply = ReplyTo(bob, post.id, alice);
  int64_t repost = Repost(carol, open.id);

  // Across more than one IN list's worth of ids, repeats and missing ones.
  Ids wanted;
  for (int64_t i = 1; i <= 1100; ++i) wanted.push_back(repost + i);
  for (int64_t id : {reply, post.id, repost, open.id, direct.id, post.id}) wanted.push_back(id);
  for (bool with_tags : {true, false}) {
    auto got = statuses().GetRouting(wanted, with_tags);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    std::map<int64_t, StatusRecord> by_id;
    for (const auto& r : *got) by_id[r.id] = r;
    ASSERT_EQ(by_id.size(), 5u);
    ASSERT_EQ(got->size(), 5u);
    const StatusRecord& p = by_id[post.id];
    EXPECT_EQ(p.account_id, alice);
    EXPECT_EQ(p.visibility, Visibility::kPrivate);
    EXPECT_EQ(p.community_id, 77);
    // The mentions of followers-only and direct posts, in order; a public
    // post's do not decide who sees it.
    EXPECT_EQ(p.mention_ids, (Ids{carol, bob}));
    EXPECT_EQ(by_id[direct.id].mention_ids, (Ids{alice}));
    EXPECT_EQ(by_id[open.id].mention_ids, Ids{});
    // Tags, when asked for, of public posts only (those reach tag followers).
    EXPECT_EQ(by_id[open.id].tags, with_tags ? (std::vector<std::string>{"launch", "news"})
                                             : std::vector<std::string>{});
    EXPECT_EQ(p.tags, std::vector<std::string>{});
    EXPECT_EQ(by_id[direct.id].tags, std::vector<std::string>{});
    // Nothing else is read: no text, no counters.
    EXPECT_EQ(p.text, "");
    EXPECT_EQ(p.spoiler_text, "");
    EXPECT_EQ(p.created_at, 0);
    const StatusRecord& r = by_id[reply];
    EXPECT_EQ(r.account_id, bob);
    EXPECT_EQ(r.in_reply_to_id, post.id);
    EXPECT_EQ(r.in_reply_to_account_id, alice);
    EXPECT_EQ(r.reblog_of_id, 0);
    EXPECT_EQ(by_id[repost].reblog_of_id, open.id);
    EXPECT_EQ(by_id[repost].account_id, carol);
    EXPECT_EQ(by_id[repost].tags, std::vector<std::string>{});
  }
  EXPECT_TRUE(statuses().GetRouting({}, true)->empty());
}

TEST_P(StatusStoreContract, ReplyBumpsParentRepliesCountAndDeleteRestoresIt) {
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

TEST_P(StatusStoreContract, DeletingAPostDeletesItsRepostsAndWhatRefersToThem) {
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

TEST_P(StatusStoreContract, FavouriteCountsOnceAndUnfavouriteRemovesItsNotification) {
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

TEST_P(StatusStoreContract, ViewerStateFlags) {
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

TEST_P(StatusStoreContract, ByAuthorFilters) {
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

TEST_P(StatusStoreContract, PublicTimelineHasOnlyPublicOriginalsOutsideRestrictedCommunities) {
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

TEST_P(StatusStoreContract, TagTimelineAnyAllNone) {
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

TEST_P(StatusStoreContract, SearchTagsByPrefixOnlyWhereAPublicPostCarriesThem) {
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

TEST_P(StatusStoreContract, PaginationMaxIdSinceIdMinId) {
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

TEST_P(StatusStoreContract, IdempotencyKeys) {
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

TEST_P(StatusStoreContract, UpdateKeepsHistoryAndReplacesMentionsAndTags) {
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

TEST_P(StatusStoreContract, RecentMentioningIsNewestFirstBelowMaxId) {
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

TEST_P(StatusStoreContract, KindTitleAndAcceptedAnswerRoundTrip) {
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

TEST_P(StatusStoreContract, ByKindFiltersByAuthorCommunityTagAndAnswer) {
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
  open.answer = StatusStore::AnswerState::kOpen;
  EXPECT_EQ(by(open), (Ids{q1}));
  open.community_id = guild;
  EXPECT_EQ(by(open), (Ids{}));
  StatusStore::KindFilter answered = questions;
  answered.answer = StatusStore::AnswerState::kAnswered;
  EXPECT_EQ(by(answered), (Ids{q2}));
  // q1 has a reply but no accepted answer: open, not unanswered
  int64_t q3 = make(bob, StatusKind::kQuestion, 0, {"Kafka"});
  StatusStore::KindFilter unanswered = questions;
  unanswered.answer = StatusStore::AnswerState::kUnanswered;
  EXPECT_EQ(by(unanswered), (Ids{q3}));
  open.community_id = 0;
  EXPECT_EQ(by(open), (Ids{q3, q1}));

  // Questions tagged with one of a person's expertise tags, in any case.
  ASSERT_TRUE(directory().SetExpertise(alice, {"RUST"}).ok());
  StatusStore::KindFilter expert = questions;
  expert.expertise_of = alice;
  EXPECT_EQ(by(expert), (Ids{q1}));
  ASSERT_TRUE(directory().SetExpertise(alice, {"kafka", "rust"}).ok());
  EXPECT_EQ(by(expert), (Ids{q3, q1}));
  expert.answer = StatusStore::AnswerState::kUnanswered;
  EXPECT_EQ(by(expert), (Ids{q3}));
  expert.expertise_of = bob;  // no expertise: nothing
  EXPECT_EQ(by(expert), (Ids{}));
  StatusStore::KindFilter paged = questions;
  EXPECT_EQ(Value(statuses().ByKind(paged, Page(1))), (Ids{q3}));
  EXPECT_EQ(Value(statuses().ByKind(paged, Page(10, q2))), (Ids{q1}));
}

TEST_P(StatusStoreContract, UpdateKeepsTheTitleInHistory) {
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

TEST_P(StatusStoreContract, EverythingSurvivesReopening) {
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

}  // namespace
}  // namespace atrium
