// The MailStore contract, on every backend (see store/store_contract_test_fixture.h):
// a message is held by one sender at a time, the cursor moves once, and a
// message is queued with it or not at all.
#include <gtest/gtest.h>

#include "store/store_contract_test_fixture.h"

namespace atrium {
namespace {

class MailStoreContract : public StoreContract {
 protected:
  MailStore& mail() { return store().mail(); }
  OutboxRecord Message(int64_t id, int64_t account_id, int64_t due) {
    OutboxRecord m;
    m.id = id;
    m.account_id = account_id;
    m.kind = "notifications";
    m.payload = "1,2";
    m.next_attempt_at = due;
    m.created_at = due;
    return m;
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, MailStoreContract, ::testing::ValuesIn(TestBackends()),
                         TestBackendParamName());

TEST_P(MailStoreContract, OneSenderHoldsAMessage) {
  int64_t bob = NewAccount("bob");
  ASSERT_TRUE(mail().Enqueue(Message(100, bob, 1000)).ok());
  // Not due yet.
  EXPECT_FALSE(mail().Claim("a", 999, 5000)->has_value());
  auto a = mail().Claim("a", 1000, 5000);
  ASSERT_TRUE(a.ok() && a->has_value());
  EXPECT_EQ((*a)->id, 100);
  EXPECT_EQ((*a)->attempts, 1);
  EXPECT_EQ((*a)->payload, "1,2");
  // Held: nobody else takes it, nor ends it.
  EXPECT_FALSE(mail().Claim("b", 2000, 6000)->has_value());
  EXPECT_EQ(mail().Finish(100, "b", OutboxState::kSent, 2000).code(), Code::kNotFound);
  // A failure puts it back for later, counted with its error.
  ASSERT_TRUE(mail().Retry(100, "a", "connection refused", 2000, 3000, false).ok());
  EXPECT_FALSE(mail().Claim("b", 2500, 6000)->has_value());
  auto stats = mail().Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->queued, 1);
  EXPECT_EQ(stats->retrying, 1);
  EXPECT_EQ(stats->failures, 1);
  EXPECT_EQ(stats->last_error, "connection refused");
  EXPECT_EQ(stats->last_error_at, 2000);
  auto b = mail().Claim("b", 3000, 9000);
  ASSERT_TRUE(b.ok() && b->has_value());
  EXPECT_EQ((*b)->attempts, 2);
  // "a" lost it; "b" marks it sent, once.
  EXPECT_EQ(mail().Finish(100, "a", OutboxState::kSent, 3100).code(), Code::kNotFound);
  ASSERT_TRUE(mail().Finish(100, "b", OutboxState::kSent, 3100).ok());
  EXPECT_EQ(mail().Finish(100, "b", OutboxState::kSent, 3200).code(), Code::kNotFound);
  EXPECT_FALSE(mail().Claim("c", 99999, 100000)->has_value());
  stats = mail().Stats();
  EXPECT_EQ(stats->queued, 0);
  EXPECT_EQ(stats->sent, 1);
}

TEST_P(MailStoreContract, AnExpiredLeaseIsTakenOver) {
  int64_t bob = NewAccount("bob");
  ASSERT_TRUE(mail().Enqueue(Message(200, bob, 1000)).ok());
  ASSERT_TRUE(mail().Claim("dead", 1000, 2000)->has_value());
  EXPECT_FALSE(mail().Claim("b", 1999, 5000)->has_value());
  auto b = mail().Claim("b", 2000, 5000);
  ASSERT_TRUE(b.ok() && b->has_value());
  EXPECT_EQ((*b)->attempts, 2);
}

TEST_P(MailStoreContract, GivingUpCountsAsFailed) {
  int64_t bob = NewAccount("bob");
  ASSERT_TRUE(mail().Enqueue(Message(300, bob, 1000)).ok());
  ASSERT_TRUE(mail().Claim("a", 1000, 2000)->has_value());
  ASSERT_TRUE(mail().Retry(300, "a", "550 no such user", 1500, 1600, true).ok());
  EXPECT_FALSE(mail().Claim("a", 99999, 100000)->has_value());
  auto stats = mail().Stats();
  EXPECT_EQ(stats->failed, 1);
  EXPECT_EQ(stats->queued, 0);
}

TEST_P(MailStoreContract, TheCursorMovesOnceWithItsMessage) {
  int64_t bob = NewAccount("bob");
  auto pending = mail().Pending(bob, 0, 10);
  ASSERT_TRUE(pending.ok());
  EXPECT_EQ(pending->cursor, 0);
  ASSERT_TRUE(*mail().AdvanceCursor(bob, 0, 50, Message(400, bob, 1000)));
  // A second node that read the old cursor writes nothing.
  EXPECT_FALSE(*mail().AdvanceCursor(bob, 0, 50, Message(401, bob, 1000)));
  EXPECT_EQ(mail().Pending(bob, 0, 10)->cursor, 50);
  auto messages = mail().Messages(bob, 10);
  ASSERT_TRUE(messages.ok());
  ASSERT_EQ(messages->size(), 1u);
  EXPECT_EQ((*messages)[0].id, 400);
  // Moving on without a message.
  ASSERT_TRUE(*mail().AdvanceCursor(bob, 50, 60, std::nullopt));
  EXPECT_EQ(mail().Messages(bob, 10)->size(), 1u);
}

TEST_P(MailStoreContract, NotificationsPastTheCursorAndTheFloor) {
  int64_t alice = NewAccount("alice"), bob = NewAccount("bob");
  auto notify = [&](int64_t id, int64_t who) {
    NotificationRecord n;
    n.id = id;
    n.account_id = who;
    n.from_account_id = who == alice ? bob : alice;
    n.type = "follow";
    n.created_at = id;
    ASSERT_TRUE(notifications().Insert({n}).ok());
  };
  notify(5000, alice);
  // The floor is the newest notification when it is first asked for, then kept.
  EXPECT_EQ(*mail().NotificationFloor(), 5000);
  notify(6000, alice);
  notify(7000, bob);
  notify(8000, alice);
  EXPECT_EQ(*mail().NotificationFloor(), 5000);
  EXPECT_EQ(*mail().AccountsWithPendingNotifications(5000, 7000, 10),
            (std::vector<int64_t>{alice, bob}));
  auto pending = mail().Pending(alice, 5000, 10);
  ASSERT_TRUE(pending.ok());
  ASSERT_EQ(pending->notifications.size(), 2u);
  EXPECT_EQ(pending->notifications[0].id, 6000);
  EXPECT_EQ(pending->notifications[1].id, 8000);
  ASSERT_TRUE(*mail().AdvanceCursor(alice, 0, 8000, std::nullopt));
  EXPECT_EQ(*mail().AccountsWithPendingNotifications(5000, 9000, 10), (std::vector<int64_t>{bob}));
  EXPECT_TRUE(mail().Pending(alice, 5000, 10)->notifications.empty());
}

TEST_P(MailStoreContract, PreferencesAndTheSecret) {
  int64_t bob = NewAccount("bob");
  EXPECT_TRUE(mail().Preferences(bob)->empty());
  ASSERT_TRUE(mail().SetPreferences(bob, {{"mention", "never"}, {"digest", "daily"}}).ok());
  ASSERT_TRUE(mail().SetPreferences(bob, {{"mention", "digest"}}).ok());
  EXPECT_EQ(*mail().Preferences(bob),
            (std::map<std::string, std::string>{{"digest", "daily"}, {"mention", "digest"}}));
  EXPECT_EQ(*mail().KeepSecret("key", "first"), "first");
  EXPECT_EQ(*mail().KeepSecret("key", "second"), "first");
}

}  // namespace
}  // namespace atrium

