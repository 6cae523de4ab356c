// ParseCsv: RFC 4180 records, their lines, and malformed records reported.
#include "base/csv.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace atrium {
namespace {

TEST(Csv, QuotesDoubledQuotesCrlfAndBom) {
  auto csv = ParseCsv(
      "\xEF\xBB\xBFusername,title\r\nann,\"Chief, "
      "\"\"People\"\"\"\r\n\r\nben,\"two\nlines\"\ncat,\n");
  ASSERT_TRUE(csv.problems.empty());
  ASSERT_EQ(csv.records.size(), 4u);
  EXPECT_EQ(csv.records[0].fields, (std::vector<std::string>{"username", "title"}));
  EXPECT_EQ(csv.records[1].fields, (std::vector<std::string>{"ann", "Chief, \"People\""}));
  EXPECT_EQ(csv.records[2].line, 4);
  EXPECT_EQ(csv.records[2].fields, (std::vector<std::string>{"ben", "two\nlines"}));
  EXPECT_EQ(csv.records[3].line, 6);
  EXPECT_EQ(csv.records[3].fields, (std::vector<std::string>{"cat", ""}));
}

TEST(Csv, MalformedRecordsAreReportedByLine) {
  auto csv = ParseCsv("username,title\nann,a\"b\nben,\"x\"y\ncat,ok\ndan,\"open\n");
  ASSERT_EQ(csv.problems.size(), 3u);
  EXPECT_EQ(csv.problems[0].line, 2);
  EXPECT_EQ(csv.problems[1].line, 3);
  EXPECT_EQ(csv.problems[2].line, 5);
  EXPECT_NE(csv.problems[2].message.find("not closed"), std::string::npos);
  ASSERT_EQ(csv.records.size(), 2u);
  EXPECT_EQ(csv.records[1].fields[0], "cat");
}

}  // namespace
}  // namespace atrium
