// The ReportStore contract, on every backend (see store/store_contract_test_fixture.h):
// the default rules and their edits, reports with their posts listed by
// state, person and community, resolving once (with the reporter's
// notification in the same transaction), removals kept, warnings and
// limits.
#include <gtest/gtest.h>

#include <algorithm>

#include "store/store_contract_test_fixture.h"

namespace atrium {
namespace {

class ReportStoreContract : public StoreContract {
 protected:
  ReportStore& reports() { return store().reports(); }
  ReportRecord Report(int64_t id, int64_t by, int64_t target, int64_t community,
                      std::vector<int64_t> statuses) {
    ReportRecord r;
    r.id = id;
    r.account_id = by;
    r.target_account_id = target;
    r.community_id = community;
    r.category = "other";
    r.created_at = r.updated_at = id;
    for (int64_t s : statuses) r.statuses.push_back({s});
    EXPECT_TRUE(reports().CreateReport(r, {}).ok());
    return r;
  }
  std::vector<int64_t> Listed(ReportQuery q) {
    auto list = reports().Reports(q, PageRequest{0, 0, 0, 50});
    EXPECT_TRUE(list.ok()) << list.status().ToString();
    std::vector<int64_t> ids;
    if (list.ok())
      for (const auto& r : *list) ids.push_back(r.id);
    return ids;
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, ReportStoreContract, ::testing::ValuesIn(TestBackends()),
                         TestBackendParamName());

TEST_P(ReportStoreContract, DefaultRulesAreEditedAndRemovedButKept) {
  auto rules = reports().Rules(false);
  ASSERT_TRUE(rules.ok());
  ASSERT_EQ(rules->size(), 5u);
  EXPECT_EQ(rules->front().id, 1);
  EXPECT_NE(rules->front().text.find("onfidential"), std::string::npos);
  RuleRecord added{900, "Credit your sources", "", 6, 1, 1, 0};
  ASSERT_TRUE(reports().CreateRule(added).ok());
  added.text = "Credit colleagues";
  ASSERT_TRUE(reports().UpdateRule(added).ok());
  ASSERT_TRUE(reports().DeleteRule(900, 5).ok());
  EXPECT_EQ(reports().DeleteRule(900, 6).code(), Code::kNotFound);
  EXPECT_EQ(reports().UpdateRule(added).code(), Code::kNotFound);
  EXPECT_EQ(reports().Rules(false)->size(), 5u);
  auto all = reports().Rules(true);
  ASSERT_EQ(all->size(), 6u);
  EXPECT_EQ(all->back().text, "Credit colleagues");
  EXPECT_EQ(all->back().deleted_at, 5);
}

TEST_P(ReportStoreContract, ReportsAreListedByStatePersonAndCommunity) {
  int64_t ann = NewAccount("ann"), ben = NewAccount("ben"), cat = NewAccount("cat");
  int64_t a = NewCommunity("alpha", CommunityType::kPublic, ann);
  int64_t b = NewCommunity("beta", CommunityType::kPublic, ann);
  int64_t p1 = Post(NewStatus(ben, Visibility::kPublic));
  int64_t p2 = Post(NewStatus(ben, Visibility::kPublic));
  Report(10, ann, ben, a, {p2, p1});
  Report(11, ann, ben, b, {});
  Report(12, cat, ben, 0, {});
  Report(13, ann, cat, a, {});
  EXPECT_EQ(Listed({}), (std::vector<int64_t>{13, 12, 11, 10}));
  EXPECT_EQ(Listed({false, 0, ben}), (std::vector<int64_t>{12, 11, 10}));
  EXPECT_EQ(Listed({false, cat, 0}), (std::vector<int64_t>{12}));
  EXPECT_EQ(Listed({false, 0, 0, false, {a}}), (std::vector<int64_t>{13, 10}));
  EXPECT_EQ(Listed({false, 0, 0, false, {}}), (std::vector<int64_t>{}));
  auto got = reports().GetReport(10);
  ASSERT_TRUE(got.ok());
  ASSERT_EQ(got->statuses.size(), 2u);
  EXPECT_EQ(got->statuses[0].status_id, std::min(p1, p2));
  EXPECT_EQ(reports().GetReport(99).status().code(), Code::kNotFound);

  NotificationRecord note;
  note.id = 500;
  note.account_id = ann;
  note.from_account_id = cat;
  note.type = "report_resolved";
  note.group_key = "ungrouped-500";
  note.created_at = 20;
  ASSERT_TRUE(*reports().SetResolved(10, cat, 20, &note));
  EXPECT_FALSE(*reports().SetResolved(10, cat, 21, nullptr)) << "resolved once";
  EXPECT_EQ(Listed({}), (std::vector<int64_t>{13, 12, 11}));
  EXPECT_EQ(Listed({true}), (std::vector<int64_t>{10}));
  EXPECT_EQ(reports().NoteRef(500)->report_id, 10);
  EXPECT_EQ(reports().GetReport(10)->action_taken_by, cat);
  ASSERT_TRUE(*reports().SetResolved(10, 0, 22, nullptr));
  EXPECT_EQ(reports().GetReport(10)->action_taken_at, 0);

  ASSERT_TRUE(reports().Assign(11, cat, 30).ok());
  EXPECT_EQ(reports().GetReport(11)->assigned_account_id, cat);
  ASSERT_TRUE(reports().MarkRemoved(10, {p1, 40, cat, "off-topic", "{\"text\":\"x\"}"}).ok());
  EXPECT_EQ(reports().MarkRemoved(11, {p1, 40, cat, "no", ""}).code(), Code::kNotFound);
  auto removed = reports().GetReport(10);
  auto it = std::find_if(removed->statuses.begin(), removed->statuses.end(),
                         [&](auto& s) { return s.status_id == p1; });
  ASSERT_NE(it, removed->statuses.end());
  EXPECT_EQ(it->removal_reason, "off-topic");
  EXPECT_EQ(it->record, "{\"text\":\"x\"}");
}

TEST_P(ReportStoreContract, WarningsAndLimits) {
  int64_t ann = NewAccount("ann"), ben = NewAccount("ben");
  EXPECT_EQ(reports().Limits(ben)->silenced_at, 0);
  AccountWarningRecord w{70, ben, "silence", "read-only for now", 0, ann, 5};
  NotificationRecord note;
  note.id = 600;
  note.account_id = ben;
  note.from_account_id = ann;
  note.type = "moderation_warning";
  note.group_key = "ungrouped-600";
  note.created_at = 5;
  AccountLimitsRecord limits{0, 5};
  ASSERT_TRUE(reports().AddWarning(w, &note, &limits).ok());
  EXPECT_EQ(reports().Limits(ben)->silenced_at, 5);
  EXPECT_EQ(reports().GetWarning(70)->text, "read-only for now");
  EXPECT_EQ(reports().NoteRef(600)->warning_id, 70);
  EXPECT_EQ(reports().NoteRef(601).status().code(), Code::kNotFound);
  ASSERT_TRUE(reports().SetLimits(ben, {7, 0}).ok());
  EXPECT_EQ(reports().Limits(ben)->silenced_at, 0);
  EXPECT_EQ(reports().Limits(ben)->sensitized_at, 7);
}

}  // namespace
}  // namespace atrium
