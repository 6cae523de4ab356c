// The SQL text the store builds, exactly.
#include "store/sql/sql_util.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace atrium {
namespace {

using Ids = std::vector<int64_t>;

TEST(SqlBuilder, InListsArePaddedToAPowerOfTwo) {
  // Few statement shapes per query: 1, 2, 4, 8, … values.
  Ids three{7, 8, 9};
  sql::SqlBuilder q("SELECT 1 WHERE 7 IN ");
  q.AddInList(three);
  EXPECT_EQ(q.sql(), "SELECT 1 WHERE 7 IN (?,?,?,?)");
  std::vector<std::string> one{"a"};
  sql::SqlBuilder s("x IN ");
  s.AddInList(one);
  EXPECT_EQ(s.sql(), "x IN (?)");
  Ids five{1, 2, 3, 4, 5};
  sql::SqlBuilder f;
  f.AddInList(five);
  EXPECT_EQ(f.sql(), "(?,?,?,?,?,?,?,?)");
}

}  // namespace
}  // namespace atrium
