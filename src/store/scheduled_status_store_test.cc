// The ScheduledStatusStore contract, on every backend (see
// store/store_contract_test_fixture.h).
#include <gtest/gtest.h>

#include <vector>

#include "store/store_contract_test_fixture.h"

namespace atrium {
namespace {

class ScheduledStatusStoreContract : public StoreContract {
 protected:
  ScheduledStatusStore& scheduled() { return store().scheduled_statuses(); }

  int64_t Schedule(int64_t author, int64_t at, std::vector<int64_t> media = {}) {
    ScheduledStatusRecord r;
    r.id = next_id_++;
    r.account_id = author;
    r.application_id = 7;
    r.scheduled_at = at;
    r.created_at = 1000;
    r.params = "{\"text\":\"at " + std::to_string(at) + "\"}";
    r.media_ids = std::move(media);
    Status st = scheduled().Create(r);
    EXPECT_TRUE(st.ok()) << st.ToString();
    return r.id;
  }

  static Ids IdsOf(const Result<std::vector<ScheduledStatusRecord>>& rows) {
    Ids out;
    if (!rows.ok()) return {-1};
    for (const auto& r : *rows) out.push_back(r.id);
    return out;
  }

  int64_t next_id_ = 100;
};

INSTANTIATE_TEST_SUITE_P(Backends, ScheduledStatusStoreContract,
                         ::testing::ValuesIn(TestBackends()), TestBackendParamName());

TEST_P(ScheduledStatusStoreContract, KeepsListsAndDeletesOwnRowsOnly) {
  int64_t alice = NewAccount("alice"), bob = NewAccount("bob");
  int64_t a1 = Schedule(alice, 5000), a2 = Schedule(alice, 4000), a3 = Schedule(alice, 6000);
  int64_t b1 = Schedule(bob, 5000);

  auto got = scheduled().Get(alice, a2);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->account_id, alice);
  EXPECT_EQ(got->application_id, 7);
  EXPECT_EQ(got->scheduled_at, 4000);
  EXPECT_EQ(got->created_at, 1000);
  EXPECT_EQ(got->params, "{\"text\":\"at 4000\"}");
  EXPECT_EQ(scheduled().Get(bob, a2).status().code(), Code::kNotFound);

  EXPECT_EQ(IdsOf(scheduled().List(alice, Page(20))), (Ids{a3, a2, a1}));
  EXPECT_EQ(IdsOf(scheduled().List(alice, Page(2))), (Ids{a3, a2}));
  EXPECT_EQ(IdsOf(scheduled().List(alice, Page(20, a2))), (Ids{a1}));
  EXPECT_EQ(IdsOf(scheduled().List(alice, Page(1, 0, 0, a1))), (Ids{a2}));
  EXPECT_EQ(IdsOf(scheduled().List(bob, Page(20))), (Ids{b1}));
  EXPECT_EQ(*scheduled().Count(alice), 3);

  EXPECT_EQ(scheduled().Reschedule(bob, a1, 9000).code(), Code::kNotFound);
  ASSERT_TRUE(scheduled().Reschedule(alice, a1, 9000).ok());
  EXPECT_EQ(scheduled().Get(alice, a1)->scheduled_at, 9000);

  EXPECT_EQ(scheduled().Delete(bob, a1).code(), Code::kNotFound);
  ASSERT_TRUE(scheduled().Delete(alice, a1).ok());
  EXPECT_EQ(scheduled().Get(alice, a1).status().code(), Code::kNotFound);
  EXPECT_EQ(scheduled().Delete(alice, a1).code(), Code::kNotFound);
  EXPECT_EQ(*scheduled().Count(alice), 2);
}

TEST_P(ScheduledStatusStoreContract, DueRowsAreClaimedOnceUntilTheLeaseEnds) {
  int64_t alice = NewAccount("alice");
  int64_t late = Schedule(alice, 3000), early = Schedule(alice, 2000),
          future = Schedule(alice, 9000);

  EXPECT_EQ(IdsOf(scheduled().Due(1999, 10)), Ids{});
  EXPECT_EQ(IdsOf(scheduled().Due(3000, 10)), (Ids{early, late}));
  EXPECT_EQ(IdsOf(scheduled().Due(3000, 1)), (Ids{early}));

  // Not yet due: no claim.
  EXPECT_FALSE(*scheduled().Claim(future, 3000, 4000));
  // The first claim wins; a second (another node) loses while the lease holds.
  EXPECT_TRUE(*scheduled().Claim(early, 3000, 4000));
  EXPECT_FALSE(*scheduled().Claim(early, 3000, 4000));
  EXPECT_FALSE(*scheduled().Claim(early, 3999, 5000));
  EXPECT_EQ(IdsOf(scheduled().Due(3500, 10)), (Ids{late}));
  // The lease ran out (the claiming node died): due again, claimable again.
  EXPECT_EQ(IdsOf(scheduled().Due(4001, 10)), (Ids{early, late}));
  EXPECT_TRUE(*scheduled().Claim(early, 4001, 5000));

  // Published: gone for good; removing twice is fine.
  ASSERT_TRUE(scheduled().Remove(early).ok());
  ASSERT_TRUE(scheduled().Remove(early).ok());
  EXPECT_EQ(IdsOf(scheduled().Due(10000, 10)), (Ids{late, future}));

  // Rescheduling frees a claim.
  EXPECT_TRUE(*scheduled().Claim(late, 10000, 20000));
  ASSERT_TRUE(scheduled().Reschedule(alice, late, 11000).ok());
  EXPECT_EQ(IdsOf(scheduled().Due(11000, 10)), (Ids{future, late}));
}

TEST_P(ScheduledStatusStoreContract, KeepsAttachmentsInOrderAndFromTheSweep) {
  int64_t alice = NewAccount("alice");
  auto upload = [&](int64_t id) {
    MediaRecord m;
    m.id = id;
    m.account_id = alice;
    m.content_type = "image/png";
    m.file_key = "k" + std::to_string(id);
    m.created_at = 1000;
    EXPECT_TRUE(store().media().Create(m).ok());
    return id;
  };
  int64_t m1 = upload(11), m2 = upload(12), m3 = upload(13);
  int64_t s = Schedule(alice, 5000, {m2, m1});
  EXPECT_EQ(scheduled().Get(alice, s)->media_ids, (Ids{m2, m1}));
  EXPECT_EQ(scheduled().Due(5000, 10)->front().media_ids, (Ids{m2, m1}));
  EXPECT_EQ(scheduled().List(alice, Page(5))->front().media_ids, (Ids{m2, m1}));

  // Only the upload no scheduled post waits for is abandoned.
  auto abandoned = store().media().UnattachedBefore(2000, 10);
  ASSERT_TRUE(abandoned.ok());
  ASSERT_EQ(abandoned->size(), 1u);
  EXPECT_EQ(abandoned->front().id, m3);

  // Once the scheduled post is gone, its uploads are unattached again.
  ASSERT_TRUE(scheduled().Delete(alice, s).ok());
  EXPECT_EQ(store().media().UnattachedBefore(2000, 10)->size(), 3u);
}

}  // namespace
}  // namespace atrium
