// Account JSON from snapshots the services count in place: the same bytes as
// from a snapshot loaded afresh.
#include "api/mastodon/account_serializer.h"

#include <gtest/gtest.h>

#include <map>

#include "api/services.h"
#include "base/crypto.h"
#include "store/test_store.h"

namespace atrium::api {
namespace {

class AccountSerializerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { InitCrypto(); }
  void SetUp() override {
    for (const char* name : {"ann", "ben"}) {
      auto a = services_.accounts.Create(
          {name, std::string(name) + "@example.com", name, kRoleMember, ""});
      ASSERT_TRUE(a.ok()) << a.status().ToString();
      people_[name] = *a;
    }
  }
  Account& P(const char* name) { return people_[name]; }
  StatusRecord Post(const char* who, const std::string& text, const std::string& visibility = "") {
    PostInput in;
    in.text = text;
    in.visibility = visibility;
    auto s = services_.posting.Post(P(who), in);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? *s : StatusRecord{};
  }

  TestStore t_;
  IdGenerator ids_{0};
  Services services_{t_.settings(), t_.store(), ids_};
  std::map<std::string, Account> people_;
};

// Posting counts the post on the author's cached account in place instead of
// reloading it: the JSON of the account must be what a reload gives.
TEST_F(AccountSerializerTest, PostsCountOnTheAuthorsCachedAccountAsTheStoreCounts) {
  const int64_t ann = P("ann").id;
  auto cached = [&] {
    AccountPtr a = services_.social.accounts.Cached(ann);
    EXPECT_TRUE(a) << "the author's account is no longer cached";
    return a;
  };
  auto fresh = [&] {  // a cache that has seen nothing: loads from the store
    AccountCache empty(t_.store());
    auto a = empty.Get(ann);
    EXPECT_TRUE(a.ok());
    return a.ok() ? *a : nullptr;
  };
  auto json = [&](const AccountPtr& a) {
    return a ? AccountJson(*a, t_.settings().BaseUrl()) : std::string("(none)");
  };
  ASSERT_TRUE(services_.social.accounts.Get(ann).ok());
  AccountPtr before = cached();
  ASSERT_EQ(before->statuses_count, 0);

  auto first = Post("ann", "first");
  AccountPtr after = cached();
  EXPECT_NE(after, before) << "a new snapshot, so post JSON keyed by the old one is redone";
  EXPECT_EQ(after->statuses_count, 1);
  EXPECT_EQ(after->last_status_at, first.created_at);
  EXPECT_EQ(json(after), json(fresh()));

  // Posts that do not count leave the account as it is: direct, community.
  before = after;
  Post("ann", "to myself", "direct");
  auto club =
      services_.communities.Create(P("ann"), {.handle = "club", .name = "Club", .type = "public"});
  ASSERT_TRUE(club.ok()) << club.status().ToString();
  PostInput in_club;
  in_club.text = "in the club";
  in_club.community_id = club->community.id;
  ASSERT_TRUE(services_.posting.Post(P("ann"), in_club).ok());
  EXPECT_EQ(cached(), before);
  EXPECT_EQ(json(cached()), json(fresh()));

  // A repost counts; deleting and undoing count down, never below zero.
  auto bens = Post("ben", "worth sharing");
  auto repost = services_.posting.Reblog(P("ann"), bens.id, "");
  ASSERT_TRUE(repost.ok()) << repost.status().ToString();
  EXPECT_EQ(cached()->statuses_count, 2);
  EXPECT_EQ(json(cached()), json(fresh()));
  ASSERT_TRUE(services_.posting.Delete(P("ann"), first.id).ok());
  EXPECT_EQ(cached()->statuses_count, 1);
  EXPECT_EQ(json(cached()), json(fresh()));
  ASSERT_TRUE(services_.posting.Unreblog(P("ann"), bens.id).ok());
  EXPECT_EQ(cached()->statuses_count, 0);
  EXPECT_EQ(cached()->last_status_at, repost->created_at);  // as the store keeps it
  EXPECT_EQ(json(cached()), json(fresh()));
}

}  // namespace
}  // namespace atrium::api
