// VisibilityPolicy's rules for people (CanSeeAccount, ProfileViewOf) and the
// helpers that apply them to lists and pages of people. Pure: viewers are
// built by hand.
#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "social/visibility_policy.h"

namespace atrium {
namespace {

// A viewer 1 who blocks 2 and is blocked by 3; 4 and 5 are strangers.
Viewer ViewerOne() {
  auto g = std::make_shared<GraphEntry>();
  g->account_id = 1;
  g->following = {4};
  g->blocking = {2};
  g->blocked_by = {3};
  g->muting = {5};
  return Viewer{1, g, nullptr};
}

TEST(CanSeeAccountTest, EveryoneButThoseEitherSideOfABlock) {
  const Viewer v = ViewerOne();
  EXPECT_TRUE(VisibilityPolicy::CanSeeAccount(v, 1));   // themselves
  EXPECT_FALSE(VisibilityPolicy::CanSeeAccount(v, 2));  // blocked by the viewer
  EXPECT_FALSE(VisibilityPolicy::CanSeeAccount(v, 3));  // blocks the viewer
  EXPECT_TRUE(VisibilityPolicy::CanSeeAccount(v, 4));   // followed
  EXPECT_TRUE(VisibilityPolicy::CanSeeAccount(v, 5));   // muted: muting is not visibility
  EXPECT_TRUE(VisibilityPolicy::CanSeeAccount(v, 6));   // a stranger
}

TEST(CanSeeAccountTest, AViewerWithoutAGraphSeesOnlyThemselves) {
  const Viewer v{7, nullptr, nullptr};
  EXPECT_TRUE(VisibilityPolicy::CanSeeAccount(v, 7));
  EXPECT_FALSE(VisibilityPolicy::CanSeeAccount(v, 8));
}

TEST(ProfileViewOfTest, OnlyTheOrgChartEitherSideOfABlock) {
  const Viewer v = ViewerOne();
  const struct {
    int64_t account_id;
    ProfileView expected;
    const char* who;
  } cases[] = {
      {1, ProfileView::kFull, "themselves"},
      {2, ProfileView::kOrgChart, "blocked by the viewer"},
      {3, ProfileView::kOrgChart, "blocks the viewer"},
      {4, ProfileView::kFull, "followed"},
      {5, ProfileView::kFull, "muted: muting is not a block"},
      {6, ProfileView::kFull, "a stranger"},
  };
  for (const auto& c : cases)
    EXPECT_EQ(VisibilityPolicy::ProfileViewOf(v, c.account_id), c.expected) << c.who;
}

TEST(ProfileViewOfTest, AViewerWithoutAGraphSeesOthersOnlyAsTheOrgChartDoes) {
  const Viewer v{7, nullptr, nullptr};
  EXPECT_EQ(VisibilityPolicy::ProfileViewOf(v, 7), ProfileView::kFull);
  EXPECT_EQ(VisibilityPolicy::ProfileViewOf(v, 8), ProfileView::kOrgChart);
}

TEST(CanSeeAccountTest, VisibleAccountsKeepsOrderAndDuplicates) {
  EXPECT_EQ(VisibilityPolicy::VisibleAccounts(ViewerOne(), {6, 2, 1, 3, 4, 6}),
            (std::vector<int64_t>{6, 1, 4, 6}));
  EXPECT_EQ(VisibilityPolicy::VisibleAccounts(ViewerOne(), {}), std::vector<int64_t>{});
}

TEST(CanSeeAccountTest, VisiblePeopleKeepsTheCursorsOfThePageAsRead) {
  // The first and last entries are hidden: the cursors still page on them.
  AccountPage page = VisibilityPolicy::VisiblePeople(
      ViewerOne(), {PageEntry{90, 2}, PageEntry{80, 4}, PageEntry{70, 5}, PageEntry{60, 3}});
  EXPECT_EQ(page.account_ids, (std::vector<int64_t>{4, 5}));
  EXPECT_EQ(page.first_cursor, 90);
  EXPECT_EQ(page.last_cursor, 60);

  AccountPage empty = VisibilityPolicy::VisiblePeople(ViewerOne(), {});
  EXPECT_TRUE(empty.account_ids.empty());
  EXPECT_EQ(empty.first_cursor, 0);
  EXPECT_EQ(empty.last_cursor, 0);
}

}  // namespace
}  // namespace atrium
