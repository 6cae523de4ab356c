// AuditLog::Verify over the store's chain, on every backend: an intact chain
// verifies; an entry edited, removed or rewritten in the database is named.
#include "social/audit_log.h"

#include <gtest/gtest.h>

#include <string>

#include "store/store_contract_test_fixture.h"

namespace atrium {
namespace {

class AuditLogTest : public StoreContract {
 protected:
  void SetUp() override {
    StoreContract::SetUp();
    if (IsSkipped()) return;
    log_ = std::make_unique<AuditLog>(store());
    for (int i = 1; i <= 4; ++i)
      ASSERT_TRUE(log_->Record({7, "ada", "req-" + std::to_string(i)}, "account.role", "account",
                               std::to_string(100 + i), R"({"role":"member"})",
                               R"({"role":"admin"})")
                      .ok());
  }

  AuditLog::Verification Verify() {
    auto v = log_->Verify();
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? *v : AuditLog::Verification{};
  }

  std::unique_ptr<AuditLog> log_;
};

INSTANTIATE_TEST_SUITE_P(Backends, AuditLogTest, ::testing::ValuesIn(TestBackends()),
                         TestBackendParamName());

TEST_P(AuditLogTest, AnIntactChainVerifies) {
  auto v = Verify();
  EXPECT_TRUE(v.ok()) << v.problem;
  EXPECT_EQ(v.checked, 4);
  EXPECT_EQ(v.bad_seq, 0);
}

TEST_P(AuditLogTest, AnEditedEntryIsNamed) {
  ExecDirectly("UPDATE audit_entries SET after_json = '{\"role\":\"member\"}' WHERE seq = 2");
  auto v = Verify();
  EXPECT_FALSE(v.ok());
  EXPECT_EQ(v.bad_seq, 2);
  EXPECT_NE(v.problem.find("entry 2 was altered"), std::string::npos) << v.problem;
}

TEST_P(AuditLogTest, ARemovedEntryIsNamed) {
  ExecDirectly("DELETE FROM audit_entries WHERE seq = 3");
  auto v = Verify();
  EXPECT_FALSE(v.ok());
  EXPECT_EQ(v.bad_seq, 3);
  EXPECT_NE(v.problem.find("entry 3 is missing"), std::string::npos) << v.problem;
}

TEST_P(AuditLogTest, TheNewestEntryRemovedIsNamed) {
  ExecDirectly("DELETE FROM audit_entries WHERE seq = 4");
  auto v = Verify();
  EXPECT_FALSE(v.ok());
  EXPECT_EQ(v.bad_seq, 4);
  EXPECT_NE(v.problem.find("entries 4 to 4 are missing"), std::string::npos) << v.problem;
}

// Rewriting an entry together with its hash breaks the link from the next.
TEST_P(AuditLogTest, AnEntryRewrittenWithItsHashIsNoticedByTheNext) {
  auto chain = store().audit().Chain(1, 1);
  ASSERT_TRUE(chain.ok());
  ASSERT_EQ(chain->size(), 1u);
  AuditEntry forged = (*chain)[0];
  forged.actor = "someone else";
  ExecDirectly("UPDATE audit_entries SET actor = 'someone else', hash = '" + AuditHash(forged) +
               "' WHERE seq = 2");
  auto v = Verify();
  EXPECT_FALSE(v.ok());
  EXPECT_EQ(v.bad_seq, 3);
  EXPECT_NE(v.problem.find("entry 3 does not chain to entry 2"), std::string::npos) << v.problem;
}

TEST_P(AuditLogTest, ExportKeepsTheTimeRangeInChainOrder) {
  auto all = store().audit().Chain(0, 10);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 4u);
  std::vector<int64_t> seen;
  ASSERT_TRUE(log_->Export(0, 0, [&](const AuditEntry& e) { seen.push_back(e.seq); }).ok());
  EXPECT_EQ(seen, (std::vector<int64_t>{1, 2, 3, 4}));
  auto count = [&](int64_t from, int64_t to) {
    int n = 0;
    EXPECT_TRUE(log_->Export(from, to, [&](const AuditEntry&) { ++n; }).ok());
    return n;
  };
  const int64_t first = (*all)[0].created_at, last = (*all)[3].created_at;
  EXPECT_EQ(count(first, last + 1), 4);
  EXPECT_EQ(count(last + 1, 0), 0);  // from is inclusive
  EXPECT_EQ(count(0, first), 0);     // to is exclusive
}

TEST(ParseAuditTime, ADateAsTheEndTakesInTheWholeDay) {
  EXPECT_EQ(ParseAuditTime("2026-12-06", false), 1796515200000);
  EXPECT_EQ(ParseAuditTime("2026-12-06", true), 1796515200000 + 86400000);
  EXPECT_EQ(ParseAuditTime("2026-12-06T10:00:00Z", true), 1796515200000 + 36000000);
  EXPECT_EQ(ParseAuditTime("2026-12-06T10:00:00.250Z", false), 1796515200000 + 36000250);
  EXPECT_FALSE(ParseAuditTime("2026-02-30", false));
  EXPECT_FALSE(ParseAuditTime("yesterday", false));
  EXPECT_FALSE(ParseAuditTime("2026-12-06T25:00:00Z", false));
  EXPECT_FALSE(ParseAuditTime("2026-12-06T10", false));
  EXPECT_EQ(ParseAuditTime("2026-12-06 10:00", false), 1796515200000 + 36000000);
}

}  // namespace
}  // namespace atrium
