// The SearchStore contract, on every backend (see store/store_contract_test_fixture.h):
// words, phrases, exclusions, prefixes, diacritics and CJK found alike; the
// index written with the post's create, edit and delete; the reader's scope
// applied inside the query (counts and facets included); the reindex; people,
// communities and typeahead names, written with the account, the expertise
// and the community, folded alike on both backends.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "store/store_contract_test_fixture.h"

namespace atrium {
namespace {

class SearchStoreContract : public StoreContract {
 protected:
  // A public post by `author` with `text` (and `title`).
  int64_t Write(int64_t author, const std::string& text, Visibility v = Visibility::kPublic,
                int64_t community = 0, const std::string& title = "") {
    StatusRecord s = NewStatus(author, v);
    s.text = text;
    s.title = title;
    if (!title.empty()) s.kind = StatusKind::kBlog;
    s.community_id = community;
    return Post(s);
  }
  // The ids `query` (parsed) finds for `scope`, sorted.
  Ids Find(const std::string& query, const SearchScope& scope, bool recent = false) {
    auto parsed = ParseSearch(query);
    EXPECT_TRUE(parsed.ok()) << query;
    PostSearch q;
    q.terms = parsed->terms;
    q.scope = scope;
    q.recent = recent;
    q.limit = 100;
    auto page = store().search().SearchPosts(q);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    Ids ids = page.ok() ? page->ids : Ids{};
    if (!recent) std::sort(ids.begin(), ids.end());
    return ids;
  }
  SearchScope Everyone(int64_t viewer) { return SearchScope{.viewer_id = viewer}; }
  static Ids Sorted(Ids ids) {
    std::sort(ids.begin(), ids.end());
    return ids;
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, SearchStoreContract, ::testing::ValuesIn(TestBackends()),
                         TestBackendParamName());

TEST_P(SearchStoreContract, WordsPhrasesExclusionsPrefixesDiacriticsAndCjk) {
  int64_t alice = NewAccount("alice"), bob = NewAccount("bob");
  int64_t a = Write(alice, "The quarterly roadmap is ready");
  int64_t b = Write(alice, "Roadmap quarterly: another order");
  int64_t c = Write(alice, "Roadmaps everywhere");
  int64_t cafe = Write(alice, "Rendez-vous au Café de la Gare");
  int64_t jp = Write(alice, "明日の会議は東京タワーで");
  int64_t quote = Write(alice, "It's a \"quoted\" 'word' with back\\slash");
  const SearchScope s = Everyone(bob);
  EXPECT_EQ(Find("roadmap", s), Sorted({a, b}));
  EXPECT_EQ(Find("ROADMAP quarterly", s), Sorted({a, b}));
  EXPECT_EQ(Find("\"quarterly roadmap\"", s), (Ids{a}));
  EXPECT_EQ(Find("roadmap -order", s), (Ids{a}));
  EXPECT_EQ(Find("roadmap*", s), Sorted({a, b, c}));
  EXPECT_EQ(Find("cafe", s), (Ids{cafe}));
  EXPECT_EQ(Find("CAFÉ gare", s), (Ids{cafe}));
  EXPECT_EQ(Find("東京", s), (Ids{jp}));
  EXPECT_EQ(Find("会議", s), (Ids{jp}));
  EXPECT_EQ(Find("京東", s), (Ids{}));
  // Quotes and backslashes a member types are words, never syntax.
  EXPECT_EQ(Find("quoted'", s), (Ids{quote}));
  EXPECT_EQ(Find("'word' back\\slash", s), (Ids{quote}));
  EXPECT_EQ(Find("\"AND OR NOT\"", s), (Ids{}));
  EXPECT_EQ(Find("NEAR(roadmap", s), (Ids{}));
}

TEST_P(SearchStoreContract, TheIndexFollowsEditsAndDeletesAndSkipsReposts) {
  int64_t alice = NewAccount("alice"), bob = NewAccount("bob");
  StatusRecord s = NewStatus(alice);
  s.text = "the quokka plan";
  Post(s);
  int64_t repost = Repost(bob, s.id);
  EXPECT_EQ(Find("quokka", Everyone(bob)), (Ids{s.id}));
  StatusRecord edited = s;
  edited.text = "the wombat plan";
  edited.edited_at = s.created_at + 1;
  StatusEditRecord before;
  before.status_id = s.id;
  before.text = s.text;
  before.created_at = s.created_at;
  ASSERT_TRUE(statuses().Update(edited, before, {}).ok());
  EXPECT_EQ(Find("quokka", Everyone(bob)), (Ids{}));
  EXPECT_EQ(Find("wombat", Everyone(bob)), (Ids{s.id}));
  ASSERT_TRUE(statuses().Delete(s.id).ok());
  EXPECT_EQ(Find("wombat", Everyone(bob)), (Ids{}));
  (void)repost;
}

TEST_P(SearchStoreContract, TheScopeDecidesInsideTheQueryWithHonestCounts) {
  int64_t alice = NewAccount("alice"), bob = NewAccount("bob"), carol = NewAccount("carol");
  int64_t open = NewCommunity("open", CommunityType::kPublic, alice);
  int64_t closed = NewCommunity("closed", CommunityType::kRestricted, alice);
  int64_t pub = Write(alice, "ocelot public");
  int64_t priv = Write(alice, "ocelot private", Visibility::kPrivate);
  StatusRecord d = NewStatus(alice, Visibility::kDirect);
  d.text = "ocelot direct to carol";
  d.mention_ids = {carol};
  int64_t direct = Post(d);
  int64_t in_open = Write(alice, "ocelot open", Visibility::kPublic, open);
  int64_t in_closed = Write(alice, "ocelot closed", Visibility::kPublic, closed);
  int64_t bobs = Write(bob, "ocelot by bob");

  SearchScope stranger{.viewer_id = carol, .communities = {open}};
  EXPECT_EQ(Find("ocelot", stranger), Sorted({pub, direct, in_open, bobs}));
  SearchScope follower{.viewer_id = bob, .communities = {open}, .following = {alice}};
  EXPECT_EQ(Find("ocelot", follower), Sorted({pub, priv, in_open, bobs}));
  SearchScope member{.viewer_id = bob, .communities = Sorted({open, closed})};
  EXPECT_EQ(Find("ocelot", member), Sorted({pub, in_open, in_closed, bobs}));
  SearchScope author{.viewer_id = alice, .communities = Sorted({open, closed})};
  EXPECT_EQ(Find("ocelot", author), Sorted({pub, priv, direct, in_open, in_closed, bobs}));
  SearchScope blocked{.viewer_id = carol, .communities = {open}, .blocked = {alice}};
  EXPECT_EQ(Find("ocelot", blocked), (Ids{bobs}));

  // Counts and facets see only the scope: the restricted community's post
  // is in no count for the non-member.
  PostSearch q;
  q.terms = ParseSearch("ocelot")->terms;
  q.scope = stranger;
  q.limit = 1;
  q.count = true;
  auto page = store().search().SearchPosts(q);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->ids.size(), 1u);
  EXPECT_EQ(page->total, 4);
  for (const SearchFacet& f : page->communities) EXPECT_NE(f.key, closed);
  ASSERT_FALSE(page->authors.empty());
  EXPECT_EQ(page->authors[0].key, alice);
  EXPECT_EQ(page->authors[0].count, 3);

