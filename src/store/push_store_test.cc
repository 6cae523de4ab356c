// The PushStore contract, on every backend (see
// store/store_contract_test_fixture.h): one subscription per token, a
// notification's deliveries queued with it for the subscriptions whose
// alerts name its type (none for a revoked token or the policy "none"),
// each delivery held by one sender, and a removed subscription taking its
// deliveries with it.
#include <gtest/gtest.h>

#include <algorithm>

#include "store/store_contract_test_fixture.h"

namespace atrium {
namespace {

class PushStoreContract : public StoreContract {
 protected:
  PushStore& push() { return store().push(); }

  // A token of `account` (a new app each time).
  int64_t NewToken(int64_t account) {
    static int64_t next = 7000;
    OAuthApp app;
    app.id = ++next;
    app.name = "app";
    app.client_id = "client-" + std::to_string(app.id);
    app.client_secret_hash = "x";
    app.scopes = "push";
    EXPECT_TRUE(store().auth().CreateApp(app).ok());
    AccessToken token;
    token.id = ++next;
    token.token_hash = "hash-" + std::to_string(token.id);
    token.app_id = app.id;
    token.account_id = account;
    token.scopes = "push";
    EXPECT_TRUE(store().auth().CreateToken(token).ok());
    return token.id;
  }

  PushSubscriptionRecord Subscription(int64_t id, int64_t account,
                                      std::vector<std::string> alerts) {
    PushSubscriptionRecord s;
    s.id = id;
    s.account_id = account;
    s.endpoint = "https://push.example.net/" + std::to_string(id);
    s.p256dh = "key";
    s.auth = "auth";
    s.alerts = std::move(alerts);
    s.created_at = 100;
    return s;
  }

  NotificationRecord Note(int64_t id, int64_t to, int64_t from, const std::string& type) {
    NotificationRecord n;
    n.id = id;
    n.account_id = to;
    n.from_account_id = from;
    n.type = type;
    n.group_key = "ungrouped-" + std::to_string(id);
    n.created_at = 1000 + id;
    return n;
  }

  // Every delivery due at `now`, claimed by "worker" and finished:
  // (subscription, notification) pairs in claim order.
  std::vector<std::pair<int64_t, int64_t>> Drain(int64_t now) {
    std::vector<std::pair<int64_t, int64_t>> out;
    for (;;) {
      auto job = push().Claim("worker", now, now + 1000);
      EXPECT_TRUE(job.ok());
      if (!job.ok() || !*job) break;
      out.emplace_back((*job)->subscription_id, (*job)->notification_id);
      EXPECT_TRUE(push().Finish((*job)->id, "worker", PushJobState::kSent, now).ok());
    }
    return out;
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, PushStoreContract, ::testing::ValuesIn(TestBackends()),
                         TestBackendParamName());

TEST_P(PushStoreContract, OneSubscriptionPerToken) {
  int64_t ann = NewAccount("ann");
  int64_t phone = NewToken(ann), laptop = NewToken(ann);
  ASSERT_TRUE(push().Replace({phone, ""}, Subscription(1, ann, {"mention"})).ok());
  ASSERT_TRUE(push().Replace({laptop, ""}, Subscription(2, ann, {"follow"})).ok());
  ASSERT_TRUE(push().Replace({phone, ""}, Subscription(3, ann, {"favourite", "mention"})).ok());
  auto got = push().Get({phone, ""});
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->id, 3);
  EXPECT_EQ(got->alerts, (std::vector<std::string>{"favourite", "mention"}));
  EXPECT_EQ(got->policy, "all");
  EXPECT_EQ(push().Find(1).status().code(), Code::kNotFound);
  EXPECT_EQ(push().Get({laptop, ""})->id, 2);