namespace atrium {
namespace {

class MailDigestContract : public MailStoreContract {
 protected:
  int64_t Member(const std::string& name, bool with_email = true) {
    Account a;
    a.id = ids_.Next();
    a.username = a.display_name = name;
    if (with_email) a.email = name + "@example.com";
    a.created_at = a.updated_at = NowMillis();
    EXPECT_TRUE(accounts().Create(a).ok());
    return a.id;
  }
  std::vector<int64_t> Due(int64_t now, const std::string& default_mode = "weekly") {
    auto due = mail().DigestsDue(now, default_mode, 0, 100);
    EXPECT_TRUE(due.ok());
    std::vector<int64_t> out;
    for (const DigestSchedule& d : *due) out.push_back(d.account_id);
    return out;
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, MailDigestContract, ::testing::ValuesIn(TestBackends()),
                         TestBackendParamName());

// Who is due: members with an address whose digest is on (their choice,
// else the default), never scheduled or past their time; the schedule
// moves once, with its message or without one.
TEST_P(MailDigestContract, TheScheduleMovesOnceWithItsMessage) {
  int64_t ann = Member("ann"), ben = Member("ben"), nomail = Member("nomail", false);
  int64_t off = Member("off");
  ASSERT_TRUE(mail().SetPreferences(off, {{"digest", "off"}}).ok());
  EXPECT_EQ(Due(1000), (std::vector<int64_t>{ann, ben}));
  EXPECT_TRUE(Due(1000, "off").empty());
  ASSERT_TRUE(mail().SetPreferences(ben, {{"digest", "daily"}}).ok());
  EXPECT_EQ(Due(1000, "off"), (std::vector<int64_t>{ben}));
  (void)nomail;

  // First seen: scheduled for 5000, no message.
  ASSERT_TRUE(*mail().AdvanceDigest(0, {ann, 1000, 5000}, std::nullopt));
  EXPECT_FALSE(*mail().AdvanceDigest(0, {ann, 1000, 6000}, std::nullopt));
  EXPECT_EQ(Due(4999), (std::vector<int64_t>{ben}));
  EXPECT_EQ(Due(5000), (std::vector<int64_t>{ann, ben}));
  auto due = mail().DigestsDue(5000, "weekly", ann, 100);
  ASSERT_TRUE(due.ok());
  EXPECT_EQ(due->size(), 1u) << "after_id pages";

  OutboxRecord digest = Message(700, ann, 5000);
  digest.kind = "digest";
  ASSERT_TRUE(*mail().AdvanceDigest(5000, {ann, 5000, 9000}, digest));
  // A second node that read the old schedule writes nothing.
  EXPECT_FALSE(*mail().AdvanceDigest(5000, {ann, 5000, 9000}, Message(701, ann, 5000)));
  auto schedule = mail().Digest(ann);
  ASSERT_TRUE(schedule.ok());
  EXPECT_EQ(schedule->period_end, 5000);
  EXPECT_EQ(schedule->next_at, 9000);
  auto messages = mail().Messages(ann, 10);
  ASSERT_EQ(messages->size(), 1u);
  EXPECT_EQ((*messages)[0].kind, "digest");
  EXPECT_EQ(mail().Digest(ben)->next_at, 0);
  EXPECT_EQ(mail().Stats()->oldest_queued_at, 5000);
}

}  // namespace
}  // namespace atrium