  // A deactivated author's posts leave every search.
  ASSERT_TRUE(accounts().Deactivate(bob, NowMillis()).ok());
  EXPECT_EQ(Find("ocelot", stranger), Sorted({pub, direct, in_open}));
}

TEST_P(SearchStoreContract, RecentOrderAndPagesWithoutGapsOrRepeats) {
  int64_t alice = NewAccount("alice"), bob = NewAccount("bob");
  Ids written;
  for (int i = 0; i < 12; ++i) {
    std::string text = "pangolin";
    for (int k = 0; k < i % 3; ++k) text += " pangolin";
    written.push_back(Write(alice, text));
  }
  Ids newest_first(written.rbegin(), written.rend());
  EXPECT_EQ(Find("pangolin", Everyone(bob), /*recent=*/true), newest_first);
  for (bool recent : {false, true}) {
    Ids seen;
    for (int offset = 0; offset < 12; offset += 5) {
      PostSearch q;
      q.terms = ParseSearch("pangolin")->terms;
      q.scope = Everyone(bob);
      q.recent = recent;
      q.limit = 5;
      q.offset = offset;
      auto page = store().search().SearchPosts(q);
      ASSERT_TRUE(page.ok());
      seen.insert(seen.end(), page->ids.begin(), page->ids.end());
    }
    EXPECT_EQ(Sorted(seen), Sorted(written)) << "recent " << recent;
  }
}

// By relevance, the newest `candidates` matches the reader may see are
// ranked and the older ones follow, newest first: a strong old match comes
// first while it is among the candidates, and pages cross the boundary
// without a gap or a repeat.
TEST_P(SearchStoreContract, RelevanceRanksTheNewestCandidatesThenTheOlderNewestFirst) {
  int64_t alice = NewAccount("alice"), bob = NewAccount("bob");
  int64_t closed = NewCommunity("closed", CommunityType::kRestricted, alice);
  const std::string filler = " about the weekly plans of the team and the other things we do";
  int64_t strong = Write(alice, "wombat wombat wombat", Visibility::kPublic, 0, "Wombat");
  Ids weak;
  for (int i = 0; i < 4; ++i) weak.push_back(Write(alice, "one wombat" + filler));
  // Newer than all, but not the reader's: it takes no candidate's place.
  Write(alice, "wombat wombat in the closed community", Visibility::kPublic, closed);
  auto ranked = [&](int candidates, int limit, int offset) {
    PostSearch q;
    q.terms = ParseSearch("wombat")->terms;
    q.scope = Everyone(bob);
    q.candidates = candidates;
    q.limit = limit;
    q.offset = offset;
    auto page = store().search().SearchPosts(q);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    return page.ok() ? page->ids : Ids{};
  };
  EXPECT_EQ(ranked(5, 10, 0), (Ids{strong, weak[3], weak[2], weak[1], weak[0]}));
  EXPECT_EQ(ranked(kSearchCandidates, 10, 0), (Ids{strong, weak[3], weak[2], weak[1], weak[0]}));
  // The strong match is older than the three newest: it follows them.
  const Ids order{weak[3], weak[2], weak[1], weak[0], strong};
  EXPECT_EQ(ranked(3, 10, 0), order);
  for (int limit : {1, 2, 3, 4}) {
    Ids seen;
    for (int offset = 0; offset < 6; offset += limit) {
      Ids page = ranked(3, limit, offset);
      seen.insert(seen.end(), page.begin(), page.end());
    }
    EXPECT_EQ(seen, order) << "limit " << limit;
  }
  EXPECT_EQ(ranked(3, 2, 4), (Ids{strong}));
  EXPECT_EQ(ranked(3, 2, 5), (Ids{}));
}

// Counts and facets read the newest count_cap matches the reader may see,
// and say when there are more.
TEST_P(SearchStoreContract, CountsStopAtTheCapAndSaySo) {
  int64_t alice = NewAccount("alice"), bob = NewAccount("bob"), carol = NewAccount("carol");
  int64_t closed = NewCommunity("closed", CommunityType::kRestricted, alice);
  Write(alice, "quokka by alice");
  Write(bob, "quokka by bob");
  Write(alice, "quokka again", Visibility::kPublic, 0, "Quokka");
  Write(alice, "quokka in the closed community", Visibility::kPublic, closed);
  auto counted = [&](int cap, bool recent) {
    PostSearch q;
    q.terms = ParseSearch("quokka")->terms;
    q.scope = Everyone(carol);
    q.recent = recent;
    q.count = true;
    q.count_cap = cap;
    q.limit = 1;
    auto page = store().search().SearchPosts(q);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    return page.ok() ? *page : PostSearchPage{};
  };
  for (bool recent : {false, true}) {
    for (int cap : {3, 4, kSearchCountCap}) {
      PostSearchPage page = counted(cap, recent);
      EXPECT_EQ(page.total, 3) << cap;
      EXPECT_FALSE(page.capped) << cap;
    }
    PostSearchPage page = counted(2, recent);
    EXPECT_EQ(page.total, 2);
    EXPECT_TRUE(page.capped);
    // The newest two: alice's blog entry and bob's post.
    int64_t sum = 0;
    for (const SearchFacet& f : page.kinds) sum += f.count;
    EXPECT_EQ(sum, 2);
    ASSERT_EQ(page.authors.size(), 2u);
    EXPECT_EQ(Sorted({page.authors[0].key, page.authors[1].key}), Sorted({alice, bob}));
    EXPECT_EQ(page.authors[0].count, 1);
    EXPECT_EQ(page.kinds.size(), 2u);  // a status and a blog entry
  }
}

TEST_P(SearchStoreContract, ReindexRebuildsTheIndexAndRecordsItsVersion) {
  int64_t alice = NewAccount("alice");
  int64_t a = Write(alice, "the capybara meeting");
  int64_t b = Write(alice, "another capybara");
  ExecDirectly(GetParam() == TestBackend::kPostgres ? "DELETE FROM search_posts"
                                                    : "DELETE FROM search_posts");
  EXPECT_EQ(Find("capybara", Everyone(alice)), (Ids{}));
  EXPECT_EQ(*store().search().IndexVersion(), 0);
  int64_t after = 0;
  for (;;) {
    auto last = store().search().ReindexPosts(after, 1);
    ASSERT_TRUE(last.ok());
    if (*last == 0) break;
    after = *last;
  }
  ASSERT_TRUE(store().search().SetIndexVersion(kSearchIndexVersion).ok());
  EXPECT_EQ(*store().search().IndexVersion(), kSearchIndexVersion);
  EXPECT_EQ(Find("capybara", Everyone(alice)), Sorted({a, b}));
  EXPECT_EQ(*store().search().CountPosts(), 2);
}

TEST_P(SearchStoreContract, MergingThePostIndexLeavesOnePieceThatFindsTheSame) {
  int64_t alice = NewAccount("alice");
  std::vector<int64_t> written;
  // Each post its own transaction: FTS5 writes each as a piece of its own
  // and merges them only now and then.
  for (int i = 0; i < 30; ++i)
    written.push_back(Write(alice, "capybara number " + std::to_string(i)));
  std::vector<int64_t> found = Find("capybara", Everyone(alice));
  ASSERT_EQ(Sorted(found), Sorted(written));
  if (GetParam() == TestBackend::kPostgres) {
    auto merged = store().search().MergePostIndex(100);
    ASSERT_TRUE(merged.ok());
    EXPECT_FALSE(*merged);  // a GIN index has nothing to merge
    EXPECT_EQ(Find("capybara", Everyone(alice)), found);
    return;
  }
  // The pieces FTS5's index holds (each has rows in its _idx table).
  auto pieces = [&] {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open((t_->dir() + "/atrium.db").c_str(), &db), SQLITE_OK);
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, "SELECT count(DISTINCT segid) FROM search_posts_idx", -1, &s, nullptr);
    const int n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : -1;
    sqlite3_finalize(s);
    sqlite3_close(db);
    return n;
  };
  ASSERT_GT(pieces(), 1);
  int merges = 0;
  for (;;) {
    auto merged = store().search().MergePostIndex(1);
    ASSERT_TRUE(merged.ok()) << merged.status().ToString();
    if (!*merged) break;
    ASSERT_LT(++merges, 1000);
  }
  EXPECT_GE(merges, 1);
  EXPECT_EQ(pieces(), 1);
  EXPECT_FALSE(*store().search().MergePostIndex(1));
  EXPECT_EQ(Find("capybara", Everyone(alice)), found);
  // A post written afterwards is found beside them.
  int64_t later = Write(alice, "one more capybara");
  EXPECT_EQ(Find("capybara", Everyone(alice)).size(), written.size() + 1);
  EXPECT_EQ(Find("one capybara", Everyone(alice)), (Ids{later}));
}

