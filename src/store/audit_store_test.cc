// The AuditStore contract, on every backend (see store/store_contract_test_fixture.h).
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "store/store_contract_test_fixture.h"

namespace atrium {
namespace {

class AuditStoreContract : public StoreContract {
 protected:
  AuditStore& audit() { return store().audit(); }

  static AuditEntry Entry(int64_t actor_id, std::string action, std::string target_id,
                          int64_t created_at) {
    AuditEntry e;
    e.created_at = created_at;
    e.actor_id = actor_id;
    e.actor = "admin" + std::to_string(actor_id);
    e.action = std::move(action);
    e.target_type = "account";
    e.target_id = std::move(target_id);
    e.request_id = "req-" + std::to_string(created_at);
    e.before = R"({"role":"member"})";
    e.after = R"({"role":"moderator"})";
    return e;
  }

  static std::vector<int64_t> Seqs(const std::vector<AuditEntry>& entries) {
    std::vector<int64_t> out;
    for (const AuditEntry& e : entries) out.push_back(e.seq);
    return out;
  }

  // Every stored entry, oldest first.
  std::vector<AuditEntry> WholeChain(AuditStore& from) {
    std::vector<AuditEntry> out;
    for (int64_t after = 0;;) {
      auto batch = from.Chain(after, 7);
      EXPECT_TRUE(batch.ok());
      if (!batch.ok() || batch->empty()) return out;
      for (AuditEntry& e : *batch) out.push_back(std::move(e));
      after = out.back().seq;
    }
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, AuditStoreContract, ::testing::ValuesIn(TestBackends()),
                         TestBackendParamName());

TEST_P(AuditStoreContract, AppendChainsEachEntryToThePrevious) {
  EXPECT_EQ(audit().Head()->seq, 0);
  std::vector<AuditEntry> appended;
  for (int i = 0; i < 3; ++i) {
    auto e = audit().Append(Entry(5, "account.role", "9", 1000 + i));
    ASSERT_TRUE(e.ok()) << e.status().ToString();
    appended.push_back(*e);
  }
  EXPECT_EQ(Seqs(appended), (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(appended[0].prev_hash, "");
  EXPECT_EQ(appended[1].prev_hash, appended[0].hash);
  EXPECT_EQ(appended[2].prev_hash, appended[1].hash);
  for (const AuditEntry& e : appended) {
    EXPECT_EQ(e.hash.size(), 64u);
    EXPECT_EQ(e.hash, AuditHash(e));
  }
  // Stored exactly as returned.
  auto stored = WholeChain(audit());
  ASSERT_EQ(stored.size(), 3u);
  for (size_t i = 0; i < stored.size(); ++i)
    EXPECT_EQ(AuditJsonLine(stored[i]), AuditJsonLine(appended[i]));
  auto head = audit().Head();
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(head->seq, 3);
  EXPECT_EQ(head->hash, appended[2].hash);
}

TEST_P(AuditStoreContract, TheHashCoversEveryField) {
  AuditEntry e = Entry(5, "account.role", "9", 1000);
  e.seq = 1;
  const std::string hash = AuditHash(e);
  auto differs = [&](auto change) {
    AuditEntry copy = e;
    change(copy);
    return AuditHash(copy) != hash;
  };
  EXPECT_TRUE(differs([](AuditEntry& c) { c.seq = 2; }));
  EXPECT_TRUE(differs([](AuditEntry& c) { c.created_at += 1; }));
  EXPECT_TRUE(differs([](AuditEntry& c) { c.actor_id = 6; }));
  EXPECT_TRUE(differs([](AuditEntry& c) { c.actor = "someone"; }));
  EXPECT_TRUE(differs([](AuditEntry& c) { c.action = "account.deactivate"; }));
  EXPECT_TRUE(differs([](AuditEntry& c) { c.target_type = "status"; }));
  EXPECT_TRUE(differs([](AuditEntry& c) { c.target_id = "10"; }));
  EXPECT_TRUE(differs([](AuditEntry& c) { c.request_id = "other"; }));
  EXPECT_TRUE(differs([](AuditEntry& c) { c.before = ""; }));
  EXPECT_TRUE(differs([](AuditEntry& c) { c.after = ""; }));
  EXPECT_TRUE(differs([](AuditEntry& c) { c.prev_hash = "00"; }));
  EXPECT_FALSE(differs([](AuditEntry& c) { c.hash = "anything"; }));
}

TEST_P(AuditStoreContract, QueryFiltersAndPagesNewestFirst) {
  ASSERT_TRUE(audit().Append(Entry(1, "account.role", "7", 1000)).ok());        // 1
  ASSERT_TRUE(audit().Append(Entry(2, "account.deactivate", "7", 2000)).ok());  // 2
  ASSERT_TRUE(audit().Append(Entry(1, "account.deactivate", "8", 3000)).ok());  // 3
  AuditEntry status = Entry(1, "status.delete", "70", 4000);
  status.target_type = "status";
  ASSERT_TRUE(audit().Append(status).ok());  // 4

  auto all = audit().Query({}, Page(10));
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(Seqs(*all), (std::vector<int64_t>{4, 3, 2, 1}));
  AuditQuery by_actor;
  by_actor.actor_id = 1;
  EXPECT_EQ(Seqs(*audit().Query(by_actor, Page(10))), (std::vector<int64_t>{4, 3, 1}));
  AuditQuery by_target;
  by_target.target_type = "account";
  by_target.target_id = "7";
  EXPECT_EQ(Seqs(*audit().Query(by_target, Page(10))), (std::vector<int64_t>{2, 1}));
  AuditQuery by_action;
  by_action.action = "account.deactivate";
  EXPECT_EQ(Seqs(*audit().Query(by_action, Page(10))), (std::vector<int64_t>{3, 2}));
  AuditQuery by_time;
  by_time.from = 2000;
  by_time.to = 4000;
  EXPECT_EQ(Seqs(*audit().Query(by_time, Page(10))), (std::vector<int64_t>{3, 2}));
  // Pages by seq.
  EXPECT_EQ(Seqs(*audit().Query({}, Page(2))), (std::vector<int64_t>{4, 3}));
  EXPECT_EQ(Seqs(*audit().Query({}, Page(2, 3))), (std::vector<int64_t>{2, 1}));
  EXPECT_EQ(Seqs(*audit().Query({}, Page(2, 0, 0, 1))), (std::vector<int64_t>{3, 2}));
}

// Appends from many threads and from two stores on one database (two nodes)
// make one chain: no seq twice, none skipped, each naming its predecessor.
TEST_P(AuditStoreContract, ConcurrentAppendsFromTwoNodesNeverFork) {
  auto second = OpenStore(t_->settings());
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  constexpr int kThreads = 4, kEach = 15;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      AuditStore& node = t % 2 == 0 ? audit() : (*second)->audit();
      for (int i = 0; i < kEach; ++i)
        EXPECT_TRUE(node.Append(Entry(t + 1, "account.role", std::to_string(i), 1000 + i)).ok());
    });
  for (auto& th : threads) th.join();
  auto chain = WholeChain(audit());
  ASSERT_EQ(chain.size(), static_cast<size_t>(kThreads * kEach));
  std::string prev;
  for (size_t i = 0; i < chain.size(); ++i) {
    EXPECT_EQ(chain[i].seq, static_cast<int64_t>(i + 1));
    EXPECT_EQ(chain[i].prev_hash, prev) << "entry " << chain[i].seq;
    EXPECT_EQ(chain[i].hash, AuditHash(chain[i]));
    prev = chain[i].hash;
  }
  EXPECT_EQ(audit().Head()->hash, prev);
  (*second)->Close();
}

// A change to an account can carry its audit entry into its own
// transaction; a change that finds no account writes none.
TEST_P(AuditStoreContract, AccountChangesAppendTheirEntryInTheirTransaction) {
  int64_t mia = NewAccount("mia");
  AuditEntry deactivated = Entry(1, "account.deactivate", std::to_string(mia), 1000);
  ASSERT_TRUE(accounts().Deactivate(mia, 1000, &deactivated).ok());
  EXPECT_EQ(deactivated.seq, 1);
  auto account = accounts().Get(mia);
  ASSERT_TRUE(account.ok());
  EXPECT_FALSE(account->active);
  account->role = kRoleModerator;
  AuditEntry role = Entry(1, "account.role", std::to_string(mia), 2000);
  ASSERT_TRUE(accounts().Update(*account, &role).ok());
  EXPECT_EQ(role.seq, 2);
  EXPECT_EQ(role.prev_hash, deactivated.hash);

  AuditEntry nobody = Entry(1, "account.deactivate", "424242", 3000);
  EXPECT_EQ(accounts().Deactivate(424242, 3000, &nobody).code(), Code::kNotFound);
  auto chain = WholeChain(audit());
  ASSERT_EQ(chain.size(), 2u);
  EXPECT_EQ(chain[1].action, "account.role");
}

}  // namespace
}  // namespace atrium