  auto updated = push().Update({laptop, ""}, {"poll"}, "followed");
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->alerts, (std::vector<std::string>{"poll"}));
  EXPECT_EQ(updated->policy, "followed");
  ASSERT_TRUE(push().Delete({laptop, ""}).ok());
  EXPECT_EQ(push().Get({laptop, ""}).status().code(), Code::kNotFound);
  EXPECT_EQ(push().Update({laptop, ""}, {}, "all").status().code(), Code::kNotFound);
  // A session that does not exist has no subscription.
  EXPECT_EQ(push().Replace({0, "no-such-session"}, Subscription(4, ann, {})).code(),
            Code::kNotFound);
  EXPECT_EQ(push().Find(4).status().code(), Code::kNotFound);
}

TEST_P(PushStoreContract, DeliveriesAreQueuedWithTheNotification) {
  int64_t ann = NewAccount("ann"), bob = NewAccount("bob");
  int64_t phone = NewToken(ann), laptop = NewToken(ann), revoked = NewToken(ann),
          quiet = NewToken(ann);
  ASSERT_TRUE(
      push().Replace({phone, ""}, Subscription(1, ann, {"follow_request", "mention"})).ok());
  ASSERT_TRUE(push().Replace({laptop, ""}, Subscription(2, ann, {"mention"})).ok());
  ASSERT_TRUE(push().Replace({revoked, ""}, Subscription(3, ann, {"mention"})).ok());
  ASSERT_TRUE(push().Replace({quiet, ""}, Subscription(4, ann, {"mention"})).ok());
  ASSERT_TRUE(push().Update({quiet, ""}, {"mention"}, "none").ok());
  ASSERT_TRUE(store().auth().RevokeToken(revoked, 50).ok());

  ASSERT_TRUE(notifications()
                  .Insert({Note(10, ann, bob, "mention"), Note(11, ann, bob, "favourite"),
                           Note(12, ann, bob, "follow_request"),
                           // "_" is no wildcard: "follow-request" names nothing.
                           Note(13, ann, bob, "follow-request"), Note(14, bob, ann, "mention")})
                  .ok());
  auto backlog = push().Backlog();
  ASSERT_TRUE(backlog.ok());
  EXPECT_EQ(backlog->depth, 3);
  EXPECT_EQ(backlog->oldest_at, 1010);
  auto sent = Drain(5000);
  std::sort(sent.begin(), sent.end());
  EXPECT_EQ(sent, (std::vector<std::pair<int64_t, int64_t>>{{1, 10}, {1, 12}, {2, 10}}));
  EXPECT_EQ(push().Backlog()->depth, 0);
  EXPECT_EQ(*push().Prune(5001, 100), 3);
}

TEST_P(PushStoreContract, OneSenderHoldsADeliveryAndRemovalTakesItsDeliveries) {
  int64_t ann = NewAccount("ann"), bob = NewAccount("bob");
  int64_t phone = NewToken(ann), laptop = NewToken(ann);
  ASSERT_TRUE(push().Replace({phone, ""}, Subscription(1, ann, {"mention"})).ok());
  ASSERT_TRUE(push().Replace({laptop, ""}, Subscription(2, ann, {"mention"})).ok());
  ASSERT_TRUE(notifications().Insert({Note(10, ann, bob, "mention")}).ok());
  auto a = push().Claim("a", 2000, 3000);
  ASSERT_TRUE(a.ok() && a->has_value());
  EXPECT_EQ((*a)->attempts, 1);
  auto other = push().Claim("b", 2000, 3000);
  ASSERT_TRUE(other.ok() && other->has_value());
  EXPECT_NE((*other)->id, (*a)->id);
  EXPECT_FALSE(push().Claim("c", 2000, 3000)->has_value());
  EXPECT_EQ(push().Finish((*a)->id, "b", PushJobState::kSent, 2100).code(), Code::kNotFound);
  ASSERT_TRUE(push().Retry((*a)->id, "a", "503", 2100, 2500, false).ok());
  EXPECT_FALSE(push().Claim("c", 2400, 3000)->has_value());
  auto again = push().Claim("c", 2500, 3500);
  ASSERT_TRUE(again.ok() && again->has_value());
  EXPECT_EQ((*again)->attempts, 2);
  // The push service said the subscription is gone: its deliveries go too.
  ASSERT_TRUE(push().Remove((*again)->subscription_id).ok());
  EXPECT_EQ(push().Finish((*again)->id, "c", PushJobState::kSent, 2600).code(), Code::kNotFound);
  EXPECT_EQ(push().Backlog()->depth, 1);  // the other subscription's, still held by "b"
}

}  // namespace
}  // namespace atrium