// The people a PeopleSearch for `text` (each word a prefix) finds, in order.
std::vector<int64_t> FindPeople(Store& store, const std::string& text, const SearchScope& scope,
                                bool experts = false, std::vector<std::string> endorsed = {}) {
  PeopleSearch q;
  q.terms.push_back({.text = text, .prefix = !experts});
  q.scope = scope;
  q.experts = experts;
  q.endorsed_tags = std::move(endorsed);
  auto found = store.search().SearchPeople(q);
  EXPECT_TRUE(found.ok()) << found.status().ToString();
  return found.ok() ? *found : std::vector<int64_t>{};
}

TEST_P(SearchStoreContract, PeopleByEveryFieldFoldedAndScoped) {
  int64_t viewer = NewAccount("viewer");
  int64_t alma = NewAccount("alma", "Alma Østergård");
  int64_t bjorn = NewAccount("bjorn", "Bjørn Straße");
  Account a = *accounts().Get(alma);
  a.title = "Staff Geologist";
  a.department = "Earth Sciences";
  a.location = "Reykjavík";
  a.note = "Basalt columns";
  ASSERT_TRUE(accounts().Update(a).ok());
  ASSERT_TRUE(directory().SetExpertise(bjorn, {"volcanology"}).ok());
  SearchScope scope{.viewer_id = viewer};
  for (const char* q : {"geolog", "earth", "reykjavik", "basalt", "ostergard", "Østergård"})
    EXPECT_EQ(FindPeople(store(), q, scope), (Ids{alma})) << q;
  for (const char* q : {"volcano", "strasse", "straße", "bjorn"})
    EXPECT_EQ(FindPeople(store(), q, scope), (Ids{bjorn})) << q;
  // Blocked either way, or deactivated: never found.
  SearchScope blocked = scope;
  blocked.blocked = {alma};
  EXPECT_EQ(FindPeople(store(), "basalt", blocked), (Ids{}));
  a = *accounts().Get(alma);
  a.active = false;
  ASSERT_TRUE(accounts().Update(a).ok());
  EXPECT_EQ(FindPeople(store(), "basalt", scope), (Ids{}));
  // Expertise changes leave the index at once.
  ASSERT_TRUE(directory().SetExpertise(bjorn, {}).ok());
  EXPECT_EQ(FindPeople(store(), "volcano", scope), (Ids{}));
}

