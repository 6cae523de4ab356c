// The PollStore contract (and polls written and read with their posts), on
// every backend (see store/store_contract_test_fixture.h).
#include <gtest/gtest.h>

#include <vector>

#include "store/store_contract_test_fixture.h"

namespace atrium {
namespace {

class PollStoreContract : public StoreContract {
 protected:
  PollStore& polls() { return store().polls(); }

  int64_t PostPoll(int64_t author, int64_t expires_at, bool multiple = false) {
    StatusRecord s = NewStatus(author);
    PollRecord p;
    p.options = {"red", "green", "blue"};
    p.expires_at = expires_at;
    p.multiple = multiple;
    p.hide_totals = true;
    s.poll = p;
    return Post(s);
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, PollStoreContract, ::testing::ValuesIn(TestBackends()),
                         TestBackendParamName());

TEST_P(PollStoreContract, WrittenAndReadWithItsPost) {
  int64_t alice = NewAccount("alice");
  int64_t with = PostPoll(alice, 9000, true), without = PostBy(alice);
  auto got = store().statuses().Get(with);
  ASSERT_TRUE(got.ok());
  ASSERT_TRUE(got->poll.has_value());
  EXPECT_EQ(got->poll->options, (std::vector<std::string>{"red", "green", "blue"}));
  EXPECT_EQ(got->poll->expires_at, 9000);
  EXPECT_TRUE(got->poll->multiple);
  EXPECT_TRUE(got->poll->hide_totals);
  auto many = store().statuses().GetMany({with, without});
  ASSERT_TRUE(many.ok());
  ASSERT_EQ(many->size(), 2u);
  for (const auto& s : *many) EXPECT_EQ(s.poll.has_value(), s.id == with);
}

TEST_P(PollStoreContract, CountsVotesOncePerVoter) {
  int64_t alice = NewAccount("alice"), bob = NewAccount("bob"), carol = NewAccount("carol");
  int64_t p = PostPoll(alice, 9000, true), q = PostPoll(alice, 9000);
  ASSERT_TRUE(polls().Vote(p, bob, {0, 2}, 100).ok());
  ASSERT_TRUE(polls().Vote(p, carol, {2}, 100).ok());
  EXPECT_EQ(polls().Vote(p, bob, {1}, 100).code(), Code::kConflict);
  EXPECT_EQ(polls().Vote(PostBy(alice), bob, {0}, 100).code(), Code::kNotFound);

  auto t = polls().Tallies({p, q, 12345}, bob);
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->size(), 2u);
  EXPECT_EQ(t->at(p).votes, (std::vector<int64_t>{1, 0, 2}));
  EXPECT_EQ(t->at(p).voters_count, 2);
  EXPECT_TRUE(t->at(p).voted);
  EXPECT_EQ(t->at(p).own_votes, (std::vector<int>{0, 2}));
  EXPECT_FALSE(t->at(q).voted);
  EXPECT_EQ(t->at(q).votes, (std::vector<int64_t>{0, 0, 0}));
  EXPECT_EQ(polls().Tallies({p}, alice)->at(p).own_votes, std::vector<int>{});
  EXPECT_EQ(*polls().Voters(p), (std::vector<int64_t>{bob, carol}));
}

TEST_P(PollStoreContract, AnnouncesEachEndOnce) {
  int64_t alice = NewAccount("alice"), bob = NewAccount("bob");
  int64_t early = PostPoll(alice, 1000), late = PostPoll(alice, 5000);
  EXPECT_EQ(*polls().Ended(999, 10), Ids{});
  EXPECT_EQ(*polls().Ended(5000, 10), (Ids{early, late}));
  EXPECT_EQ(*polls().Ended(5000, 1), (Ids{early}));
  auto first = polls().End(early, {Note(bob, alice, "poll", early)});
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(*first);
  auto again = polls().End(early, {Note(bob, alice, "poll", early)});
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again);
  EXPECT_EQ(NotificationIds(bob, {"poll"}).size(), 1u);
  EXPECT_EQ(*polls().Ended(5000, 10), (Ids{late}));
  // A deleted post takes its poll with it.
  ASSERT_TRUE(store().statuses().Delete(late).ok());
  EXPECT_EQ(*polls().Ended(5000, 10), Ids{});
}

}  // namespace
}  // namespace atrium
