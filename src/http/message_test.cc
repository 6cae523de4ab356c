#include "http/message.h"

#include <gtest/gtest.h>

#include <string>

namespace atrium::http {
namespace {

TEST(DecodeRequestTarget, SplitsThePathFromTheQueryAndDecodesThePathOnly) {
  std::string path, query;
  ASSERT_TRUE(DecodeRequestTarget("/a%20b+c/%C3%A9?x=%20&y=1", &path, &query));
  EXPECT_EQ(path, "/a b+c/\xc3\xa9");
  EXPECT_EQ(query, "x=%20&y=1");
  ASSERT_TRUE(DecodeRequestTarget("/", &path, &query));
  EXPECT_EQ(path, "/");
  EXPECT_EQ(query, "");
  ASSERT_TRUE(DecodeRequestTarget("/x%0Ay", &path, &query));
  EXPECT_EQ(path, "/x\ny");
}

TEST(DecodeRequestTarget, RefusesWhatIsNotAnOriginFormPath) {
  std::string path, query;
  for (const char* bad :
       {"", "*", "http://example.com/", "a/b", "/%", "/%4", "/%zz", "/%C3", "/%FF%FE"})
    EXPECT_FALSE(DecodeRequestTarget(bad, &path, &query)) << bad;
}

}  // namespace
}  // namespace atrium::http