TEST_P(SearchStoreContract, ExpertsByEndorsementsThenRelevance) {
  int64_t viewer = NewAccount("viewer");
  int64_t a = NewAccount("ann"), b = NewAccount("ben"), c = NewAccount("cat");
  for (int64_t id : {a, b, c}) ASSERT_TRUE(directory().SetExpertise(id, {"rust", "go"}).ok());
  int64_t e1 = NewAccount("e1"), e2 = NewAccount("e2");
  ASSERT_TRUE(directory().Endorse(e1, c, "rust", NowMillis()).ok());
  ASSERT_TRUE(directory().Endorse(e2, c, "rust", NowMillis()).ok());
  ASSERT_TRUE(directory().Endorse(e1, a, "rust", NowMillis()).ok());
  ASSERT_TRUE(directory().Endorse(e2, b, "go", NowMillis()).ok());  // another tag: not counted
  SearchScope scope{.viewer_id = viewer};
  Ids found = FindPeople(store(), "rust", scope, /*experts=*/true, {"rust"});
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0], c);
  EXPECT_EQ(found[1], a);
  EXPECT_EQ(found[2], b);
}

TEST_P(SearchStoreContract, CommunitiesOnlyThoseTheReaderMayKnowOf) {
  int64_t owner = NewAccount("owner"), viewer = NewAccount("viewer"), invited = NewAccount("inv");
  int64_t open = NewCommunity("glaciers", CommunityType::kPublic, owner);
  int64_t listed = NewCommunity("glacierclub", CommunityType::kRestricted, owner);
  int64_t secret = NewCommunity("glacierx", CommunityType::kRestricted, owner);
  CommunityRecord r = *communities().Get(secret);
  r.listed = false;
  ASSERT_TRUE(communities().Update(r).ok());
  Put(secret, invited, MembershipState::kInvited);
  auto find = [&](int64_t reader, const std::string& text) {
    CommunitySearch q;
    q.terms = {{.text = text, .prefix = true}};
    q.scope = SearchScope{.viewer_id = reader};
    auto found = store().search().SearchCommunities(q);
    EXPECT_TRUE(found.ok()) << found.status().ToString();
    Ids ids = found.ok() ? *found : Ids{};
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  EXPECT_EQ(find(viewer, "glacier"), Sorted({open, listed}));
  EXPECT_EQ(find(viewer, "science"), Sorted({open, listed}));
  EXPECT_EQ(find(owner, "glacier"), Sorted({open, listed, secret}));
  EXPECT_EQ(find(invited, "glacier"), Sorted({open, listed, secret}));
  // The typeahead under the same rule, by any three letters of a name.
  NameSearch names{.text = "acierx", .scope = SearchScope{.viewer_id = viewer}};
  EXPECT_EQ(store().search().SearchNames(names)->communities, (Ids{}));
  names.scope.viewer_id = owner;
  EXPECT_EQ(store().search().SearchNames(names)->communities, (Ids{secret}));
  // Renamed and deleted: the index follows.
  r = *communities().Get(open);
  r.name = "Serac Patrol";
  ASSERT_TRUE(communities().Update(r).ok());
  EXPECT_EQ(find(viewer, "serac"), (Ids{open}));
  ASSERT_TRUE(communities().Delete(listed).ok());
  EXPECT_EQ(find(viewer, "glacier"), (Ids{open}));
}

TEST_P(SearchStoreContract, TypeaheadNamesByTrigramOrWordStart) {
  int64_t viewer = NewAccount("viewer");
  int64_t dario = NewAccount("dario", "Dario Quillon");
  int64_t alma = NewAccount("alma", "Alma Østergård");
  SearchScope scope{.viewer_id = viewer};
  auto people = [&](const std::string& text) {
    NameSearch q{.text = text, .scope = scope};
    auto found = store().search().SearchNames(q);
    EXPECT_TRUE(found.ok()) << found.status().ToString();
    return found.ok() ? found->people : Ids{};
  };
  EXPECT_EQ(people("uillo"), (Ids{dario}));
  EXPECT_EQ(people("QUILL"), (Ids{dario}));
  EXPECT_EQ(people("sterg"), (Ids{alma}));
  EXPECT_EQ(people("stérg"), (Ids{alma}));
  EXPECT_EQ(people("qu"), (Ids{dario}));
  EXPECT_EQ(people("ui"), (Ids{}));  // two letters: the start of a word only
  EXPECT_EQ(people("%"), (Ids{}));
  // Hashtags: only those a public post carries.
  StatusRecord s = NewStatus(dario);
  s.text = "#quillwork";
  s.tags = {"quillwork"};
  Post(s);
  StatusRecord p = NewStatus(dario, Visibility::kPrivate);
  p.text = "#quillsecret";
  p.tags = {"quillsecret"};
  Post(p);
  NameSearch q{.text = "illw", .scope = scope};
  EXPECT_EQ(store().search().SearchNames(q)->tags, (std::vector<std::string>{"quillwork"}));
  q.text = "illse";
  EXPECT_EQ(store().search().SearchNames(q)->tags, (std::vector<std::string>{}));
}

TEST_P(SearchStoreContract, ReindexPartsRebuildPeopleCommunitiesAndTags) {
  int64_t owner = NewAccount("owner", "Zebulon Quartz");
  int64_t c = NewCommunity("quartzite", CommunityType::kPublic, owner);
  for (const char* table : {"search_people", "search_communities", "search_people_names",
                            "search_community_names", "search_tag_names"})
    ExecDirectly(std::string("DELETE FROM ") + table);
  SearchScope scope{.viewer_id = owner};
  EXPECT_EQ(FindPeople(store(), "zebulon", scope), (Ids{}));
  for (SearchPart part : {SearchPart::kPeople, SearchPart::kCommunities, SearchPart::kTags}) {
    int64_t after = 0;
    for (;;) {
      auto last = store().search().ReindexPart(part, after, 1);
      ASSERT_TRUE(last.ok()) << last.status().ToString();
      if (*last == 0) break;
      after = *last;
    }
  }
  EXPECT_EQ(FindPeople(store(), "zebulon", scope), (Ids{owner}));
  NameSearch names{.text = "artzi", .scope = scope};
  EXPECT_EQ(store().search().SearchNames(names)->communities, (Ids{c}));
  EXPECT_EQ(*store().search().CountPart(SearchPart::kPeople), 1);
}

}  // namespace
}  // namespace atrium
