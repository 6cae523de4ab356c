// The ConversationStore contract (and conversations written and trimmed by
// StatusStore's Create and Delete), on every backend (see
// store/store_contract_test_fixture.h).
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "store/store_contract_test_fixture.h"

namespace atrium {
namespace {

class ConversationStoreContract : public StoreContract {
 protected:
  ConversationStore& conversations() { return store().conversations(); }

  // A direct post by `author` to `to` in the thread `thread` (0: its own),
  // joining the conversations of the author (read) and of `to` (unread).
  int64_t Direct(int64_t author, const Ids& to, int64_t thread = 0) {
    StatusRecord s = NewStatus(author, Visibility::kDirect);
    s.mention_ids = to;
    if (thread == 0) thread = s.id;
    Ids people = to;
    people.push_back(author);
    std::sort(people.begin(), people.end());
    std::vector<ConversationEntry> entries;
    for (int64_t member : people) {
      ConversationEntry e;
      e.id = ids_.Next();
      e.account_id = member;
      e.thread_id = thread;
      for (int64_t other : people)
        if (other != member) e.participant_ids.push_back(other);
      e.unread = member != author;
      entries.push_back(e);
    }
    Status st = statuses().Create(s, {}, "", entries);
    EXPECT_TRUE(st.ok()) << st.ToString();
    return s.id;
  }
  std::vector<ConversationRecord> List(int64_t account, PageRequest page = {0, 0, 0, 20}) {
    auto list = conversations().Page(account, page);
    EXPECT_TRUE(list.ok());
    return list.ok() ? *list : std::vector<ConversationRecord>{};
  }
  static Ids LastIds(const std::vector<ConversationRecord>& list) {
    Ids out;
    for (const auto& c : list) out.push_back(c.last_status_id);
    return out;
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, ConversationStoreContract, ::testing::ValuesIn(TestBackends()),
                         TestBackendParamName());

TEST_P(ConversationStoreContract, ADirectPostJoinsEachMembersConversationOfItsThreadAndPeople) {
  int64_t ann = NewAccount("ann"), ben = NewAccount("ben"), cat = NewAccount("cat");
  int64_t first = Direct(ann, {ben});
  int64_t reply = Direct(ben, {ann}, first);
  int64_t other = Direct(ann, {ben, cat});  // other people: another conversation

  auto anns = List(ann);
  ASSERT_EQ(LastIds(anns), (Ids{other, reply}));
  EXPECT_EQ(anns[0].participant_ids, (Ids{ben, cat}));
  EXPECT_EQ(anns[1].participant_ids, (Ids{ben}));
  EXPECT_EQ(anns[1].thread_id, first);
  EXPECT_TRUE(anns[1].unread);   // ben's reply
  EXPECT_FALSE(anns[0].unread);  // her own post
  auto bens = List(ben);
  ASSERT_EQ(LastIds(bens), (Ids{other, reply}));
  EXPECT_TRUE(bens[0].unread);
  EXPECT_FALSE(bens[1].unread);  // his own reply read it
  EXPECT_EQ(LastIds(List(cat)), (Ids{other}));

  auto posts = conversations().StatusIds(anns[1].id, {0, 0, 0, 20});
  ASSERT_TRUE(posts.ok());
  EXPECT_EQ(*posts, (Ids{reply, first}));
  auto of = conversations().OfStatus(ben, first);
  ASSERT_TRUE(of.ok());
  EXPECT_EQ(of->id, bens[1].id);
  EXPECT_EQ(conversations().OfStatus(cat, first).status().code(), Code::kNotFound);
}

TEST_P(ConversationStoreContract, PagesByTheLastPost) {
  int64_t ann = NewAccount("ann"), ben = NewAccount("ben");
  Ids threads;
  for (int i = 0; i < 4; ++i) threads.push_back(Direct(ann, {ben}));
  // the oldest thread comes back to the top
  int64_t bump = Direct(ben, {ann}, threads[0]);
  EXPECT_EQ(LastIds(List(ann)), (Ids{bump, threads[3], threads[2], threads[1]}));
  EXPECT_EQ(LastIds(List(ann, {0, 0, 0, 2})), (Ids{bump, threads[3]}));
  EXPECT_EQ(LastIds(List(ann, {threads[3], 0, 0, 2})), (Ids{threads[2], threads[1]}));
  EXPECT_EQ(LastIds(List(ann, {0, threads[1], 0, 10})), (Ids{bump, threads[3], threads[2]}));
  EXPECT_EQ(LastIds(List(ann, {0, 0, threads[1], 2})), (Ids{threads[3], threads[2]}));
}

TEST_P(ConversationStoreContract, ReadAndRemoveAreTheMembersOwn) {
  int64_t ann = NewAccount("ann"), ben = NewAccount("ben");
  int64_t first = Direct(ann, {ben});
  const int64_t bens = List(ben).at(0).id, anns = List(ann).at(0).id;
  EXPECT_EQ(conversations().SetUnread(ann, bens, false).code(), Code::kNotFound);
  EXPECT_TRUE(List(ben).at(0).unread);
  ASSERT_TRUE(conversations().SetUnread(ben, bens, false).ok());
  EXPECT_FALSE(List(ben).at(0).unread);
  ASSERT_TRUE(conversations().SetUnread(ann, anns, true).ok());
  EXPECT_TRUE(List(ann).at(0).unread);
  EXPECT_FALSE(List(ben).at(0).unread);
  EXPECT_EQ(conversations().Get(ann, bens).status().code(), Code::kNotFound);

  EXPECT_EQ(conversations().Remove(ann, bens).code(), Code::kNotFound);
  ASSERT_TRUE(conversations().Remove(ben, bens).ok());
  EXPECT_TRUE(List(ben).empty());
  EXPECT_EQ(LastIds(List(ann)), (Ids{first}));  // ann keeps hers
  // the thread's next post brings it back, unread, with that post alone
  int64_t next = Direct(ann, {ben}, first);
  auto back = List(ben);
  ASSERT_EQ(back.size(), 1u);
  EXPECT_TRUE(back[0].unread);
  EXPECT_EQ(*conversations().StatusIds(back[0].id, {0, 0, 0, 20}), (Ids{next}));
  EXPECT_EQ(List(ann).at(0).id, anns);
}

TEST_P(ConversationStoreContract, DeletingAPostFallsBackToTheOneBeforeAndAnEmptyOneGoes) {
  int64_t ann = NewAccount("ann"), ben = NewAccount("ben");
  int64_t first = Direct(ann, {ben});
  int64_t second = Direct(ben, {ann}, first);
  int64_t lone = Direct(ann, {ben});
  ASSERT_TRUE(statuses().Delete(second).ok());
  EXPECT_EQ(LastIds(List(ann)), (Ids{lone, first}));
  EXPECT_EQ(LastIds(List(ben)), (Ids{lone, first}));
  ASSERT_TRUE(statuses().Delete(lone).ok());
  EXPECT_EQ(LastIds(List(ann)), (Ids{first}));
  EXPECT_EQ(LastIds(List(ben)), (Ids{first}));
}

}  // namespace
}  // namespace atrium
