// SearchService over a real embedded store: people (with the rule for
// people and `following`), hashtags, posts by their address (with the rule
// for posts), and which kinds a query asks for.
#include "social/search_service.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "base/crypto.h"
#include "social/account_service.h"
#include "social/community_service.h"
#include "social/posting_service.h"
#include "social/relationship_service.h"
#include "store/test_store.h"

namespace atrium {
namespace {

class SearchServiceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { InitCrypto(); }
  void SetUp() override {
    t_.settings().public_url = "https://atrium.example.com/";
    for (const char* name : {"ann", "anna", "ben", "cat"}) {
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
  StatusRecord Post(const char* who, const std::string& text, const std::string& visibility = "") {
    PostInput in;
    in.text = text;
    in.visibility = visibility;
    auto s = posting_.Post(P(who), in);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? *s : StatusRecord{};
  }
  std::vector<int64_t> Ids(std::initializer_list<const char*> names) {
    std::vector<int64_t> out;
    for (const char* n : names) out.push_back(P(n).id);
    return out;
  }
  std::vector<int64_t> PostIds(const SearchResult& r) {
    std::vector<int64_t> out;
    for (const auto& p : r.statuses) out.push_back(p.status->id);
    return out;
  }

  TestStore t_;
  IdGenerator ids_{0};
  AccountService accounts_{t_.store(), ids_};
  SocialCore core_{t_.store(), ids_, t_.settings()};
  PostingService posting_{core_};
  RelationshipService relationships_{core_};
  SearchService search_{core_};
  std::map<std::string, Account> people_;
};

TEST_F(SearchServiceTest, PeopleByPrefixExactUsernameFirst) {
  EXPECT_EQ(*search_.Accounts(V("cat"), "ann", 10, 0, false), Ids({"ann", "anna"}));
  EXPECT_EQ(*search_.Accounts(V("cat"), "@anna@atrium.example.com", 10, 0, false), Ids({"anna"}));
  EXPECT_EQ(*search_.Accounts(V("cat"), "ANN", 1, 1, false), Ids({"anna"}));  // paged
  EXPECT_TRUE(search_.Accounts(V("cat"), "@", 10, 0, false)->empty());
  EXPECT_TRUE(search_.Accounts(V("cat"), "zed", 10, 0, false)->empty());
}

TEST_F(SearchServiceTest, PeopleEitherSideOfABlockAreNotFound) {
  ASSERT_TRUE(relationships_.Block(P("anna"), P("cat").id).ok());
  EXPECT_EQ(*search_.Accounts(V("cat"), "ann", 10, 0, false), Ids({"ann"}));
  EXPECT_EQ(*search_.Accounts(V("anna"), "cat", 10, 0, false), std::vector<int64_t>{});
  EXPECT_EQ(*search_.Accounts(V("anna"), "anna", 10, 0, false), Ids({"anna"}));  // themselves
}

TEST_F(SearchServiceTest, FollowingOnlyFindsPeopleTheViewerFollows) {
  ASSERT_TRUE(relationships_.Follow(P("cat"), P("anna").id, true, false).ok());
  EXPECT_EQ(*search_.Accounts(V("cat"), "ann", 10, 0, true), Ids({"anna"}));
  EXPECT_EQ(*search_.Accounts(V("cat"), "ann", 10, 0, false), Ids({"ann", "anna"}));
}

TEST_F(SearchServiceTest, HashtagsThatAPublicPostCarries) {
  Post("ann", "Shipping #Rustacean and #rust");
  Post("ben", "Only mine #rusty", "private");
  EXPECT_EQ(*search_.Hashtags("#rust", 10, 0), (std::vector<std::string>{"rust", "rustacean"}));
  EXPECT_EQ(*search_.Hashtags("RUST", 1, 1), (std::vector<std::string>{"rustacean"}));
  EXPECT_TRUE(search_.Hashtags("rust now", 10, 0)->empty());
  EXPECT_TRUE(search_.Hashtags("#", 10, 0)->empty());
}

TEST_F(SearchServiceTest, PostsByTheirAddressOnThisServerOnly) {
  StatusRecord open = Post("ann", "Hello");
  const std::string id = std::to_string(open.id);
  for (const std::string& address :
       {"https://atrium.example.com/@ann/" + id, "https://atrium.example.com/statuses/" + id,
        "https://atrium.example.com/web/statuses/" + id + "/",
        "https://atrium.example.com/@ann/blog/" + id + "-a-slug",
        "https://10.0.0.7:8080/@ann/" + id}) {
    SearchQuery q;
    q.text = address;
    q.request_host = "10.0.0.7:8080";
    auto r = search_.Search(V("cat"), q);
    ASSERT_TRUE(r.ok()) << address;
    EXPECT_EQ(PostIds(*r), std::vector<int64_t>{open.id}) << address;
    EXPECT_TRUE(r->account_ids.empty());
    EXPECT_TRUE(r->hashtags.empty());
  }
  for (const std::string& address :
       {"https://elsewhere.example.com/@ann/" + id, "https://atrium.example.com/@ann/" + id + "/x",
        "https://atrium.example.com/tags/" + id, std::string("not a url://")}) {
    SearchQuery q;
    q.text = address;
    auto r = search_.Search(V("cat"), q);
    ASSERT_TRUE(r.ok()) << address;
    EXPECT_TRUE(r->statuses.empty()) << address;
  }
  EXPECT_EQ(search_.PostIdFromAddress("https://atrium.example.com/@ann/" + id, ""), open.id);
  EXPECT_EQ(search_.PostIdFromAddress("/@ann/" + id, ""), 0);
}

TEST_F(SearchServiceTest, PostsFoundAreOnlyThoseTheViewerMaySee) {
  StatusRecord followers_only = Post("ann", "For followers", "private");
  SearchQuery q;
  q.text = "https://atrium.example.com/@ann/" + std::to_string(followers_only.id);
  EXPECT_TRUE(search_.Search(V("cat"), q)->statuses.empty());
  ASSERT_TRUE(relationships_.Follow(P("cat"), P("ann").id, true, false).ok());
  EXPECT_EQ(PostIds(*search_.Search(V("cat"), q)), std::vector<int64_t>{followers_only.id});
  q.offset = 20;  // one page only
  EXPECT_TRUE(search_.Search(V("cat"), q)->statuses.empty());
  q.offset = 0;
  q.text = "https://atrium.example.com/@ann/" + std::to_string(followers_only.id + 999);
  auto gone = search_.Search(V("cat"), q);
  ASSERT_TRUE(gone.ok());
  EXPECT_TRUE(gone->statuses.empty());
}

TEST_F(SearchServiceTest, KindsLimitWhatIsLookedFor) {
  Post("ben", "About #anniversary");
  SearchQuery q;
  q.text = "ann";
  auto all = search_.Search(V("cat"), q);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->account_ids, Ids({"ann", "anna"}));
  EXPECT_EQ(all->hashtags, std::vector<std::string>{"anniversary"});
  EXPECT_TRUE(all->statuses.empty());  // "ann" is no word of the post

  q.kinds = {SearchKind::kHashtags};
  auto tags = search_.Search(V("cat"), q);
  EXPECT_TRUE(tags->account_ids.empty());
  EXPECT_EQ(tags->hashtags, std::vector<std::string>{"anniversary"});

  q.kinds = {SearchKind::kAccounts, SearchKind::kStatuses};
  q.limit = 1;
  auto people = search_.Search(V("cat"), q);
  EXPECT_EQ(people->account_ids, Ids({"ann"}));
  EXPECT_TRUE(people->hashtags.empty());
}

// The scope the policy gives the store and the policy's own CanSee agree:
// for every viewer (author, follower, mentioned, other, either side of a
// block, member and non-member of a restricted community) and every kind of
// post, words find exactly the posts CanSee allows, and the guard that
// checks each post again never drops one.
TEST_F(SearchServiceTest, WordsFindExactlyWhatThePolicyAllowsAndTheGuardDropsNothing) {
  for (const char* name : {"dora", "eve", "finn"}) {
    auto a = accounts_.Create({name, std::string(name) + "@example.com", name, kRoleMember, ""});
    ASSERT_TRUE(a.ok());
    people_[name] = *a;
  }
  CommunityService communities(core_, posting_);
  auto make = [&](const char* handle, const char* type) {
    CommunityInput in;
    in.handle = handle;
    in.name = handle;
    in.type = type;
    auto c = communities.Create(P("ann"), in);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? c->community.id : 0;
  };
  const int64_t restricted = make("vault", "restricted");
  const int64_t open = make("plaza", "public");
  ASSERT_TRUE(communities.Invite(P("ann"), restricted, P("dora").id).ok());
  ASSERT_TRUE(communities.Join(P("dora"), restricted).ok());
  ASSERT_TRUE(relationships_.Follow(P("ben"), P("ann").id, true, false).ok());
  ASSERT_TRUE(relationships_.Block(P("eve"), P("ann").id).ok());
  ASSERT_TRUE(relationships_.Block(P("ann"), P("finn").id).ok());

  std::vector<StatusRecord> posts;
  for (const char* v : {"public", "unlisted", "private", "direct"})
    posts.push_back(Post("ann", std::string("@cat lynxword ") + v, v));
  for (int64_t community : {restricted, open}) {
    PostInput in;
    in.text = "lynxword in a community";
    in.community_id = community;
    auto s = posting_.Post(P("ann"), in);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    posts.push_back(*s);
  }
  posts.push_back(Post("ben", "lynxword by ben", "private"));

  for (const char* name : {"ann", "anna", "ben", "cat", "dora", "eve", "finn"}) {
    const Viewer viewer = V(name);
    std::vector<int64_t> expected;
    for (const StatusRecord& p : posts)
      if (VisibilityPolicy::CanSee(viewer, p)) expected.push_back(p.id);
    PostQuery q;
    q.text = "lynxword";
    q.recent = true;
    q.count = true;
    q.limit = 40;
    auto found = search_.Posts(viewer, q);
    ASSERT_TRUE(found.ok()) << found.status().ToString();
    std::vector<int64_t> got;
    for (const PostHit& h : found->hits) got.push_back(h.post.status->id);
    std::sort(expected.begin(), expected.end());
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, expected) << name;
    EXPECT_EQ(found->total, static_cast<int64_t>(expected.size())) << name;
  }
  EXPECT_EQ(search_.guard_drops(), 0);
}

TEST_F(SearchServiceTest, PostsRefuseWhatTheLanguageRefuses) {
  for (const char* text : {"-alone", "colour:red", "before:someday", "   "}) {
    PostQuery q;
    q.text = text;
    auto r = search_.Posts(V("cat"), q);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().code(), Code::kUnprocessable) << text;
  }
}

}  // namespace
}  // namespace atrium
